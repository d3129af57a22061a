// The whole Ringg flow for a leaked key, in a real VS Code: the same live key in two files → check → rotate →
// both files read the environment variable, the old key answers 401, the new key is in SecretStorage and
// verifies, the findings are gone.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { RingKeysApi } from '../../src/extension';
import { driveLeakFlow, newRinggWorkspace, ours, sandboxRinggKey } from './leakFlow';
import { activate, NO_UI_BRIDGE, removeAllKeysThroughUi, runEnv, sandbox, ui, waitFor } from './util';
import { allowSkips, skipBecause } from './skips';

const SKIPS = allowSkips(__filename, { desktop: NO_UI_BRIDGE });

describe('a leaked key: check whether it works, then rotate it in one flow', function () {
  this.timeout(240_000);
  let api: RingKeysApi;
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  const files = () => ({ ts: vscode.Uri.joinPath(folder(), 'leaky-client.ts'), py: vscode.Uri.joinPath(folder(), 'leaky_job.py') });

  before(async function () {
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    runEnv('RING_KEYS_SANDBOX');
    api = await activate();
    await sandbox.reset();
  });

  after(async () => {
    if (!ui.available || !sandbox.origin) { return; }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of Object.values(files())) { await vscode.workspace.fs.delete(f).then(undefined, () => undefined); }
    await removeAllKeysThroughUi();
    await vscode.commands.executeCommand('notifications.clearAll');
    await sandbox.reset();
  });

  it('Ringg: the same live key in two files → check → rotate → both files read RINGG_API_KEY, the old key is dead, the new one stored and verified', async () => {
    const leaked = await newRinggWorkspace('Clinic Workspace');
    const r = await driveLeakFlow(files(), leaked, 'Clinic Workspace', { hover: 'leak-verdict-hover', summary: 'leak-rotate-summary' });
    assert.strictEqual(r.result, 'rotated');
    // the diagnostics said so, masked, and the hover offered both links
    assert.ok(r.checkedMessages.every(m => m.includes(`…${leaked.slice(-4)}`) && !m.includes(leaked)));
    assert.match(r.hover, /\*\*Live\*\* _\(checked /);
    assert.match(r.hover, /command:ringKeys\.checkFoundKey\?/);
    assert.match(r.hover, /command:ringKeys\.rotateFoundKey\?/);
    assert.ok(!r.hover.includes(leaked), 'the hover never holds the key (its links carry the place, not the key)');
    const listed = r.listed.join('\n');
    assert.match(listed, new RegExp(`leaky-client\\.ts:${r.lines.ts + 1}`));
    assert.match(listed, new RegExp(`leaky_job\\.py:${r.lines.py + 1}`));
    assert.ok(!listed.includes(leaked), 'the occurrences are listed with the key masked');
    assert.match(r.summary, /Rotated the leaked key …\w{4} of "Clinic Workspace": the new key …\w{4} is in SecretStorage as "Clinic Workspace" \(verified: 1,000 credits available\)\. 2 occurrence\(s\) in 2 file\(s\) now read RINGG_API_KEY\. Ringg rejects the old key \(401\)\./);

    // both files read the environment variable, on disk
    const ts = fs.readFileSync(files().ts.fsPath, 'utf8');
    const py = fs.readFileSync(files().py.fsPath, 'utf8');
    assert.ok(!ts.includes(leaked) && !py.includes(leaked), 'no file holds the old key');
    assert.match(ts, /^ {2}headers: \{ 'X-API-KEY': process\.env\.RINGG_API_KEY \},$/m);
    assert.match(py, /^import os$/m);
    assert.match(py, /^RINGG_API_KEY = os\.environ\["RINGG_API_KEY"\]$/m);

    // the old key answers 401; the new key is the one the workspace accepts, stored and verifying
    const old = await fetch(`${sandbox.origin}/ca/api/v0/workspace`, { headers: { 'X-API-KEY': leaked } });
    assert.strictEqual(old.status, 401);
    const current = await sandboxRinggKey('Clinic Workspace');
    assert.ok(current && current !== leaked);
    const profile = api.profiles().find(p => p.name === 'Clinic Workspace');
    assert.ok(profile, `a profile holds the new key: ${JSON.stringify(api.profiles())}`);
    assert.strictEqual(profile.tail, `…${current.slice(-4)}`);
    assert.strictEqual(await vscode.commands.executeCommand(Commands.verifyKey, profile.id), 'valid');

    // the findings are gone
    await waitFor('no finding left in either file', () => ours(files().ts).length === 0 && ours(files().py).length === 0);
  });
});
