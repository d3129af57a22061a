import * as assert from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verdictText as describeVerdict } from '../../src/cli/messages';
import { checkDistinctKeys, checkFoundKey, notFoundHint, VerdictCache, type LiveVerdict } from '../../src/core/liveCheck';
import type { ProviderId } from '../../src/core/providers/catalog';
import type { ProviderClients, VerifyOutcome } from '../../src/core/providers/clients';
import { SANDBOX_CAMPAIGN_ID, SandboxServer } from '../../src/sandbox/server';
import { runCli, sandboxClients, tmpTree } from './support';

/** A loopback server that must never be asked anything: it records whatever reaches it. */
async function trap(): Promise<{ origin: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"workspace_info":{"id":"x","name":"Trap"}}');
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, close: () => new Promise(r => server.close(() => r())) };
}


const cli = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) => runCli(args, cwd, { env });

describe('live checks of found keys against the sandbox: every verdict, per provider', () => {
  let sb: SandboxServer;
  let clients: ProviderClients;
  /** Clients whose base URLs point at a port nothing listens on. */
  let unreachable: ProviderClients;
  before(async () => {
    sb = await SandboxServer.start({ ringyoRateLimit: 300 });
    // one attempt for 429/5xx (Retry-After: 1 s exceeds the budget): the verdict comes at once
    clients = sandboxClients(sb, { retryBudgetMs: 20, maxAttempts: 2 });
    const dead = await SandboxServer.start();
    unreachable = sandboxClients(dead, { retryBudgetMs: 20, maxAttempts: 2 });
    await dead.close();
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  const cases: Array<{ provider: ProviderId; live: () => string; restricted: () => string; wrong: string; campaignId?: string }> = [
    { provider: 'ringg', live: () => sb.ringgKey, restricted: () => sb.keys.ringgRestricted, wrong: '7251cb4b-3373-43a4-844c-b27a1d45e0c9' },
    { provider: 'ringyo', live: () => sb.keys.ringyoLive, restricted: () => sb.keys.ringyoRestricted, wrong: 'rg_live_Q7mZ2xK9pL4vN8wR3tY6abcd' },
    { provider: 'ringtonic', live: () => sb.keys.ringtonic, restricted: () => sb.keys.ringtonicNoPlan, wrong: 'rt_0123456789abcdefghijklmnopqrstuv', campaignId: SANDBOX_CAMPAIGN_ID },
  ];

  for (const c of cases) {
    const check = (key: string, cl = clients) => checkFoundKey(cl, c.provider, key, { campaignId: c.campaignId });

    it(`${c.provider}: 200 live, 401 rejected, 403 restricted`, async () => {
      const live = await check(c.live());
      assert.strictEqual(live.validity, 'live', describeVerdict(live));
      assert.strictEqual(live.status, 200);
      if (c.provider === 'ringg') {
        assert.strictEqual(live.workspace?.name, 'Sandbox Workspace');
        assert.strictEqual(live.workspace?.available, 2900);
        assert.match(describeVerdict(live), /live: the key opens workspace "Sandbox Workspace" \(2,900 credits available\)/);
      }
      const wrong = await check(c.wrong);
      assert.deepStrictEqual([wrong.validity, wrong.reason, wrong.status], ['rejected', 'rejected', 401]);
      const restricted = await check(c.restricted());
      assert.deepStrictEqual([restricted.validity, restricted.reason, restricted.status], ['restricted', 'forbidden', 403]);
    });

    it(`${c.provider}: 429, 5xx and no connection are unknown, with the reason`, async () => {
      sb.faults = { hostile: 'rate-limit-forever' };
      const limited = await check(c.live());
      assert.deepStrictEqual([limited.validity, limited.reason, limited.status], ['unknown', 'rateLimited', 429]);
      sb.faults = { hostile: 'unavailable-forever' };
      const down = await check(c.live());
      assert.deepStrictEqual([down.validity, down.reason, down.status], ['unknown', 'providerError', 503]);
      sb.faults = {};
      const offline = await check(c.live(), unreachable);
      assert.deepStrictEqual([offline.validity, offline.reason], ['unknown', 'network']);
      assert.match(describeVerdict(offline), /could not be reached/);
    });
  }

  it('Ring Tonic without a campaign is unknown (no endpoint checks a key), and nothing is sent', async () => {
    const v = await checkFoundKey(clients, 'ringtonic', sb.keys.ringtonic);
    assert.deepStrictEqual([v.validity, v.reason], ['unknown', 'noCampaign']);
    assert.strictEqual(sb.requests.length, 0);
  });

  it('a revoked key turns from live to rejected; a dashboard-style replace gives a new live key', async () => {
    const ringyo = sb.addKey('ringyo');
    assert.strictEqual((await checkFoundKey(clients, 'ringyo', ringyo)).validity, 'live');
    assert.ok(sb.revokeKey(ringyo));
    assert.strictEqual((await checkFoundKey(clients, 'ringyo', ringyo)).validity, 'rejected');

    // Ringyo "Regenerate": new key of the same mode, the old one disabled at once
    const test = sb.keys.ringyoTest;
    const regenerated = sb.dashboardReplace('ringyo', test)!;
    assert.match(regenerated, /^rg_test_[A-Za-z0-9]{24}$/);
    assert.strictEqual((await checkFoundKey(clients, 'ringyo', regenerated)).validity, 'live');
    assert.strictEqual((await checkFoundKey(clients, 'ringyo', test)).validity, 'rejected');

    // Ring Tonic has no regenerate: a new key, and the old one works until it is revoked
    const old = sb.keys.ringtonic;
    const created = sb.dashboardReplace('ringtonic', old)!;
    const tonic = (k: string) => checkFoundKey(clients, 'ringtonic', k, { campaignId: SANDBOX_CAMPAIGN_ID });
    assert.deepStrictEqual([(await tonic(created)).validity, (await tonic(old)).validity], ['live', 'live']);
    sb.revokeKey(old);
    assert.deepStrictEqual([(await tonic(created)).validity, (await tonic(old)).validity], ['live', 'rejected']);

    // several Ringg workspaces, each with its own key; revoking one leaves the others
    const second = sb.addKey('ringg', { name: 'Second Workspace' });
    const v = await checkFoundKey(clients, 'ringg', second);
    assert.strictEqual(v.workspace?.name, 'Second Workspace');
    sb.revokeKey(second);
    assert.strictEqual((await checkFoundKey(clients, 'ringg', second)).validity, 'rejected');
    assert.strictEqual((await checkFoundKey(clients, 'ringg', sb.ringgKey)).validity, 'live');
    sb.reset();
    assert.strictEqual((await checkFoundKey(clients, 'ringyo', test)).validity, 'live', 'reset restores the first keys');
  });

  it('the sandbox controls do the same over HTTP (for the VS Code tier and the demo)', async () => {
    const post = async (p: string, body: unknown) => (await fetch(`${sb.origin}/__sandbox/${p}`, { method: 'POST', body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>;
    const { key } = await post('keys', { provider: 'ringg', name: 'Leaky Workspace' });
    assert.strictEqual((await checkFoundKey(clients, 'ringg', key as string)).workspace?.name, 'Leaky Workspace');
    const { newKey } = await post('dashboard/replace', { provider: 'ringyo', key: sb.keys.ringyoLive });
    assert.strictEqual((await checkFoundKey(clients, 'ringyo', newKey as string)).validity, 'live');
    assert.deepStrictEqual(await post('revoke', { key }), { revoked: true });
    assert.strictEqual((await checkFoundKey(clients, 'ringg', key as string)).validity, 'rejected');
  });

  it('a redirect to another origin is not followed: the key never arrives there, the verdict is unknown', async () => {
    const t = await trap();
    try {
      sb.faults = { redirectTo: t.origin };
      const v = await checkFoundKey(clients, 'ringg', sb.ringgKey);
      assert.deepStrictEqual([v.validity, v.reason], ['unknown', 'notAllowed']);
      assert.deepStrictEqual(t.hits, []);
    } finally { await t.close(); }
  });
});

describe('VerdictCache and checkDistinctKeys', () => {
  it('keeps a verdict for its time to live; an unknown one for less', () => {
    let now = 1_000_000;
    const cache = new VerdictCache(10 * 60_000, () => now, 60_000);
    const v = (validity: LiveVerdict['validity']): LiveVerdict => ({ validity, reason: 'accepted', provider: 'ringg', checkedAt: now });
    cache.set('a', v('live'));
    cache.set('b', v('unknown'));
    now += 2 * 60_000;
    assert.strictEqual(cache.get('a')?.validity, 'live');
    assert.strictEqual(cache.get('b'), undefined, 'an unknown verdict is asked again sooner');
    now += 9 * 60_000;
    assert.strictEqual(cache.get('a'), undefined);
  });

  it('checks each distinct key once, at most `concurrency` at a time, and answers in input order', async () => {
    let inFlight = 0; let most = 0; const asked: string[] = [];
    const fake = {
      verify: async (_p: ProviderId, key: string): Promise<VerifyOutcome> => {
        asked.push(key); inFlight++; most = Math.max(most, inFlight);
        await new Promise(r => setTimeout(r, 15));
        inFlight--;
        return { state: 'valid', summary: { kind: 'workspace', name: key } };
      },
    } as unknown as ProviderClients;
    const keys = Array.from({ length: 10 }, (_, i) => `rg_live_key${i}xxxxxxxxxxxx`);
    const items = [...keys, ...keys].map(key => ({ provider: 'ringyo' as const, key }));
    const out = await checkDistinctKeys(fake, items, { concurrency: 3 });
    assert.strictEqual(asked.length, 10, 'each distinct key once');
    assert.strictEqual(most, 3);
    assert.deepStrictEqual(out.map(v => v.summary?.kind === 'workspace' && v.summary.name), [...keys, ...keys]);
  });
});

describe('ring-keys scan --verify', () => {
  let sb: SandboxServer;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    sb = await SandboxServer.start({ ringyoRateLimit: 300 });
    env = { RINGKEYS_RINGG_BASE_URL: sb.baseUrls.ringg, RINGKEYS_RINGYO_BASE_URL: sb.baseUrls.ringyo, RINGKEYS_RINGTONIC_BASE_URL: sb.baseUrls.ringtonic };
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  const leaks = () => tmpTree({
    'a.ts': `const headers = { 'X-API-KEY': '${sb.ringgKey}' };\n`,
    'b.py': `RINGG_API_KEY = "${sb.ringgKey}"\nRINGYO = "${sb.keys.ringyoLive}"\n`,
    'old.env': 'RINGG_API_KEY=9c1e7a52-4b3d-4f8e-a6c2-1d0b9e8f7a65\n',
  });

  it('text: a verdict per finding; each distinct key is sent once, to its provider only; keys are never printed', async () => {
    const dir = leaks();
    const r = await cli(['scan', '--verify', '.'], dir, env);
    assert.strictEqual(r.code, 1, r.err);
    assert.match(r.out, /a\.ts:1:\d+: error \[ringg-api-key\] .* \[live: the key opens workspace "Sandbox Workspace"/);
    assert.match(r.out, /b\.py:2:\d+: error \[ringyo-live-key\] .* \[live: the key works/);
    assert.match(r.out, /old\.env:1:\d+: .* \[rejected: the provider refuses the key \(401/);
    assert.match(r.out, /Checked 3 distinct key\(s\): 3 finding\(s\) live\./);
    for (const k of [sb.ringgKey, sb.keys.ringyoLive, '9c1e7a52-4b3d-4f8e-a6c2-1d0b9e8f7a65']) {
      assert.ok(!r.out.includes(k) && !r.err.includes(k), 'no key in the output');
    }
    const gets = sb.requests.map(q => `${q.method} ${q.path} ${String(q.headers['x-api-key'] ?? q.headers.authorization)}`);
    assert.strictEqual(gets.filter(g => g.includes(sb.ringgKey)).length, 1, `the Ringg key found in two files was checked once: ${gets.join('\n')}`);
    assert.strictEqual(sb.requests.length, 3);
  });

  it('JSON has validity per finding and SARIF has properties.validity', async () => {
    const dir = leaks();
    const j = await cli(['scan', '--verify', '--format', 'json'], dir, env);
    const findings = (JSON.parse(j.out) as { findings: Array<{ path: string; validity: string; validityReason: string }> }).findings;
    assert.deepStrictEqual(findings.map(f => `${f.path} ${f.validity}`).sort(), ['a.ts live', 'b.py live', 'b.py live', 'old.env rejected']);
    const s = await cli(['scan', '--verify', '--format', 'sarif'], dir, env);
    const results = (JSON.parse(s.out) as { runs: Array<{ results: Array<{ properties: { validity: string; validityReason: string } }> }> }).runs[0].results;
    assert.deepStrictEqual(results.map(x => x.properties.validity).sort(), ['live', 'live', 'live', 'rejected']);
    assert.ok(results.every(x => x.properties.validityReason.length > 0));
    const plain = await cli(['scan', '--format', 'json'], dir, env);
    assert.ok(!/validity/.test(plain.out), 'without --verify nothing is checked or reported');
    assert.strictEqual(sb.requests.length, 6, 'two runs with --verify, three keys each; none without');
  });

  it('--fail-on live: exit 1 only when a found key works', async () => {
    const dead = tmpTree({ 'old.env': 'RINGG_API_KEY=9c1e7a52-4b3d-4f8e-a6c2-1d0b9e8f7a65\n' });
    assert.strictEqual((await cli(['scan', '--verify', '--fail-on', 'live'], dead, env)).code, 0);
    assert.strictEqual((await cli(['scan', '--verify', '--fail-on', 'any'], dead, env)).code, 1);
    assert.strictEqual((await cli(['scan', '--verify'], dead, env)).code, 1, 'any is the default');
    assert.strictEqual((await cli(['scan', '--verify', '--fail-on', 'live'], leaks(), env)).code, 1);
    const usage = await cli(['scan', '--fail-on', 'live'], dead, env);
    assert.strictEqual(usage.code, 2);
    assert.match(usage.err, /--fail-on live needs --verify/);
    assert.strictEqual((await cli(['scan', '--verify', '--fail-on', 'some'], dead, env)).code, 2);
  });

  it('no request goes anywhere but the provider base URL, even when the file around the key names another host', async () => {
    const t = await trap();
    try {
      const dir = tmpTree({
        'client.ts': [
          `const BASE_URL = '${t.origin}/ca/api/v0';   // the file says where it sends the key`,
          `await fetch('${t.origin}/workspace', { headers: { 'X-API-KEY': '${sb.ringgKey}' } });`,
          `const RINGG_BASE_URL = 'https://evil.example.com/ca/api/v0';`,
          '',
        ].join('\n'),
        'ringyo.sh': `curl ${t.origin}/v1/agents -H "Authorization: Bearer ${sb.keys.ringyoLive}"\n`,
        '.ring-keys.json': JSON.stringify({ ringgBaseUrl: t.origin }),
      });
      const r = await cli(['scan', '--verify', '--format', 'json'], dir, env);
      assert.strictEqual(r.code, 1, r.err);
      assert.deepStrictEqual(t.hits, [], 'nothing reached the host the file names');
      assert.deepStrictEqual(sb.requests.map(q => q.path).sort(), ['/ca/api/v0/workspace', '/v1/agents?limit=1']);
      // the documented default without an override: the trap is still never asked
      const noOverride = await cli(['scan', '--verify', '--format', 'json', '--ringg-base-url', sb.baseUrls.ringg, '--ringyo-base-url', sb.baseUrls.ringyo], dir, {});
      assert.strictEqual(noOverride.code, 1);
      assert.deepStrictEqual(t.hits, []);
    } finally { await t.close(); }
  });

  it('base URLs from options and the environment pass the origin rules, or it is a usage error and nothing is sent', async () => {
    const dir = leaks();
    for (const [args, e, what] of [
      [['--ringg-base-url', 'https://evil.example.com/ca/api/v0'], {}, /--ringg-base-url: Ringg AI keys are only sent to ringg\.ai hosts or loopback/],
      [[], { RINGKEYS_RINGYO_BASE_URL: 'http://api.ringyo.ai/v1' }, /RINGKEYS_RINGYO_BASE_URL: .*only sent over HTTPS/],
      [[], { RINGKEYS_RINGTONIC_BASE_URL: 'https://ringtonic.app.evil.example/api/v1' }, /RINGKEYS_RINGTONIC_BASE_URL: /],
    ] as Array<[string[], NodeJS.ProcessEnv, RegExp]>) {
      const r = await cli(['scan', '--verify', ...args], dir, { ...env, ...e });
      assert.strictEqual(r.code, 2, r.out);
      assert.match(r.err, what);
    }
    assert.strictEqual(sb.requests.length, 0);
    // the option wins over the environment
    const r = await cli(['scan', '--verify', '--ringg-base-url', sb.baseUrls.ringg], dir, { ...env, RINGKEYS_RINGG_BASE_URL: 'https://evil.example.com' });
    assert.strictEqual(r.code, 1, r.err);
  });

  it('a base URL without the API path (404 for the check) names the URL asked and what the base URL should look like', async () => {
    const dir = leaks();
    const r = await cli(['scan', '--verify', '--ringg-base-url', sb.origin, '--ringyo-base-url', `${sb.origin}/`], dir, {});
    assert.strictEqual(r.code, 1, r.err);
    assert.match(r.out, new RegExp(`a\\.ts:1:\\d+: .* \\[unknown: Ringg AI answered 404 \\(not found\\) to GET ${sb.origin}/workspace; the base URL should look like ${sb.origin}/ca/api/v0\\]`));
    assert.match(r.out, new RegExp(`b\\.py:2:\\d+: .* \\[unknown: Ringyo AI answered 404 \\(not found\\) to GET ${sb.origin}/agents\\?limit=1; the base URL should look like ${sb.origin}/v1\\]`));
    assert.ok(!r.out.includes('the check failed'), r.out);
    const j = await cli(['scan', '--verify', '--format', 'json', '--ringg-base-url', sb.origin], tmpTree({ 'a.ts': `const headers = { 'X-API-KEY': '${sb.ringgKey}' };\n` }), {});
    const f = (JSON.parse(j.out) as { findings: Array<{ validity: string; validityReason: string }> }).findings[0];
    assert.deepStrictEqual([f.validity, f.validityReason], ['unknown', `unknown: Ringg AI answered 404 (not found) to GET ${sb.origin}/workspace; the base URL should look like ${sb.origin}/ca/api/v0`]);
    // a complete base URL whose API lacks the endpoint: no suggestion to add what is already there
    const hint = notFoundHint('ringg', 'https://staging.ringg.ai/ca/api/v0/');
    assert.deepStrictEqual(hint, { tried: 'GET https://staging.ringg.ai/ca/api/v0/workspace' });
    assert.strictEqual(describeVerdict({ validity: 'unknown', reason: 'notFound', provider: 'ringg', status: 404, notFound: hint, checkedAt: 0 }),
      'unknown: Ringg AI answered 404 (not found) to GET https://staging.ringg.ai/ca/api/v0/workspace; the base URL has no such endpoint');
    assert.deepStrictEqual(notFoundHint('ringtonic', 'https://ringtonic.app', SANDBOX_CAMPAIGN_ID),
      { tried: `GET https://ringtonic.app/campaigns/${SANDBOX_CAMPAIGN_ID}/geo-data`, expected: 'https://ringtonic.app/api/v1' });
  });

  it('Ring Tonic keys are checked through --ringtonic-campaign, otherwise reported unknown', async () => {
    const dir = tmpTree({ 'tonic.env': `RINGTONIC_API_KEY=${sb.keys.ringtonic}\n` });
    const without = await cli(['scan', '--verify'], dir, env);
    assert.match(without.out, /\[unknown: Ring Tonic has no endpoint to check a key without a campaign/);
    const withCampaign = await cli(['scan', '--verify', '--ringtonic-campaign', SANDBOX_CAMPAIGN_ID], dir, env);
    assert.match(withCampaign.out, /\[live: the key works/);
  });
});
