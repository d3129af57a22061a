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
import { gitUri } from '../../src/vscode/features/history/gitContent';
import { newRinggWorkspace, sandboxRinggKey } from './leakFlow';
import { allowSkips, skipBecause } from './skips';
import { activate, answer, clearNotifications, dialogText, NO_UI_BRIDGE, notYet, runEnv, sandbox, ui, waitFor } from './util';

const SKIPS = allowSkips(__filename, { desktop: NO_UI_BRIDGE });

const UUID = '3f6d2c1a-9b7e-4c2d-8e5f-a1b2c3d4e5f6';
const LIVE = 'rg_live_Q7mZ2xK9pL4vN8wR3tY6';
/** The history view's body and rows only (the Keys view above it in the same sidebar has rows too). */
const HISTORY_PANE = '.pane:has(.pane-header:has-text("Keys in Git History")) .pane-body';
const HISTORY_ROWS = `${HISTORY_PANE} .monaco-list-row`;

function gitRepo(): { dir: string; commit: (msg: string, files: Record<string, string>) => string } {
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
  return { dir, commit };
}

function makeRepo(): { dir: string; added: string } {
  const { dir, commit } = gitRepo();
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
      await waitFor('the history rows gone', async () => !(await ui.texts(HISTORY_ROWS)).join('\n').includes('…e5f6'));
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
      // what a person sees in the view: short rows (the key masked, the file and line), the rest in the description
      await waitFor('the history view', async () => (await ui.texts(HISTORY_ROWS)).join('\n').includes('…e5f6'));
      // the view's message counts in the words its numbers take
      assert.match((await ui.texts(HISTORY_PANE)).join('\n'), /2 keys in 6 commits of ring-keys-history-/);
      const rows = (await ui.texts(HISTORY_ROWS)).join('\n');
      assert.match(rows, /…e5f6\s*Ringg AI · 1 commit\n/);
      assert.match(rows, /…3tY6\s*Ringyo AI · 3 commits · in files/);
      assert.match(rows, new RegExp(`client\\.ts:3\\s*${added.slice(0, 7)} · \\d{4}-\\d{2}-\\d{2}`));
      assert.ok(!rows.includes(UUID) && !rows.includes(LIVE), 'keys are masked in the view');
      // the view is tall enough for every row (the list renders only the rows that show), and none is cut off
      assert.strictEqual(await ui.count(HISTORY_ROWS), 6, 'two keys and their four commits show');
      const cut = (await ui.clipped(`${HISTORY_ROWS} .monaco-icon-label-container`)).filter(r => r.clipped);
      assert.deepStrictEqual(cut.map(r => r.text), [], 'no row is cut off');
      await ui.screenshot('git-history-view');
      await ui.click(`${HISTORY_ROWS}:has-text("client.ts:3")`);
    } else {
      await vscode.commands.executeCommand(Commands.openHistoryCommit, { kind: 'commit', report: ringg, occurrence: ringg.first,
        uri: gitUri({ root: execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir }).toString().trim(), commit: ringg.first.commit, path: ringg.first.path, time: ringg.first.time }).toString(),
        line: ringg.first.line - 1, character: ringg.first.column - 1, rule: ringg.rule });
    }
    const editor = await waitFor('the old version opened', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.scheme === 'ring-keys-git' ? e : undefined;
    });
    // titled with the file, the commit, its date and read-only; still the file's language
    const title = `client.ts @ ${added.slice(0, 7)} (${new Date(ringg.first.time * 1000).toISOString().slice(0, 10)}, read-only)`;
    assert.strictEqual(editor.document.uri.path, `/src/${title}`);
    assert.strictEqual(editor.document.languageId, 'typescript');
    assert.strictEqual(editor.selection.active.line, 2, 'the cursor is on the line that added the key');
    assert.ok(editor.document.lineAt(2).text.includes(UUID), 'the commit\'s version, not the working tree\'s');
    assert.ok(!fs.readFileSync(path.join(dir, 'src', 'client.ts'), 'utf8').includes(UUID));
    if (ui.available) {
      assert.ok((await ui.texts('.tabs-container .tab.active')).join().includes(title), 'the tab shows the title');
      // read-only: typing into it changes nothing
      const before = editor.document.getText();
      await ui.type('typed');
      await waitFor('the read-only notice', async () => (await ui.texts('.monaco-editor .monaco-editor-overlaymessage, .notification-list-item')).join(' ').includes('read-only'), 5000).catch(() => undefined);
      assert.strictEqual(editor.document.getText(), before);
      assert.strictEqual(editor.document.isDirty, false);
      await ui.screenshot('git-history-open-commit');
    }
  });

  it('a commit row\'s context menu: Check Whether This Key Works and Rotate This Leaked Key (the flows of a key in a file), Copy Commit Id', async function () {
    this.timeout(240_000);
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    runEnv('RING_KEYS_SANDBOX');
    await sandbox.reset();
    const live = await newRinggWorkspace('History Clinic');
    const { dir, commit } = gitRepo();
    commit('start', { 'README.md': '# demo\n' });
    const added = commit('config', { 'app/config.py': `import os\nRINGG_API_KEY = "${live}"\n` });
    commit('from the environment', { 'app/config.py': 'import os\nRINGG_API_KEY = os.environ["RINGG_API_KEY"]\n' });
    const summary = await vscode.commands.executeCommand<HistoryScanSummary>(Commands.scanGitHistory, vscode.Uri.file(dir));
    assert.strictEqual(summary.keys, 1);
    await clearNotifications();
    const row = `${HISTORY_ROWS}:has-text("config.py:2")`;
    await waitFor('the commit row', async () => (await ui.count(row)) > 0);
    assert.match((await ui.texts(HISTORY_PANE)).join('\n'), /1 key in 3 commits of ring-keys-history-/, 'one key, not "1 keys"');
    const menu = '.context-view .monaco-menu .action-item:not(.disabled) .action-label';
    const openMenu = async () => {
      await ui.contextClick(row);
      return waitFor('the context menu', async () => { const t = (await ui.texts(menu)).map(x => x.trim()).filter(Boolean); return t.includes('Copy Commit Id') && t; });
    };
    assert.deepStrictEqual(await openMenu(), ['Check Whether This Key Works', 'Rotate This Leaked Key', 'Copy Commit Id']);
    await ui.screenshot('git-history-context-menu');
    await ui.press('Escape');
    // An item is chosen with the keyboard, as a person can: arrows to it, then Enter. A mouse click on an item
    // right after the menu appeared was lost now and then (on a quiet machine as on a busy one: the menu ignored
    // it and closed), and nothing ran. Should nothing happen within 20 s all the same, the person clears what
    // shows and chooses again. A wait that still ends says what showed last.
    const choose = (what: string, item: string, done: (shown: string) => boolean | Promise<boolean>) => {
      let chosen = 0;
      return waitFor(what, async () => {
        const shown = await dialogText();
        if (await done(shown)) { return true; }
        if (Date.now() - chosen > 20_000) {
          if (chosen) { await clearNotifications(); }
          chosen = Date.now();
          const items = await openMenu();
          for (let i = 0; i <= items.indexOf(item); i++) { await ui.press('ArrowDown'); }
          await ui.press('Enter');
        }
        throw notYet(shown);
      }, 120_000);
    };
    await choose('the commit id on the clipboard', 'Copy Commit Id', async () => (await vscode.env.clipboard.readText()) === added);

    // the live check of the key as that commit has it: the same verdict as for a key in a file
    await choose('the verdict', 'Check Whether This Key Works',
      shown => new RegExp(`…${live.slice(-4)}: Live: this key works now \\(workspace "History Clinic"`).test(shown));
    await ui.screenshot('git-history-check');
    await clearNotifications();

    // the rotation: the key is in no file of the workspace, so the flow goes straight to its confirmation
    await choose('the confirmation naming the workspace', 'Rotate This Leaked Key', shown => /Rotate the leaked Ringg AI key …\w{4} of workspace "History Clinic"/.test(shown));
    await answer('Rotate Key', 'Rotate the leaked Ringg AI key');
    await waitFor('the summary', async () => /Rotated the leaked key/.test(await dialogText()));
    const now = await sandboxRinggKey('History Clinic');
    assert.ok(now && now !== live, 'the sandbox workspace has a new key');
    const api = await activate();
    assert.ok(api.profiles().some(p => p.name === 'History Clinic' && p.tail === `…${now.slice(-4)}`), 'the new key is stored under the workspace\'s name');
    await clearNotifications();
  });

  it('says why when the folder is not a repository, instead of reporting nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-norepo-'));
    const summary = await vscode.commands.executeCommand<HistoryScanSummary>(Commands.scanGitHistory, vscode.Uri.file(dir));
    assert.strictEqual(summary.keys, 0);
    assert.match(summary.error ?? '', /not in a git repository/);
  });
});
