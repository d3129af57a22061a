// The Request Tester against the sandbox API, driven the way a person uses it: the webview's own
// controls (keyboard and clicks) inside the real workbench, the confirmation as VS Code shows it, and
// assertions on the webview's DOM. Adds the keys it needs; depends on no other test file.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { RingKeysApi } from '../../src/extension';
import { addKeyThroughUi, clearNotifications, dialogText, NO_UI_BRIDGE, removeKeyThroughUi, sandbox, ui, waitFor, startOnFreshSandbox } from './util';
import { allowSkips } from './skips';
import { chooseEndpoint, text, waitText, webviewHtml } from './testerUi';

const SKIPS = allowSkips(__filename, { desktop: NO_UI_BRIDGE });



async function openTester(): Promise<void> {
  await vscode.commands.executeCommand(Commands.openRequestTester);
  await waitText('the tester', '#endpoints', /GET|POST/);
}

async function setTheme(name: string, kind: 'vscode-dark' | 'vscode-light' | 'vscode-high-contrast'): Promise<void> {
  await vscode.workspace.getConfiguration().update('workbench.colorTheme', name, vscode.ConfigurationTarget.Global);
  await waitFor(`the webview in ${name}`, async () => {
    const body = (await ui.call<{ html: string[] }>('html', { selector: 'body:has(#tester-root)', frame: true })).html.join();
    return new RegExp(`class="[^"]*${kind}`).test(body.slice(0, 400));
  });
}

