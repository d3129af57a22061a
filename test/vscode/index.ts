// extensionTestsPath: the extension host require()s this and calls run(); a rejection makes VS Code
// exit with 1. Runs every *.vscode.test.js next to it with mocha's spec reporter.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const grep = process.env.RING_KEYS_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.vscode.test.js')) { mocha.addFile(path.join(__dirname, f)); }
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run(failures => {
      const s = runner.stats ?? { passes: 0, failures, pending: 0 };
      const results = process.env.RING_KEYS_TEST_RESULTS;
      if (results) {
        fs.writeFileSync(results, JSON.stringify({ passed: s.passes, failed: s.failures, pending: s.pending, node: process.version }));
      }
      if (failures > 0) { reject(new Error(`${failures} VS Code test(s) failed`)); } else { resolve(); }
    });
  });
}
