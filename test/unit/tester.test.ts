import * as assert from 'node:assert';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { HttpClient, type HttpResponse } from '../../src/core/http/client';
import { Redactor } from '../../src/core/http/redact';
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '../../src/core/providers/catalog';
import { ProviderClients } from '../../src/core/providers/clients';
import { ENDPOINTS, endpointById, endpointsFor, GROUP_ORDER, pathParamNames } from '../../src/core/tester/catalog';
import { shellQuote, toCurl } from '../../src/core/tester/curl';
import { HISTORY_LIMIT, RequestHistory, redactForm } from '../../src/core/tester/history';
import { presentResponse, rateLimitHeaders, statusMeaning } from '../../src/core/tester/present';
import { type FormState, isFromWebview } from '../../src/core/tester/protocol';
import { buildRequest, defaultInput, gateFor } from '../../src/core/tester/request';
import { RequestTester } from '../../src/core/tester/tester';
import type { KeyProfile } from '../../src/core/vault';
import { SandboxServer } from '../../src/sandbox/server';
import { english, memoryState, sandboxClients } from './support';
import { confirmText, formProblemText, refuseText, resultView, statusMeaningText, testKeyNoteText } from '../../src/vscode/features/tester/words';

const ep = (id: string) => {
  const e = endpointById(id);
  assert.ok(e, `no endpoint ${id}`);
  return e;
};
const formFor = (id: string, profileId?: string, change: Partial<FormState> = {}): FormState => {
  const e = ep(id);
  return { provider: e.provider, profileId, endpointId: id, ...defaultInput(e), ...change };
};
const profile = (provider: ProviderId, mode?: 'live' | 'test', name = 'dev'): KeyProfile =>
  ({ id: `${provider}-${mode ?? 'x'}`, provider, name, tail: '…abcd', mode, createdAt: 0 });
const built = (id: string, change: Partial<FormState> = {}) => {
  const r = buildRequest(ep(id), { ...defaultInput(ep(id)), ...change });
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  return r.request;
};