describe('request tester: webview against the sandbox', function () {
  let api: RingKeysApi;
  let ringgKey: string;
  let originalTheme: string | undefined;
  const added: string[] = [];

  before(async function () {
    ({ api, ringgKey } = await startOnFreshSandbox(this, SKIPS.desktop));
    originalTheme = vscode.workspace.getConfiguration().inspect<string>('workbench.colorTheme')?.globalValue;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    added.push(await addKeyThroughUi('Ringg AI', 'Tester workspace', ringgKey));
    await clearNotifications();
  });

  // leave the window as found: theme, editors, notifications, and no key of ours in the vault
  after(async () => {
    if (!ui.available || !sandbox.origin) { return; }
    await vscode.workspace.getConfiguration().update('workbench.colorTheme', originalTheme, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await clearNotifications();
    for (const id of added) {
      const name = api.profiles().find(p => p.id === id)?.name;
      if (!name) { continue; }
      await removeKeyThroughUi(id, name);
    }
    await clearNotifications();
  });

  it('opens, sends Ringg GET /workspace by keyboard: the workspace name shows in the webview, the key nowhere', async () => {
    await openTester();
    await ui.click('label[for="provider-ringg"]', true);
    await waitFor('Ringg chosen', async () => /Tester workspace \(…/.test(await text('#profile')));
    await chooseEndpoint('workspace info', 'ringg_workspace_info');
    await waitText('the endpoint detail', '#endpoint-title', /GET\s+\/workspace$/);
    const gets = async () => (await sandbox.state()).requests.filter(r => r === 'GET /ca/api/v0/workspace').length;
    const before = await gets();
    await ui.press('Control+Enter');
    await waitText('the answer', '#result-status', /200 OK/);
    await waitText('the workspace name', '#response-body', /"name": "Sandbox Workspace"/);
    assert.match(await text('#response-body'), /"api_key": "\[REDACTED\]"/);
    assert.match(await text('#result-meaning'), /Success/);
    const html = await webviewHtml();
    assert.ok(html.includes('Sandbox Workspace'));
    assert.ok(!html.includes(ringgKey), 'the key is not in the webview DOM');
    const snap = api.tester();
    assert.strictEqual(snap.history[0]?.path, '/workspace');
    assert.strictEqual(snap.history[0]?.status, 200);
    assert.ok(!JSON.stringify(snap).includes(ringgKey), 'the key is in neither the last result nor history');
    await waitText('the history entry', '#history', /200\s+GET\s+\/workspace/);
    assert.strictEqual(await gets(), before + 1, 'one request went out');
  });

  it('follows the theme: dark, light and high contrast (screenshots)', async () => {
    await setTheme('Default Dark Modern', 'vscode-dark');
    await waitText('the answer', '#response-body', /Sandbox Workspace/);
    await ui.screenshot('request-tester-dark');
    await setTheme('Default Light Modern', 'vscode-light');
    await waitText('the answer', '#response-body', /Sandbox Workspace/);
    await ui.screenshot('request-tester-light');
    await setTheme('Default High Contrast', 'vscode-high-contrast');
    await waitText('the answer', '#response-body', /Sandbox Workspace/);
    await ui.screenshot('request-tester-high-contrast');
    await setTheme('Default Dark Modern', 'vscode-dark');
  });

  it('keeps its state when hidden and shown again', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: 'hide the tester', language: 'plaintext' });
    await vscode.window.showTextDocument(doc, { preview: false });
    await waitFor('the tester hidden', async () => !(await webviewHtml()).includes('Sandbox Workspace'));
    await vscode.commands.executeCommand(Commands.openRequestTester);
    await waitText('the answer restored', '#response-body', /"name": "Sandbox Workspace"/);
    await waitText('the endpoint restored', '#endpoint-title', /GET\s+\/workspace$/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand(Commands.openRequestTester);
    await waitText('the panel reopened', '#endpoints', /\/workspace/);
  });

  it('a credit-spending call asks first and is not sent when cancelled; sent once confirmed', async () => {
    const credits = (await sandbox.state()).credits;
    await chooseEndpoint('place one outbound call', 'ringg_calls_outbound');
    await waitText('the risk callout', '#endpoint', /spends credits: places a real call and spends credits\. You will be asked to confirm/);
    const editor = (await ui.call<{ html: string[] }>('html', { selector: '#body', frame: true })).html.join();
    assert.match(editor, /"mobile_number": "\+919876543210"/, 'the documented example body is prefilled');
    await ui.click('#send', true);
    // asked in the panel, where Send was pressed, with the safe answer focused
    await waitText('the confirmation', '#result .confirm', /places a real call and spends credits/);
    assert.match(await text('#confirm-message'), /POST \/calling\/outbound\/individual with the live key "Tester workspace"/);
    assert.strictEqual((await ui.texts('#confirm-cancel:focus', true)).length, 1, 'Cancel has the focus');
    await ui.screenshot('request-tester-confirm-spend');
    await ui.press('Enter');   // Enter right away answers with the focused button: Cancel
    await waitText('not sent', '#result-status', /Not sent/);
    assert.match(await text('#result-message'), /cancelled/);
    let state = await sandbox.state();
    assert.ok(!state.requests.some(r => r.startsWith('POST ')), `nothing was sent: ${state.requests.join(', ')}`);
    assert.strictEqual(state.credits, credits, 'no credits spent');
    assert.strictEqual(api.tester().history[0].method, 'GET', 'a cancelled request is not in history');

    await ui.click('#send', true);
    await waitText('the confirmation again', '#result .confirm', /places a real call and spends credits/);
    await ui.click('#confirm-send', true);
    await waitText('the call placed', '#result-status', /200 OK/);
    await waitText('the answer', '#response-body', /"call_status": "registered"/);
    state = await sandbox.state();
    assert.strictEqual(state.requests.filter(r => r === 'POST /ca/api/v0/calling/outbound/individual').length, 1, 'sent exactly once');
    assert.ok(state.credits < credits, 'credits spent');
  });

  it('refuses key rotation and points to Rotate Key; the key keeps working', async () => {
    await chooseEndpoint('regenerate', 'ringg_workspace_rotateKey');
    await waitText('the refusal callout', '#endpoint', /Rotate Key command/);
    await ui.click('#send', true);
    await waitText('not sent', '#result-status', /Not sent/);
    assert.match(await text('#result-message'), /does not send PATCH \/workspace\/api-key/);
    await waitFor('the pointer to Rotate Key', async () => /Rotate Key/.test(await dialogText()));
    await clearNotifications();
    const state = await sandbox.state();
    assert.strictEqual(state.ringgKey, ringgKey, 'not rotated');
    assert.ok(!state.requests.some(r => r.startsWith('PATCH ')));
  });

  it('copies cURL with $RINGG_API_KEY, loads and re-runs from history', async () => {
    await ui.click('#history li:last-child .history-item', true);   // the oldest: GET /workspace
    await waitText('loaded from history', '#endpoint-title', /GET\s+\/workspace$/);
    await ui.click('#copy-curl', true);
    await waitText('the cURL', '#curl', /\$RINGG_API_KEY/);
    const curl = await text('#curl');
    assert.match(curl, /curl -sS 'http:\/\/127\.0\.0\.1:\d+\/ca\/api\/v0\/workspace'/);
    assert.match(curl, /-H "X-API-KEY: \$RINGG_API_KEY"/);
    assert.ok(!curl.includes(ringgKey));
    const clip = await vscode.env.clipboard.readText();
    assert.ok(!clip.includes(ringgKey), 'the clipboard never holds the key');
    const before = api.tester().history.length;
    const gets = async () => (await sandbox.state()).requests.filter(r => r === 'GET /ca/api/v0/workspace').length;
    const sent = await gets();
    await ui.click('#history li:last-child .rerun', true);
    await waitFor('a new history entry', () => api.tester().history.length === before + 1);
    await waitText('the answer', '#result-status', /200 OK/);
    assert.strictEqual(api.tester().history[0].path, '/workspace');
    assert.strictEqual(await gets(), sent + 1, 're-run sent it once more');
    const html = await webviewHtml();
    assert.ok(!html.includes(ringgKey), 'the key is not in the webview DOM');
    assert.ok(!JSON.stringify(api.tester()).includes(ringgKey), 'nor in history');
  });

  it('with an rg_test_ key, a call is sent without asking and the answer says it is a test key', async () => {
    const keys = (await sandbox.state()).keys;
    const id = await addKeyThroughUi('Ringyo AI', 'Tester test key', keys.ringyoTest);
    added.push(id);
    await clearNotifications();
    // as from the Keys view's context menu on that key: the panel switches to its provider and key
    await vscode.commands.executeCommand(Commands.openRequestTester, { kind: 'profile', id, provider: 'ringyo' });
    await waitFor('the test key chosen', async () => /Tester test key \(…\w{4}\) · TEST/.test(await text('#profile')));
    await waitText('the Ringyo catalogue', '#endpoints', /\/phone-numbers/);
    assert.doesNotMatch(await text('#endpoints'), /\/calling\//, 'only Ringyo endpoints are listed');
    await chooseEndpoint('place an outbound call', 'ringyo_calls_create');
    await waitText('the test-key note', '#endpoint', /Test key: no real call/);
    // a body for an agent the sandbox has (the docs give no example agent id for Ringyo)
    const body = '{"phone_number": "+14155550123", "agent_id": "agent_01HZX3"}';
    await waitFor('the body typed', async () => {
      await ui.click('#body', true);
      await ui.press('Control+A');
      await ui.type(body);
      return /Valid JSON/.test(await text('#body-status'));
    });
    await ui.click('#send', true);
    await waitText('the answer', '#result-status', /201 Created/);
    assert.match(await text('#result'), /test key: Ringyo AI places no real call and uses no credits/);
    assert.match(await text('#result'), /x-ratelimit-limit/);
    await ui.screenshot('request-tester-ringyo-test-key');
    const html = await webviewHtml();
    assert.ok(!html.includes(keys.ringyoTest), 'the key is not in the webview DOM');
    assert.strictEqual(await dialogText().then(t => /spends credits/.test(t)), false, 'no confirmation was asked');
    assert.strictEqual((await ui.texts('#result .confirm', true)).length, 0, 'nor in the panel');
    await clearNotifications();
  });
});
