// A hostile server behind every way a key is checked: each case must end, in bounded time and memory,
// with a clear message, and the key must never arrive anywhere but its provider's origin.
import * as assert from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/types';
import { type SandboxFaults, SandboxServer } from '../../src/sandbox/server';

function io(env: Record<string, string>): CliIo & { out: string; err: string } {
  const r = { out: '', err: '', env, cwd: process.cwd(), stdin: async () => '', onSignal() { /* unused */ },
    stdout(s: string) { r.out += s; }, stderr(s: string) { r.err += s; } };
  return r;
}

describe('hostile servers (ring-keys verify against the sandbox\'s hostile modes)', function () {
  this.timeout(30_000);
  let sb: SandboxServer;
  let elsewhere: http.Server;
  const arrivedElsewhere: http.IncomingHttpHeaders[] = [];
  before(async () => {
    sb = await SandboxServer.start();
    elsewhere = http.createServer((req, res) => { arrivedElsewhere.push(req.headers); res.end('{}'); });
    await new Promise<void>(r => elsewhere.listen(0, '127.0.0.1', r));
  });
  after(async () => { await sb.close(); elsewhere.closeAllConnections(); elsewhere.close(); });
  beforeEach(() => sb.reset());

  const verify = async (faults: SandboxFaults) => {
    sb.faults = faults;
    const h = io({ RINGG_API_KEY: sb.ringgKey });
    const code = await main(['verify', '--provider', 'ringg', '--base-url', sb.baseUrls.ringg, '--timeout', '1'], h);
    return { code, text: h.out + h.err };
  };

  const cases: Array<[string, SandboxFaults, RegExp]> = [
    ['an endless body', { hostile: 'endless-body' }, /larger than 5120 KiB and was cut off/],
    ['headers that never come', { hostile: 'stall-headers' }, /did not answer in time: .*(no response headers|no complete answer) within 1 s/],
    ['a body that stalls after the headers', { hostile: 'stall-body' }, /did not answer in time: .*(response body stalled|no complete answer within 1 s)/],
    ['HTML where JSON was promised', { hostile: 'html' }, /not the expected JSON: text\/html, \d+ bytes: "<!DOCTYPE html>/],
    ['truncated JSON', { hostile: 'truncated' }, /not the expected JSON/],
    ['429 forever', { hostile: 'rate-limit-forever' }, /rate-limiting this key \(429\)/],
    ['503 forever', { hostile: 'unavailable-forever' }, /had a problem \(503\); retries did not help/],
  ];
  for (const [name, faults, message] of cases) {
    it(`${name}: exit 3 (undetermined) with a clear message, never the key`, async () => {
      const r = await verify(faults);
      assert.strictEqual(r.code, 3, r.text);
      assert.match(r.text, message);
      assert.ok(!r.text.includes(sb.ringgKey));
    });
  }

  it('a redirect to another origin is refused: the key never arrives there', async () => {
    const other = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
    const r = await verify({ redirectTo: other });
    assert.strictEqual(r.code, 3, r.text);
    assert.match(r.text, /redirected to another host \(127\.0\.0\.1:\d+\); the redirect was not followed, so the key was not sent there/);
    assert.strictEqual(arrivedElsewhere.length, 0, 'nothing reached the other origin');
  });

  it('GETs were retried on 503 and 429 but the total stayed bounded by the retry budget', async () => {
    await verify({ hostile: 'unavailable-forever' });
    assert.strictEqual(sb.requests.length, 4, 'four attempts, then the error');
  });
});
