// `npm run screenshots`: regenerates the pictures of the README and docs/ from the VS Code tier.
//   1. runs the VS Code tier (bundle, compile the tests, tools/test.mjs vscode), whose tests drive the real
//      workbench and save screenshots under artifacts/screenshots/
//   2. copies the fixed list below into docs/images/ (committed), failing with a clear message if any is missing
// The pictures are taken by the tests that check what they show, so they stay true as the UI changes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FROM = path.join(ROOT, 'artifacts', 'screenshots');
const TO = path.join(ROOT, 'docs', 'images');

// name → the test that takes it (test/vscode/…)
export const PICTURES = {
  'status-bar-menu.png': 'keys.vscode.test.ts: the status bar menu lists the key actions',
  'workspace-info.png': 'keys.vscode.test.ts: Show Workspace Info',
  'sidebar-keys.png': 'keys.vscode.test.ts: the Keys view lists providers and profiles',
  'walkthrough.png': 'walkthrough.vscode.test.ts: Get Started walkthrough',
  'diagnostics-hover.png': 'diagnostics.vscode.test.ts: a squiggle whose hover names the rule',
  'diagnostics-quick-fixes.png': 'diagnostics.vscode.test.ts: the quick-fix menu',
  'request-tester-dark.png': 'tester.vscode.test.ts: follows the theme (dark)',
  'request-tester-light.png': 'tester.vscode.test.ts: follows the theme (light)',
  'leak-verdict-hover.png': 'leaks.vscode.test.ts: the verdict in the hover of a leaked key',
  'leak-rotate-summary.png': 'leaks.vscode.test.ts: the summary after rotating a leaked key',
  'terminal-env.png': 'env.vscode.test.ts: a terminal shows the variables are set, never their values',
};

function run(cmd, args) {
  console.log(`\n> ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status ?? 1;
}

const skipRun = process.argv.includes('--copy-only');   // copy what the last VS Code tier run saved
let testsFailed = false;
if (!skipRun) {
  for (const [cmd, args] of [['npm', ['run', 'build']], ['npm', ['run', 'compile-tests']]]) {
    if (run(cmd, args) !== 0) { console.error(`screenshots: \`${cmd} ${args.join(' ')}\` failed`); process.exit(1); }
  }
  testsFailed = run(process.execPath, [path.join('tools', 'test.mjs'), 'vscode']) !== 0;
}

const missing = Object.keys(PICTURES).filter(name => !fs.existsSync(path.join(FROM, name)));
if (missing.length) {
  console.error(`\nscreenshots: missing from artifacts/screenshots/ — nothing was copied:`);
  for (const name of missing) { console.error(`  ${name}  (taken by ${PICTURES[name]})`); }
  console.error(testsFailed
    ? 'The VS Code tier failed (see above); a failing test takes no picture. Fix it and run `npm run screenshots` again.'
    : 'The VS Code tier took no such picture: were its tests skipped (no UI bridge, e.g. RING_KEYS_DESKTOP=1)?');
  process.exit(1);
}
if (testsFailed) {
  console.error('\nscreenshots: the VS Code tier failed (see above); docs/images/ was left as it was.');
  process.exit(1);
}

fs.mkdirSync(TO, { recursive: true });
for (const name of Object.keys(PICTURES)) {
  fs.copyFileSync(path.join(FROM, name), path.join(TO, name));
  console.log(`docs/images/${name}`);
}
console.log(`\nscreenshots: ${Object.keys(PICTURES).length} pictures copied to docs/images/`);
