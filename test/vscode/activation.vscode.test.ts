import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../src/constants';
import { activate, addKeyThroughUi, NO_UI_BRIDGE, removeKeyThroughUi, sandbox, ui, waitFor } from './util';
import { allowSkips, skipBecause } from './skips';

const SKIPS = allowSkips(__filename, { desktop: NO_UI_BRIDGE });

type Marks = { load: number; activate: number; willLoad: number; didLoad: number; willActivate: number; didActivate: number };
/** VS Code's own start-up marks in this extension host (what "Show Running Extensions" reports), per extension. */
function extensionMarks(): Map<string, Marks> {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks;
  const byId = new Map<string, Record<string, number>>();
  for (const m of perf?.getMarks() ?? []) {
    const r = /^code\/extHost\/(willLoadExtensionCode|didLoadExtensionCode|willActivateExtension|didActivateExtension)\/(.+)$/.exec(m.name);
    if (r) { byId.set(r[2], { ...byId.get(r[2]), [r[1]]: m.startTime }); }
  }
  const out = new Map<string, Marks>();
  for (const [id, t] of byId) {
    const [wl, dl, wa, da] = [t.willLoadExtensionCode, t.didLoadExtensionCode, t.willActivateExtension, t.didActivateExtension];
    if (wl !== undefined && dl !== undefined && wa !== undefined && da !== undefined) { out.set(id, { load: dl - wl, activate: da - wa, willLoad: wl, didLoad: dl, willActivate: wa, didActivate: da }); }
  }
  return out;
}

/** The extension host log's "_doActivateExtension <id>" line, as a Date.now() time (the log is in local time). */
function activationLogLine(id: string): number | undefined {
  const logs = path.join(process.env.RING_KEYS_USER_DATA_DIR ?? '', 'logs');
  if (!fs.existsSync(logs)) { return undefined; }
  for (const session of fs.readdirSync(logs)) {
    for (const host of fs.readdirSync(path.join(logs, session)).filter(d => d.startsWith('exthost'))) {
      const file = path.join(logs, session, host, 'remoteexthost.log');
      const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      const m = new RegExp(`^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) \\[info\\] ExtensionService#_doActivateExtension ${id.replace('.', '\\.')},`, 'm').exec(text);
      if (m) { return new Date(m[1].replace(' ', 'T')).getTime(); }
    }
  }
  return undefined;
}

/** The built-in extension activated by the same `onStartupFinished`: the bench's reference (bench/startup.ts). */
const REFERENCE = { id: 'vscode.merge-conflict', name: 'Merge Conflict' };
const SHOWN = [{ id: EXTENSION_ID, name: 'Ring Keys' }, REFERENCE];

/**
 * What "Developer: Show Running Extensions" shows for each extension that activated, read off the view's rows
 * (its name, as the view shows it, to the milliseconds after "Activation:"). The page is made tall first: the
 * view is a list that renders only the rows in sight. Waits until Ring Keys and the reference both have a time.
 */
async function runningExtensionsView(): Promise<Record<string, number>> {
  const size = await ui.viewport(1280, 4000);
  try {
    await vscode.commands.executeCommand('workbench.action.showRuntimeExtensions');
    let shown: Record<string, number> = {};
    await waitFor('Show Running Extensions showing the activation times of Ring Keys and Merge Conflict', async () => {
      shown = {};
      for (const row of await ui.texts('.runtime-extensions-editor .monaco-list-row')) {
        const name = row.split('\n')[0].trim();
        const ms = /Activation: (\d+)\s*ms/.exec(row);
        if (name && ms) { shown[name] = Number(ms[1]); }
      }
      return SHOWN.every(e => shown[e.name] !== undefined || shown[e.id] !== undefined);
    });
    return shown;
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await ui.viewport(size.width, size.height);
  }
}

const lazyHttp = () => Object.keys(require.cache).some(f => f.endsWith(`${path.sep}dist${path.sep}undici.js`));

