import * as assert from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import { type Clock, HttpClient } from '../../src/core/http/client';
import {
  ForbiddenError, KeyRejectedError, MalformedResponseError, NetworkError, ProviderError, RateLimitedError,
  RedirectBlockedError, ResponseTooLargeError, TimeoutError,
} from '../../src/core/http/errors';
import { checkBaseUrl } from '../../src/core/http/origin';
import { Redactor } from '../../src/core/http/redact';
import type { Logger } from '../../src/core/log';

const KEY = '7251cb4b-3373-43a4-844c-b27a1d459f7a';
const ORIGIN = 'https://prod-api.ringg.ai';

/** A clock whose sleep returns at once and moves time forward, recording every wait. */
function fakeClock(): Clock & { waits: number[] } {
  let t = 1_700_000_000_000;
  const waits: number[] = [];
  return { waits, now: () => t, sleep: async ms => { waits.push(ms); t += ms; } };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const rec = (m: string) => { lines.push(m); };
  return { lines, trace: rec, debug: rec, info: rec, warn: rec, error: rec };
}

function setup(limits = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get(ORIGIN);
  const clock = fakeClock();
  const logger = recordingLogger();
  const client = new HttpClient({ dispatcher: agent, clock, logger, random: () => 0.5, limits });
  const get = (path = '/ca/api/v0/workspace') => client.send({ method: 'GET', url: ORIGIN + path, auth: { key: KEY, headers: { 'x-api-key': KEY } } });
  return { agent, pool, clock, logger, client, get };
}

