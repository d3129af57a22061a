// A folder's own settings must never redirect a stored key, trusted or not; in Restricted Mode (workspace trust
// on, the folder not trusted: runTest.ts's restricted session) Ring Keys works as its manifest says.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { Commands, DIAGNOSTIC_SOURCE, EXTENSION_ID } from '../../src/constants';
import { activate, addKeyThroughUi, clearNotifications, NO_UI_BRIDGE, removeAllKeysThroughUi, runEnv, sandbox, ui, waitFor, writeInWorkspace } from './util';
import { allowSkips, skipBecause } from './skips';

const SKIPS = allowSkips(__filename, {
  desktop: NO_UI_BRIDGE,
  restrictedOnly: 'runs only in the Restricted Mode session (workspace trust on, the folder not trusted)',
});

/** A server on loopback that records whatever reaches it (a folder's settings point a base URL at it). */
async function evilServer(): Promise<{ server: http.Server; url: string; stolen: string[] }> {
  const stolen: string[] = [];
  const server = http.createServer((req, res) => { stolen.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)}`); res.end('{"workspace_info":{"name":"evil"}}'); });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ca/api/v0`, stolen };
}

describe('workspace settings cannot redirect a key', function () {
  let evil: Awaited<ReturnType<typeof evilServer>>;
  let settingsFile: vscode.Uri;

  before(async function () {
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    runEnv('RING_KEYS_SANDBOX');
    await activate();
    evil = await evilServer();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    settingsFile = vscode.Uri.joinPath(folder, '.vscode', 'settings.json');
    await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify({ 'ringKeys.ringg.baseUrl': evil.url }, null, 2)));
  });
  after(async () => {
    evil?.server.close();
    if (settingsFile) { await vscode.workspace.fs.delete(settingsFile).then(undefined, () => undefined); }
  });

  it('a .vscode/settings.json base URL is ignored: the key goes to the user\'s configured host only', async () => {
    await sandbox.reset();
    const key = (await sandbox.state()).ringgKey;
    const id = await addKeyThroughUi('Ringg AI', `Trust check ${Date.now()}`, key);
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.strictEqual(await vscode.commands.executeCommand(Commands.verifyKey, id), 'valid');
    assert.deepStrictEqual(evil.stolen, [], 'nothing reached the folder\'s server');
    assert.ok((await sandbox.state()).requests.includes('GET /ca/api/v0/workspace'), 'the configured (sandbox) host got the request');
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});

// Runs in the Restricted Mode session of runTest.ts: the stand-in started with --enable-workspace-trust and
// security.workspace.trust.enabled, so this folder opens untrusted. The manifest declares limited support
// (capabilities.untrustedWorkspaces); what it promises is checked here, where VS Code enforces trust.
describe('Restricted Mode: Ring Keys in an untrusted folder [untrusted]', function () {
  this.timeout(120_000);
  let evil: Awaited<ReturnType<typeof evilServer>>;
  let settingsFile: vscode.Uri;

  before(async function () {
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    if (vscode.workspace.isTrusted) { skipBecause(this, SKIPS.restrictedOnly); }
    runEnv('RING_KEYS_SANDBOX');
    await activate();
    evil = await evilServer();
    settingsFile = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.vscode', 'settings.json');
    // the folder asks for what a hostile repository would: its own host for the key, and automatic key checks
    // (and, to know VS Code has read the file, a setting that is not restricted: VS Code hides restricted ones)
    await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify({ 'ringKeys.ringg.baseUrl': evil.url, 'ringKeys.leaks.checkAutomatically': true,
      'ringKeys.diagnostics.baselineFile': 'untrusted-baseline.json' }, null, 2)));
    await waitFor('VS Code to read the folder\'s settings', () => vscode.workspace.getConfiguration().inspect('ringKeys.diagnostics.baselineFile')?.workspaceValue === 'untrusted-baseline.json');
  });
  after(async () => {
    evil?.server.close();
    if (settingsFile) { await vscode.workspace.fs.delete(settingsFile).then(undefined, () => undefined); }
    if (evil) { await removeAllKeysThroughUi(); }
  });

  it('the run has workspace trust on and this folder untrusted; the manifest declares limited support with the key-routing settings restricted', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the folder is not trusted');
    assert.strictEqual(vscode.workspace.getConfiguration('security.workspace.trust').get('enabled'), true, 'workspace trust is enabled');
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } } };
    assert.strictEqual(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    for (const s of ['ringKeys.ringg.baseUrl', 'ringKeys.ringyo.baseUrl', 'ringKeys.ringtonic.baseUrl', 'ringKeys.leaks.checkAutomatically']) {
      assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(s), `${s} is restricted`);
    }
    // VS Code applies the declaration: the folder's values of restricted settings are not used
    const config = vscode.workspace.getConfiguration();
    assert.strictEqual(config.get('ringKeys.leaks.checkAutomatically'), false, 'the folder cannot turn on automatic key checks');
    assert.notStrictEqual(config.get('ringKeys.ringg.baseUrl'), evil.url, 'the folder cannot choose the host');
    assert.strictEqual(config.get('ringKeys.diagnostics.baselineFile'), 'untrusted-baseline.json', 'a setting that is not restricted still applies');
  });

  it('a stored key is verified against neither the folder\'s host nor the user\'s own base URL (ignored until the folder is trusted)', async () => {
    await sandbox.reset();
    const id = await addKeyThroughUi('Ringg AI', `Untrusted verify ${Date.now()}`, (await sandbox.state()).ringgKey);
    await clearNotifications();
    // the user's machine setting points at the sandbox; untrusted, the key may only go to Ringg's own origin
    const state = await vscode.commands.executeCommand<string>(Commands.verifyKey, id);
    await clearNotifications();
    assert.notStrictEqual(state, 'valid', 'the sandbox (the user\'s base URL) answered: the setting was not ignored');
    assert.deepStrictEqual(evil.stolen, [], 'nothing reached the folder\'s server');
    assert.ok(!(await sandbox.state()).requests.some(r => r.includes('/workspace')), 'nothing reached the user\'s base URL either');
  });

  it('leak diagnostics keep working in the untrusted folder', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'leaks', 'settings.py');
    await vscode.window.showTextDocument(uri);
    await waitFor('a Ring Keys finding in leaks/settings.py', () => vscode.languages.getDiagnostics(uri).some(d => d.source === DIAGNOSTIC_SOURCE));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

