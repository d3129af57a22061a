// Helpers for the VS Code tier: wait for conditions (never sleep), drive the real workbench through
// the stand-in's UI bridge, and talk to the run's sandbox API.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { RingKeysApi } from '../../src/extension';
import type { StartedApi } from '../../src/start';
import { skipBecause } from './skips';

/**
 * How long a wait may take before the test fails saying what never happened: sized for a busy runner (a 2-core
 * machine doing other work takes several times as long as a quiet one for a step of the workbench).
 */
export const WAIT_MS = 90_000;

/** Bumped by the suite reset: a wait started before it gives up, so a timed-out test stops driving the window. */
let epoch = 0;
const pending = new Set<{ what: string }>();

/** Ends every wait in progress (each throws "abandoned"): called by the reset between suites. */
export function abandonWaits(): void { epoch++; }

/** What the waits in progress are waiting for (a test that times out names them). */
export function pendingWaits(): string[] { return [...pending].map(p => p.what); }

/** Polls `probe` until it returns a value (not undefined/false); fails after `ms` naming `what` and the last error. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = WAIT_MS): Promise<T> {
  const end = Date.now() + ms;
  const mine = epoch;
  const token = { what };
  pending.add(token);
  let last: unknown;
  try {
    for (;;) {
      if (epoch !== mine) { throw new Error(`abandoned waiting for ${what}: its test ended and the window was reset`); }
      try {
        const v = await probe();
        if (v !== undefined && v !== false) { return v; }
      } catch (err) { last = err; }
      if (Date.now() > end) { throw new Error(`timed out after ${ms} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : last !== undefined ? `: ${JSON.stringify(last)}` : ''}`); }
      await new Promise(r => setTimeout(r, 50));
    }
  } finally { pending.delete(token); }
}

export async function activate(): Promise<RingKeysApi> {
  const ext = vscode.extensions.getExtension<StartedApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  const api = await ext.activate();
  // VS Code activated the start-up entry (src/start.ts); the extension loads in the next task
  await api.ready();
  return api;
}

/** The extension's last `n` log lines since `since` (Date.now()); test mode only, empty before it activated. */
export function extensionLog(n: number, since = 0): string[] {
  const api = vscode.extensions.getExtension<StartedApi>(EXTENSION_ID)?.exports as Partial<StartedApi> | undefined;
  try { return api?.testing?.recentLog(since).slice(-n) ?? []; } catch { return []; }
}

/** Why a test that drives the workbench skips in desktop VS Code (RING_KEYS_DESKTOP=1): a reason to list in allowSkips. */
export const NO_UI_BRIDGE = 'desktop VS Code: no UI bridge to drive the workbench (the stand-in has one)';

/**
 * Writes a file under the first workspace folder (folders made as needed) and records its relative path in
 * `made`, so that the suite's `after` can remove what it wrote.
 */
export function writeInWorkspace(made: string[], rel: string, text: string): void {
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
  made.push(rel);
}

/** Fails (never skips) when runTest.ts did not set what every session gets: the sandbox, the user-data dir. */
export function runEnv(name: 'RING_KEYS_SANDBOX' | 'RING_KEYS_USER_DATA_DIR'): string {
  const v = process.env[name];
  assert.ok(v, `${name} is not set: run the VS Code tier through runTest.ts (node tools/test.mjs vscode)`);
  return v;
}