describe('HTTP layer', () => {
  describe('retries', () => {
    it('retries a GET on 503 with growing jittered backoff, then returns the success', async () => {
      const { pool, clock, get } = setup();
      pool.intercept({ path: '/ca/api/v0/workspace', method: 'GET' }).reply(503, 'busy').times(2);
      pool.intercept({ path: '/ca/api/v0/workspace', method: 'GET' }).reply(200, '{"ok":true}');
      const res = await get();
      assert.strictEqual(res.status, 200);
      assert.strictEqual(res.attempts, 3);
      assert.deepStrictEqual(clock.waits, [375, 750]);   // equal jitter at random()=0.5: 3/4 of 500·2^n
    });

    it('honours Retry-After on 429 and X-RateLimit-Reset when Retry-After is absent', async () => {
      const { pool, clock, get } = setup();
      pool.intercept({ path: '/ca/api/v0/workspace', method: 'GET' }).reply(429, '{}', { headers: { 'retry-after': '2' } });
      const resetAt = Math.floor(clock.now() / 1000) + 5;
      pool.intercept({ path: '/ca/api/v0/workspace', method: 'GET' }).reply(429, '{}', { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt) } });
      pool.intercept({ path: '/ca/api/v0/workspace', method: 'GET' }).reply(200, '{}');
      const res = await get();
      assert.strictEqual(res.status, 200);
      assert.strictEqual(clock.waits[0], 2000);
      assert.ok(clock.waits[1] >= 2900 && clock.waits[1] <= 3000, `waited ${clock.waits[1]}`);
    });

    it('gives up when the server asks for longer than the retry budget, and says when to come back', async () => {
      const { pool, clock, client } = setup({ retryBudgetMs: 5000 });
      pool.intercept({ path: '/ca/api/v0/workspace', method: 'GET' }).reply(429, '{"error":{"code":"rate_limit_exceeded","message":"slow down"}}', { headers: { 'retry-after': '60' } });
      await assert.rejects(client.json({ method: 'GET', url: ORIGIN + '/ca/api/v0/workspace' }, 'Ringg AI'), (err: unknown) => {
        assert.ok(err instanceof RateLimitedError);
        assert.strictEqual(err.retryAfterMs, 60_000);
        assert.match(err.message, /slow down/);
        return true;
      });
      assert.deepStrictEqual(clock.waits, []);
    });

    it('stops after maxAttempts on 503 forever and reports a provider error', async () => {
      const { pool, client } = setup();
      let calls = 0;
      pool.intercept({ path: '/x', method: 'GET' }).reply(() => { calls++; return { statusCode: 503, data: '{"detail":"down"}' }; }).persist();
      await assert.rejects(client.json({ method: 'GET', url: ORIGIN + '/x' }), (e: Error) => e instanceof ProviderError && /503: down/.test(e.message));
      assert.strictEqual(calls, 4);
    });

    for (const method of ['PATCH', 'POST', 'DELETE'] as const) {
      it(`never retries ${method} (a retried rotation would rotate twice)`, async () => {
        const { pool, clock, client } = setup();
        let calls = 0;
        pool.intercept({ path: '/ca/api/v0/workspace/api-key', method }).reply(() => { calls++; return { statusCode: 503, data: 'busy' }; }).persist();
        const res = await client.send({ method, url: ORIGIN + '/ca/api/v0/workspace/api-key', auth: { key: KEY, headers: { 'x-api-key': KEY } } });
        assert.strictEqual(res.status, 503);
        assert.strictEqual(calls, 1);
        assert.deepStrictEqual(clock.waits, []);
      });
    }

    it('retries a GET after a network error, and reports whether the request may have been sent', async () => {
      const { pool, get } = setup({ maxAttempts: 2 });
      pool.intercept({ path: '/ca/api/v0/workspace', method: 'GET' }).replyWithError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })).times(2);
      await assert.rejects(get(), (err: unknown) => err instanceof NetworkError && err.requestSent === false);
    });
  });

  describe('statuses and bodies', () => {
    const cases: Array<[number, string, new (...a: never[]) => Error, RegExp]> = [
      [401, '{"detail":"Invalid API key"}', KeyRejectedError, /401: Invalid API key/],
      [403, '{"error":{"code":"forbidden","message":"no permission"}}', ForbiddenError, /no permission \(forbidden\)/],
      [422, '{"detail":[{"loc":["body","agent_id"],"msg":"field required"}]}', Error, /body\.agent_id: field required/],
    ];
    for (const [status, body, type, message] of cases) {
      it(`maps ${status} to ${type.name} with the message from the documented error shape`, async () => {
        const { pool, client } = setup();
        pool.intercept({ path: '/x', method: 'GET' }).reply(status, body);
        await assert.rejects(client.json({ method: 'GET', url: ORIGIN + '/x' }), (err: Error) => err instanceof type && message.test(err.message));
      });
    }

    it('turns HTML or truncated JSON into MalformedResponseError naming the content type', async () => {
      const { pool, client } = setup();
      pool.intercept({ path: '/x', method: 'GET' }).reply(200, '<html>gateway</html>', { headers: { 'content-type': 'text/html' } });
      pool.intercept({ path: '/y', method: 'GET' }).reply(200, '{"workspace_info": {"na', { headers: { 'content-type': 'application/json' } });
      await assert.rejects(client.json({ method: 'GET', url: ORIGIN + '/x' }), (e: Error) => e instanceof MalformedResponseError && /text\/html/.test(e.message));
      await assert.rejects(client.json({ method: 'GET', url: ORIGIN + '/y' }), MalformedResponseError);
    });

    it('cuts off a response above the size cap', async () => {
      const { pool, get } = setup({ maxResponseBytes: 1024 });
      pool.intercept({ path: '/ca/api/v0/workspace', method: 'GET' }).reply(200, 'x'.repeat(5000));
      await assert.rejects(get(), ResponseTooLargeError);
    });
  });

  describe('redirects', () => {
    it('refuses a redirect to another origin without sending the key there', async () => {
      const { agent, pool, get } = setup();
      let evilCalls = 0;
      agent.get('https://evil.example').intercept({ path: '/steal', method: 'GET' }).reply(() => { evilCalls++; return { statusCode: 200, data: '' }; }).persist();
      pool.intercept({ path: '/ca/api/v0/workspace', method: 'GET' }).reply(302, '', { headers: { location: 'https://evil.example/steal' } });
      await assert.rejects(get(), (e: Error) => e instanceof RedirectBlockedError && /evil\.example/.test(e.message));
      assert.strictEqual(evilCalls, 0);
    });

    it('follows a same-origin redirect', async () => {
      const { pool, get } = setup();
      pool.intercept({ path: '/ca/api/v0/workspace', method: 'GET' }).reply(301, '', { headers: { location: '/ca/api/v0/workspace/' } });
      pool.intercept({ path: '/ca/api/v0/workspace/', method: 'GET', headers: { 'x-api-key': KEY } }).reply(200, '{}');
      assert.strictEqual((await get()).status, 200);
    });
  });

  describe('redaction', () => {
    it('never logs the key, and redacts api_key fields and Bearer tokens from text and JSON', async () => {
      const { pool, logger, client } = setup();
      pool.intercept({ path: `/echo/${KEY}`, method: 'GET' }).reply(401, JSON.stringify({ detail: `key ${KEY} is invalid` })).times(1);
      await assert.rejects(client.json({ method: 'GET', url: `${ORIGIN}/echo/${KEY}`, auth: { key: KEY, headers: { 'x-api-key': KEY } } }),
        (e: Error) => !e.message.includes(KEY) && e.message.includes('[REDACTED]'));
      assert.ok(logger.lines.length > 0);
      for (const line of logger.lines) { assert.ok(!line.includes(KEY), line); }
      const r = new Redactor();
      assert.deepStrictEqual(r.json({ workspace_info: { name: 'W', api_key: 'e89b12d3-a456-426c-8001-f05de02b54b4' }, new_api_key: 'x' }),
        { workspace_info: { name: 'W', api_key: '[REDACTED]' }, new_api_key: '[REDACTED]' });
      assert.strictEqual(r.text('Authorization: Bearer rg_live_abcdefghijklmnop'), 'Authorization: Bearer [REDACTED]');
      assert.deepStrictEqual(r.headers({ 'X-API-KEY': KEY, 'content-type': 'application/json' }), { 'X-API-KEY': '[REDACTED]', 'content-type': 'application/json' });
    });
  });

  describe('origins', () => {
    const ok: Array<[Parameters<typeof checkBaseUrl>[0], string]> = [
      ['ringg', 'https://prod-api.ringg.ai/ca/api/v0/'],
      ['ringg', 'https://staging.ringg.ai/ca/api/v0'],
      ['ringyo', 'http://127.0.0.1:4010/v1'],
      ['ringtonic', 'http://localhost:9/api/v1'],
      ['ringtonic', 'http://[::1]:9/api/v1'],
    ];
    const refused: Array<[Parameters<typeof checkBaseUrl>[0], string]> = [
      ['ringg', 'http://prod-api.ringg.ai/ca/api/v0'],      // plain http off loopback
      ['ringg', 'https://ringg.ai.evil.com/'],               // look-alike
      ['ringg', 'https://evilringg.ai/'],
      ['ringyo', 'https://api.ringg.ai/v1'],                 // another provider's host
      ['ringtonic', 'https://user:pw@ringtonic.app/api/v1'],
      ['ringg', 'http://10.0.0.5/ca/api/v0'],
      ['ringg', 'not a url'],
    ];
    for (const [p, u] of ok) { it(`accepts ${u} for ${p}`, () => { assert.doesNotThrow(() => checkBaseUrl(p, u)); }); }
    for (const [p, u] of refused) { it(`refuses ${u} for ${p}`, () => { assert.throws(() => checkBaseUrl(p, u)); }); }
  });

  describe('timeouts (against a real local server)', () => {
    let server: http.Server;
    let origin = '';
    before(async () => {
      server = http.createServer((req, res) => {
        if (req.url === '/stall-headers') { return; }                       // never answers
        if (req.url === '/stall-body') { res.writeHead(200, { 'content-type': 'application/json' }); res.write('{"a":'); return; }
        if (req.url === '/endless') {
          res.writeHead(200);
          const chunk = Buffer.alloc(64 * 1024, 120);
          const pump = () => { while (res.write(chunk)) { /* fill */ } };
          res.on('drain', pump); pump();
          return;
        }
        res.end('{}');
      });
      await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => { server.closeAllConnections(); server.close(); });

    const client = () => new HttpClient({ limits: { headersTimeoutMs: 300, bodyTimeoutMs: 300, attemptTimeoutMs: 2000, maxAttempts: 1, maxResponseBytes: 1024 * 1024 } });

    it('headers that never come end in TimeoutError (request sent)', async () => {
      await assert.rejects(client().send({ method: 'GET', url: origin + '/stall-headers' }), (e: unknown) => e instanceof TimeoutError && e.requestSent);
    });
    it('a body that stalls after the headers ends in TimeoutError', async () => {
      await assert.rejects(client().send({ method: 'GET', url: origin + '/stall-body' }), TimeoutError);
    });
    it('an endless body ends at the size cap', async () => {
      await assert.rejects(client().send({ method: 'GET', url: origin + '/endless' }), ResponseTooLargeError);
    });
  });
});

