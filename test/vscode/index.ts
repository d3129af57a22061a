// extensionTestsPath: the extension host require()s this and calls run(); a rejection makes VS Code
// exit with 1. Runs every *.vscode.test.js next to it with mocha's spec reporter. A test may skip only for a
// reason its own file lists (skips.ts): any other skip fails the run; the skips are counted by reason.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { describeSkips, runChecked } from './skips';

/** Tests titled with one of these run only in their own session of runTest.ts. */
const SESSION_TAGS = '\\[(untrusted|reload|modal|pseudo)\\]';

export async function run(): Promise<void> {
  // Unfiltered (the main session), the tests that belong to the other sessions of runTest.ts are left out
  // rather than loaded to skip, so every skip the run prints is one a person should look at.
  const grep = process.env.RING_KEYS_TEST_GREP || SESSION_TAGS;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', grep, invert: grep === SESSION_TAGS });
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.vscode.test.js')) { mocha.addFile(path.join(__dirname, f)); }
  }
  const { passes, failures, skips, verdict } = await runChecked(mocha);
  console.log(`\n${describeSkips(skips.length, verdict.byReason)}`);
  for (const p of verdict.problems) { console.error(`not allowed: ${p}`); }
  const failed = failures + verdict.problems.length;
  const results = process.env.RING_KEYS_TEST_RESULTS;
  if (results) {
    fs.writeFileSync(results, JSON.stringify({ passed: passes, failed, pending: skips.length,
      skipReasons: Object.fromEntries(verdict.byReason), badSkips: verdict.problems, node: process.version }));
  }
  if (failures > 0) { throw new Error(`${failures} VS Code test(s) failed`); }
  if (verdict.problems.length) { throw new Error(`${verdict.problems.length} VS Code test(s) skipped for a reason their file does not list`); }
}
