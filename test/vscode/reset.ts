// The known state every VS Code-tier suite starts from, restored by hooks index.ts gives each top-level suite
// (before it, and after it when one of its tests or hooks failed): no stored key, the settings the session
// started with, no open editor or webview panel, no terminal, task or debug session, no open quick input,
// dialog or notification. A suite that fails half-way then fails alone: the next one does not inherit its key.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import { abandonWaits, activate, removeAllKeysThroughUi, sandbox, ui, waitFor } from './util';

/** Settings the tests change that are not the extension's own. */
const OTHER_SETTINGS = ['terminal.integrated.gpuAcceleration', 'terminal.integrated.tabs.hideCondition', 'workbench.colorTheme'];

type Targets = { global?: unknown; workspace?: unknown; workspaceFolder?: unknown };
const TARGETS = [
  ['global', vscode.ConfigurationTarget.Global],
  ['workspace', vscode.ConfigurationTarget.Workspace],
  ['workspaceFolder', vscode.ConfigurationTarget.WorkspaceFolder],
] as const;

/** Every `ringKeys.*` setting the manifest declares, and the others the tests change. */
export function settingNames(): string[] {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  const config = (ext.packageJSON as { contributes?: { configuration?: unknown } }).contributes?.configuration;
  const sections = (Array.isArray(config) ? config : [config]) as Array<{ properties?: Record<string, unknown> }>;
  return [...sections.flatMap(s => Object.keys(s.properties ?? {})), ...OTHER_SETTINGS];
}

const folderUri = () => vscode.workspace.workspaceFolders?.[0]?.uri;

/** What each setting holds at each configuration target (user, workspace, folder). */
export function readSettings(names: readonly string[] = settingNames()): Map<string, Targets> {
  const config = vscode.workspace.getConfiguration(undefined, folderUri());
  return new Map(names.map(name => {
    const i = config.inspect(name);
    return [name, { global: i?.globalValue, workspace: i?.workspaceValue, workspaceFolder: i?.workspaceFolderValue }];
  }));
}

let initial: Map<string, Targets> | undefined;

/** Remembers the settings as the session starts (runTest.ts points the extension at the sandbox there). */
export function rememberInitialSettings(): void { initial = readSettings(); }

/** Puts back, at every target, each setting that differs from what the session started with. */
async function restoreSettings(): Promise<string[]> {
  assert.ok(initial, 'rememberInitialSettings() ran before the tests');
  const config = vscode.workspace.getConfiguration(undefined, folderUri());
  const now = readSettings([...initial.keys()]);
  const changed: string[] = [];
  for (const [name, was] of initial) {
    for (const [field, target] of TARGETS) {
      if (JSON.stringify(now.get(name)?.[field]) === JSON.stringify(was[field])) { continue; }
      // a folder target exists only with a folder open
      if (target === vscode.ConfigurationTarget.WorkspaceFolder && !folderUri()) { continue; }
      await config.update(name, was[field], target);
      changed.push(`${name} (${field})`);
    }
  }
  const after = readSettings([...initial.keys()]);
  const left = [...initial].filter(([name, was]) => JSON.stringify(after.get(name)) !== JSON.stringify(was)).map(([name]) => name);
  assert.deepStrictEqual(left, [], `settings still differ from the session's start after the reset: ${left.join(', ')}`);
  return changed;
}

async function closeEverything(): Promise<void> {
  // a pending quick pick, input box or dialog: dismissed as Escape would (the command awaiting it gets undefined)
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  if (ui.available && (await ui.count('.monaco-dialog-box >> visible=true')) > 0) { await ui.press('Escape'); }
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('notifications.hideList');
  // unsaved changes are dropped rather than asked about (a save prompt would block the close)
  for (const tab of vscode.window.tabGroups.all.flatMap(g => g.tabs)) {
    if (tab.isDirty && tab.input instanceof vscode.TabInputText) {
      await vscode.window.showTextDocument(tab.input.uri, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap(g => g.tabs), true);
  await waitFor('every editor and webview panel closed', () => vscode.window.tabGroups.all.every(g => g.tabs.length === 0));
  for (const t of vscode.window.terminals) { t.dispose(); }
  await waitFor('every terminal closed', () => vscode.window.terminals.length === 0);
  // (in an untrusted folder a task waits for a trust prompt tests may not answer: it never runs, nor ends)
  if (vscode.workspace.isTrusted) {
    for (const t of vscode.tasks.taskExecutions) { t.terminate(); }
    await waitFor('every task ended', () => vscode.tasks.taskExecutions.length === 0);
  }
  if (vscode.debug.activeDebugSession) {
    await vscode.debug.stopDebugging();
    await waitFor('every debug session ended', () => !vscode.debug.activeDebugSession);
  }
}

/** Removes every stored key through Remove Key and its confirmation, as a person would. */
async function removeKeys(): Promise<number> {
  const api = await activate();
  const n = api.profiles().length;
  if (n === 0) { return 0; }
  // the extension's test-mode hook: no confirmation to wait for (a suite's own tests still remove keys the way a
  // person does; this is the reset between suites)
  if (api.testing) {
    await api.testing.removeAllKeys();
    await waitFor('no key stored after the reset', () => api.profiles().length === 0);
    return n;
  }
  assert.ok(ui.available, `${n} key(s) stored and no UI bridge to confirm Remove Key with: ${api.profiles().map(p => p.name).join(', ')}`);
  await removeAllKeysThroughUi();
  await vscode.commands.executeCommand('notifications.hideList');
  return n;
}

/** Back to the known state. Returns what it had to undo (for the log), empty when nothing. */
export async function resetWindow(): Promise<string[]> {
  abandonWaits();   // a timed-out test's waits stop now instead of acting on the next suite's window
  const undone: string[] = [];
  await closeEverything();
  const keys = await removeKeys();
  if (keys) { undone.push(`${keys} stored key(s)`); }
  undone.push(...await restoreSettings());
  if (sandbox.origin) { await sandbox.reset(); }
  return undone;
}