// Runs in the Restricted Mode session: a folder the user has not trusted makes git run its programs through its
// own .git/config (core.fsmonitor runs on every command that reads the index). Ring Keys starts no git there.
describe('Restricted Mode runs no git [untrusted]', function () {
  this.timeout(120_000);
  const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
  let markers = '';
  const made: string[] = [];

  before(async function () {
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    if (vscode.workspace.isTrusted) { skipBecause(this, SKIPS.restrictedOnly); }
    await activate();
    markers = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-restricted-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root(), stdio: 'pipe' });
    const write = (rel: string, text: string) => writeInWorkspace(made, rel, text);
    // the repository of the reproduction: everything ignored, one file tracked anyway, a key committed
    write('restricted/ignored-but-tracked.py', 'RINGYO_API_KEY = "rg_live_Restr1ctedM0deN0G1tX"\n');
    write('restricted/.gitignore', '*\n');
    git('init', '-q');
    git('add', '-f', 'restricted/ignored-but-tracked.py', 'restricted/.gitignore');
    git('commit', '-q', '-m', 'key');
    git('config', 'core.fsmonitor', `touch '${path.join(markers, 'fsmonitor')}'; false`);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await clearNotifications();
    fs.rmSync(path.join(root(), '.git'), { recursive: true, force: true });
    fs.rmSync(path.join(root(), 'restricted'), { recursive: true, force: true });
  });

  it('opening a file, scanning the workspace and asking for the git history start no git; the history says why', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(root(), 'restricted', 'ignored-but-tracked.py'));
    await vscode.window.showTextDocument(doc, { preview: false });
    // an ignored file counts as untracked without git: diagnostics are computed (and empty) for it
    const plain = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'leaks', 'settings.py'));
    await vscode.window.showTextDocument(plain, { preview: false });
    await waitFor('a Ring Keys finding in leaks/settings.py (the diagnostics ran)', () => vscode.languages.getDiagnostics(plain.uri).some(d => d.source === DIAGNOSTIC_SOURCE));
    const scan = await vscode.commands.executeCommand<{ files: number }>(Commands.scanWorkspace);
    assert.ok(scan && scan.files > 0, 'the workspace scan ran over the folder without git');
    const history = await vscode.commands.executeCommand<{ error?: string; commits: number }>(Commands.scanGitHistory, vscode.workspace.workspaceFolders![0].uri);
    assert.strictEqual(history.commits, 0);
    assert.match(history.error ?? '', /Restricted Mode/, 'the history scan says why it did not run');
    await vscode.commands.executeCommand('notifications.showList');
    await waitFor('a notification saying Restricted Mode runs no git, with Manage Workspace Trust', async () =>
      (await ui.texts('.notifications-center .notification-list-item')).some(t => /Restricted Mode/.test(t) && /Manage Workspace Trust/.test(t)));
    await ui.screenshot('restricted mode: no git history scan');
    assert.deepStrictEqual(fs.readdirSync(markers), [], 'a git process ran the folder\'s core.fsmonitor');
  });
});
