// Drives the leaked-key flow as a person does: a live Ringg key hard-coded in two files → "Check whether this
// key works" → "Rotate this leaked key" → confirm the occurrences → confirm the rotation → the summary.
// Shared by the flow's own test and the canary audit (which then searches everything for both keys).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { Commands, DIAGNOSTIC_SOURCE } from '../../src/constants';
import { acceptQuickInput, answer, dialogText, sandbox, ui, waitFor } from './util';

export const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter(d => d.source === DIAGNOSTIC_SOURCE);

export async function codeActions(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  // the provider may be asked while the document is still being analysed (then VS Code cancels): ask again
  return waitFor('the code actions', async () =>
    await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value));
}

/** A new Ringg workspace in the sandbox, with its own key (what leaked). */
export async function newRinggWorkspace(name: string): Promise<string> {
  const res = await fetch(`${sandbox.origin}/__sandbox/keys`, { method: 'POST', body: JSON.stringify({ provider: 'ringg', name }) });
  return ((await res.json()) as { key: string }).key;
}

/** The key the sandbox's workspace `name` accepts now. */
export async function sandboxRinggKey(name: string): Promise<string | undefined> {
  const s = await sandbox.state() as unknown as { ringgWorkspaces: Array<{ name: string; key: string }> };
  return s.ringgWorkspaces.find(w => w.name === name)?.key;
}

export interface LeakFlowResult {
  /** The diagnostics' messages once the key was checked (both files). */
  readonly checkedMessages: string[];
  /** The hover at the key after the check (its text). */
  readonly hover: string;
  /** What the occurrence list offered, and the summary shown at the end. */
  readonly listed: string[];
  readonly summary: string;
  readonly result: string | undefined;
  /** The 0-based line of the key in each file, as the diagnostics found it. */
  readonly lines: { ts: number; py: number };
}

/**
 * Writes `leaked` into the two files (opened in editors), checks it and rotates it through the code actions.
 * `screenshots` names the pictures of the verdict hover and the summary (none when undefined); `opts.listed` is
 * how many occurrences the list must show (2 unless the caller put the key in other files too).
 */
export async function driveLeakFlow(files: { ts: vscode.Uri; py: vscode.Uri }, leaked: string, workspaceName: string,
  screenshots?: { hover: string; summary: string }, opts: { listed?: number } = {}): Promise<LeakFlowResult> {
  await vscode.workspace.fs.writeFile(files.ts, Buffer.from([
    '// the client for the clinic workspace',
    'export const client = {',
    "  baseUrl: 'https://prod-api.ringg.ai/ca/api/v0',",
    `  headers: { 'X-API-KEY': '${leaked}' },`,
    '};',
    '',
  ].join('\n')));
  await vscode.workspace.fs.writeFile(files.py, Buffer.from(`import requests\n\nRINGG_API_KEY = "${leaked}"\nrequests.get("https://prod-api.ringg.ai/ca/api/v0/workspace", headers={"X-API-KEY": RINGG_API_KEY})\n`));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(files.py), { preview: false });
  const tsDoc = await vscode.workspace.openTextDocument(files.ts);
  await vscode.window.showTextDocument(tsDoc, { preview: false });
  const [d] = await waitFor('the key flagged in the TypeScript file', () => { const x = ours(files.ts); return x.length === 1 && x; });
  const [p] = await waitFor('the key flagged in the Python file', () => { const x = ours(files.py); return x.length === 1 && x; });
  const lines = { ts: d.range.start.line, py: p.range.start.line };

  // not checked yet: no rotate action, nothing sent
  let actions = await codeActions(files.ts, d);
  const check = actions.find(a => a.command?.command === Commands.checkFoundKey);
  assert.ok(check, `"Check whether this key works" is offered: ${actions.map(a => a.title).join(' | ')}`);
  assert.strictEqual(check.title, 'Check whether this key works');
  assert.ok(!actions.some(a => a.command?.command === Commands.rotateFoundKey), 'no rotate action before the key is known to work');
  assert.strictEqual(await vscode.commands.executeCommand(check.command!.command, ...(check.command!.arguments ?? [])), 'live');

  const live = new RegExp(`Live: this key works now \\(workspace "${workspaceName}", 1,000 credits available\\)`);
  const checkedMessages = await waitFor('the verdict in both diagnostics', () => {
    const m = [...ours(files.ts), ...ours(files.py)].map(x => x.message);
    return m.length === 2 && m.every(x => live.test(x)) && m;
  });
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', files.ts, d.range.start.translate(0, 4));
  const hover = hovers.flatMap(h => h.contents.map(c => typeof c === 'string' ? c : (c as vscode.MarkdownString).value)).join('\n');
  if (screenshots && ui.available) {
    await vscode.commands.executeCommand('notifications.clearAll');
    await ui.hover(`.monaco-editor .view-lines span[class^="mtk"]:has-text("${leaked.slice(0, 8)}")`);
    await waitFor('the verdict and the links in the hover', async () => {
      const t = (await ui.texts('.monaco-hover')).join('\n');
      return /Live: this key works now/.test(t) && /Rotate this leaked key/.test(t);
    });
    await ui.screenshot(screenshots.hover);
    await ui.press('Escape');
  }

  assert.ok(!tsDoc.isDirty, `nothing was typed into the file: ${JSON.stringify(tsDoc.getText().slice(0, 60))}`);
  actions = await codeActions(files.ts, d);
  const rotate = actions.find(a => a.command?.command === Commands.rotateFoundKey);
  assert.ok(rotate, 'a live key offers "Rotate this leaked key"');
  const rotation = vscode.commands.executeCommand<string>(rotate.command!.command, ...(rotate.command!.arguments ?? []));
  let done = false;
  void rotation.then(() => { done = true; }, () => { done = true; });
  // the occurrences, listed for confirmation (all ticked): Enter accepts
  const rows = '.quick-input-widget .quick-input-list .monaco-list-row';
  // (the widget keeps the last list's text while hidden: wait for this key's list, shown)
  await waitFor('the list of occurrences', async () => (await ui.count('.quick-input-widget >> visible=true')) > 0 &&
    (await ui.texts('.quick-input-widget .quick-input-title')).join().includes(`Rotate …${leaked.slice(-4)}:`));
  const count = opts.listed ?? 2;   // the two files written here, and whatever else the caller put the key in
  const listed = await waitFor(`${count} occurrences listed`, async () => { const t = await ui.texts(rows); return t.length === count && t; });
  await acceptQuickInput();
  await waitFor('the list accepted', async () => (await ui.count('.quick-input-widget >> visible=true')) === 0);
  await waitFor('the confirmation naming the workspace', async () => done || new RegExp(`of workspace "${workspaceName}"`).test(await dialogText()));
  await answer('Rotate Key', 'Rotate the leaked Ringg AI key');
  const result = await rotation;
  const summary = await waitFor('the summary', async () => {
    const t = await dialogText();
    return /Rotated the leaked key/.test(t) && t;
  });
  if (screenshots && ui.available) {
    // the notification centre, with the summary expanded so every line shows
    await ui.click('.notifications-center .notification-list-item:has-text("Rotated the leaked key") .codicon-notifications-expand').catch(() => undefined);
    await ui.hover('.notifications-center .notifications-center-header-title').catch(() => undefined);   // no tooltip in the picture
    await ui.screenshot(screenshots.summary);
  }
  return { checkedMessages, hover, listed, summary, result, lines };
}
