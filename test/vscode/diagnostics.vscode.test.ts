import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { Commands, DIAGNOSTIC_SOURCE, Settings } from '../../src/constants';
import type { WorkspaceScanSummary } from '../../src/vscode/features/diagnostics/workspaceScan';
import { activate, NO_UI_BRIDGE, removeKeyThroughUi, ui, waitFor } from './util';
import { allowSkips, skipBecause } from './skips';

const SKIPS = allowSkips(__filename, { desktop: NO_UI_BRIDGE });

const folder = () => vscode.workspace.workspaceFolders![0].uri;
const fixture = (rel: string) => vscode.Uri.joinPath(folder(), ...rel.split('/'));
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter(d => d.source === DIAGNOSTIC_SOURCE);
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

async function open(rel: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(fixture(rel));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

async function quickFixes(doc: vscode.TextDocument, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
  const mine = new Set<string>([Commands.moveKeyToSecretStorage, Commands.addKeyToBaseline]);
  return all.filter(a => (a.command && mine.has(a.command.command)) || /ring-keys-ignore/.test(a.title));
}

/** Puts a document back to what is on disk (an edit and a save: no reliance on which editor has focus). */
async function restore(doc: vscode.TextDocument): Promise<void> {
  const disk = fs.readFileSync(doc.uri.fsPath, 'utf8');
  if (doc.getText() !== disk) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), disk);
    await vscode.workspace.applyEdit(edit);
  }
  if (doc.isDirty) { await doc.save(); }
}