describe('client-side rate limiter', () => {
  it('lets a burst of perMinute through, then spaces requests at the refill rate', async () => {
    const { RateLimiter } = await import('../../src/core/http/rateLimit');
    const clock = fakeClock();
    const limiter = new RateLimiter(clock);
    for (let i = 0; i < 60; i++) { await limiter.acquire('ringyo:k', 60, 10_000); }
    assert.deepStrictEqual(clock.waits, []);
    await limiter.acquire('ringyo:k', 60, 10_000);
    assert.deepStrictEqual(clock.waits, [1000], 'the 61st waits one refill interval');
    await limiter.acquire('ringyo:other', 60, 10_000);
    assert.strictEqual(clock.waits.length, 1, 'buckets are per key');
  });

  it('refuses rather than waits past the budget, and honours a server-reported reset', async () => {
    const { RateLimiter } = await import('../../src/core/http/rateLimit');
    const clock = fakeClock();
    const limiter = new RateLimiter(clock);
    await limiter.acquire('k', 1, 5_000);
    await assert.rejects(limiter.acquire('k', 1, 5_000), RateLimitedError);
    const l2 = new RateLimiter(clock);
    await l2.acquire('s', 100, 60_000);
    l2.observe('s', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(clock.now() / 1000) + 30) });
    await l2.acquire('s', 100, 60_000);
    assert.ok(clock.waits.at(-1)! >= 29_000, `waited for the reset: ${clock.waits.at(-1)}`);
  });
});

