// VS Code's Local History keeps every saved version of a file under <user data>/User/History. A key saved in a
// file is still there after the quick fix took it out of the file: Ring Keys says where and, when asked,
// deletes those versions with VS Code's own command.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { historyFolderName } from '../../src/vscode/features/leaks/localHistory';
import { codeActions, ours } from './leakFlow';
import { allowSkips, skipBecause } from './skips';
import { activate, answer, clearNotifications, dialogText, NO_UI_BRIDGE, runEnv, ui, waitFor } from './util';

const SKIPS = allowSkips(__filename, { desktop: NO_UI_BRIDGE });

/** Every file under the user data's Local History that holds `key`, read from the disk. */
function historyHolding(userData: string, key: string): string[] {
  const home = path.join(userData, 'User', 'History');
  if (!fs.existsSync(home)) { return []; }
  return fs.readdirSync(home, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile())
    .map(e => path.join(e.parentPath, e.name))
    .filter(f => fs.readFileSync(f).includes(key));
}

describe('Local History after the quick fix', () => {
  it('a saved key stays in Local History; Ring Keys names the folder, and "Delete from Local History" leaves no version holding it', async function () {
    this.timeout(120_000);
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    await activate();
    const userData = runEnv('RING_KEYS_USER_DATA_DIR');
    const key = 'rg_live_H1st0ryQ9mZ2xL7pWk4v';
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'history-leak.py');
    await vscode.workspace.fs.writeFile(file, Buffer.from('TIMEOUT_S = 30\n'));
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(file, new vscode.Position(0, 0), `RINGYO_KEY = "${key}"\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await doc.save());

    // the positive control: VS Code copied the saved file, key and all, into Local History
    const held = await waitFor('a Local History version holding the key', () => { const h = historyHolding(userData, key); return h.length > 0 && h; });
    const folder = path.dirname(held[0]);
    const listed = await waitFor('the folder\'s entries.json', () => fs.existsSync(path.join(folder, 'entries.json'))
      && JSON.parse(fs.readFileSync(path.join(folder, 'entries.json'), 'utf8')) as { resource: string });
    assert.strictEqual(path.basename(folder), historyFolderName(listed.resource), 'the folder is named by VS Code\'s hash of the resource');

    const [d] = await waitFor('the key flagged', () => { const x = ours(file); return x.length > 0 && x; });
    const fix = (await codeActions(file, d)).find(f => f.command?.command === Commands.moveKeyToSecretStorage);
    assert.ok(fix, 'the quick fix is offered');
    await vscode.commands.executeCommand(fix.command!.command, ...(fix.command!.arguments ?? []));
    await waitFor('the literal replaced', () => !doc.getText().includes(key));
    const offer = await waitFor('the Local History offer', async () => { const t = await dialogText(); return /Local History still holds the key/.test(t) && t; });
    assert.ok(offer.includes(folder), `the message names ${folder}: ${offer}`);
    assert.ok(!offer.includes(key), 'the message shows the key masked');

    await answer('Delete from Local History', 'Local History');
    await waitFor('no Local History version holding the key', () => historyHolding(userData, key).length === 0);
    assert.ok(await doc.save());
    await clearNotifications();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(file);
  });
});