describe('request tester: catalogue', () => {
  it('has unique ids named <provider>.<group>.<name>, for every provider, in the catalogue\'s groups', () => {
    const ids = ENDPOINTS.map(e => e.id);
    assert.strictEqual(new Set(ids).size, ids.length, 'ids are unique');
    for (const e of ENDPOINTS) {
      assert.ok(e.id.startsWith(`${e.provider}.${e.group}.`), e.id);
      assert.ok(GROUP_ORDER.includes(e.group), e.id);
      assert.ok(e.path.startsWith('/') && !/^\/(ca\/api\/v0|v1|api\/v1)\//.test(e.path), `${e.id}: relative to the base URL`);
      assert.ok(e.note.length > 10 && e.source.length > 2, `${e.id} has a doc note and a source`);
      assert.ok(!e.docUrl || e.docUrl.startsWith('https://'), e.id);
    }
    for (const p of PROVIDER_IDS) { assert.ok(endpointsFor(p).length > 0, p); }
    const groups = new Set(endpointsFor('ringg').map(e => e.group));
    assert.deepStrictEqual([...groups], GROUP_ORDER.filter(g => g !== 'phoneNumbers' && g !== 'webhooks'), 'Ringg covers its groups, in order');
  });

  it('lists under Workspace only the workspace\'s own endpoints: Ringyo phone numbers and webhooks have their own headings', () => {
    for (const e of ENDPOINTS.filter(x => x.group === 'workspace')) { assert.match(e.path, /^\/workspace(\/|$)/, e.id); }
    assert.deepStrictEqual([...new Set(endpointsFor('ringyo').map(e => e.group))], ['agents', 'calls', 'phoneNumbers', 'webhooks']);
    assert.ok(endpointsFor('ringyo').filter(e => e.path.startsWith('/phone-numbers')).every(e => e.group === 'phoneNumbers'));
    assert.ok(endpointsFor('ringyo').filter(e => e.path.startsWith('/webhooks')).every(e => e.group === 'webhooks'));
  });

  it('declares every path parameter of the template, and only those', () => {
    for (const e of ENDPOINTS) {
      const declared = e.params.filter(p => p.in === 'path').map(p => p.name);
      assert.deepStrictEqual(declared, pathParamNames(e.path), e.id);
      assert.ok(e.params.filter(p => p.in === 'path').every(p => p.required), `${e.id}: path parameters are required`);
      const names = e.params.map(p => `${p.in}:${p.name}`);
      assert.strictEqual(new Set(names).size, names.length, `${e.id}: no duplicate parameters`);
    }
  });

  it('classifies risk consistently: GET reads, DELETE is irreversible, every risky endpoint says what it does', () => {
    for (const e of ENDPOINTS) {
      if (e.method === 'GET') { assert.strictEqual(e.risk, 'read', e.id); }
      if (e.method === 'DELETE') { assert.strictEqual(e.risk, 'irreversible', e.id); }
      if (e.risk !== 'read') { assert.ok(e.effect && e.effect.length > 10, `${e.id} names its effect`); }
      if (e.method === 'GET' || e.method === 'DELETE') { assert.strictEqual(e.body, undefined, `${e.id} has no body`); }
      if (e.body !== undefined) { assert.strictEqual(typeof e.body, 'object', `${e.id}: the example body is a JSON object`); }
    }
  });

  it('marks the research\'s dangerous Ringg endpoints (§1.8) and Ringyo call creation as spending or irreversible', () => {
    const risky: Array<[string, string, 'spends' | 'irreversible']> = [
      ['POST', '/calling/outbound/individual', 'spends'], ['POST', '/calling/v2/outbound/individual', 'spends'],
      ['POST', '/campaign/start', 'spends'], ['POST', '/campaign/v2/start', 'spends'], ['POST', '/campaign/make-call-async', 'spends'],
      ['PATCH', '/campaign/terminate', 'irreversible'], ['PATCH', '/campaign/terminate/calls', 'irreversible'],
      ['PATCH', '/workspace/api-key', 'irreversible'], ['DELETE', '/agent/{agent_id}', 'irreversible'],
      ['DELETE', '/external/kb/{kb_id}', 'irreversible'], ['DELETE', '/calling/contact/{list_id}', 'irreversible'],
      ['PATCH', '/agent/v1', 'irreversible'],
    ];
    for (const [method, path, risk] of risky) {
      const e = ENDPOINTS.find(x => x.provider === 'ringg' && x.method === method && x.path === path);
      assert.ok(e, `${method} ${path} is in the catalogue`);
      assert.strictEqual(e.risk, risk, `${method} ${path}`);
    }
    assert.strictEqual(ENDPOINTS.find(e => e.provider === 'ringyo' && e.method === 'POST' && e.path === '/calls')?.risk, 'spends');
    assert.strictEqual(ep('ringg.workspace.rotateKey').handledBy, 'rotateKey');
    for (const path of ['/workspace', '/workspace/all', '/workspace/users', '/workspace/numbers', '/agent/all', '/agent/{agent_id}',
      '/agent/voices', '/calling/history', '/calling/call-details', '/campaign/all', '/external/kb/all', '/external/kb/{kb_id}', '/analytics/platform-analytics']) {
      assert.strictEqual(ENDPOINTS.find(x => x.provider === 'ringg' && x.method === 'GET' && x.path === path)?.risk, 'read', path);
    }
  });

  it('sends Ringg\'s limit AND offset explicitly (the docs disagree on the default), with the documented values', () => {
    assert.strictEqual(built('ringg.workspace.users').path, '/workspace/users?limit=20&offset=0');
    assert.strictEqual(built('ringg.workspace.numbers').path, '/workspace/numbers?limit=20&offset=0');
    assert.strictEqual(built('ringg.agents.list').path, '/agent/all?limit=20&offset=0');
    assert.strictEqual(built('ringg.calls.history').path, '/calling/history?limit=5&offset=0');
    assert.strictEqual(built('ringg.campaigns.all').path, '/campaign/all?call_count=true&limit=20&offset=0');
    for (const e of endpointsFor('ringg').filter(x => x.params.some(p => p.name === 'limit'))) {
      assert.ok(e.params.some(p => p.name === 'offset' && p.default === '0'), `${e.id} sends offset too`);
    }
    assert.strictEqual(built('ringg.calls.details', { query: { id: 'c1', send_analysis: 'false' } }).path, '/calling/call-details?id=c1&send_analysis=false');
  });

  it('prefills the documented example body as pretty JSON', () => {
    const input = defaultInput(ep('ringg.calls.outbound'));
    const body = JSON.parse(input.body!) as Record<string, unknown>;
    assert.strictEqual(body.mobile_number, '+919876543210');
    assert.ok(input.body!.includes('\n  "name"'), 'pretty-printed');
    assert.strictEqual(defaultInput(ep('ringg.workspace.info')).body, undefined);
  });
});

describe('request tester: building and gating requests', () => {
  it('encodes path parameters, refuses dot segments and missing values, drops empty optional query values', () => {
    const e = ep('ringyo.agents.get');
    const r = buildRequest(e, { path: { agent_id: 'a/b?c' }, query: { include: '' } });
    assert.ok(r.ok);
    assert.strictEqual(r.request.path, '/agents/a%2Fb%3Fc');
    const missing = buildRequest(e, { path: { agent_id: ' ' }, query: {} });
    assert.ok(!missing.ok && /agent_id/.test(formProblemText(english, missing.errors[0])));
    const dots = buildRequest(e, { path: { agent_id: '..' }, query: {} });
    assert.ok(!dots.ok);
    const required = buildRequest(ep('ringg.calls.details'), { path: {}, query: { id: '' } });
    assert.ok(!required.ok && /id/.test(formProblemText(english, required.errors[0])));
  });

  it('sends the body as compact JSON, refuses invalid JSON and a body on GET/DELETE', () => {
    const e = ep('ringyo.calls.create');
    const ok = buildRequest(e, { path: {}, query: {}, body: '{\n  "a": 1\n}' });
    assert.ok(ok.ok);
    assert.strictEqual(ok.request.body, '{"a":1}');
    const bad = buildRequest(e, { path: {}, query: {}, body: '{"a":' });
    assert.ok(!bad.ok && /not valid JSON/.test(formProblemText(english, bad.errors[0])));
    assert.ok(!buildRequest(ep('ringg.workspace.info'), { path: {}, query: {}, body: '{}' }).ok);
    const empty = buildRequest(e, { path: {}, query: {}, body: '  ' });
    assert.ok(empty.ok && empty.request.body === undefined);
  });

  it('reads go out without asking', () => {
    assert.deepStrictEqual(gateFor(ep('ringg.workspace.info'), profile('ringg')), { kind: 'send' });
  });

  it('a live key must confirm a credit-spending call, and the question names what it does', () => {
    const g = gateFor(ep('ringyo.calls.create'), profile('ringyo', 'live', 'prod'));
    assert.strictEqual(g.kind, 'confirm');
    assert.ok(g.kind === 'confirm');
    assert.match(confirmText(english, g).message, /POST \/calls with the live key "prod" \(…abcd\)/);
    assert.match(confirmText(english, g).detail, /places a real call and spends credits/);
    const ringg = gateFor(ep('ringg.calls.outbound'), profile('ringg'));
    assert.ok(ringg.kind === 'confirm' && /places a real call and spends credits/.test(confirmText(english, ringg).detail) && /no test keys/.test(confirmText(english, ringg).detail));
    const del = gateFor(ep('ringg.knowledgeBase.delete'), profile('ringg'));
    assert.ok(del.kind === 'confirm' && /deletes the knowledge base/.test(confirmText(english, del).detail));
  });

  it('an rg_test_ key says so instead of asking for a call, and still asks before an irreversible change', () => {
    const g = gateFor(ep('ringyo.calls.create'), profile('ringyo', 'test', 'sandbox'));
    assert.strictEqual(g.kind, 'testKey');
    assert.ok(g.kind === 'testKey' && /test key/.test(testKeyNoteText(english, g)) && /no real call/.test(testKeyNoteText(english, g)));
    const del = gateFor(ep('ringyo.webhooks.delete'), profile('ringyo', 'test'));
    assert.ok(del.kind === 'confirm' && /test key/.test(confirmText(english, del).message) && /deletes the webhook/.test(confirmText(english, del).detail));
  });

  it('refuses key rotation and points to the Rotate Key command', () => {
    const g = gateFor(ep('ringg.workspace.rotateKey'), profile('ringg'));
    assert.ok(g.kind === 'refuse');
    assert.strictEqual(g.command, 'rotateKey');
    assert.match(refuseText(english, g).message, /rotates the key: the old key dies at once/);
    assert.match(refuseText(english, g).detail, /Rotate Key/);
  });
});

describe('request tester: Copy as cURL', () => {
  const KEY = '7251cb4b-3373-43a4-844c-b27a1d45e0c9';

  it('Ringg: X-API-KEY from $RINGG_API_KEY, never the key', () => {
    const text = toCurl({ provider: 'ringg', baseUrl: 'https://prod-api.ringg.ai/ca/api/v0/', request: built('ringg.workspace.users') });
    assert.strictEqual(text, [
      `curl -sS 'https://prod-api.ringg.ai/ca/api/v0/workspace/users?limit=20&offset=0'`,
      `-H "X-API-KEY: $RINGG_API_KEY"`,
      `-H 'Accept: application/json'`,
    ].join(' \\\n  '));
  });

  it('Ringyo and Ring Tonic: a Bearer header from $RINGYO_API_KEY / $RINGTONIC_API_KEY; POST with method, headers and body', () => {
    const ringyo = toCurl({ provider: 'ringyo', baseUrl: 'https://api.ringyo.ai/v1', request: { method: 'POST', path: '/calls', body: '{"note":"it\'s"}' },
      headers: { 'Idempotency-Key': 'k1', Authorization: 'Bearer leak' } });
    assert.match(ringyo, /^curl -sS -X POST 'https:\/\/api\.ringyo\.ai\/v1\/calls'/);
    assert.ok(ringyo.includes(`-H "Authorization: Bearer $RINGYO_API_KEY"`));
    assert.ok(ringyo.includes(`-H 'Idempotency-Key: k1'`));
    assert.ok(ringyo.includes(`--data-raw '{"note":"it'\\''s"}'`));
    assert.ok(!ringyo.includes('leak'), 'a second Authorization header is never copied');
    const tonic = toCurl({ provider: 'ringtonic', baseUrl: 'https://ringtonic.app/api/v1', request: { method: 'GET', path: '/campaigns/x/geo-data' } });
    assert.ok(tonic.includes(`"Authorization: Bearer $RINGTONIC_API_KEY"`));
    for (const p of PROVIDER_IDS) {
      assert.ok(toCurl({ provider: p, baseUrl: PROVIDERS[p].defaultBaseUrl, request: { method: 'GET', path: '/x' } }).includes(`$${PROVIDERS[p].envVar}`), p);
    }
  });

  it('redacts a key that was typed into the body or a parameter', () => {
    const r = new Redactor();
    r.add(KEY);
    const text = toCurl({ provider: 'ringg', baseUrl: 'https://prod-api.ringg.ai/ca/api/v0', redact: s => r.text(s),
      request: { method: 'PATCH', path: `/agent/v1?token=${KEY}`, body: JSON.stringify({ headers: { 'x-api-key': KEY }, api_key: 'other-secret-value' }) } });
    assert.ok(!text.includes(KEY), text);
    assert.ok(!text.includes('other-secret-value'), text);
    assert.ok(text.includes('[REDACTED]'));
  });

  it('quotes for the shell: the command parses to exactly the intended arguments, with the variable expanded', () => {
    const body = JSON.stringify({ a: "it's $HOME `x` \"q\" \\ ;|&", b: '\n' });
    const text = toCurl({ provider: 'ringg', baseUrl: 'https://prod-api.ringg.ai/ca/api/v0', request: { method: 'POST', path: '/x?a=1&b=2', body } });
    // a shell function named curl prints its arguments one per line instead of sending anything
    const run = spawnSync('sh', ['-c', `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${text}`],
      { env: { PATH: process.env.PATH, RINGG_API_KEY: 'from-env', HOME: '/nowhere' }, encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
    const argv = run.stdout.split('\0').slice(0, -1);
    assert.deepStrictEqual(argv, ['-sS', '-X', 'POST', 'https://prod-api.ringg.ai/ca/api/v0/x?a=1&b=2', '-H', 'X-API-KEY: from-env',
      '-H', 'Accept: application/json', '-H', 'Content-Type: application/json', '--data-raw', body]);
    assert.strictEqual(shellQuote("'"), `''\\'''`);
  });
});

describe('request tester: responses and history, redacted', () => {
  const KEY = '7251cb4b-3373-43a4-844c-b27a1d45e0c9';
  const response = (status: number, body: string, headers: Record<string, string> = {}): HttpResponse => ({
    url: 'http://x', status, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(body), timeMs: 12.4, attempts: 1, text: () => body,
  });
  const present = (res: HttpResponse, provider: ProviderId = 'ringg', redactor = new Redactor()) =>
    presentResponse(res, { provider, redactor, key: KEY, requestId: 1, endpointId: 'e', request: 'GET /workspace', profileLabel: 'dev (…e0c9)', now: 1_700_000_000_000 });

  it('pretty-prints JSON with api_key redacted, and the key nowhere, even where the redactor was not told of it', () => {
    const v = present(response(200, JSON.stringify({ workspace_info: { name: 'WS', api_key: KEY, note: `key ${KEY}` } }),
      { 'x-echo': KEY, 'set-cookie': 's=1' }));
    assert.strictEqual(v.bodyKind, 'json');
    assert.match(v.body, /"name": "WS"/);
    assert.match(v.body, /"api_key": "\[REDACTED\]"/);
    assert.ok(!JSON.stringify(v).includes(KEY), 'the key is in nothing shown');
    assert.deepStrictEqual(v.headers.find(h => h[0] === 'set-cookie'), ['set-cookie', '[REDACTED]']);
    assert.strictEqual(v.size, Buffer.byteLength(JSON.stringify({ workspace_info: { name: 'WS', api_key: KEY, note: `key ${KEY}` } })));
    assert.strictEqual(v.timeMs, 12);
  });

  it('redacts text bodies (Bearer tokens, api_key fields) and tells JSON from text and empty', () => {
    const r = new Redactor();
    const v = present(response(500, 'upstream said Bearer abcdefghijkl1234 "api_key": "zzz"', { 'content-type': 'text/plain' }), 'ringg', r);
    assert.strictEqual(v.bodyKind, 'text');
    assert.ok(!v.body.includes('abcdefghijkl1234') && !v.body.includes('zzz'), v.body);
    assert.strictEqual(present(response(204, '')).bodyKind, 'empty');
  });

  it('gives the status its provider-documented meaning and the error body\'s message', () => {
    const v = present(response(402, JSON.stringify({ detail: 'Insufficient credits' })));
    assert.strictEqual(v.reason, 'Payment Required');
    assert.deepStrictEqual(v.meaning, { reason: 'Payment Required', row: 'ringg.402', ringyoCode: undefined });
    assert.match(statusMeaningText(english, v.meaning).meaning, /Insufficient credits to start the campaign/);
    assert.strictEqual(v.errorDetail, 'Insufficient credits');
    const meaning = (p: ProviderId, status: number, code?: string) => statusMeaningText(english, statusMeaning(p, status, code)).meaning;
    assert.match(meaning('ringg', 401), /rotated/);
    assert.match(meaning('ringg', 422), /from_numbers/);
    assert.match(meaning('ringg', 503), /upstream/);
    assert.match(meaning('ringyo', 403), /scope/);
    assert.match(meaning('ringyo', 400, 'invalid_phone_number'), /E\.164.*invalid_phone_number/);
    assert.match(meaning('ringtonic', 403), /Agency plan/);
    assert.match(meaning('ringtonic', 418), /documents no error table/);
    assert.strictEqual(statusMeaning('ringyo', 201).reason, 'Created');
  });

  it('surfaces rate-limit headers, with the reset time readable', () => {
    const rl = rateLimitHeaders({ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000030', 'retry-after': '30', 'content-type': 'x' }, 1_700_000_000_000);
    assert.deepStrictEqual(rl.map(r => r[0]), ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
    assert.match(rl[3][1], /1700000030 \(2023-11-14T22:13:50\.000Z, in 30 s\)/);
    assert.strictEqual(rl[0][1], '30 s');
  });

  it('redacts history forms: known keys anywhere, secret fields in JSON bodies, non-JSON bodies as text', () => {
    const r = new Redactor();
    r.add(KEY);
    const form: FormState = { provider: 'ringg', endpointId: 'ringg.agents.edit', path: { agent_id: KEY }, query: { q: `x${KEY}` },
      body: JSON.stringify({ event_subscriptions: [{ headers: { Authorization: 'Bearer my-webhook-token', 'X-Webhook-Secret': 's3' } }], api_key: 'k', secret: 'whsec_abcdefgh', note: KEY }) };
    const red = redactForm(form, r);
    const text = JSON.stringify(red);
    for (const leak of [KEY, 'my-webhook-token', 'whsec_abcdefgh']) { assert.ok(!text.includes(leak), `${leak} redacted: ${text}`); }
    assert.match(red.body!, /"api_key": "\[REDACTED\]"/);
    assert.ok(!redactForm({ ...form, body: `not json ${KEY} Bearer abcdefghijk` }, r).body!.match(new RegExp(`${KEY}|abcdefghijk`)));
  });

  it('keeps the newest 50 entries, newest first, skips malformed ones and clears', async () => {
    const store = memoryState();
    let t = 0;
    const h = new RequestHistory(store, new Redactor(), () => ++t);
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) {
      await h.add({ provider: 'ringg', profileLabel: 'dev (…abcd)', endpointId: 'ringg.workspace.info', method: 'GET', path: `/workspace?i=${i}`,
        form: formFor('ringg.workspace.info'), status: 200 });
    }
    const list = h.list();
    assert.strictEqual(list.length, HISTORY_LIMIT);
    assert.strictEqual(list[0].path, `/workspace?i=${HISTORY_LIMIT + 4}`);
    assert.strictEqual(list[HISTORY_LIMIT - 1].path, '/workspace?i=5');
    assert.ok(h.get(list[3].id));
    await store.update('ringKeys.tester.history', [{ id: 'x' }, ...list.slice(0, 2)]);
    assert.strictEqual(h.list().length, 2);
    await h.clear();
    assert.deepStrictEqual(h.list(), []);
  });

  it('checks messages from the webview before acting on them', () => {
    assert.ok(isFromWebview({ type: 'send', requestId: 1, form: formFor('ringg.workspace.info') }));
    assert.ok(!isFromWebview({ type: 'send', requestId: '1', form: formFor('ringg.workspace.info') }));
    assert.ok(!isFromWebview({ type: 'send', requestId: 1, form: { ...formFor('ringg.workspace.info'), path: { a: 1 } } }));
    assert.ok(!isFromWebview({ type: 'eval', code: 'x' }));
    assert.ok(!isFromWebview(null));
  });
});

describe('request tester: the pipeline against the sandbox', () => {
  let sb: SandboxServer;
  let clients: ProviderClients;
  let store: ReturnType<typeof memoryState>;
  let tester: RequestTester;
  let history: RequestHistory;
  before(async () => {
    sb = await SandboxServer.start({ ringyoRateLimit: 300 });
    clients = sandboxClients(sb);
  });
  after(() => sb.close());
  beforeEach(() => {
    sb.reset();
    store = memoryState();
    history = new RequestHistory(store, clients.http.redactor);
    tester = new RequestTester(clients, history);
  });
  const ringg = () => profile('ringg');
  const prepare = (id: string, p: KeyProfile, change: Partial<FormState> = {}) => {
    const r = tester.prepare(formFor(id, p.id, change), p);
    assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
    return r.prepared;
  };

  it('GET /workspace: the workspace name shows, api_key is redacted, the key is in neither the view nor history', async () => {
    const p = prepare('ringg.workspace.info', ringg());
    assert.strictEqual(p.gate.kind, 'send');
    const result = await tester.execute(p, sb.ringgKey, 7);
    assert.ok(result.kind === 'response');
    assert.strictEqual(result.response.status, 200);
    assert.strictEqual(result.response.requestId, 7);
    assert.match(result.response.body, /"name": "Sandbox Workspace"/);
    assert.match(result.response.body, /"api_key": "\[REDACTED\]"/);
    assert.ok(!JSON.stringify(result).includes(sb.ringgKey));
    const entries = history.list();
    assert.strictEqual(entries.length, 1);
    assert.strictEqual(entries[0].status, 200);
    assert.strictEqual(entries[0].path, '/workspace');
    assert.ok(!JSON.stringify([...store.data.values()]).includes(sb.ringgKey), 'history holds no key');
  });

  it('retries a GET through the HTTP layer, but never a POST that spends credits', async () => {
    sb.faults = { failNext: 2 };
    const get = await tester.execute(prepare('ringg.workspace.info', ringg()), sb.ringgKey, 1);
    assert.ok(get.kind === 'response' && get.response.status === 200 && get.response.attempts === 3);
    sb.reset();
    sb.faults = { failNext: 1 };
    const post = await tester.execute(prepare('ringg.calls.outbound', ringg()), sb.ringgKey, 2);
    assert.ok(post.kind === 'response' && post.response.status === 503 && post.response.attempts === 1);
    assert.strictEqual(sb.requests.filter(r => r.method === 'POST').length, 1, 'sent once');
    assert.strictEqual(sb.ringgCredits, 3025, 'nothing spent');
  });

  it('the documented example call is accepted and spends credits (the panel confirms first: the gate says so)', async () => {
    const p = prepare('ringg.calls.outbound', ringg());
    assert.strictEqual(p.gate.kind, 'confirm');
    const r = await tester.execute(p, sb.ringgKey, 3);
    assert.ok(r.kind === 'response' && r.response.status === 200, JSON.stringify(r));
    assert.ok(sb.ringgCredits < 3025);
    assert.strictEqual(history.list()[0].method, 'POST');
  });

  it('a 422 shows the documented meaning and the FastAPI-style detail', async () => {
    const r = await tester.execute(prepare('ringg.calls.outbound', ringg(), { body: '{"name": "x"}' }), sb.ringgKey, 4);
    assert.ok(r.kind === 'response');
    assert.strictEqual(r.response.status, 422);
    assert.match(statusMeaningText(english, r.response.meaning).meaning, /Schema validation/);
    assert.match(r.response.errorDetail ?? '', /body\.mobile_number: field required/);
  });

  it('never sends the key rotation, even if asked directly', async () => {
    const before = sb.ringgKey;
    const p = prepare('ringg.workspace.rotateKey', ringg());
    const r = await tester.execute(p, before, 5);
    assert.strictEqual(r.kind, 'notSent');
    assert.strictEqual(sb.ringgKey, before);
    assert.strictEqual(sb.requests.length, 0);
  });

  it('Ringyo with an rg_test_ key: sent without asking, noted as a test key; an Idempotency-Key goes with the POST', async () => {
    const p = prepare('ringyo.calls.create', profile('ringyo', 'test'), { body: JSON.stringify({ phone_number: '+14155550123', agent_id: 'agent_01HZX3' }) });
    assert.strictEqual(p.gate.kind, 'testKey');
    const r = await tester.execute(p, sb.keys.ringyoTest, 6);
    assert.ok(r.kind === 'response' && r.response.status === 201, JSON.stringify(r));
    const view = resultView(english, r);
    assert.match(view.kind === 'response' ? view.response.note ?? '' : '', /test key/);
    assert.ok(r.response.rateLimit.some(([n]) => n === 'x-ratelimit-limit'), 'rate-limit headers surfaced');
    assert.ok(typeof sb.requests[0].headers['idempotency-key'] === 'string');
    const curl = tester.curl(p.form);
    assert.ok(curl.ok && /-H 'Idempotency-Key: [0-9a-f-]{36}'/.test(curl.text), JSON.stringify(curl));
  });

  it('no answer at all (connection refused) becomes an error result and a history entry without the key', async () => {
    const dead = new ProviderClients({ http: new HttpClient({ limits: { maxAttempts: 1 } }), baseUrl: () => 'http://127.0.0.1:9/ca/api/v0' });
    const t = new RequestTester(dead, history);
    const r = await t.execute(prepare('ringg.workspace.info', ringg()), sb.ringgKey, 8);
    assert.strictEqual(r.kind, 'error');
    const shown = resultView(english, r);
    assert.ok(shown.kind === 'error' && /Could not reach Ringg AI/.test(shown.message), JSON.stringify(shown));
    assert.ok(history.list()[0].error);
  });

  it('a base URL off the provider\'s domain never receives the key: refused before sending, cURL included', async () => {
    const evil = new ProviderClients({ http: new HttpClient(), baseUrl: () => 'https://ringg.ai.evil.example/ca/api/v0' });
    const t = new RequestTester(evil, history);
    const p = prepare('ringg.workspace.info', ringg());
    const r = await t.execute(p, sb.ringgKey, 9);
    const shown = resultView(english, r);
    assert.ok(shown.kind === 'error' && r.kind === 'error' && r.error.kind === 'originNotAllowed'
      && /HTTPS|domain|loopback|not allowed|may not/i.test(shown.message + shown.fix), JSON.stringify(shown));
    assert.throws(() => t.curl(p.form));
  });

  it('refuses a form whose key belongs to another provider, or with no key', () => {
    const wrong = tester.prepare(formFor('ringg.workspace.info', 'x'), profile('ringyo', 'live'));
    assert.ok(!wrong.ok && /Ringyo AI key/.test(formProblemText(english, wrong.errors[0])));
    assert.ok(!tester.prepare(formFor('ringg.workspace.info'), undefined).ok);
    assert.ok(!tester.prepare({ ...formFor('ringg.workspace.info'), endpointId: 'nope' }, ringg()).ok);
  });

  it('the copied cURL, run with the variable set, reaches the sandbox with the key from the environment', async function () {
    if (spawnSync('curl', ['--version']).status !== 0) { this.skip(); }
    const curl = tester.curl(formFor('ringg.workspace.info'));
    assert.ok(curl.ok);
    const text = curl.text;
    assert.ok(!text.includes(sb.ringgKey));
    // asynchronously: the sandbox answers from this process's event loop
    const { stdout } = await promisify(execFile)('sh', ['-c', text], { env: { PATH: process.env.PATH, RINGG_API_KEY: sb.ringgKey }, timeout: 10_000 });
    assert.match(stdout, /Sandbox Workspace/);
    assert.match(stdout, /"api_key":"[0-9a-f-]{36}"/, 'curl itself gets the unredacted answer: the key came from the environment');
  });
});