/** The stand-in's UI bridge: acts on the workbench page as a person would. Absent in desktop VS Code. */
export const ui = {
  available: !!process.env.RING_KEYS_UI_BRIDGE,
  async call<T = Record<string, unknown>>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    const base = process.env.RING_KEYS_UI_BRIDGE;
    if (!base) { throw new Error('no UI bridge in this VS Code'); }
    const res = await fetch(`${base}/${op}`, { method: 'POST', body: JSON.stringify(args) });
    const body = await res.json() as T & { error?: string };
    if (!res.ok) { throw new Error(`ui ${op}: ${body.error}`); }
    return body;
  },
  type: (text: string) => ui.call('type', { text }),
  fill: (selector: string, text: string) => ui.call('fill', { selector, text }),
  /** Replaces what is in the open quick input (pick list filter or input box) with `text`. */
  input: (text: string) => ui.call('fill', { selector: '.quick-input-widget .quick-input-box input', text }),
  press: (key: string) => ui.call('press', { key }),
  click: (selector: string, frame = false) => ui.call('click', { selector, frame }),
  hover: (selector: string) => ui.call('hover', { selector }),
  /** A right click (opens the context menu of what is under it). */
  contextClick: (selector: string) => ui.call('contextClick', { selector }),
  texts: async (selector: string, frame = false) => (await ui.call<{ texts: string[] }>('text', { selector, frame })).texts,
  count: async (selector: string) => (await ui.call<{ count: number }>('count', { selector })).count,
  screenshot: async (name: string) => (await ui.call<{ file: string }>('screenshot', { name })).file,
  /** Drags the side bar's edge until it is `width` px wide; returns the width it got. */
  sideBarWidth: async (width: number) => (await ui.call<{ width: number }>('sideBarWidth', { width })).width,
  /** Each match's text and whether it is cut off (an ellipsis shows). */
  clipped: async (selector: string) => (await ui.call<{ rows: { text: string; clipped: boolean }[] }>('clipped', { selector })).rows,
  /** Visible controls matching `selector` that have no accessible name (and how many were checked). */
  unnamed: (selector: string, frame = false) => ui.call<{ unnamed: string[]; count: number }>('unnamed', { selector, frame }),
  /** What an input holds now. */
  value: async (selector: string) => (await ui.call<{ value: string }>('value', { selector })).value,
  /** What a screen reader announces for each match: its aria-label, else its text. */
  ariaLabels: async (selector: string, frame = false) => (await ui.call<{ labels: string[] }>('ariaLabels', { selector, frame })).labels,
  /** Resizes the workbench page; returns the size it had. */
  viewport: (width: number, height: number) => ui.call<{ width: number; height: number }>('viewport', { width, height }),
  localStorage: async (key: string) => (await ui.call<{ value: string | null }>('localStorage', { key })).value,
};