describe('base URL settings: a workspace can never redirect a key', () => {
  it('uses the user\'s own value only in a trusted workspace', async () => {
    const { resolveBaseUrl } = await import('../../src/core/http/origin');
    assert.deepStrictEqual(resolveBaseUrl('ringg', { trusted: true, userValue: 'http://127.0.0.1:4000/ca/api/v0' }), { url: 'http://127.0.0.1:4000/ca/api/v0', ignored: undefined });
    const untrusted = resolveBaseUrl('ringg', { trusted: false, userValue: 'http://127.0.0.1:4000/ca/api/v0' });
    assert.strictEqual(untrusted.url, undefined);
    assert.match(untrusted.ignored!, /not trusted/);
  });
  it('ignores a workspace value, trusted or not, and says so', async () => {
    const { resolveBaseUrl } = await import('../../src/core/http/origin');
    for (const trusted of [true, false]) {
      const r = resolveBaseUrl('ringg', { trusted, workspaceValue: 'http://127.0.0.1:6666/steal' });
      assert.strictEqual(r.url, undefined);
      assert.match(r.ignored!, /workspace setting .* is ignored/);
    }
  });
  it('refuses a user value off the provider\'s domain loudly instead of sending the key there', async () => {
    const { resolveBaseUrl } = await import('../../src/core/http/origin');
    assert.throws(() => resolveBaseUrl('ringyo', { trusted: true, userValue: 'https://api.ringyo.ai.evil.net/v1' }), /only sent to ringyo\.ai/);
  });
});
