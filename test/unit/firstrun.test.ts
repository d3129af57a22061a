// What a first-time user met (issue 17), in the pure core: credits re-read after a spending request, the
// tester's examples filled with the account's own ids, every endpoint linked to its docs.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { API_REFERENCE, ENDPOINTS, endpointById } from '../../src/core/tester/catalog';
import { agentListPath, firstAgentId, withAccountIds } from '../../src/core/tester/examples';
import { isFromWebview } from '../../src/core/tester/protocol';
import { mayHaveSpentCredits } from '../../src/core/tester/request';

const byId = (id: string) => { const e = endpointById(id); assert.ok(e, id); return e; };

describe('credits after a tester request', () => {
  const call = byId('ringg.calls.outbound');
  it('a successful credit-spending request with a live key re-reads the credits', () => {
    assert.strictEqual(mayHaveSpentCredits(call, undefined, 200), true);
    assert.strictEqual(mayHaveSpentCredits(byId('ringyo.calls.create'), 'live', 201), true);
  });
  it('a read, a test key or a refused request does not', () => {
    assert.strictEqual(mayHaveSpentCredits(byId('ringg.workspace.info'), undefined, 200), false);
    assert.strictEqual(mayHaveSpentCredits(byId('ringyo.calls.create'), 'test', 201), false);
    assert.strictEqual(mayHaveSpentCredits(call, undefined, 402), false);
    assert.strictEqual(mayHaveSpentCredits(call, undefined, 500), false);
  });
});

describe('tester examples from the account', () => {
  it('reads the first agent of each documented list shape', () => {
    assert.strictEqual(firstAgentId('ringg', { status: 'success', data: { agents: [{ id: '1c9d5f0e-8b7a-4e6d-9c5b-4a3f2e1d0c9b' }, { id: 'x' }] } }), '1c9d5f0e-8b7a-4e6d-9c5b-4a3f2e1d0c9b');
    assert.strictEqual(firstAgentId('ringyo', { data: [{ id: 'agent_01HZX3' }], has_more: false }), 'agent_01HZX3');
    assert.strictEqual(firstAgentId('ringyo', { data: [{ id: 'agent_9' }], pagination: { total: 1 } }), 'agent_9');
  });
  it('reads nothing from an empty, malformed or hostile answer', () => {
    for (const bad of [{ data: [] }, { data: { agents: [] } }, null, 'text', 42, { data: [{ id: 7 }] }, { data: [{ id: '"><script>' }] }, { data: [{ id: 'a'.repeat(101) }] }]) {
      assert.strictEqual(firstAgentId('ringyo', bad), undefined, JSON.stringify(bad));
      assert.strictEqual(firstAgentId('ringg', bad), undefined, JSON.stringify(bad));
    }
  });
  it('lists one agent, read-only, where the provider has agents', () => {
    assert.strictEqual(agentListPath('ringg'), '/agent/all?limit=1&offset=0');
    assert.strictEqual(agentListPath('ringyo'), '/agents?limit=1');
    assert.strictEqual(agentListPath('ringtonic'), undefined);
  });
  it('puts the account\'s agent in the body and the agent path parameter, nowhere else', () => {
    const call = withAccountIds(byId('ringyo.calls.create'), { agent_id: 'agent_01HZX3' });
    assert.deepStrictEqual((call.body as Record<string, unknown>).agent_id, 'agent_01HZX3');
    assert.deepStrictEqual((call.body as Record<string, unknown>).phone_number, '+14155550123', 'the rest of the example stays');
    const get = withAccountIds(byId('ringyo.agents.get'), { agent_id: 'agent_01HZX3' });
    assert.strictEqual(get.params.find(p => p.name === 'agent_id')?.default, 'agent_01HZX3');
    const list = withAccountIds(byId('ringyo.calls.list'), { agent_id: 'agent_01HZX3' });
    assert.strictEqual(list.params.find(p => p.name === 'agent_id')?.default, undefined, 'a list filter stays empty');
    assert.strictEqual(withAccountIds(byId('ringyo.calls.create'), {}), byId('ringyo.calls.create'), 'no ids: the docs\' example');
  });
});

