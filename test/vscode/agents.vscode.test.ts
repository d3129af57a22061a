// The agent tools as an agent reaches them: vscode.lm.invokeTool (no language model needed), against the sandbox.
// A credit-spending request is confirmed in Ring Keys' own question every time, with chat's auto-approve on.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../src/constants';
import type { RingKeysApi } from '../../src/extension';
import { codeActions } from './leakFlow';
import { addKeyThroughUi, answer, clearNotifications, dialogText, NO_UI_BRIDGE, removeKeyThroughUi, sandbox, startOnFreshSandbox, ui, waitFor } from './util';
import { allowSkips } from './skips';

const SKIPS = allowSkips(__filename, { desktop: NO_UI_BRIDGE });

const textOf = (r: vscode.LanguageModelToolResult) => r.content.map(p => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('\n');
const invoke = (name: string, input: object) => vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
const OUTBOUND = { endpoint: 'ringg.calls.outbound', body: { name: 'A', mobile_number: '+14155550100', agent_id: 'x', from_number_id: 'y' } };

describe('agent tools: vscode.lm.invokeTool against the sandbox', function () {
  let api: RingKeysApi;
  let ringgKey: string;
  const added: string[] = [];
  let autoApprove: unknown;

  before(async function () {
    ({ api, ringgKey } = await startOnFreshSandbox(this, SKIPS.desktop));
    added.push(await addKeyThroughUi('Ringg AI', 'Agent key', ringgKey));
    await clearNotifications();
    autoApprove = vscode.workspace.getConfiguration().inspect('chat.tools.autoApprove')?.globalValue;
  });

  after(async () => {
    if (!ui.available || !sandbox.origin) { return; }
    await vscode.workspace.getConfiguration().update('chat.tools.autoApprove', autoApprove, vscode.ConfigurationTarget.Global).then(undefined, () => undefined);
    await clearNotifications();
    for (const id of added) {
      const name = api.profiles().find(p => p.id === id)?.name;
      if (name) { await removeKeyThroughUi(id, name); }
    }
    await clearNotifications();
  });

  it('registers both tools; lists endpoints and reads the workspace with the stored key, which the answer never holds', async () => {
    const names = vscode.lm.tools.map(t => t.name);
    assert.ok(names.includes('ringkeys_endpoints') && names.includes('ringkeys_request'), names.join(', '));
    const list = textOf(await invoke('ringkeys_endpoints', { provider: 'ringg', words: 'outbound' }));
    assert.match(list, /"id":"ringg\.calls\.outbound"/);
    const ws = textOf(await invoke('ringkeys_request', { endpoint: 'ringg.workspace.info' }));
    assert.match(ws, /GET \/workspace with "Agent key" \(…[0-9a-f]{4}\) → 200 OK/);
    assert.ok(!ws.toLowerCase().includes(ringgKey.toLowerCase()) && !ws.includes(ringgKey.slice(-12)), 'no key in the answer');
    const pasted = textOf(await invoke('ringkeys_request', { endpoint: 'ringg.agents.get', params: { agent_id: ringgKey } }));
    assert.match(pasted, /^Refused: params\.agent_id holds an API key/);
    assert.ok(!pasted.includes(ringgKey.slice(-12)));
  });

  it('asks in Ring Keys\' own question for a spend every time, even with auto-approve on (screenshot); nothing is sent unless confirmed', async () => {
    // what a user sets to let agent tools run without asking: Ring Keys asks anyway for spending
    await vscode.workspace.getConfiguration().update('chat.tools.autoApprove', true, vscode.ConfigurationTarget.Global);
    assert.strictEqual(vscode.workspace.getConfiguration().get('chat.tools.autoApprove'), true, 'auto-approve is on');
    const before = (await sandbox.state()).credits;
    const asked = api.agentTools().confirmations;
    const first = invoke('ringkeys_request', OUTBOUND);
    await waitFor('the confirmation', async () => /Send POST \/calling\/outbound\/individual with the live key "Agent key"/.test(await dialogText()));
    assert.match(await dialogText(), /places a real call and spends credits/);
    await ui.screenshot('agents-spend-confirmation');
    assert.strictEqual((await sandbox.state()).credits, before, 'nothing sent while asking');
    await clearNotifications();   // dismissed: not confirmed
    assert.match(textOf(await first), /^Not sent: the user did not confirm/);
    assert.strictEqual((await sandbox.state()).credits, before);
    const second = invoke('ringkeys_request', OUTBOUND);
    await waitFor('the confirmation again', async () => /Send POST \/calling\/outbound\/individual/.test(await dialogText()));
    await answer('Send', 'calling/outbound');
    assert.match(textOf(await second), /→ 200 OK/);
    assert.ok((await sandbox.state()).credits < before, 'sent after the confirmation');
    assert.strictEqual(api.agentTools().confirmations, asked + 2, 'asked on each call');
    await clearNotifications();
  });

  it('offers, for a key in .vscode/mcp.json, the quick fix to an ${input:…} with password: true; the file then names no key', async () => {
    const key = '0b7e3f52-9d4c-4a61-8e2f-3c5d7a9b1e40';
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.vscode', 'mcp.json');
    const had = await vscode.workspace.fs.readFile(file).then(b => b, () => undefined);
    try {
      await vscode.workspace.fs.writeFile(file, Buffer.from(`{\n  "servers": {\n    "ringg": { "command": "npx", "args": ["ringg-mcp"], "env": { "RINGG_API_KEY": "${key}" } }\n  }\n}\n`));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
      const [d] = await waitFor('the key in mcp.json flagged', () => {
        const x = vscode.languages.getDiagnostics(file).filter(v => v.source === DIAGNOSTIC_SOURCE);
        return x.length > 0 && x;
      });
      const fix = await waitFor('the input quick fix', async () => (await codeActions(file, d)).find(a => a.title.includes('${input:ringg-api-key}')));
      assert.ok(fix.edit && await vscode.workspace.applyEdit(fix.edit));
      const text = (await vscode.workspace.openTextDocument(file)).getText();
      assert.ok(!text.includes(key), 'the key is gone');
      const parsed = JSON.parse(text) as { inputs: Array<Record<string, unknown>>; servers: { ringg: { env: Record<string, string> } } };
      assert.deepStrictEqual(parsed.inputs[0], { type: 'promptString', id: 'ringg-api-key', description: 'Ringg AI API key', password: true });
      assert.strictEqual(parsed.servers.ringg.env.RINGG_API_KEY, '${input:ringg-api-key}');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      if (had) { await vscode.workspace.fs.writeFile(file, had); } else { await vscode.workspace.fs.delete(file).then(undefined, () => undefined); }
    }
  });
});
