// Keys reach the programs a user runs: a probe program started in a new integrated terminal, in tasks
// (shell and process) and in a Node debug session (js-debug) reports a SHA-256 of each variable it received
// (never the value), compared with a SHA-256 of the stored key.
import * as assert from 'node:assert';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { Commands, DIAGNOSTIC_SOURCE, Settings } from '../../src/constants';
import type { RingKeysApi } from '../../src/extension';
import { Probe, sha } from './probe';
import { activate, addKeyThroughUi, answer, clearNotifications, dialogText, NO_UI_BRIDGE, removeAllKeysThroughUi, removeKeyThroughUi, runEnv, sandbox, ui, waitFor } from './util';
import { allowSkips, skipBecause } from './skips';

const SKIPS = allowSkips(__filename, {
  desktop: NO_UI_BRIDGE,
  restrictedOnly: 'runs only in the Restricted Mode session (workspace trust on, the folder not trusted)',
});

describe('keys in terminals, tasks and debug sessions', function () {
  this.timeout(240_000);
  let api: RingKeysApi;
  let probe: Probe;
  let keys: { ringg: string; ringyoTest: string; other: string };
  const ids: Record<string, string> = {};

  before(async function () {
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    runEnv('RING_KEYS_SANDBOX');
    assert.ok(vscode.workspace.isTrusted, 'the main and reload sessions open a trusted folder');
    api = await activate();
    await sandbox.reset();
    const state = await sandbox.state();
    keys = { ringg: state.ringgKey, ringyoTest: state.keys.ringyoTest, other: randomUUID() };
    probe = new Probe();
  });

  after(async () => {
    if (!probe) { return; }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllKeysThroughUi();
    await vscode.workspace.getConfiguration().update(Settings.environmentEnable, undefined, vscode.ConfigurationTarget.Global);
    for (const t of vscode.window.terminals) { t.dispose(); }
    probe.dispose();
    await sandbox.reset();
  });

  it('with no key stored, a terminal gets none of the variables', async () => {
    assert.deepStrictEqual(api.profiles(), []);
    const seen = await probe.terminal();
    assert.deepStrictEqual([seen.RINGG_API_KEY, seen.RINGYO_API_KEY, seen.RINGTONIC_API_KEY], [null, null, null]);
  });

  it('a Ringg and a Ringyo key: a terminal, a shell task, a process task and a Node debug session get both', async () => {
    ids.a = await addKeyThroughUi('Ringg AI', 'Env A', keys.ringg);
    ids.ringyo = await addKeyThroughUi('Ringyo AI', 'Env Ringyo', keys.ringyoTest);
    await clearNotifications();
    await waitFor('both variables applied', () => api.environment().names.join() === 'RINGG_API_KEY,RINGYO_API_KEY');
    const expected = { RINGG_API_KEY: sha(keys.ringg), RINGYO_API_KEY: sha(keys.ringyoTest), RINGTONIC_API_KEY: null, VOICE_KEY: null };
    assert.deepStrictEqual(await probe.terminal(), expected, 'terminal');
    assert.deepStrictEqual(await probe.task('shell'), expected, 'shell task');
    assert.deepStrictEqual(await probe.task('process'), expected, 'process task');
    assert.deepStrictEqual(await probe.debug(), expected, 'Node debug session');
    // the environment indicator names profile and masked tail, never the value
    const description = api.environment().description;
    assert.match(description, /RINGG_API_KEY ← Ringg AI "Env A" \(…/);
    assert.ok(!description.includes(keys.ringg) && !description.includes(keys.ringyoTest));
  });

  it('a terminal shows the variables are set, never their values (screenshot for the README)', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.ringKeys');
    // xterm's DOM renderer, so the test can read what the terminal shows
    await vscode.workspace.getConfiguration().update('terminal.integrated.gpuAcceleration', 'off', vscode.ConfigurationTarget.Global);
    const terminal = vscode.window.createTerminal({ name: 'bash' });
    terminal.show();
    const rows = async () => (await ui.texts('.terminal-wrapper .xterm-rows')).join('\n');
    terminal.sendText(`PS1='$ '; clear`);   // a prompt without this machine's user, host and path
    await waitFor('the short prompt', async () => /^\$\s*$/.test((await rows()).trim()));
    terminal.sendText('printenv | cut -d= -f1 | grep _API_KEY');
    terminal.sendText('echo "RINGG_API_KEY: ${#RINGG_API_KEY} characters"');
    await waitFor('the output', async () => /RINGG_API_KEY:\s+36\s+characters/.test(await rows()));
    const shown = await rows();
    assert.ok(!shown.includes(keys.ringg) && !shown.includes(keys.ringyoTest), 'no value on screen');
    await ui.screenshot('terminal-env');
    // the terminal's "Show Environment Contributions" (its tab's hover) names the profile and masked tail
    // (the command acts on the active terminal and does nothing while there is none yet: a busy runner may
    // still be focusing it, so it is asked again every 5 s until the list opens)
    let asked = 0;
    const contributions = await waitFor('VS Code\'s Show Environment Contributions to open a list that names the profile "Env A"', async () => {
      const text = vscode.window.activeTextEditor?.document.getText();
      // (VS Code names the extension before our description: its display name, or its id where it has none)
      if (text && /Ringg AI "Env A"/.test(text)) { return text; }
      if (Date.now() - asked > 5000) {
        asked = Date.now();
        terminal.show();
        await vscode.commands.executeCommand('workbench.action.terminal.showEnvironmentContributions');
      }
      return undefined;
    });
    assert.match(contributions, /Ringg AI "Env A" \(…[0-9a-f]{4}\)/);
    // VS Code's own list also shows each variable's value (the user asked to see it): reported, not ours to change
    console.log(`    Show Environment Contributions (VS Code's) ${contributions.includes(keys.ringg) ? 'shows' : 'does not show'} the values`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    terminal.dispose();
    await vscode.workspace.getConfiguration().update('terminal.integrated.gpuAcceleration', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  it('after adding a second Ringg key and switching between the two, new programs get the active one', async () => {
    ids.b = await addKeyThroughUi('Ringg AI', 'Env B', keys.other);
    await clearNotifications();
    // only a provider's first key becomes active by itself: programs keep A until the user chooses B
    assert.strictEqual((await probe.terminal()).RINGG_API_KEY, sha(keys.ringg), 'adding a second key leaves the active one');
    await vscode.commands.executeCommand(Commands.switchKey, ids.b);
    await waitFor('B applied', () => api.environment().description.includes('"Env B"'));
    assert.strictEqual((await probe.terminal()).RINGG_API_KEY, sha(keys.other), 'the chosen key is its provider\'s active one');
    await vscode.commands.executeCommand(Commands.switchKey, ids.a);
    await waitFor('A applied', () => api.environment().description.includes('"Env A"'));
    const seen = await probe.terminal();
    assert.strictEqual(seen.RINGG_API_KEY, sha(keys.ringg), 'terminal after Switch');
    assert.strictEqual(seen.RINGYO_API_KEY, sha(keys.ringyoTest), 'switching Ringg left the Ringyo key alone');
    assert.strictEqual((await probe.task('shell')).RINGG_API_KEY, sha(keys.ringg), 'task after Switch');
    assert.strictEqual((await probe.debug()).RINGG_API_KEY, sha(keys.ringg), 'debug session after Switch');
  });

  it('a launch that sets the variable itself keeps its value; "ringKeys": false gets no key', async () => {
    const own = await probe.debug({ env: { RINGG_API_KEY: 'my-own-value' } });
    assert.strictEqual(own.RINGG_API_KEY, sha('my-own-value'));
    assert.strictEqual(own.RINGYO_API_KEY, sha(keys.ringyoTest), 'the variables it does not set are still added');
    const out = await probe.debug({ ringKeys: false });
    assert.deepStrictEqual([out.RINGG_API_KEY, out.RINGYO_API_KEY], [null, null]);
  });

  it('Open Terminal with Key: that terminal has the chosen key, the active key is unchanged', async () => {
    const opened = new Promise<vscode.Terminal>(resolve => { const d = vscode.window.onDidOpenTerminal(t => { d.dispose(); resolve(t); }); });
    assert.strictEqual(await vscode.commands.executeCommand(Commands.openTerminalWithKey, ids.b), 'RINGG_API_KEY');
    const seen = await probe.terminal(await opened);
    assert.strictEqual(seen.RINGG_API_KEY, sha(keys.other), 'the chosen (inactive) key');
    assert.strictEqual(seen.RINGYO_API_KEY, sha(keys.ringyoTest), 'and the other providers\' active keys');
    assert.strictEqual((await probe.terminal()).RINGG_API_KEY, sha(keys.ringg), 'a new ordinary terminal still gets the active key');
  });

  it('the quick fix says the variable is now set, and its Open Terminal button opens a terminal that has it', async () => {
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'env-quickfix.py');
    try {
      await vscode.workspace.fs.writeFile(file, Buffer.from(`import requests\nheaders = {"X-API-KEY": "${keys.ringg}"}\n`));
      const doc = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(doc);
      const [d] = await waitFor('the key flagged', () => { const x = vscode.languages.getDiagnostics(file).filter(v => v.source === DIAGNOSTIC_SOURCE); return x.length > 0 && x; });
      const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', file, d.range, vscode.CodeActionKind.QuickFix.value);
      const preferred = fixes.find(f => f.isPreferred)!;
      await vscode.commands.executeCommand(preferred.command!.command, ...(preferred.command!.arguments ?? []));
      await waitFor('the literal replaced', () => !doc.getText().includes(keys.ringg));
      await waitFor('the message', async () => /RINGG_API_KEY is now set in new terminals, tasks and debug sessions \(from "Env A" …/.test(await dialogText()));
      const opened = new Promise<vscode.Terminal>(resolve => { const x = vscode.window.onDidOpenTerminal(t => { x.dispose(); resolve(t); }); });
      await answer('Open Terminal', 'is now set');
      assert.strictEqual((await probe.terminal(await opened)).RINGG_API_KEY, sha(keys.ringg), 'the terminal the button opened');
      await clearNotifications();
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    }
  });

  it('Set Variable Name renames the variable at once; an invalid name is refused', async () => {
    const renamed = vscode.commands.executeCommand<string>(Commands.setVariableName, ids.ringyo);
    await waitFor('the name box', async () => (await ui.texts('.quick-input-widget .quick-input-title')).join().includes('Environment variable'));
    await ui.input('PATH');
    await waitFor('the refusal', async () => /system/.test((await ui.texts('.quick-input-widget .quick-input-message')).join()));
    await ui.input('VOICE_KEY');
    await waitFor('the name accepted', async () => !/system/.test((await ui.texts('.quick-input-widget .quick-input-message')).join()));
    await ui.press('Enter');
    assert.strictEqual(await renamed, 'VOICE_KEY');
    await waitFor('VOICE_KEY applied', () => api.environment().names.includes('VOICE_KEY'));
    const seen = await probe.terminal();
    assert.strictEqual(seen.VOICE_KEY, sha(keys.ringyoTest));
    assert.strictEqual(seen.RINGYO_API_KEY, null);
  });

  it('turned off in the user settings: no key in new programs; on again: back', async () => {
    await vscode.workspace.getConfiguration().update(Settings.environmentEnable, false, vscode.ConfigurationTarget.Global);
    await waitFor('nothing applied', () => api.environment().names.length === 0);
    const off = await probe.terminal();
    assert.deepStrictEqual([off.RINGG_API_KEY, off.VOICE_KEY], [null, null]);
    assert.deepStrictEqual([(await probe.debug()).RINGG_API_KEY], [null]);
    await vscode.workspace.getConfiguration().update(Settings.environmentEnable, undefined, vscode.ConfigurationTarget.Global);
    await waitFor('applied again', () => api.environment().names.length === 2);
    assert.strictEqual((await probe.terminal()).RINGG_API_KEY, sha(keys.ringg));
  });

  it('after Remove, new programs get no key', async () => {
    await removeKeyThroughUi(ids.a, 'Env A');
    await waitFor('B takes over', () => api.environment().description.includes('"Env B"'));
    assert.strictEqual((await probe.terminal()).RINGG_API_KEY, sha(keys.other), 'the provider\'s next key takes over');
    await removeAllKeysThroughUi();
    await waitFor('nothing applied', () => api.environment().names.length === 0);
    const none = { RINGG_API_KEY: null, RINGYO_API_KEY: null, RINGTONIC_API_KEY: null, VOICE_KEY: null };
    assert.deepStrictEqual(await probe.terminal(), none, 'terminal');
    assert.deepStrictEqual(await probe.task('shell'), none, 'task');
    assert.deepStrictEqual(await probe.debug(), none, 'debug session');
  });
});

// Runs in the Restricted Mode session of runTest.ts (workspace trust on, this folder not trusted).
describe('keys in terminals, tasks and debug sessions [untrusted]', function () {
  this.timeout(120_000);
  let api: RingKeysApi;
  let probe: Probe;
  const key = randomUUID();   // not a provider's key: verification may reach out, and must find nothing

  before(async function () {
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    if (vscode.workspace.isTrusted) { skipBecause(this, SKIPS.restrictedOnly); }
    api = await activate();
    probe = new Probe();
  });
  after(async () => {
    if (!probe) { return; }
    await removeAllKeysThroughUi();
    for (const t of vscode.window.terminals) { t.dispose(); }
    probe.dispose();
  });

  it('a stored key reaches no terminal, task or debug session of an untrusted folder', async () => {
    await addKeyThroughUi('Ringg AI', 'Untrusted probe', key);
    await clearNotifications();
    assert.deepStrictEqual(api.environment().names, [], 'nothing applied');
    const seen = await probe.terminal();
    assert.strictEqual(seen.RINGG_API_KEY, null, 'terminal');
    // VS Code itself refuses tasks and debugging in Restricted Mode (it asks to trust the folder first, a
    // dialog tests may not answer): the probe must not have run at all, with or without a key
    const notRun = (p: Promise<unknown>) => Promise.race([p.then(() => 'ran', () => 'refused'), new Promise(r => setTimeout(() => r('not run'), 8000))]);
    assert.notStrictEqual(await notRun(probe.task('process')), 'ran', 'a task ran in Restricted Mode');
    assert.notStrictEqual(await notRun(probe.debug()), 'ran', 'a debug session ran in Restricted Mode');
    assert.deepStrictEqual(api.environment().names, [], 'still nothing applied');
  });
});