describe('tester catalogue: docs, not source tags', () => {
  it('every endpoint links an HTTPS page of its provider\'s docs', () => {
    const hosts = { ringg: 'docs.ringg.ai', ringyo: 'docs.ringyo.ai', ringtonic: 'help.ringtonic.app' } as const;
    for (const e of ENDPOINTS) {
      assert.ok(e.docUrl, e.id);
      const u = new URL(e.docUrl);
      assert.strictEqual(u.protocol, 'https:', e.id);
      assert.strictEqual(u.host, hosts[e.provider], e.id);
    }
    assert.ok(ENDPOINTS.some(e => e.docUrl === API_REFERENCE.ringg), 'endpoints without their own page link the API reference');
  });
  it('no text the tester shows carries a research tag', () => {
    for (const e of ENDPOINTS) {
      for (const text of [e.note, e.summary, e.effect ?? '', ...e.params.map(p => p.description ?? '')]) {
        assert.doesNotMatch(text, /\b(DOC|3P|INF) [A-Z]\d/, `${e.id}: ${text}`);
      }
    }
  });
});

describe('tester protocol: confirmation and account ids', () => {
  it('accepts the answers the webview sends, and nothing of another shape', () => {
    assert.ok(isFromWebview({ type: 'confirmed', requestId: 1, send: false }));
    assert.ok(isFromWebview({ type: 'accountIds', profileId: 'p' }));
    assert.ok(!isFromWebview({ type: 'confirmed', requestId: 1, send: 'yes' }));
    assert.ok(!isFromWebview({ type: 'confirmed', send: true }));
    assert.ok(!isFromWebview({ type: 'accountIds', profileId: 3 }));
  });
});