/** The sandbox API started for this run by runTest.ts. */
export const sandbox = {
  origin: process.env.RING_KEYS_SANDBOX ?? '',
  async state(): Promise<{ keys: Record<string, string>; ringgKey: string; credits: number; requests: string[] }> {
    return (await fetch(`${sandbox.origin}/__sandbox/state`)).json() as never;
  },
  async faults(f: Record<string, unknown>): Promise<void> {
    await fetch(`${sandbox.origin}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(f) });
  },
  async reset(): Promise<void> { await fetch(`${sandbox.origin}/__sandbox/reset`, { method: 'POST' }); },
};

/**
 * The start of a suite that drives the workbench against a fresh sandbox: skips (for `desktopReason`, which the
 * calling file lists) where there is no UI bridge, fails when runTest.ts did not set what the suite needs,
 * activates the extension and resets the sandbox. Returns the extension's API and the sandbox's Ringg key.
 */
export async function startOnFreshSandbox(ctx: Mocha.Context, desktopReason: string, needs: readonly 'RING_KEYS_USER_DATA_DIR'[] = []): Promise<{ api: RingKeysApi; ringgKey: string }> {
  if (!ui.available) { skipBecause(ctx, desktopReason); }
  runEnv('RING_KEYS_SANDBOX');
  for (const name of needs) { runEnv(name); }
  const api = await activate();
  await sandbox.reset();
  return { api, ringgKey: (await sandbox.state()).ringgKey };
}

/**
 * Accepts the open quick input (pick list or input box): Enter, as a person presses it, when the box has the
 * focus; when the page moved the focus away (seen with the walkthrough open: it re-renders), the quick input's own
 * accept command, which does what Enter would. One action either way: the caller waits for what it leads to.
 */
export async function acceptQuickInput(): Promise<void> {
  if ((await ui.count('.quick-input-widget .quick-input-box input:focus')) > 0) {
    await ui.press('Enter');
  } else {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
}

/** Adds a key the way a person does: Add Key, provider, password box, name. Returns the profile id. */
export async function addKeyThroughUi(provider: 'Ringg AI' | 'Ringyo AI' | 'Ring Tonic', name: string, key: string): Promise<string> {
  const title = async () => (await ui.texts('.quick-input-widget .quick-input-title')).join();
  // An input box ignores Enter while the extension host is still validating what was typed (its last verdict,
  // for the empty box, is an error): on a busy runner the key press can come first and be dropped, as a
  // person's would. Press again, as a person does, when the next step has not shown after a few seconds; the
  // whole step keeps the tier's one time limit and its message.
  const enterUntil = async (what: string, done: () => Promise<boolean>) => {
    const end = Date.now() + WAIT_MS;
    for (;;) {
      await acceptQuickInput();
      try { return await waitFor(what, async () => await done() || undefined, 8_000); } catch (err) {
        if (Date.now() > end || (err instanceof Error && err.message.startsWith('abandoned'))) { throw err; }
      }
    }
  };
  const added = vscode.commands.executeCommand<string>('ringKeys.addKey');
  let finished = false;
  void added.then(() => { finished = true; }, () => { finished = true; });
  await waitFor('the provider list', async () => (await title()).includes('provider'));
  await ui.input(provider);
  await enterUntil('the key box', async () => (await title()).includes('API key'));
  await ui.input(key);
  await enterUntil('the name box', async () => (await title()).includes('name'));
  await ui.input(name);
  await enterUntil('the key accepted', async () => finished || (await ui.count('.quick-input-widget >> visible=true')) === 0);
  const id = await added;
  assert.ok(id, 'Add Key returned a profile id');
  return id;
}

// VS Code refuses modal dialogs while extension tests run; the extension then asks the same question in a
// notification (src/vscode/ui/dialogs.ts); modal.vscode.test.ts covers the dialogs themselves. A notification may be kept out of the toasts (several at once),
// so these helpers read and answer the notification centre (or a dialog, where one shows).
const QUESTION = '.monaco-dialog-box, .notifications-center .notification-list-item';

/** The text of every open question and notification. */
export async function dialogText(): Promise<string> {
  await vscode.commands.executeCommand('notifications.showList');
  return (await ui.texts(QUESTION)).join('\n');
}

/** Clicks `button` in the dialog or notification that offers it (optionally the one mentioning `about`). */
export function answer(button: string, about?: string): Promise<unknown> {
  const item = about ? `.notifications-center .notification-list-item:has-text("${about}")` : '.notifications-center .notification-list-item';
  return ui.click(`.monaco-dialog-box .monaco-button:has-text("${button}"), ${item} .monaco-button:has-text("${button}")`);
}

export async function clearNotifications(): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('notifications.hideList');
}

/**
 * What a wait's probe throws while the outcome has not come: waitFor's timeout then ends with what showed on
 * screen (the dialogs' and notifications' text, whitespace folded, 300 characters at most), or "nothing showed".
 */
export function notYet(shown: string): Error {
  const text = shown.replace(/\s+/g, ' ').trim();
  return new Error(text ? `what showed: ${text.slice(0, 300)}` : 'nothing showed');
}

/**
 * Removes one stored key the way a person does: Remove Key, then confirm. On a busy runner a click can be lost (the
 * confirmation stays) and the list can be hidden: both are done again until the command has finished.
 */
export async function removeKeyThroughUi(id: string, name: string): Promise<void> {
  let finished = false;
  const removal = Promise.resolve(vscode.commands.executeCommand('ringKeys.removeKey', id)).finally(() => { finished = true; });
  const button = `.notifications-center .notification-list-item:has-text("${name}") .monaco-button:has-text("Remove")`;
  let clicked = 0;
  await waitFor(`${name} removed through its confirmation`, async () => {
    if (finished) { return true; }
    await vscode.commands.executeCommand('notifications.showList');
    if ((await ui.count(button)) > 0 && Date.now() - clicked > 10_000) {
      clicked = Date.now();
      await ui.click(button);
    }
    throw notYet((await ui.texts(QUESTION)).join(' '));
  });
  await removal;
}

/** Removes every stored key the way a person does (Remove Key, then confirm). */
export async function removeAllKeysThroughUi(): Promise<void> {
  const api = await activate();
  for (const p of api.profiles()) { await removeKeyThroughUi(p.id, p.name); }
  await vscode.commands.executeCommand('notifications.clearAll');
  await waitFor('an empty vault', () => api.profiles().length === 0);
}
