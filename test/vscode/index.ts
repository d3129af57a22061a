// extensionTestsPath: the extension host require()s this and calls run(); a rejection makes VS Code
// exit with 1. Runs every *.vscode.test.js next to it with mocha's spec reporter. A test may skip only for a
// reason its own file lists (skips.ts): any other skip fails the run; the skips are counted by reason.
//
// Every top-level suite starts from the known state (reset.ts): a hook placed before the suite's own hooks
// resets the window, except for the session's first suite (a fresh window already is that state), and a hook
// placed first among its after hooks resets it again when a test or hook of the suite failed. A failed suite's
// key, setting, editor or terminal is gone before the next suite begins.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { rememberInitialSettings, resetWindow } from './reset';
import { describeSkips, runChecked } from './skips';
import { extensionLog, pendingWaits, ui } from './util';

/** Tests titled with one of these run only in their own session of runTest.ts. */
const SESSION_TAGS = '\\[(untrusted|reload|modal|pseudo|isolation)\\]';

/** The top-level suite a test or hook belongs to. */
function topSuite(r: Mocha.Runnable | Mocha.Suite): Mocha.Suite | undefined {
  let s = r instanceof Mocha.Suite ? r : r.parent;
  while (s?.parent && !s.parent.root) { s = s.parent; }
  return s && !s.root ? s : undefined;
}

/** Installs the reset around each top-level suite and the failure aids around each test. */
function isolate(mocha: Mocha): (runner: Mocha.Runner) => void {
  const failed = new Set<Mocha.Suite>();
  let first = true;
  const reset = async (why: string) => {
    const undone = await resetWindow();
    if (undone.length) { console.log(`      (reset ${why}: ${undone.join(', ')})`); }
  };
  mocha.suite.on(Mocha.Suite.constants.EVENT_SUITE_ADD_SUITE, (suite: Mocha.Suite) => {
    // registered as the suite is created, before its own describe body adds hooks: these run first
    suite.beforeAll('reset to the known state', async function () {
      this.timeout(300_000);
      if (first) { first = false; return; }
      await reset('before the suite');
    });
    suite.afterAll('reset after a failure', async function () {
      this.timeout(300_000);
      if (failed.has(suite)) { await reset('after a failure'); }
    });
  });
  // at the moment a test fails: a screenshot of the workbench, and what its waits were still waiting for
  // (a mocha timeout says only how long)
  let began = 0;
  mocha.suite.beforeEach(() => { began = Date.now(); });
  mocha.suite.afterEach(async function () {
    const test = this.currentTest;
    if (test?.state !== 'failed') { return; }
    const waiting = pendingWaits();
    if (waiting.length && test.err) { test.err.message += ` (still waiting for ${waiting.join('; ')})`; }
    if (ui.available) { await ui.screenshot(`FAILED ${test.fullTitle()}`.slice(0, 120)).catch(() => undefined); }
    // and what the extension logged during the test (its lines never hold a key): the log CI keeps says what happened
    const log = extensionLog(40, began);
    if (log.length) { console.log(`  the extension's last log lines:\n${log.map(l => `    ${l}`).join('\n')}`); }
  });
  return runner => {
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (r: Mocha.Runnable) => { const s = topSuite(r); if (s) { failed.add(s); } });
  };
}

export async function run(): Promise<void> {
  // Unfiltered (the main session), the tests that belong to the other sessions of runTest.ts are left out
  // rather than loaded to skip, so every skip the run prints is one a person should look at.
  const grep = process.env.RING_KEYS_TEST_GREP || SESSION_TAGS;
  // a test's own limit is larger than one wait's (util.WAIT_MS), so a slow step fails naming what it waited for
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 180_000, reporter: 'spec', grep, invert: grep === SESSION_TAGS });
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.vscode.test.js')) { mocha.addFile(path.join(__dirname, f)); }
  }
  rememberInitialSettings();
  // each failure's title and message, read after the run (the afterEach above adds to a message)
  const failedTests: Array<{ r: Mocha.Runnable; err: unknown }> = [];
  const watch = isolate(mocha);
  const { passes, failures, skips, verdict } = await runChecked(mocha, runner => {
    watch(runner);
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (r: Mocha.Runnable, err: unknown) => { failedTests.push({ r, err }); });
  });
  console.log(`\n${describeSkips(skips.length, verdict.byReason)}`);
  for (const p of verdict.problems) { console.error(`not allowed: ${p}`); }
  const failed = failures + verdict.problems.length;
  const results = process.env.RING_KEYS_TEST_RESULTS;
  if (results) {
    fs.writeFileSync(results, JSON.stringify({ passed: passes, failed, pending: skips.length,
      failures: failedTests.map(({ r, err }) => ({ title: r.fullTitle(), message: err instanceof Error ? err.message : String(err) })),
      skipReasons: Object.fromEntries(verdict.byReason), badSkips: verdict.problems, node: process.version }));
  }
  if (failures > 0) { throw new Error(`${failures} VS Code test(s) failed`); }
  if (verdict.problems.length) { throw new Error(`${verdict.problems.length} VS Code test(s) skipped for a reason their file does not list`); }
}
