import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/types';
import { SANDBOX_CAMPAIGN_ID, SandboxServer } from '../../src/sandbox/server';

function io(env: Record<string, string> = {}, stdin = ''): CliIo & { out: string; err: string } {
  const r = {
    out: '', err: '', env, cwd: process.cwd(),
    stdout(s: string) { r.out += s; }, stderr(s: string) { r.err += s; },
    stdin: async () => stdin, onSignal() { /* not used */ },
  };
  return r;
}

describe('ring-keys CLI', () => {
  let sb: SandboxServer;
  before(async () => { sb = await SandboxServer.start(); });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  it('--help documents every command; no command is a usage error', async () => {
    const h = io();
    assert.strictEqual(await main(['--help'], h), 0);
    for (const c of ['verify', 'sandbox']) { assert.match(h.out, new RegExp(`^  ${c} `, 'm')); }
    assert.strictEqual(await main([], io()), 2);
    assert.strictEqual(await main(['nope'], io()), 2);
  });

  it('the compiled entry point runs as a process and exits with the command\'s code', () => {
    const cli = path.join(__dirname, '..', '..', 'src', 'cli.js');
    const r = spawnSync(process.execPath, [cli, 'verify', '--help'], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0);
    assert.match(r.stdout, /RINGG_API_KEY/);
    assert.strictEqual(spawnSync(process.execPath, [cli, 'verify', '--provider', 'ringg'], { encoding: 'utf8', env: {} }).status, 2);
  });

  it('the bundled CLI (dist/cli.js) reports the version in package.json, in --version and in SARIF', () => {
    const root = path.join(__dirname, '..', '..', '..');
    const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    const cli = path.join(root, 'dist', 'cli.js');
    const v = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
    assert.strictEqual(v.status, 0, v.stderr);
    assert.strictEqual(v.stdout.trim(), version);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-version-'));
    fs.writeFileSync(path.join(dir, 'a.txt'), 'nothing to see\n');
    const s = spawnSync(process.execPath, [cli, 'scan', '--format', 'sarif', dir], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    assert.strictEqual(s.status, 0, s.stderr);
    const sarif = JSON.parse(s.stdout) as { runs: Array<{ tool: { driver: { semanticVersion: string } } }> };
    assert.strictEqual(sarif.runs[0].tool.driver.semanticVersion, version);
  });

  describe('verify', () => {
    const verify = (args: string[], env: Record<string, string>, stdin?: string) => {
      const h = io(env, stdin);
      return main(['verify', ...args], h).then(code => ({ code, out: h.out, err: h.err }));
    };

    it('exit 0 for a valid Ringg key, with workspace and credits, never the key', async () => {
      const r = await verify(['--provider', 'ringg', '--base-url', sb.baseUrls.ringg], { RINGG_API_KEY: sb.ringgKey });
      assert.strictEqual(r.code, 0, r.err);
      assert.match(r.out, /Sandbox Workspace/);
      assert.match(r.out, /credits 3,025, locked 125/);
      assert.ok(!(r.out + r.err).includes(sb.ringgKey));
      assert.ok(r.out.includes(`…${sb.ringgKey.slice(-4)}`));
    });

    it('exit 1 for a rejected key, with the fix; --json is machine-readable', async () => {
      const key = '7251cb4b-3373-43a4-844c-b27a1d45e0c9';
      const r = await verify(['--provider', 'ringg', '--base-url', sb.baseUrls.ringg, '--json'], { RINGG_API_KEY: key });
      assert.strictEqual(r.code, 1);
      const j = JSON.parse(r.out);
      assert.strictEqual(j.state, 'rejected');
      assert.strictEqual(j.status, 401);
      assert.match(j.fix, /Re-enter|redeploy/);
      assert.ok(!r.out.includes(key));
    });

    it('exit 3 when the answer is malformed or the server keeps failing', async () => {
      sb.faults = { malformedNext: 5 };
      assert.strictEqual((await verify(['--provider', 'ringg', '--base-url', sb.baseUrls.ringg], { RINGG_API_KEY: sb.ringgKey })).code, 3);
      sb.faults = { failNext: 10, failStatus: 503 };
      const r = await verify(['--provider', 'ringg', '--base-url', sb.baseUrls.ringg], { RINGG_API_KEY: sb.ringgKey });
      assert.strictEqual(r.code, 3);
      assert.match(r.err, /503/);
    });

    it('reads the key from stdin with --key-stdin; Ringyo test keys say TEST', async () => {
      const r = await verify(['--provider', 'ringyo', '--base-url', sb.baseUrls.ringyo, '--key-stdin'], {}, sb.keys.ringyoTest + '\n');
      assert.strictEqual(r.code, 0, r.err);
      assert.match(r.out, /TEST key/);
    });

    it('Ring Tonic: 3 without a campaign (not verifiable), 0 with one', async () => {
      const env = { RINGTONIC_API_KEY: sb.keys.ringtonic };
      assert.strictEqual((await verify(['--provider', 'ringtonic', '--base-url', sb.baseUrls.ringtonic], env)).code, 3);
      assert.strictEqual((await verify(['--provider', 'ringtonic', '--base-url', sb.baseUrls.ringtonic, '--campaign', SANDBOX_CAMPAIGN_ID], env)).code, 0);
    });

    it('reads RINGKEYS_<PROVIDER>_BASE_URL as scan --verify does; --base-url wins; a bad one is a usage error naming the variable', async () => {
      const env = { RINGG_API_KEY: sb.ringgKey, RINGKEYS_RINGG_BASE_URL: sb.baseUrls.ringg };
      const r = await verify(['--provider', 'ringg'], env);
      assert.strictEqual(r.code, 0, r.err);
      assert.match(r.out, /valid: Ringg AI key .*Sandbox Workspace/);
      assert.deepStrictEqual(sb.requests.map(q => q.path), ['/ca/api/v0/workspace'], 'the sandbox was asked, not prod-api.ringg.ai');
      const ringyo = await verify(['--provider', 'ringyo'], { RINGYO_API_KEY: sb.keys.ringyoLive, RINGKEYS_RINGYO_BASE_URL: sb.baseUrls.ringyo });
      assert.strictEqual(ringyo.code, 0, ringyo.err);
      const tonic = await verify(['--provider', 'ringtonic', '--campaign', SANDBOX_CAMPAIGN_ID], { RINGTONIC_API_KEY: sb.keys.ringtonic, RINGKEYS_RINGTONIC_BASE_URL: sb.baseUrls.ringtonic });
      assert.strictEqual(tonic.code, 0, tonic.err);
      const wins = await verify(['--provider', 'ringg', '--base-url', sb.baseUrls.ringg], { ...env, RINGKEYS_RINGG_BASE_URL: 'https://example.com/api' });
      assert.strictEqual(wins.code, 0, wins.err);
      const bad = await verify(['--provider', 'ringg'], { ...env, RINGKEYS_RINGG_BASE_URL: 'https://example.com/api' });
      assert.strictEqual(bad.code, 2);
      assert.match(bad.err, /RINGKEYS_RINGG_BASE_URL: .*only sent to ringg\.ai/);
    });

    it('a base URL without the API path: exit 3, naming the URL asked and the base URL to use, in text and JSON', async () => {
      const opt = await verify(['--provider', 'ringg', '--base-url', sb.origin], { RINGG_API_KEY: sb.ringgKey });
      assert.strictEqual(opt.code, 3);
      assert.strictEqual(opt.err, `undetermined: Ringg AI key …${sb.ringgKey.slice(-4)}: Ringg AI answered 404 (not found) to GET ${sb.origin}/workspace; ` +
        `the base URL should look like ${sb.origin}/ca/api/v0\n  fix: pass --base-url ${sb.origin}/ca/api/v0\n`);
      const fromEnv = await verify(['--provider', 'ringyo', '--json'], { RINGYO_API_KEY: sb.keys.ringyoLive, RINGKEYS_RINGYO_BASE_URL: `${sb.origin}/` });
      assert.strictEqual(fromEnv.code, 3);
      const j = JSON.parse(fromEnv.out) as Record<string, unknown>;
      assert.deepStrictEqual([j.state, j.error, j.status, j.tried, j.expectedBaseUrl], ['undetermined', 'notFound', 404, `GET ${sb.origin}/agents?limit=1`, `${sb.origin}/v1`]);
      const text = await verify(['--provider', 'ringyo'], { RINGYO_API_KEY: sb.keys.ringyoLive, RINGKEYS_RINGYO_BASE_URL: sb.origin });
      assert.match(text.err, new RegExp(`fix: set RINGKEYS_RINGYO_BASE_URL=${sb.origin}/v1\n`));
    });

    it('usage errors (exit 2): no key, a key on the command line, a bad provider, a base URL that may not get keys', async () => {
      assert.strictEqual((await verify(['--provider', 'ringg'], {})).code, 2);
      const argvKey = await verify(['--provider', 'ringg', '--key', sb.ringgKey], {});
      assert.strictEqual(argvKey.code, 2);
      assert.match(argvKey.err, /never read from the command line/);
      assert.strictEqual((await verify(['--provider', 'acme'], {})).code, 2);
      const evil = await verify(['--provider', 'ringg', '--base-url', 'https://example.com/api'], { RINGG_API_KEY: sb.ringgKey });
      assert.strictEqual(evil.code, 2);
      assert.match(evil.err, /only sent to ringg\.ai/);
      assert.strictEqual(sb.requests.length, 0, 'nothing was sent anywhere');
    });
  });
});
