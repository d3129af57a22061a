// Git's idea of which files count, in the editor: a file git tracks gets diagnostics even when .gitignore
// matches it (an untracked ignored one does not), and the workspace scan says what it skipped and why.
import * as assert from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, DIAGNOSTIC_SOURCE } from '../../src/constants';
import type { WorkspaceScanSummary } from '../../src/vscode/features/diagnostics/workspaceScan';
import { activate, waitFor, writeInWorkspace } from './util';
import { allowSkips, skipBecause } from './skips';

const SKIPS = allowSkips(__filename, { noGit: 'git is not installed' });

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter(d => d.source === DIAGNOSTIC_SOURCE);
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root(), encoding: 'utf8' });

describe('which files count, as git sees them (in a real VS Code extension host)', function () {
  const made: string[] = [];
  before(async function () {
    if (spawnSync('git', ['--version']).status !== 0) { skipBecause(this, SKIPS.noGit); }
    await activate();
    // the fixture workspace becomes a repository: ignored/ stays ignored, one file in it is tracked anyway
    const write = (rel: string, text: string) => writeInWorkspace(made, rel, text);
    write('ignored/tracked.env', 'RINGYO_API_KEY=rg_live_Tr4ckedDesp1teIgn0reX\n');
    write('ignored/untracked.env', 'RINGYO_API_KEY=rg_live_Untr4ckedAndIgn0redY\n');
    write('assets/logo.bin', '\u0000PNG rg_live_B1naryNeverScann3dZZ\n');
    git('init', '-q');
    git('add', '-f', 'ignored/tracked.env');
    // the .gitignore watcher is how the extension learns that git's answer may have changed
    fs.appendFileSync(path.join(root(), '.gitignore'), '\n');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(path.join(root(), '.git'), { recursive: true, force: true });
    for (const rel of made) { fs.rmSync(path.join(root(), rel), { force: true }); }
    fs.rmSync(path.join(root(), 'assets'), { recursive: true, force: true });
    const gi = path.join(root(), '.gitignore');
    fs.writeFileSync(gi, fs.readFileSync(gi, 'utf8').replace(/\n+$/, '\n'));
  });

  it('a tracked file that .gitignore matches gets diagnostics; an untracked ignored one does not', async () => {
    // the untracked one opened first: by the time the tracked one (opened after it) has its diagnostic, the
    // extension has had as long to decide about the untracked one (a condition to wait on, not a pause)
    const untracked = await vscode.workspace.openTextDocument(path.join(root(), 'ignored', 'untracked.env'));
    await vscode.window.showTextDocument(untracked, { preview: false });
    const tracked = await vscode.workspace.openTextDocument(path.join(root(), 'ignored', 'tracked.env'));
    await vscode.window.showTextDocument(tracked, { preview: false });
    const d = await waitFor('a diagnostic on the tracked file', () => { const x = ours(tracked.uri); return x.length === 1 && x; });
    assert.strictEqual(tracked.getText(d[0].range).slice(0, 8), 'rg_live_');
    assert.deepStrictEqual(ours(untracked.uri), [], 'git ignores it and does not track it');
  });

  it('Scan Workspace for Keys scans the tracked one too, and says how many files it skipped and why', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const summary = await vscode.commands.executeCommand<WorkspaceScanSummary>(Commands.scanWorkspace);
    assert.strictEqual(summary.cancelled, false);
    assert.strictEqual(ours(vscode.Uri.file(path.join(root(), 'ignored', 'tracked.env'))).length, 1);
    assert.deepStrictEqual(ours(vscode.Uri.file(path.join(root(), 'ignored', 'untracked.env'))), []);
    assert.deepStrictEqual(ours(vscode.Uri.file(path.join(root(), 'assets', 'logo.bin'))), []);
    assert.ok(summary.skipped.ignored >= 1, `ignored: ${JSON.stringify(summary.skipped)}`);
    assert.strictEqual(summary.skipped.binary, 1, JSON.stringify(summary.skipped));
  });
});
