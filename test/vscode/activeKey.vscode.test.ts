// The key a program gets is the key the user last chose for it, checked where it matters: a program started in
// a new integrated terminal reports a SHA-256 of RINGYO_API_KEY after each step (add a key, add one the provider
// rejects, move a key found in a file). And Open Terminal with Key: its own key, a tab and hover that name it,
// no "relaunch" warning when the keys change afterwards; an ordinary terminal's details name the profile once.
import * as assert from 'node:assert';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { RingKeysApi } from '../../src/extension';
import { codeActions, ours } from './leakFlow';
import { Probe, sha } from './probe';
import { allowSkips, skipBecause } from './skips';
import { activate, addKeyThroughUi, answer, clearNotifications, dialogText, NO_UI_BRIDGE, runEnv, sandbox, ui, waitFor } from './util';

const SKIPS = allowSkips(__filename, { desktop: NO_UI_BRIDGE });

describe('the key a program gets follows what the user chose', function () {
  this.timeout(240_000);
  let api: RingKeysApi;
  let probe: Probe;
  let keys: { test: string; live: string; bogus: string };
  const ids: Record<string, string> = {};
  const file = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'active-key-move.py');

  before(async function () {
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    runEnv('RING_KEYS_SANDBOX');
    api = await activate();
    await sandbox.reset();
    const state = await sandbox.state();
    // a key of the right form that the sandbox does not know: Ringyo rejects it
    keys = { test: state.keys.ringyoTest, live: state.keys.ringyoLive, bogus: `rg_live_${randomBytes(12).toString('hex')}` };
    probe = new Probe();
  });

  after(async () => {
    if (!probe) { return; }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const t of vscode.window.terminals) { t.dispose(); }
    await vscode.workspace.fs.delete(file()).then(undefined, () => undefined);
    await vscode.workspace.getConfiguration().update('terminal.integrated.tabs.hideCondition', undefined, vscode.ConfigurationTarget.Global);
    probe.dispose();
    await sandbox.reset();
  });

  it('add a key, add a rejected one, move a found key: each time a terminal program gets the expected key', async () => {
    ids.test = await addKeyThroughUi('Ringyo AI', 'Ringyo Test', keys.test);
    await waitFor('the key verified', async () => /"Ringyo Test" \(…\w{4}\) is valid/.test(await dialogText()));
    await clearNotifications();
    assert.strictEqual((await probe.terminal()).RINGYO_API_KEY, sha(keys.test), 'the first key of a provider is the one programs get');

    ids.bogus = await addKeyThroughUi('Ringyo AI', 'Bogus', keys.bogus);
    await waitFor('the rejection recorded', () => api.profiles().find(p => p.id === ids.bogus)?.lastState === 'rejected');
    await clearNotifications();
    assert.strictEqual((await probe.terminal()).RINGYO_API_KEY, sha(keys.test), 'a rejected key never becomes the one programs get');

    // a live key hard-coded in a file, moved with the preferred quick fix: the program keeps exactly that key
    await vscode.workspace.fs.writeFile(file(), Buffer.from(`import requests\nRINGYO_KEY = "${keys.live}"\nrequests.get("https://api.ringyo.ai/v1/agents", headers={"Authorization": f"Bearer {RINGYO_KEY}"})\n`));
    const doc = await vscode.workspace.openTextDocument(file());
    await vscode.window.showTextDocument(doc);
    const [d] = await waitFor('the key flagged', () => { const x = ours(file()); return x.length > 0 && x; });
    const move = (await codeActions(file(), d)).find(a => a.command?.command === Commands.moveKeyToSecretStorage);
    assert.ok(move, 'Move to SecretStorage is offered');
    const moving = vscode.commands.executeCommand<boolean>(move.command!.command, ...(move.command!.arguments ?? []));
    // another working key is active: the user is asked, never switched silently
    await waitFor('the question', async () => /The code will read RINGYO_API_KEY\. Make the moved key/.test(await dialogText()));
    await answer('Make', 'The code will read');
    await moving;
    await waitFor('the literal replaced', () => !doc.getText().includes(keys.live));
    await waitFor('the notice', async () => /RINGYO_API_KEY is now set in new terminals, tasks and debug sessions \(from "/.test(await dialogText()));
    await clearNotifications();
    assert.strictEqual((await probe.terminal()).RINGYO_API_KEY, sha(keys.live), 'after the move, programs get the moved key');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Open Terminal with Key: its own key, a tab and hover naming it, and no relaunch warning when the keys change', async () => {
    await vscode.workspace.getConfiguration().update('terminal.integrated.tabs.hideCondition', 'never', vscode.ConfigurationTarget.Global);
    const profile = api.profiles().find(p => p.id === ids.test)!;
    const opened = new Promise<vscode.Terminal>(resolve => { const x = vscode.window.onDidOpenTerminal(t => { x.dispose(); resolve(t); }); });
    assert.strictEqual(await vscode.commands.executeCommand(Commands.openTerminalWithKey, ids.test), 'RINGYO_API_KEY');
    const terminal = await opened;
    assert.strictEqual(terminal.name, `Ringyo Test ${profile.tail}`);
    assert.strictEqual((await probe.terminal(terminal, true)).RINGYO_API_KEY, sha(keys.test), 'the chosen (inactive) key');
    assert.strictEqual((await probe.terminal()).RINGYO_API_KEY, sha(keys.live), 'an ordinary terminal still gets the active key');
    // the keys change after it started (Ringyo Test becomes the active key): VS Code must not ask to relaunch it
    await vscode.commands.executeCommand(Commands.switchKey, ids.test);
    await waitFor('the switch applied', () => api.environment().description.includes('"Ringyo Test"'));
    assert.strictEqual((await probe.terminal()).RINGYO_API_KEY, sha(keys.test), 'the switch reached new terminals');
    terminal.show();
    // (the list may keep rows of closed terminals, hidden: the one that shows)
    const tab = '.terminal-tabs-entry:has-text("Ringyo Test")';
    const hoverText = async () => (await ui.texts('.workbench-hover, .monaco-hover')).join('\n');
    // points at `selector` until its hover says `ok` (again every 3 s, as a person moves the mouse off and back)
    const hoverOver = (selector: string, what: string, ok: (t: string) => boolean) => {
      let at = 0;
      return waitFor(what, async () => {
        const t = await hoverText();
        if (ok(t)) { return t; }
        if (Date.now() - at > 3000) { at = Date.now(); await ui.hover('.part.statusbar'); await ui.hover(selector); }
        return undefined;
      });
    };
    const hover = await hoverOver(`${tab} >> visible=true`, 'the tab\'s hover', t => t.includes(`Ringyo Test ${profile.tail}`) && /Process ID/.test(t));
    await ui.screenshot('open-terminal-with-key-hover');
    assert.ok(!/relaunch/i.test(hover), `no relaunch warning: ${hover}`);
    assert.strictEqual(await ui.count(`${tab} .codicon-warning`), 0, 'no warning icon on its tab');

    // an ordinary terminal: with details shown, its hover names the extension once, then variable, profile and tail
    const plain = vscode.window.createTerminal({ name: 'plain' });
    plain.show();
    const plainTab = '.terminal-tabs-entry:has-text("plain") >> visible=true';
    // the hover can close while the pointer travels to its link (a busy runner): point and click again until it took
    await waitFor('a click on the hover\'s Show Details', async () => {
      await hoverOver(plainTab, 'the hover\'s Show Details', t => t.includes('Show Details') || /RINGYO_API_KEY ←/.test(t));
      if (/RINGYO_API_KEY ←/.test(await hoverText())) { return true; }
      return ui.click(':is(.workbench-hover, .monaco-hover) >> text=Show Details').then(() => true, () => undefined);
    });
    await ui.hover('.part.statusbar');
    const details = await hoverOver(plainTab, 'the details', t => /RINGYO_API_KEY ←/.test(t));
    await ui.screenshot('terminal-hover-details');
    assert.match(details, /Ring Keys: RINGYO_API_KEY ← Ringyo AI "Ringyo Test" \(…\w{4}\)/);
    assert.ok(!/Ring Keys:\s*Ring Keys:/.test(details), `the extension is named once: ${details}`);
    assert.ok(!details.includes(keys.test) && !details.includes(keys.live), 'no value in the hover');
    await ui.click(':is(.workbench-hover, .monaco-hover) >> text=Hide Details').catch(() => undefined);
    plain.dispose();
    terminal.dispose();
  });
});
