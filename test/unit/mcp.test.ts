// `ring-keys mcp` end to end: the bundled CLI (dist/cli.js) started over stdio by the official SDK's client,
// against the sandbox. What an MCP client sees: the two tools, readable answers without keys, and a spend that is
// refused without elicitation (nothing sent, credits unchanged) and sent only after an accepted one.
import * as assert from 'node:assert';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { SandboxServer } from '../../src/sandbox/server';
import { CLI } from './gitRepo';

type Answer = { content: Array<{ type: string; text?: string }>; isError?: boolean };
const textOf = (r: unknown) => (r as Answer).content.map(c => c.text ?? '').join('\n');

describe('ring-keys mcp (MCP server over stdio, SDK client)', function () {
  this.timeout(60_000);
  let sb: SandboxServer;
  const clients: Client[] = [];
  before(async () => { sb = await SandboxServer.start({ ringyoRateLimit: 1000 }); });
  after(async () => {
    for (const c of clients) { await c.close(); }
    await sb.close();
  });
  beforeEach(() => sb.reset());

  const OUTBOUND = { endpoint: 'ringg.calls.outbound', body: { name: 'A', mobile_number: '+14155550100', agent_id: 'x', from_number_id: 'y' } };

  /** A client that may answer elicitations (`answer`), or one that declares no elicitation at all. */
  async function connect(answer?: (message: string) => { action: 'accept' | 'decline' | 'cancel'; content?: Record<string, unknown> }): Promise<{ client: Client; asked: string[]; stderr: () => string }> {
    const transport = new StdioClientTransport({
      command: process.execPath, args: [CLI, 'mcp'], stderr: 'pipe',
      env: {
        PATH: process.env.PATH ?? '',
        RINGG_API_KEY: sb.ringgKey, RINGYO_API_KEY: sb.keys.ringyoLive, RINGTONIC_API_KEY: sb.keys.ringtonic,
        RINGKEYS_RINGG_BASE_URL: sb.baseUrls.ringg, RINGKEYS_RINGYO_BASE_URL: sb.baseUrls.ringyo, RINGKEYS_RINGTONIC_BASE_URL: sb.baseUrls.ringtonic,
      },
    });
    let err = '';
    transport.stderr?.on('data', (d: Buffer) => { err += d.toString('utf8'); });
    const client = new Client({ name: 'ring-keys-test', version: '1.0.0' }, { capabilities: answer ? { elicitation: {} } : {} });
    const asked: string[] = [];
    if (answer) {
      client.setRequestHandler(ElicitRequestSchema, request => {
        const message = (request.params as { message: string }).message;
        asked.push(message);
        return answer(message);
      });
    }
    await client.connect(transport);
    clients.push(client);
    return { client, asked, stderr: () => err };
  }
  const call = (client: Client, name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args });
  const spend = (client: Client) => call(client, 'ringkeys_request', { endpoint: OUTBOUND.endpoint, body: OUTBOUND.body });
  const keys = () => [sb.ringgKey, sb.keys.ringyoLive, sb.keys.ringtonic];
  const noKey = (text: string) => { for (const k of keys()) { assert.ok(!text.includes(k) && !text.toLowerCase().includes(k.slice(-12).toLowerCase()), 'no key in the answer'); } };

  it('lists the two tools, lists endpoints and reads the workspace without showing a key', async () => {
    const { client, stderr } = await connect();
    const tools = await client.listTools();
    assert.deepStrictEqual(tools.tools.map(t => t.name), ['ringkeys_endpoints', 'ringkeys_request']);
    const list = textOf(await call(client, 'ringkeys_endpoints', { provider: 'ringyo', words: 'calls' }));
    assert.match(list, /"id":"ringyo\.calls\.list"/);
    const ws = await call(client, 'ringkeys_request', { endpoint: 'ringg.workspace.info' });
    const text = textOf(ws);
    assert.ok(!(ws as Answer).isError, text);
    assert.match(text, /GET \/workspace with "RINGG_API_KEY" \(…[0-9a-f]{4}\) → 200 OK/);
    assert.match(text, /Sandbox Workspace/);
    assert.match(text, /"api_key": "\[REDACTED\]"/);
    noKey(text);
    noKey(stderr());
    assert.match(stderr(), /serving ringkeys_endpoints and ringkeys_request on stdio with RINGG_API_KEY \(…/);
  });

  it('refuses a spend when the client cannot ask the user: nothing sent, credits unchanged', async () => {
    const { client } = await connect();
    const before = sb.ringgCredits;
    const r = await spend(client);
    assert.strictEqual((r as Answer).isError, true);
    assert.match(textOf(r), /Not sent: POST \/calling\/outbound\/individual spends credits.*cannot ask the user \(it does not support elicitation\)\. Nothing was sent\./s);
    assert.strictEqual(sb.ringgCredits, before);
    assert.ok(!sb.requests.some(q => q.path.includes('/calling/outbound')), 'the sandbox got no call request');
  });

  it('sends a spend only after the user accepts the elicitation; a declined one sends nothing', async () => {
    let reply: { action: 'accept' | 'decline'; content?: Record<string, unknown> } = { action: 'decline' };
    const { client, asked } = await connect(() => reply);
    const before = sb.ringgCredits;
    const declined = await spend(client);
    assert.match(textOf(declined), /Not sent: the user did not confirm/);
    assert.strictEqual(sb.ringgCredits, before);
    assert.match(asked[0], /spends credits[\s\S]*POST \/calling\/outbound\/individual[\s\S]*Key: "RINGG_API_KEY" \(…/);
    noKey(asked[0]);
    reply = { action: 'accept', content: { send: true } };
    const sent = await spend(client);
    assert.match(textOf(sent), /→ 200 OK/);
    assert.ok(sb.ringgCredits < before, 'credits were spent');
    assert.strictEqual(asked.length, 2, 'asked every time');
    // accepting without ticking "send" is not a confirmation
    reply = { action: 'accept', content: { send: false } };
    const after = sb.ringgCredits;
    assert.match(textOf(await spend(client)), /Not sent/);
    assert.strictEqual(sb.ringgCredits, after);
  });

  it('refuses a key in the arguments and rotation, and never repeats the key', async () => {
    const { client } = await connect(() => ({ action: 'accept', content: { send: true } }));
    const r = await call(client, 'ringkeys_request', { endpoint: 'ringyo.agents.get', params: { agent_id: sb.keys.ringyoLive } });
    assert.match(textOf(r), /^Refused: params\.agent_id holds an API key/);
    noKey(textOf(r));
    const rotate = await call(client, 'ringkeys_request', { endpoint: 'ringg.workspace.rotateKey' });
    assert.match(textOf(rotate), /Agents are never offered rotation/);
    assert.ok(!sb.requests.some(q => q.path.includes('api-key')));
  });
});