describe('activation (in a real VS Code extension host)', () => {
  // First in the run: nothing has used HTTP yet in this window.
  it('start-up: activation loads no HTTP library, the open file gets its diagnostics at once, HTTP loads on first use', async function () {
    const api = await activate();
    const all = extensionMarks();
    const marks = all.get(EXTENSION_ID);
    if (marks) { this.test!.title += ` (load ${marks.load} ms + activate ${marks.activate} ms)`; }
    if (process.env.RING_KEYS_STARTUP_OUT) {
      // `npm run bench` (bench/startup.ts) starts VS Code several times and reads these
      const logLine = activationLogLine(EXTENSION_ID);
      const view = ui.available ? await runningExtensionsView() : undefined;
      const byId = view && Object.fromEntries(SHOWN.map(e => [e.id, view[e.name] ?? view[e.id]]));
      fs.writeFileSync(process.env.RING_KEYS_STARTUP_OUT, JSON.stringify({
        extensions: Object.fromEntries(all),
        view: byId, viewAll: view, activateMs: api.startup().activateMs, entryMs: api.startup().entryMs, loadMs: api.startup().loadMs, phases: api.startup().phases,
        logLineToActivated: marks && logLine !== undefined ? marks.didActivate - logLine : undefined,
      }));
    }
    assert.strictEqual(lazyHttp(), false, 'dist/undici.js was loaded although no request was made');

    // leaks/settings.py was opened with the window (runTest.ts): its key is reported without any action
    const settingsPy = vscode.workspace.textDocuments.find(d => d.uri.path.endsWith('/leaks/settings.py'));
    assert.ok(settingsPy, 'the file opened at start-up is open');
    await waitFor('the finding in the file open at start-up',
      () => vscode.languages.getDiagnostics(settingsPy.uri).some(d => d.source === 'Ring Keys'));
    const { activatedAt, firstReportAt } = api.startup();
    assert.ok(firstReportAt !== undefined && firstReportAt - activatedAt < 1000,
      `first finding ${firstReportAt === undefined ? 'never' : `${firstReportAt - activatedAt} ms`} after activation`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    if (!ui.available) { return; }   // adding a key needs the workbench (the stand-in's UI bridge)
    const id = await addKeyThroughUi('Ringg AI', 'Start-up check', (await sandbox.state()).ringgKey);
    await waitFor('the key verified', () => api.profiles().find(p => p.id === id)?.lastState === 'valid');
    assert.strictEqual(lazyHttp(), true, 'verifying a key loads the HTTP library');
    await removeKeyThroughUi(id, 'Start-up check');
  });

  it('activates on startup and registers every command it contributes', async () => {
    const api = await activate();
    assert.match(api.version, /^\d+\.\d+\.\d+/);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(Commands)) {
      assert.ok(registered.has(id), `${id} is contributed but not registered`);
    }
    console.log(`    VS Code ${vscode.version}, ${vscode.env.appName}, extension host Node ${process.version}`);
  });

  it('Show Logs opens the "Ring Keys" log channel', async function () {
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    await vscode.commands.executeCommand(Commands.showLogs);
    await waitFor('the output panel showing Ring Keys',
      async () => (await ui.texts('.part.panel .monaco-select-box, .part.panel .monaco-editor')).join('\n').includes('Ring Keys'));
    const shot = await ui.screenshot('activation-log-channel');
    assert.ok(shot.endsWith('.png'));
  });

  it('the Ring Keys view welcomes a first-time user with an Add Key button', async function () {
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    await vscode.commands.executeCommand('workbench.view.extension.ringKeys');
    await waitFor('the welcome view', async () => (await ui.texts('.welcome-view-content')).join().includes('No API keys stored yet'));
    assert.ok((await ui.texts('.welcome-view-content .monaco-button')).some(t => t.includes('Add Key')));
    await ui.screenshot('sidebar-welcome');
    await vscode.commands.executeCommand('workbench.view.explorer');
  });
});

