// Keys reach the programs a user runs: a probe program started in a new integrated terminal, in tasks
// (shell and process) and in a Node debug session (js-debug) reports a SHA-256 of each variable it received
// (never the value), compared with a SHA-256 of the stored key.
import * as assert from 'node:assert';
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../src/constants';
import type { RingKeysApi } from '../../src/extension';
import { activate, addKeyThroughUi, clearNotifications, removeAllKeysThroughUi, removeKeyThroughUi, sandbox, ui, waitFor } from './util';

const sha = (v: string) => createHash('sha256').update(v).digest('hex');
const NAMES = ['RINGG_API_KEY', 'RINGYO_API_KEY', 'RINGTONIC_API_KEY', 'VOICE_KEY'] as const;
type Seen = Record<(typeof NAMES)[number], string | null>;

/** A program that writes what it received: a SHA-256 per variable, null when unset. Nothing else. */
const PROBE = `const fs = require('fs'), c = require('crypto');
const h = n => process.env[n] === undefined ? null : c.createHash('sha256').update(process.env[n]).digest('hex');
const out = process.argv[2];
fs.writeFileSync(out + '.part', JSON.stringify(Object.fromEntries(${JSON.stringify(NAMES)}.map(n => [n, h(n)]))));
fs.renameSync(out + '.part', out);
`;

export class Probe {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-env-'));
  readonly script = path.join(this.dir, 'probe.js');
  private n = 0;
  constructor() { fs.writeFileSync(this.script, PROBE); }

  private async result(what: string, out: string): Promise<Seen> {
    const text = await waitFor(`the probe's answer from ${what}`, () => fs.existsSync(out) && fs.readFileSync(out, 'utf8'), 45_000);
    return JSON.parse(text) as Seen;
  }

  /** In a new integrated terminal (the user's shell), as a person types it. */
  async terminal(terminal?: vscode.Terminal): Promise<Seen> {
    const out = path.join(this.dir, `out-${++this.n}.json`);
    const t = terminal ?? vscode.window.createTerminal({ name: `probe ${this.n}` });
    t.sendText(`"${process.execPath}" "${this.script}" "${out}"`);
    try { return await this.result('a terminal', out); } finally { t.dispose(); }
  }

  /** In a task: `shell` (ShellExecution, as tasks.json "type": "shell") or `process` (ProcessExecution). */
  async task(kind: 'shell' | 'process'): Promise<Seen> {
    const out = path.join(this.dir, `out-${++this.n}.json`);
    const folder = vscode.workspace.workspaceFolders![0];
    const exec = kind === 'shell' ? new vscode.ShellExecution(process.execPath, [this.script, out]) : new vscode.ProcessExecution(process.execPath, [this.script, out]);
    const task = new vscode.Task({ type: kind }, folder, `probe ${this.n}`, 'ring-keys-test', exec);
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, close: true };
    const ended = new Promise<void>(resolve => {
      const d = vscode.tasks.onDidEndTaskProcess(e => { if (e.execution.task.name === task.name) { d.dispose(); resolve(); } });
    });
    await vscode.tasks.executeTask(task);
    const seen = await this.result(`a ${kind} task`, out);
    await ended;
    return seen;
  }

  /** In a Node debug session (js-debug), with launch settings a person might write. */
  async debug(extra: Record<string, unknown> = {}): Promise<Seen> {
    const out = path.join(this.dir, `out-${++this.n}.json`);
    const ended = new Promise<void>(resolve => {
      const d = vscode.debug.onDidTerminateDebugSession(() => { d.dispose(); resolve(); });
    });
    const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0],
      { type: 'node', request: 'launch', name: `probe ${this.n}`, program: this.script, args: [out], console: 'internalConsole', ...extra });
    assert.ok(started, 'the debug session started');
    const seen = await this.result('a Node debug session', out);
    await ended;
    return seen;
  }

  dispose(): void { fs.rmSync(this.dir, { recursive: true, force: true }); }
}

describe('keys in terminals, tasks and debug sessions', function () {
  this.timeout(240_000);
  let api: RingKeysApi;
  let probe: Probe;
  let keys: { ringg: string; ringyoTest: string; other: string };
  const ids: Record<string, string> = {};

  before(async function () {
    if (!ui.available || !sandbox.origin || !vscode.workspace.isTrusted) { this.skip(); }
    api = await activate();
    await sandbox.reset();
    const state = await sandbox.state();
    keys = { ringg: state.ringgKey, ringyoTest: state.keys.ringyoTest!, other: randomUUID() };
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

  it('after adding a second Ringg key and switching between the two, new programs get the active one', async () => {
    ids.b = await addKeyThroughUi('Ringg AI', 'Env B', keys.other);
    await clearNotifications();
    await waitFor('B applied', () => api.environment().description.includes('"Env B"'));
    assert.strictEqual((await probe.terminal()).RINGG_API_KEY, sha(keys.other), 'the added key is its provider\'s active one');
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
    await removeKeyThroughUi(ids.a!, 'Env A');
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