describe('the demo folder', () => {
  it('is a fresh copy outside any ignored folder: the workspace scan reads its files and finds the planted key', async function () {
    this.timeout(30_000);
    const { spawnSync } = await import('node:child_process');
    const path = await import('node:path');
    const root = path.join(__dirname, '..', '..', '..');
    const r = spawnSync(process.execPath, [path.join(root, 'tools', 'demo.mjs'), '--prepare-only'], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    const { folder } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { folder: string };
    assert.ok(!path.relative(root, folder).split(path.sep).includes('.vscode-test') && path.relative(root, folder).startsWith('..'),
      `outside the repository: ${folder}`);
    const { main } = await import('../../src/cli/main');
    let out = '';
    const code = await main(['scan', '--format', 'json', folder], {
      env: {}, cwd: folder, stdout: (s: string) => { out += s; }, stderr: () => undefined, stdin: async () => '', onSignal: () => undefined,
    });
    assert.strictEqual(code, 1, `findings: ${out}`);
    const report = JSON.parse(out) as { files?: number; findings: Array<{ file?: string; path?: string }> };
    assert.ok(report.findings.length >= 1, 'the planted key is found');
  });
});

/** `tools/demo.mjs --sandbox-only` on a free port: what it printed, and a stop function. */
async function startDemoSandbox(): Promise<{ out: string; port: number; root: string; stop: () => Promise<void> }> {
  const { spawn } = await import('node:child_process');
  const net = await import('node:net');
  const path = await import('node:path');
  // a free port for the sandbox (the demo listens on RING_KEYS_DEMO_PORT + 1)
  const port = await new Promise<number>(resolve => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => { const p = (srv.address() as import('node:net').AddressInfo).port; srv.close(() => resolve(p)); });
  });
  const root = path.join(__dirname, '..', '..', '..');
  const demo = spawn(process.execPath, [path.join(root, 'tools', 'demo.mjs'), '--sandbox-only'],
    { env: { ...process.env, RING_KEYS_DEMO_PORT: String(port - 1) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = async () => {
    demo.kill('SIGTERM');
    await new Promise(resolve => demo.exitCode !== null ? resolve(undefined) : demo.once('exit', resolve));
  };
  let out = '';
  try {
    await new Promise<void>((resolve, reject) => {
      demo.stdout.on('data', (b: Buffer) => { out += b.toString(); if (out.includes('Ctrl-C stops it')) { resolve(); } });
      demo.once('exit', code => reject(new Error(`the demo exited with ${code}: ${out}`)));
    });
  } catch (e) { await stop(); throw e; }
  return { out, port, root, stop };
}

describe('the demo\'s keys: one live, one dead, as the walkthrough says', function () {
  this.timeout(60_000);

  it('the sandbox the demo starts accepts the Ringg key in agents.js and rejects the key in leaky.py', async () => {
    const { spawnSync } = await import('node:child_process');
    const path = await import('node:path');
    const { main } = await import('../../src/cli/main');
    const demo = await startDemoSandbox();
    try {
      const r = spawnSync(process.execPath, [path.join(demo.root, 'tools', 'demo.mjs'), '--prepare-only'], { encoding: 'utf8' });
      assert.strictEqual(r.status, 0, r.stderr);
      const { folder } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { folder: string };
      const env = Object.fromEntries(/^ *export (.*)$/m.exec(demo.out)![1].split(' ').map(a => a.split('=') as [string, string]));
      let out = '';
      const code = await main(['scan', '--verify', '--format', 'json', folder], {
        env, cwd: folder, stdout: (s: string) => { out += s; }, stderr: () => undefined, stdin: async () => '', onSignal: () => undefined,
      });
      assert.strictEqual(code, 1, out);
      const report = JSON.parse(out) as { findings: Array<{ path: string; rule: string; validity?: string }> };
      assert.deepStrictEqual(report.findings.map(f => [f.path, f.rule, f.validity]),
        [['agents.js', 'ringg-api-key', 'live'], ['leaky.py', 'ringyo-test-key', 'rejected']]);
      // the key printed for Add Key is the one in agents.js: the walkthrough's "the Ringg key above"
      const planted = /RINGG_API_KEY = '([0-9a-f-]{36})'/.exec(fs.readFileSync(path.join(folder, 'agents.js'), 'utf8'))?.[1];
      assert.ok(planted && demo.out.includes(`RINGG_API_KEY=${planted} node dist/cli.js verify`), demo.out);
    } finally {
      await demo.stop();
    }
  });
});

describe('the sandbox base URLs for the CLI', function () {
  this.timeout(60_000);

  it('`npm run demo` prints the three base URLs and an export line whose variables the CLI reads', async () => {
    const { main } = await import('../../src/cli/main');
    const { out, port, root, stop } = await startDemoSandbox();
    try {
      const origin = `http://127.0.0.1:${port}`;
      assert.match(out, new RegExp(`Ringg AI {5}${origin}/ca/api/v0\n`));
      assert.match(out, new RegExp(`Ringyo AI {4}${origin}/v1\n`));
      assert.match(out, new RegExp(`Ring Tonic {3}${origin}/api/v1\n`));
      const line = /^ *export (.*)$/m.exec(out)?.[1];
      assert.ok(line, out);
      const env = Object.fromEntries(line.split(' ').map(a => a.split('=') as [string, string]));
      assert.deepStrictEqual(Object.keys(env), ['RINGKEYS_RINGG_BASE_URL', 'RINGKEYS_RINGYO_BASE_URL', 'RINGKEYS_RINGTONIC_BASE_URL']);
      const ringgKey = /RINGG_API_KEY=(\S+) node dist\/cli\.js verify --provider ringg/.exec(out)?.[1];
      const ringyoKey = /Ringyo AI {4}(rg_live_\S+)/.exec(out)?.[1];
      assert.ok(ringgKey && ringyoKey, out);
      // the CLI, pointed at the sandbox by exactly these variables (no option): both commands reach it
      let said = '';
      const io = (extra: Record<string, string>) => ({ env: { ...env, ...extra }, cwd: root, stdout: (s: string) => { said += s; }, stderr: (s: string) => { said += s; },
        stdin: async () => '', onSignal: () => undefined });
      assert.strictEqual(await main(['verify', '--provider', 'ringg'], io({ RINGG_API_KEY: ringgKey })), 0, said);
      assert.match(said, /valid: Ringg AI key .*Sandbox Workspace/);
      assert.strictEqual(await main(['verify', '--provider', 'ringyo'], io({ RINGYO_API_KEY: ringyoKey })), 0, said);
      const { tmpTree } = await import('./support');
      const dir = tmpTree({ 'a.py': `RINGG_API_KEY = "${ringgKey}"\n` });
      said = '';
      assert.strictEqual(await main(['scan', '--verify', dir], io({})), 1);
      assert.match(said, /\[live: the key opens workspace "Sandbox Workspace"/);
    } finally {
      await stop();
    }
  });

  it('`ring-keys sandbox` prints the export line too, and --json gives the variables as cliEnv', async () => {
    const { main } = await import('../../src/cli/main');
    for (const json of [false, true]) {
      let out = '';
      const code = await main(['sandbox', ...(json ? ['--json'] : [])], { env: {}, cwd: process.cwd(), stdout: (s: string) => { out += s; }, stderr: () => undefined,
        stdin: async () => '', onSignal: stop => stop() });
      assert.strictEqual(code, 0);
      const origin = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0];
      const vars = `RINGKEYS_RINGG_BASE_URL=${origin}/ca/api/v0 RINGKEYS_RINGYO_BASE_URL=${origin}/v1 RINGKEYS_RINGTONIC_BASE_URL=${origin}/api/v1`;
      if (json) {
        const j = JSON.parse(out) as { cliEnv: Record<string, string> };
        assert.deepStrictEqual(Object.entries(j.cliEnv).map(([k, v]) => `${k}=${v}`).join(' '), vars);
      } else {
        assert.ok(out.includes(`  export ${vars}\n`), out);
      }
    }
  });
});

describe('keys known to be dead', function () {
  this.timeout(20_000);
  let sb: import('../../src/sandbox/server').SandboxServer;
  before(async () => { const { SandboxServer } = await import('../../src/sandbox/server'); sb = await SandboxServer.start(); });
  after(() => sb.close());

  async function setup() {
    const { KeyVault } = await import('../../src/core/vault');
    const { memorySecrets, memoryState, sandboxClients } = await import('./support');
    sb.reset();
    const vault = new KeyVault(memorySecrets(), memoryState(), memoryState());
    const clients = sandboxClients(sb, { maxDelayMs: 2, attemptTimeoutMs: 2000 });
    let changed = 0;
    const services = { vault, clients, logger: { info() { /* quiet */ }, warn() { /* quiet */ }, error() { /* quiet */ }, debug() { /* quiet */ } }, keysChanged: () => { changed++; } };
    return { vault, clients, services, changes: () => changed };
  }

  it('a Ringg rotation leaves the old key dead: a finding of it under any rule is recognised', async () => {
    const { findingFingerprint } = await import('../../src/core/scanner/baseline');
    const { rotateRingg } = await import('../../src/core/rotation');
    const { memoryState } = await import('./support');
    const { vault, clients } = await setup();
    const old = sb.ringgKey;
    const profile = await vault.add({ provider: 'ringg', name: 'Prod', key: old });
    assert.strictEqual(vault.deadKey(findingFingerprint('ringg-api-key', old)), undefined, 'alive before the rotation');
    const r = await rotateRingg({ clients, vault, state: memoryState() }, profile.id);
    assert.strictEqual(r.kind, 'rotated');
    const dead = vault.deadKey(findingFingerprint('ringg-api-key', old));
    assert.ok(dead, 'the old key is known dead');
    assert.strictEqual(dead.provider, 'ringg');
    assert.ok(vault.deadKey(findingFingerprint('own-key', old)), 'under every rule');
    assert.strictEqual(vault.deadKey(findingFingerprint('ringg-api-key', sb.ringgKey)), undefined, 'the new key is alive');
    assert.ok(!JSON.stringify(dead).includes(old), 'only fingerprints and the masked tail are kept');
  });

  it('a stored key its provider rejects becomes dead; once it answers again it is not', async () => {
    const { findingFingerprint } = await import('../../src/core/scanner/baseline');
    const { vault, clients } = await setup();
    const profile = await vault.add({ provider: 'ringg', name: 'Old', key: '0b3c6a52-7f1e-4d2a-9c8b-5e6f7a8b9c0d' });
    await vault.recordVerification(profile.id, await clients.verify('ringg', '0b3c6a52-7f1e-4d2a-9c8b-5e6f7a8b9c0d'));
    assert.ok(vault.deadKey(findingFingerprint('ringg-api-key', '0b3c6a52-7f1e-4d2a-9c8b-5e6f7a8b9c0d')));
    await vault.recordVerification(profile.id, { state: 'valid', summary: { kind: 'accepted', geoData: true } });
    assert.strictEqual(vault.deadKey(findingFingerprint('ringg-api-key', '0b3c6a52-7f1e-4d2a-9c8b-5e6f7a8b9c0d')), undefined);
  });

  it('the quick fix verifies a found key before storing it: a live key is stored verified, a dead one is not stored', async () => {
    const { storeFoundKey } = await import('../../src/vscode/features/keys/storeFound');
    const { findingFingerprint } = await import('../../src/core/scanner/baseline');
    const { vault, services, changes } = await setup();
    const never = async () => { throw new Error('asked which key to make active, with no other key stored'); };
    const live = await storeFoundKey(services as never, 'ringg', 'apiKey (client.ts)', sb.ringgKey, never);
    assert.strictEqual(live.kind, 'stored');
    assert.strictEqual(live.kind === 'stored' && live.state, 'valid');
    const stored = vault.list();
    assert.strictEqual(stored.length, 1);
    assert.strictEqual(stored[0].lastState, 'valid', 'stored verified, not "not verified"');
    assert.strictEqual(stored[0].workspaceName, 'Sandbox Workspace');
    assert.strictEqual(vault.active('ringg')?.id, stored[0].id, 'the only key is the active one');
    const dead = await storeFoundKey(services as never, 'ringg', 'apiKey (old.ts)', '0b3c6a52-7f1e-4d2a-9c8b-5e6f7a8b9c0d', never);
    assert.strictEqual(dead.kind, 'dead');
    assert.strictEqual(vault.list().length, 1, 'a dead key is not stored');
    assert.ok(vault.deadKey(findingFingerprint('ringg-api-key', '0b3c6a52-7f1e-4d2a-9c8b-5e6f7a8b9c0d')), 'and is remembered as dead');
    assert.strictEqual(changes(), 2, 'listeners hear of both');
  });

  it('a moved key keeps the program on exactly that key: it becomes active, or the user is asked when another key is', async () => {
    const { storeFoundKey } = await import('../../src/vscode/features/keys/storeFound');
    const { vault, services } = await setup();
    // the case: "Dev (test)" is active, the live key is in agents.js
    const dev = await vault.add({ provider: 'ringyo', name: 'Dev (test)', key: sb.keys.ringyoTest });
    await vault.setActive(dev.id);
    const asked: string[] = [];
    const answer = (yes: boolean) => async (q: { active: { name: string }; moved: { name: string } }) => { asked.push(`${q.moved.name} over ${q.active.name}`); return yes; };
    await storeFoundKey(services as never, 'ringyo', 'apiKey (agents.js)', sb.keys.ringyoLive, answer(false));
    assert.deepStrictEqual(asked, ['apiKey (agents.js) over Dev (test)'], 'asked, naming both keys');
    assert.strictEqual(vault.active('ringyo')?.name, 'Dev (test)', '"no" keeps the active key');
    // moving the same key again (a second copy): asked again, and "yes" makes it active
    await storeFoundKey(services as never, 'ringyo', 'apiKey (other.js)', sb.keys.ringyoLive, answer(true));
    assert.strictEqual(vault.list('ringyo').length, 2, 'the key is stored once');
    assert.strictEqual(vault.active('ringyo')?.name, 'apiKey (agents.js)');
    assert.strictEqual(await vault.getKey(vault.active('ringyo')!.id), sb.keys.ringyoLive, 'programs get the key the code held');
    // a rejected active key is no reason to ask: the working moved key takes over
    const { vault: v2, services: s2 } = await setup();
    const bogus = await v2.add({ provider: 'ringg', name: 'Bogus', key: '0b3c6a52-7f1e-4d2a-9c8b-5e6f7a8b9c0d' });
    await v2.recordVerification(bogus.id, { state: 'rejected', error: new Error('401') } as never);
    await v2.setActive(bogus.id);
    await storeFoundKey(s2 as never, 'ringg', 'apiKey (client.ts)', sb.ringgKey, async () => { throw new Error('asked over a rejected key'); });
    assert.strictEqual(await v2.getKey(v2.active('ringg')!.id), sb.ringgKey);
  });
});

describe('Ring Tonic campaign id', () => {
  it('takes the UUID, or the campaign\'s dashboard address as pasted', async () => {
    const { campaignIdFrom } = await import('../../src/core/providers/campaign');
    const id = '5f0c8a4e-2b1d-4c3e-9a7f-6d5e4c3b2a19';
    assert.strictEqual(campaignIdFrom(`  ${id.toUpperCase()} `), id);
    assert.strictEqual(campaignIdFrom(`https://ringtonic.app/campaigns/${id}`), id);
    assert.strictEqual(campaignIdFrom(`https://app.ringtonic.app/agency/3c1d2e4f-0a1b-4c2d-8e3f-4a5b6c7d8e9f/campaigns/${id}/calls?tab=map#x`), id, 'the one after campaigns/');
    assert.strictEqual(campaignIdFrom(`https://ringtonic.app/api/v1/campaigns/${id}/geo-data`), id);
  });
  it('refuses anything else: no UUID, another host, other schemes, hostile lengths', async () => {
    const { campaignIdFrom } = await import('../../src/core/providers/campaign');
    const id = '5f0c8a4e-2b1d-4c3e-9a7f-6d5e4c3b2a19';
    for (const bad of ['', 'campaign 12', `${id}x`, `x${id}`, `https://evil.example/campaigns/${id}`, `https://ringtonic.app.evil.example/campaigns/${id}`,
      `javascript:alert('${id}')`, `file:///campaigns/${id}`, `https://ringtonic.app/campaigns/${'9'.repeat(3000)}`, `${id} `.repeat(400)]) {
      assert.strictEqual(campaignIdFrom(bad), undefined, bad.slice(0, 80));
    }
  });
});