/** Undoes what a test changed (fixtures stay pristine for the next test) and closes every editor. */
async function closeAll(): Promise<void> {
  for (const d of vscode.workspace.textDocuments.filter(x => x.isDirty && x.uri.scheme === 'file')) { await restore(d); }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Removes the profile the quick fix stored, through Remove Key as a person would (later tests expect a clean vault). */
async function removeStoredKey(name: string): Promise<void> {
  const api = await activate();
  const profile = api.profiles().find(p => p.name === name);
  assert.ok(profile, `the profile "${name}" exists`);
  await removeKeyThroughUi(profile.id, name);
  await waitFor('the profile removed', () => !api.profiles().some(p => p.name === name));
}

describe('leak diagnostics (in a real VS Code extension host)', () => {
  let stored: string | undefined;
  before(async () => { await activate(); });
  afterEach(closeAll);
  after(async () => {
    // (after a failed test the suite reset has already removed every key)
    if (stored && ui.available && (await activate()).profiles().some(p => p.name === stored)) { await removeStoredKey(stored); }
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('notifications.hideList');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('reports keys in an open document with the right ranges, severities, source and code', async () => {
    const { doc } = await open('leaks/client.ts');
    const diags = await waitFor('two diagnostics in client.ts', () => { const d = ours(doc.uri); return d.length === 2 && d; });
    const byRule = new Map(diags.map(d => [codeOf(d), d]));
    const ringg = byRule.get('ringg-api-key')!;
    const line2 = doc.lineAt(2).text;
    assert.deepStrictEqual([ringg.range.start.line, ringg.range.start.character, ringg.range.end.character],
      [2, line2.indexOf('3f6d2c1a'), line2.indexOf('3f6d2c1a') + 36]);
    assert.strictEqual(ringg.severity, vscode.DiagnosticSeverity.Error);
    assert.match(ringg.message, /Ringg AI API key …e5f6 sent as X-API-KEY/);
    assert.ok(!ringg.message.includes('3f6d2c1a'), 'the message shows the key masked');
    const target = (ringg.code as { target: vscode.Uri }).target;
    assert.strictEqual(target.toString(true), 'https://github.com/ring-keys/ring-keys/blob/HEAD/docs/detection.md#ringg-api-key');
    const test = byRule.get('ringyo-test-key')!;
    assert.strictEqual(test.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(test.range.start.line, 3);
    assert.ok(diags.every(d => d.range.start.line !== 1 && d.range.start.line !== 4), 'the agent id and the URL path are not reported');
  });

  it('reports nothing for ids, redacted values and the docs example key', async () => {
    const { doc } = await open('leaks/ids-only.json');
    const http = await open('leaks/call.http');
    await waitFor('the .http key reported (the scanner ran)', () => ours(http.doc.uri).length === 1);
    assert.deepStrictEqual(ours(doc.uri), []);
  });

  it('rescans after an edit and clears the document\'s diagnostics on close', async () => {
    const { doc, editor } = await open('leaks/client.ts');
    await waitFor('initial diagnostics', () => ours(doc.uri).length === 2);
    await editor.edit(b => b.insert(new vscode.Position(5, 0), "export const live = 'rg_live_M2nB4vC6xZ8aS1dF3gH5';\n"));
    const after = await waitFor('the new key reported after the debounce', () => { const d = ours(doc.uri); return d.length === 3 && d; });
    assert.ok(after.some(d => codeOf(d) === 'ringyo-live-key' && d.range.start.line === 5));
    await restore(doc);
    await waitFor('back to two once the line is gone', () => ours(doc.uri).length === 2);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('diagnostics cleared on close', () => ours(doc.uri).length === 0);
  });

  it('the preferred quick fix stores the key in SecretStorage and rewrites the line', async () => {
    const { doc } = await open('leaks/move.ts');
    const [d] = await waitFor('the key in move.ts', () => { const x = ours(doc.uri); return x.length === 1 && x; });
    const fixes = await quickFixes(doc, d);
    assert.deepStrictEqual(fixes.map(f => !!f.isPreferred), [true, false, false]);
    const preferred = fixes[0];
    assert.match(preferred.title, /Move to SecretStorage and read it from the environment \(RINGG_API_KEY\)/);
    assert.match(fixes[1].title, /Ignore this occurrence/);
    assert.match(fixes[2].title, /Add to baseline/);
    await vscode.commands.executeCommand(preferred.command!.command, ...(preferred.command!.arguments ?? []));
    stored = 'apiKey (move.ts)';
    await waitFor('the line rewritten', () => doc.lineAt(1).text === 'const apiKey = process.env.RINGG_API_KEY;');
    // verified when stored, not left "not verified"
    const profile = (await activate()).profiles().find(p => p.name === stored);
    assert.strictEqual(profile?.lastState, 'valid', 'the stored key was verified');
    await waitFor('no diagnostic left in move.ts', () => ours(doc.uri).length === 0);
    // stored: the same key elsewhere, in no key context at all, is now "your stored key"
    const notes = await open('leaks/reuse.md');
    const [own] = await waitFor('the own-key error in reuse.md', () => { const x = ours(notes.doc.uri); return x.length === 1 && x; });
    assert.strictEqual(codeOf(own), 'own-key');
    assert.strictEqual(own.severity, vscode.DiagnosticSeverity.Error);
    assert.match(own.message, /This is your stored key 'apiKey \(move\.ts\)' \(…3c2b\)/);
  });

  it('"Ignore this occurrence" adds a comment in the file\'s own syntax and silences the finding', async () => {
    const { doc } = await open('leaks/settings.py');
    const [d] = await waitFor('the live key in settings.py', () => { const x = ours(doc.uri); return x.length === 1 && x; });
    assert.strictEqual(codeOf(d), 'ringyo-live-key');
    const ignore = (await quickFixes(doc, d)).find(a => /Ignore this occurrence/.test(a.title));
    assert.ok(ignore?.edit, 'an ignore fix with an edit');
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.strictEqual(doc.lineAt(2).text, '# ring-keys-ignore');
    await waitFor('the finding silenced', () => ours(doc.uri).length === 0);
  });

  it('"Add to baseline" writes a hash (not the key) and the finding stays accepted', async () => {
    const { doc } = await open('leaks/call.http');
    const [d] = await waitFor('the key in call.http', () => { const x = ours(doc.uri); return x.length === 1 && x; });
    const add = (await quickFixes(doc, d)).find(a => /Add to baseline/.test(a.title))!;
    await vscode.commands.executeCommand(add.command!.command, ...(add.command!.arguments ?? []));
    await waitFor('the finding accepted', () => ours(doc.uri).length === 0);
    const baselineFile = fixture('.ring-keys-baseline.json').fsPath;
    const baseline = fs.readFileSync(baselineFile, 'utf8');
    assert.match(baseline, /"rule": "ringg-api-key"/);
    assert.ok(!baseline.includes('9e0c4f7b-21d8'), 'the baseline holds no key');
    // the code moves and the key is used again further down: still accepted (no line numbers involved);
    // a key the baseline does not hold, added in the same edit, is reported
    const editor = vscode.window.activeTextEditor!;
    await editor.edit(b => {
      b.insert(new vscode.Position(0, 0), '# moved down\n\n');
      b.insert(new vscode.Position(3, 0), '\n### again\nGET https://prod-api.ringg.ai/ca/api/v0/workspace/all\nX-API-KEY: 9e0c4f7b-21d8-4a6e-b3c5-7d8e9f0a1b2c\nX-API-KEY: 4d3c2b1a-0f9e-4d8c-a7b6-5e4f3a2b1c0d\n');
    });
    const [other] = await waitFor('only the new key reported', () => { const x = ours(doc.uri); return x.length === 1 && x; });
    assert.strictEqual(doc.getText(other.range), '4d3c2b1a-0f9e-4d8c-a7b6-5e4f3a2b1c0d');
    fs.rmSync(baselineFile);
  });

  it('honours the severity and exclude settings', async () => {
    const { doc } = await open('leaks/client.ts');
    await waitFor('initial diagnostics', () => ours(doc.uri).length === 2);
    const config = vscode.workspace.getConfiguration(Settings.diagnostics);
    try {
      await config.update('severity', { 'ringyo-test-key': 'off', 'ringg-api-key': 'information' }, vscode.ConfigurationTarget.Workspace);
      const d = await waitFor('one information diagnostic', () => { const x = ours(doc.uri); return x.length === 1 && x; });
      assert.strictEqual(d[0].severity, vscode.DiagnosticSeverity.Information);
      await config.update('exclude', ['leaks/**'], vscode.ConfigurationTarget.Workspace);
      await waitFor('nothing reported in an excluded folder', () => ours(doc.uri).length === 0);
    } finally {
      await config.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('back to defaults', () => ours(doc.uri).length === 2);
  });

  it('Scan Workspace for Keys reports files nobody opened, skips git-ignored ones, and fills the Problems panel', async function () {
    const summary = await vscode.commands.executeCommand<WorkspaceScanSummary>(Commands.scanWorkspace);
    assert.strictEqual(summary.cancelled, false);
    assert.ok(summary.files >= 8, `scanned ${summary.files} files`);
    const yaml = ours(fixture('unopened/config.yaml'));
    assert.deepStrictEqual(yaml.map(codeOf).sort(), ['ringtonic-api-key', 'ringyo-live-key']);
    assert.deepStrictEqual(ours(fixture('ignored/secrets.env')), [], '.gitignore is respected');
    assert.ok(ours(fixture('leaks/settings.py')).length === 1, 'files with findings across the workspace');
    if (!ui.available) { return; }
    await vscode.commands.executeCommand('workbench.panel.markers.view.focus');
    await vscode.commands.executeCommand('workbench.action.toggleMaximizedPanel');   // the tree only renders the rows in view
    const panel = await waitFor('the Problems panel listing config.yaml', async () => {
      const t = (await ui.texts('.part.panel')).join('\n');
      return t.includes('config.yaml') && t.includes('settings.py') && t;
    });
    assert.ok(!panel.includes('secrets.env'));
    assert.ok(!panel.includes('rt_8Qyg60OFbfxFPGHUAfkvVjnQ'), 'keys appear masked in the panel');
    await ui.screenshot('diagnostics-problems-panel');
    await vscode.commands.executeCommand('workbench.action.toggleMaximizedPanel');
    this.test!.title += ` (${summary.files} files, ${summary.findings} findings)`;
  });

  it('reports a UUID under a generic name with low confidence: as Information, "possibly" in the message (screenshot)', async function () {
    // an untitled document belongs to no project, so nothing ties it to Ringg
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: fs.readFileSync(fixture('leaks/generic.py').fsPath, 'utf8') });
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const [d] = await waitFor('the low-confidence diagnostic', () => { const x = ours(doc.uri); return x.length === 1 && x; });
    assert.strictEqual(codeOf(d), 'ringg-api-key');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Information, 'error lowered to information');
    assert.match(d.message, /^Possibly a Ringg AI API key …3a4b, assigned to api_key: a UUID under a key name, with nothing tying it to Ringg AI\.$/);
    const config = vscode.workspace.getConfiguration(Settings.diagnostics);
    try {
      await config.update('severity', { 'ringg-api-key': 'hint' }, vscode.ConfigurationTarget.Workspace);
      await waitFor('a hint stays a hint', () => ours(doc.uri)[0]?.severity === vscode.DiagnosticSeverity.Hint);
    } finally {
      await config.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('back to information', () => ours(doc.uri)[0]?.severity === vscode.DiagnosticSeverity.Information);
    if (ui.available) {
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('workbench.action.closePanel');
      editor.revealRange(d.range, vscode.TextEditorRevealType.InCenter);
      await waitFor('an information squiggle in the editor', async () => (await ui.count('.monaco-editor .squiggly-info')) > 0);
      await ui.hover('.monaco-editor .view-lines span[class^="mtk"]:has-text("b7e4c2a9")');
      await waitFor('the hover with our message', async () => (await ui.texts('.monaco-hover')).join('\n').includes('Possibly a Ringg AI API key'));
      await ui.screenshot('diagnostics-low-confidence');
      await ui.press('Escape');
    }
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('in a project that mentions a Ringg host, the same generic name is a Ringg key at the configured severity', async () => {
    await open('leaks/call.http');   // GET https://prod-api.ringg.ai/…
    const { doc } = await open('leaks/generic.py');
    const [d] = await waitFor('the Ringg key diagnostic', () => { const x = ours(doc.uri); return x.length === 1 && x; });
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /^Ringg AI API key …3a4b assigned to api_key\.$/);
  });

  it('shows a squiggle whose hover names the rule and offers the quick fixes (screenshot)', async function () {
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    const { doc, editor } = await open('leaks/client.ts');
    const [d] = await waitFor('the Ringg key diagnostic', () => ours(doc.uri).filter(x => codeOf(x) === 'ringg-api-key'));
    editor.selection = new vscode.Selection(d.range.start, d.range.start);
    editor.revealRange(d.range, vscode.TextEditorRevealType.InCenter);
    await waitFor('a squiggle in the editor', async () => (await ui.count('.monaco-editor .squiggly-error')) > 0);
    await ui.hover('.monaco-editor .view-lines span[class^="mtk"]:has-text("3f6d2c1a")');
    const hover = await waitFor('the hover with our message', async () => {
      const t = (await ui.texts('.monaco-hover')).join('\n');
      return t.includes('Ringg AI API key') && t;
    });
    assert.match(hover, /Ring Keys/);
    assert.match(hover, /ringg-api-key/);
    assert.ok(!hover.includes('3f6d2c1a'), 'the hover shows the key masked');
    await waitFor('the Quick Fix link in the hover', async () => (await ui.texts('.monaco-hover')).join('\n').includes('Quick Fix'));
    await ui.screenshot('diagnostics-hover');
    await ui.press('Escape');
    await vscode.commands.executeCommand('editor.action.quickFix');
    const menu = await waitFor('the quick-fix menu', async () => {
      const t = (await ui.texts('.action-widget')).join('\n');
      return t.includes('Move to SecretStorage') && t;
    });
    assert.match(menu, /Ignore this occurrence/);
    assert.match(menu, /Add to baseline/);
    await ui.screenshot('diagnostics-quick-fixes');
    await ui.press('Escape');
  });
});
