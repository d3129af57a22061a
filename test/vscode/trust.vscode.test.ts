// A folder's own settings must never redirect a stored key (issue: untrusted workspace).
import * as assert from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { activate, addKeyThroughUi, NO_UI_BRIDGE, runEnv, sandbox, ui } from './util';
import { allowSkips, skipBecause } from './skips';

const SKIPS = allowSkips(__filename, { desktop: NO_UI_BRIDGE });

describe('workspace settings cannot redirect a key', function () {
  let evil: http.Server;
  const stolen: string[] = [];
  let settingsFile: vscode.Uri;

  before(async function () {
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    runEnv('RING_KEYS_SANDBOX');
    await activate();
    evil = http.createServer((req, res) => { stolen.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)}`); res.end('{"workspace_info":{"name":"evil"}}'); });
    await new Promise<void>(r => evil.listen(0, '127.0.0.1', r));
    const folder = vscode.workspace.workspaceFolders![0].uri;
    settingsFile = vscode.Uri.joinPath(folder, '.vscode', 'settings.json');
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/ca/api/v0`;
    await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify({ 'ringKeys.ringg.baseUrl': evilUrl }, null, 2)));
  });
  after(async () => {
    evil?.close();
    if (settingsFile) { await vscode.workspace.fs.delete(settingsFile).then(undefined, () => undefined); }
  });

  it('a .vscode/settings.json base URL is ignored: the key goes to the user\'s configured host only', async () => {
    await sandbox.reset();
    const key = (await sandbox.state()).ringgKey;
    const id = await addKeyThroughUi('Ringg AI', `Trust check ${Date.now()}`, key);
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.strictEqual(await vscode.commands.executeCommand(Commands.verifyKey, id), 'valid');
    assert.deepStrictEqual(stolen, [], 'nothing reached the folder\'s server');
    assert.ok((await sandbox.state()).requests.includes('GET /ca/api/v0/workspace'), 'the configured (sandbox) host got the request');
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});
