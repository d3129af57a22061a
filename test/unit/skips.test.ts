// The VS Code tier's skip policy (test/vscode/skips.ts): a test may skip only for a reason its own file lists.
// Judged on its own, then through a real mocha run of two test files, as test/vscode/index.ts runs the tier.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { describeSkips, judgeSkips, runChecked } from '../vscode/skips';
import { tmpTree } from './support';

describe('VS Code tier: skips must name a reason their file lists', () => {
  const lists = new Map([['/t/a.vscode.test.js', new Set(['desktop VS Code'])], ['/t/b.vscode.test.js', new Set(['git is not installed'])]]);

  it('counts a skip whose reason its file lists, by reason', () => {
    const v = judgeSkips([
      { file: '/t/a.vscode.test.js', title: 'one', reason: 'desktop VS Code' },
      { file: '/t/a.vscode.test.js', title: 'two', reason: 'desktop VS Code' },
      { file: '/t/b.vscode.test.js', title: 'three', reason: 'git is not installed' },
    ], lists);
    assert.deepStrictEqual(v.problems, []);
    assert.deepStrictEqual([...v.byReason], [['desktop VS Code', 2], ['git is not installed', 1]]);
    assert.strictEqual(describeSkips(3, v.byReason), '3 skipped (desktop VS Code ×2; git is not installed ×1)');
  });

  it('refuses a reason another file lists, a reason no file lists, no reason, and a file that lists nothing', () => {
    const v = judgeSkips([
      { file: '/t/a.vscode.test.js', title: 'borrowed', reason: 'git is not installed' },
      { file: '/t/a.vscode.test.js', title: 'made up', reason: 'flaky today' },
      { file: '/t/b.vscode.test.js', title: 'bare' },
      { file: '/t/c.vscode.test.js', title: 'unlisted file', reason: 'desktop VS Code' },
    ], lists);
    assert.strictEqual(v.problems.length, 4, v.problems.join('\n'));
    assert.match(v.problems[0], /"borrowed" \(a\.vscode\.test\.js\) skipped because "git is not installed", a reason a\.vscode\.test\.js does not list/);
    assert.match(v.problems[2], /"bare" \(b\.vscode\.test\.js\) skipped without a reason/);
    assert.deepStrictEqual([...v.byReason], []);
  });

  it('a real mocha run: a hook\'s listed skip passes; this.skip(), it.skip and a borrowed reason each fail the run', async () => {
    const skips = JSON.stringify(path.join(__dirname, '..', 'vscode', 'skips.js'));
    const dir = tmpTree({
      'a.vscode.test.js': `const { allowSkips, skipBecause } = require(${skips});
const SKIPS = allowSkips(__filename, { desktop: 'desktop VS Code: no UI bridge' });
describe('needs the workbench', function () {
  before(function () { skipBecause(this, SKIPS.desktop); });
  it('one', () => {});
  describe('nested', () => { it('two', () => {}); });
});
describe('a', () => {
  it('runs', () => {});
  it('skips bare', function () { this.skip(); });
  it.skip('is marked skip', () => {});
  it('borrows a reason from b', function () { skipBecause(this, 'git is not installed'); });
});`,
      'b.vscode.test.js': `const { allowSkips, skipBecause } = require(${skips});
const SKIPS = allowSkips(__filename, { noGit: 'git is not installed' });
it('needs git', function () { skipBecause(this, SKIPS.noGit); });`,
    });
    try {
      const mocha = new Mocha({ reporter: Mocha.reporters.Base });   // prints nothing: the run's result is the assertion
      for (const f of ['a.vscode.test.js', 'b.vscode.test.js']) { mocha.addFile(path.join(dir, f)); }
      const run = await runChecked(mocha);
      assert.strictEqual(run.passes, 1);
      assert.strictEqual(run.failures, 0, 'a skip is not a failure to mocha: only the policy catches it');
      assert.strictEqual(run.skips.length, 6);
      assert.deepStrictEqual([...run.verdict.byReason].sort(), [['desktop VS Code: no UI bridge', 2], ['git is not installed', 1]]);
      assert.deepStrictEqual(run.verdict.problems.map(p => p.replace(/ \(.*/, '')).sort(),
        ['"a borrows a reason from b"', '"a is marked skip"', '"a skips bare"']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
