// What a first-time user meets, in the order they meet it: the Keys view at narrow and wide side bars,
// credits after a credit-spending request, the Request Tester's examples and confirmation. Adds the keys
// it needs and removes them at the end; depends on no other test file.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { RingKeysApi } from '../../src/extension';
import { SANDBOX_CAMPAIGN_ID } from '../../src/sandbox/server';
import { DIAGNOSTIC_SOURCE } from '../../src/constants';
import { chooseEndpoint, text, waitText } from './testerUi';
import { activate, addKeyThroughUi, answer, clearNotifications, dialogText, NO_UI_BRIDGE, removeKeyThroughUi, runEnv, sandbox, ui, waitFor } from './util';
import { allowSkips, skipBecause } from './skips';

const SKIPS = allowSkips(__filename, { desktop: NO_UI_BRIDGE });

const rowsSel = '.pane-body .monaco-list-row';
const rows = async () => (await ui.texts(rowsSel)).join('\n');

describe('first run: what a new user meets (issue 17)', function () {
  let api: RingKeysApi;
  let ringgId: string;
  let ringyoId: string;
  let defaultWidth = 0;

  before(async function () {
    if (!ui.available) { skipBecause(this, SKIPS.desktop); }
    runEnv('RING_KEYS_SANDBOX');
    api = await activate();
    await sandbox.reset();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const state = await sandbox.state();
    ringgId = await addKeyThroughUi('Ringg AI', 'Sandbox Ringg', state.ringgKey);
    await waitFor('the Ringg key verified', () => api.profiles().find(p => p.id === ringgId)?.lastState === 'valid');
    ringyoId = await addKeyThroughUi('Ringyo AI', 'Dev (test)', state.keys.ringyoTest);
    await waitFor('the Ringyo key verified', () => api.profiles().find(p => p.id === ringyoId)?.lastState === 'valid');
    await clearNotifications();
  });

  after(async () => {
    if (!ui.available || !sandbox.origin) { return; }
    // the tester's history is kept across tests: leave it as found (empty), as a person clears it
    await vscode.commands.executeCommand(Commands.openRequestTester);
    await waitText('the tester', '#endpoints', /GET|POST/);
    await ui.click('#clear-history', true);
    await waitFor('the history cleared', () => api.tester().history.length === 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (defaultWidth) { await ui.sideBarWidth(defaultWidth).catch(() => undefined); }
    await clearNotifications();
    for (const [id, name] of [[ringgId, 'Sandbox Ringg'], [ringyoId, 'Dev (test)']]) {
      if (id && api.profiles().some(p => p.id === id)) { await removeKeyThroughUi(id, name); }
    }
    await clearNotifications();
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  it('Keys view rows at the default, 250 px and 400 px side-bar widths (screenshots)', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.ringKeys');
    await waitFor('the tree', async () => /Sandbox Ringg/.test(await rows()) && /Dev \(test\)/.test(await rows()));
    await waitFor('the credits', async () => /2,900/.test(await rows()));
    defaultWidth = await ui.sideBarWidth(300);
    const text = await rows();
    assert.match(text, /Sandbox Ringg\s*2,900 cr\b/, 'the Ringg row shows its credits');
    assert.match(text, /Dev \(test\)\s*TEST/, 'the Ringyo row shows TEST');
    for (const width of [250, 400]) {
      const got = await ui.sideBarWidth(width);
      assert.ok(Math.abs(got - width) <= 2, `the side bar is ${got} px wide, not ${width}`);
      const labels = await ui.clipped(`${rowsSel} .monaco-icon-label-container`);
      assert.ok(labels.length >= 4, `provider and key rows: ${labels.length}`);
      const cut = labels.filter(l => l.clipped).map(l => l.text);
      assert.deepStrictEqual(cut, [], `no row is cut at ${width} px`);
      await ui.screenshot(`first-keys-view-${width}`);
    }
    // the rest is in the tooltip: workspace, credits, test key, masked tail
    await ui.hover(`${rowsSel}:has-text("Sandbox Ringg")`);
    const tip = await waitFor('the tooltip', async () => {
      const t = (await ui.texts('.monaco-hover, .workbench-hover')).join('\n');
      return /Sandbox Workspace/.test(t) && t;
    });
    const tail = api.profiles().find(p => p.id === ringgId)!.tail;
    assert.ok(tip.includes(tail), `the tooltip names the masked key ${tail}: ${tip}`);
    assert.match(tip, /Credits: 2,900 credits/);
    await ui.screenshot('first-keys-view-tooltip');
    const spoken = (await ui.ariaLabels(`${rowsSel}`)).join('\n');
    assert.match(spoken, /Sandbox Ringg, Ringg AI, [^\n]*verified, Sandbox Workspace, 2,900 credits, key ending/, `screen-reader label: ${spoken}`);
    await ui.sideBarWidth(300);
  });

  it('credits after a credit-spending request from the Request Tester (screenshots)', async () => {
    await vscode.commands.executeCommand(Commands.switchKey, { id: ringgId });
    await waitFor('the Ringg key active, 2,900 credits', () => /2,900 credits/.test(api.status().text ?? ''));
    await vscode.commands.executeCommand(Commands.openRequestTester, { kind: 'profile', id: ringgId, provider: 'ringg' });
    await waitText('the tester', '#endpoints', /GET|POST/);
    await chooseEndpoint('place one outbound call', 'ringg_calls_outbound');
    const before = (await sandbox.state()).credits;
    await ui.click('#send', true);
    await waitText('the confirmation', '#result .confirm', /spends credits/);
    assert.strictEqual((await ui.texts('#confirm-cancel:focus', true)).length, 1, 'Cancel has the focus');
    await ui.screenshot('first-tester-confirm');
    await ui.click('#confirm-send', true);
    await waitText('the call placed', '#result-status', /200 OK/);
    const credits = (await sandbox.state()).credits;
    assert.ok(credits < before, `the sandbox spent credits: ${before} → ${credits}`);
    // what the workspace has now, everywhere credits show, without another verification by the user
    const shown = `${(2900 - (before - credits)).toLocaleString('en-US')} credits`;   // available: the locked credits did not change
    await waitFor(`the status bar at ${shown}`, () => api.status().text.includes(shown));
    await waitFor(`the Keys view at ${shown}`, async () => (await rows()).includes(shown.replace('credits', 'cr')));
    await ui.screenshot('first-credits-after-call');
  });

  it('the Request Tester with a Ringyo key: descriptions and the example body (screenshots)', async () => {
    await vscode.commands.executeCommand(Commands.openRequestTester, { kind: 'profile', id: ringyoId, provider: 'ringyo' });
    await waitText('the Ringyo catalogue', '#endpoints', /\/phone-numbers/);
    // Ringyo's phone numbers and webhooks under their own headings: Ringyo has no workspace endpoint
    assert.deepStrictEqual((await ui.texts('#endpoints .group-label', true)).map(t => t.trim().toLowerCase()),
      ['agents', 'calls', 'phone numbers', 'webhooks']);
    await ui.screenshot('first-tester-ringyo-groups');
    await chooseEndpoint('place an outbound call', 'ringyo_calls_create');
    // the example names the account's first agent (GET /agents), not the docs' agent_abc123
    await waitFor('the account\'s agent in the example', async () => /"agent_id": "agent_01HZX3"/.test(
      (await ui.call<{ html: string[] }>('html', { selector: '#body', frame: true })).html.join()));
    const info = await text('#endpoint');
    assert.doesNotMatch(info, /\((DOC|3P) /, 'no research source tags');
    const docs = (await ui.call<{ html: string[] }>('html', { selector: '#open-docs', frame: true })).html.join();
    assert.match(docs, /title="https:\/\/docs\.ringyo\.ai\/api-reference\/calls\/create"/, 'a link to the endpoint\'s page');
    await ui.click('#endpoint-title', true);   // the endpoint's description in view
    await ui.screenshot('first-tester-ringyo-endpoint');
    await ui.click('#send', true);
    await waitText('the call placed', '#result-status', /201 Created/);
    await ui.screenshot('first-tester-ringyo-call');
  });

  it('Open Request Tester never stands a second panel next to a restored one (after a window reload)', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // what a reload leaves: a tester tab whose webview VS Code has not handed back to the extension
    const restored = vscode.window.createWebviewPanel('ringKeys.requestTester', 'Request Tester', { viewColumn: vscode.ViewColumn.One, preserveFocus: true });
    const doc = await vscode.workspace.openTextDocument({ content: 'on top', language: 'plaintext' });
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand(Commands.openRequestTester);
    await waitText('the tester', '#endpoints', /GET|POST/);
    const testerTabs = vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('ringKeys.requestTester'));
    assert.strictEqual(testerTabs.length, 1, `one Request Tester: ${testerTabs.map(t => t.label).join(', ')}`);
    restored.dispose();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a screen reader hears plain names: status bar, Keys view, Request Tester and workspace info', async () => {
    // the status bar item: plain words, none of its $(icon) ids or Markdown
    const spoken = [...new Set((await ui.ariaLabels('.statusbar-item [aria-label], .statusbar-item[aria-label]')).filter(l => l.startsWith('Ring Keys')))];
    assert.strictEqual(spoken.length, 1, `one Ring Keys item: ${spoken.join(' | ')}`);
    assert.match(spoken[0], /^Ring Keys: Ringg AI key "Sandbox Ringg", ending \w{4}, verified, workspace Sandbox Workspace, [\d,.]+ credits available\. Activate for key actions\.$/);
    assert.doesNotMatch(spoken[0], /\$\(|\*\*|\[|\]\(/);
    // the Keys view: every row has a name
    const keysView = await ui.unnamed('.pane-body .monaco-list-row');
    assert.ok(keysView.count >= 4, `rows checked: ${keysView.count}`);
    assert.deepStrictEqual(keysView.unnamed, []);
    // the Request Tester: every control has a name
    await vscode.commands.executeCommand(Commands.openRequestTester);
    await waitText('the tester', '#endpoints', /GET|POST/);
    const tester = await ui.unnamed(['button', 'input', 'select', 'textarea', '[role="option"]', '[role="radio"]', '[role="combobox"]'].map(c => `#tester-root ${c}`).join(', '), true);
    assert.ok(tester.count >= 10, `controls checked: ${tester.count}`);
    assert.deepStrictEqual(tester.unnamed, []);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand(Commands.showWorkspaceInfo, ringgId);
    await waitFor('the info table', async () => (await ui.texts('table', true)).join().includes('Sandbox Workspace'));
    const info = await ui.unnamed('body:has(#content) button, #content a, #content button, #content table', true);
    assert.ok(info.count >= 2, `controls checked: ${info.count}`);
    assert.deepStrictEqual(info.unnamed, []);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a key rotated away is dead: its diagnostic says so and the quick fix deletes the literal instead of storing it', async () => {
    const oldKey = (await sandbox.state()).ringgKey;
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: `// deploy script\nconst apiKey = '${oldKey}';\n` });
    await vscode.window.showTextDocument(doc, { preview: false });
    const ours = () => vscode.languages.getDiagnostics(doc.uri).filter(d => d.source === DIAGNOSTIC_SOURCE);
    await waitFor('the stored key flagged', () => ours().length === 1);
    const rotation = vscode.commands.executeCommand<string>(Commands.rotateKey, ringgId);
    await waitFor('the confirmation', async () => /old key stops working immediately/.test(await dialogText()));
    await answer('Rotate Key');
    assert.strictEqual(await rotation, 'rotated');
    await clearNotifications();
    const [d] = await waitFor('the dead-key diagnostic', () => { const x = ours(); return x.length === 1 && /This key is dead: Ringg AI rejects it/.test(x[0].message) && x; });
    // a generic name in an untitled document ties nothing to Ringg, but the vault knows this key was Ringg's
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error, 'a dead key the vault knows is shown at its rule\'s severity');
    assert.match(d.message, /^Ringg AI API key …\w{4} assigned to apiKey\./);
    const fixes = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value))
      .filter(a => a.command?.command === Commands.moveKeyToSecretStorage);
    assert.strictEqual(fixes.length, 1);
    assert.match(fixes[0].title, /^Delete the dead key from the file/);
    assert.ok(!fixes.some(f => /Move to SecretStorage/.test(f.title)), 'a dead key is not offered a move to SecretStorage');
    const before = api.profiles().length;
    await ui.hover('.monaco-editor .squiggly-error');
    // the hover says one thing: the diagnostic's "dead" and, under it, the dead verdict and its fix (issue 24)
    const shown = await waitFor('the hover', async () => { const t = (await ui.texts('.monaco-hover')).join('\n'); return /This key is dead/.test(t) && /Dead/.test(t) && /Delete the dead key/.test(t) && t; });
    assert.doesNotMatch(shown, /Not checked yet|nothing is sent|Check whether this key works/, shown);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, d.range.start.translate(0, 4));
    const md = hovers.flatMap(h => h.contents.map(c => typeof c === 'string' ? c : (c as vscode.MarkdownString).value)).join('\n');
    assert.match(md, new RegExp(`command:${Commands.moveKeyToSecretStorage}\\?`));
    assert.doesNotMatch(md, new RegExp(`command:${Commands.checkFoundKey}|command:${Commands.rotateFoundKey}`));
    await ui.screenshot('first-dead-key-diagnostic');
    await vscode.commands.executeCommand(fixes[0].command!.command, ...(fixes[0].command!.arguments ?? []));
    await waitFor('the literal gone', () => doc.lineAt(1).text === 'const apiKey = process.env.RINGG_API_KEY;');
    assert.strictEqual(api.profiles().length, before, 'nothing was stored');
    await waitFor('no diagnostic left', () => ours().length === 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await clearNotifications();
  });

  it('Ring Tonic "Set Campaign…" says where the campaign id is, refuses one Ring Tonic does not know, takes the dashboard address', async () => {
    const keys = (await sandbox.state()).keys;
    const added = vscode.commands.executeCommand<string>(Commands.addKey, 'ringtonic');
    const title = async () => (await ui.texts('.quick-input-widget .quick-input-title')).join();
    await waitFor('the key box', async () => (await title()).includes('API key'));
    await ui.input(keys.ringtonic);
    await ui.press('Enter');
    await waitFor('the name box', async () => (await title()).includes('name'));
    await ui.press('Enter');
    const id = await added;
    await waitFor('the offer to set a campaign', async () => /Set Campaign/.test(await dialogText()));
    await answer('Set Campaign…');
    await waitFor('the campaign box', async () => (await title()).includes('campaign'));
    const prompt = (await ui.texts('.quick-input-widget .quick-input-message')).join();
    assert.match(prompt, /Ring Tonic dashboard: its id is the UUID in the page's address/, `where to find it: ${prompt}`);
    await ui.input('campaign 12');
    await waitFor('the format error', async () => /No campaign UUID in this/.test((await ui.texts('.quick-input-widget .quick-input-message')).join()));
    await ui.input('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
    await ui.press('Enter');
    await waitFor('the unknown campaign refused', async () => /Ring Tonic has no campaign 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/.test((await ui.texts('.quick-input-widget .quick-input-message')).join()));
    await ui.screenshot('first-ringtonic-campaign-refused');
    await ui.input(`https://ringtonic.app/campaigns/${SANDBOX_CAMPAIGN_ID}/overview`);
    await ui.press('Enter');
    await waitFor('the key verified through the campaign', () => api.profiles().find(p => p.id === id)?.lastState === 'valid');
    await clearNotifications();
    await removeKeyThroughUi(id, api.profiles().find(p => p.id === id)!.name);
    await clearNotifications();
  });
});
