// "Scan Git History for Keys" in a real VS Code: a generated repository, the view grouped by masked key, and a
// commit's version of the file opened read-only at the line.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { HistoryScanSummary } from '../../src/vscode/features/history';
import { activate, ui, waitFor } from './util';

const UUID = '3f6d2c1a-9b7e-4c2d-8e5f-a1b2c3d4e5f6';
const LIVE = 'rg_live_Q7mZ2xK9pL4vN8wR3tY6';

function makeRepo(): { dir: string; added: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-history-'));
  let t = 1_700_000_000;
  const git = (...args: string[]) => {
    const date = `${t} +0000`;
    return execFileSync('git', args, { cwd: dir, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.com', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } }).toString().trim();
  };
  const commit = (msg: string, files: Record<string, string>) => {
    for (const [rel, c] of Object.entries(files)) { fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true }); fs.writeFileSync(path.join(dir, rel), c); }
    t++;
    git('add', '-A'); git('commit', '-q', '--no-verify', '-m', msg);
    return git('rev-parse', 'HEAD');
  };
  git('init', '-q', '--initial-branch=main');
  commit('start', { 'README.md': '# demo\n' });
  const added = commit('client', { 'src/client.ts': `import { get } from './http';\n\nconst ringgKey = "${UUID}";\nexport const agents = () => get('/agent/all', ringgKey);\n` });
  commit('env instead', { 'src/client.ts': `import { get } from './http';\n\nconst ringgKey = process.env.RINGG_API_KEY;\nexport const agents = () => get('/agent/all', ringgKey);\n` });
  for (let i = 1; i <= 3; i++) { commit(`deploy ${i}`, { 'deploy.env': `RINGYO_API_KEY=${LIVE}  # ${i}\n` }); }
  return { dir, added };
}

describe('git history scan (in a real VS Code extension host)', () => {
  before(async () => { await activate(); });
  after(async () => {
    await vscode.commands.executeCommand(Commands.clearGitHistory);   // later tests read the side bar's rows
    if (ui.available) {
      await vscode.commands.executeCommand('workbench.view.extension.ringKeys');
      await waitFor('the history rows gone', async () => !(await ui.texts('.pane-body .monaco-list-row')).join('\n').includes('…e5f6'));
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  it('lists each key once with the commits that added it, and opens a commit\'s version read-only at the line', async function () {
    this.timeout(120_000);
    const { dir, added } = makeRepo();
    const summary = await vscode.commands.executeCommand<HistoryScanSummary>(Commands.scanGitHistory, vscode.Uri.file(dir));
    assert.deepStrictEqual([summary.keys, summary.commits, summary.cancelled, summary.error], [2, 6, false, undefined]);
    const ringg = summary.reports!.find(r => r.masked === '…e5f6')!;
    assert.deepStrictEqual([ringg.first.commit, ringg.first.path, ringg.first.line, ringg.commits, ringg.inWorkingTree], [added, 'src/client.ts', 3, 1, false]);

    if (ui.available) {
      // what a person sees in the view: masked keys, commit counts, whether the key is still in the files
      await waitFor('the history view', async () => (await ui.texts('.pane-body .monaco-list-row')).join('\n').includes('…e5f6'));
      const rows = (await ui.texts('.pane-body .monaco-list-row')).join('\n');
      assert.match(rows, /…e5f6\s+Ringg AI API key\s*1 commit · only in history/);
      assert.match(rows, /…3tY6\s+Ringyo AI live key\s*3 commits · still in the working tree/);
      assert.match(rows, new RegExp(`${added.slice(0, 8)}\\s+src/client\\.ts:3`));
      assert.ok(!rows.includes(UUID) && !rows.includes(LIVE), 'keys are masked in the view');
      await ui.screenshot('git-history-view');
      await ui.click(`.pane-body .monaco-list-row:has-text("${added.slice(0, 8)}")`);
    } else {
      await vscode.commands.executeCommand(Commands.openHistoryCommit, { kind: 'commit', report: ringg, occurrence: ringg.first });
    }
    const editor = await waitFor('the old version opened', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.scheme === 'ring-keys-git' ? e : undefined;
    });
    assert.strictEqual(editor.document.uri.path, '/src/client.ts');
    assert.strictEqual(editor.selection.active.line, 2, 'the cursor is on the line that added the key');
    assert.ok(editor.document.lineAt(2).text.includes(UUID), 'the commit\'s version, not the working tree\'s');
    assert.ok(!fs.readFileSync(path.join(dir, 'src', 'client.ts'), 'utf8').includes(UUID));
    if (ui.available) {
      // read-only: typing into it changes nothing
      const before = editor.document.getText();
      await ui.type('typed');
      await waitFor('the read-only notice', async () => (await ui.texts('.monaco-editor .monaco-editor-overlaymessage, .notification-list-item')).join(' ').includes('read-only'), 5000).catch(() => undefined);
      assert.strictEqual(editor.document.getText(), before);
      assert.strictEqual(editor.document.isDirty, false);
      await ui.screenshot('git-history-open-commit');
    }
  });

  it('says why when the folder is not a repository, instead of reporting nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-norepo-'));
    const summary = await vscode.commands.executeCommand<HistoryScanSummary>(Commands.scanGitHistory, vscode.Uri.file(dir));
    assert.strictEqual(summary.keys, 0);
    assert.match(summary.error ?? '', /not in a git repository/);
  });
});
