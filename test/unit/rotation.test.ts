// Ringg rotation with a failure injected at each step: no key is lost without the user being told
// where the new key is, and the vault never holds a dead key without saying so.
import * as assert from 'node:assert';
import { HttpClient } from '../../src/core/http/client';
import { ProviderClients } from '../../src/core/providers/clients';
import { recoverInterruptedRotation, ROTATION_JOURNAL_KEY, rotateRingg } from '../../src/core/rotation';
import { KeyVault } from '../../src/core/vault';
import { SandboxServer } from '../../src/sandbox/server';
import { memorySecrets, memoryState, sandboxClients } from './support';

describe('Ringg rotation policy (faults at each step, against the sandbox)', function () {
  this.timeout(20_000);
  let sb: SandboxServer;
  before(async () => { sb = await SandboxServer.start(); });
  after(() => sb.close());

  async function setup() {
    sb.reset();
    const secrets = memorySecrets();
    const global = memoryState();
    const vault = new KeyVault(secrets, global, memoryState());
    const clients = sandboxClients(sb, { maxDelayMs: 2, attemptTimeoutMs: 2000 });
    const profile = await vault.add({ provider: 'ringg', name: 'Prod', key: sb.ringgKey });
    return { secrets, global, vault, clients, profile, deps: { clients, vault, state: global } };
  }

  it('happy path: stores the new key, verifies it, clears the journal', async () => {
    const { vault, profile, deps, global } = await setup();
    const old = sb.ringgKey;
    const r = await rotateRingg(deps, profile.id);
    assert.strictEqual(r.kind, 'rotated');
    assert.strictEqual(await vault.getKey(profile.id), sb.ringgKey);
    assert.notStrictEqual(sb.ringgKey, old);
    assert.ok(r.kind === 'rotated' && r.verification.state === 'valid');
    assert.strictEqual(vault.get(profile.id)?.lastState, 'valid');
    assert.strictEqual(global.get(ROTATION_JOURNAL_KEY), undefined);
  });

  it('the server refuses the rotation (401): nothing changed and the old key is kept', async () => {
    const { vault, profile, deps } = await setup();
    const old = sb.ringgKey;
    sb.faults = { failNext: 1, failStatus: 401 };
    const r = await rotateRingg(deps, profile.id);
    assert.strictEqual(r.kind, 'failed');
    assert.strictEqual(await vault.getKey(profile.id), old);
    assert.strictEqual(sb.ringgKey, old);
  });

  it('before the request (connection refused): "failed", nothing was sent, the old key is kept', async () => {
    const { vault, profile } = await setup();
    const closed = new ProviderClients({ http: new HttpClient(), baseUrl: () => 'http://127.0.0.1:9/ca/api/v0' });
    const old = sb.ringgKey;
    const r = await rotateRingg({ clients: closed, vault, state: memoryState() }, profile.id);
    assert.ok(r.kind === 'failed' && !r.reachedServer, r.kind);
    assert.strictEqual(await vault.getKey(profile.id), old);
    assert.strictEqual(sb.ringgKey, old);
  });

  it('request sent, answer lost, server rotated: "lost", and the profile is marked rejected', async () => {
    const { vault, profile, deps } = await setup();
    sb.faults = { dropAfterRotate: true };
    const r = await rotateRingg(deps, profile.id);
    assert.strictEqual(r.kind, 'lost');
    assert.strictEqual(vault.get(profile.id)?.lastState, 'rejected', 'the vault says its key is dead');
  });

  it('request sent, answer lost, server did not rotate (a 503 after it): "notRotated" once the old key answers', async () => {
    const { vault, profile, deps } = await setup();
    const old = sb.ringgKey;
    sb.faults = { failNext: 1, failStatus: 503 };
    const r = await rotateRingg(deps, profile.id);
    assert.strictEqual(r.kind, 'notRotated');
    assert.strictEqual(await vault.getKey(profile.id), old);
  });

  it('answer lost and the check fails too: "unknown" (never a guess)', async () => {
    const { profile, deps } = await setup();
    sb.faults = { failNext: 10, failStatus: 503 };
    const r = await rotateRingg(deps, profile.id);
    assert.strictEqual(r.kind, 'unknown');
  });

  it('response received but SecretStorage refuses the write: the new key is handed back to show once', async () => {
    const { secrets, vault, profile, deps } = await setup();
    secrets.failStore = true;
    const r = await rotateRingg(deps, profile.id);
    assert.strictEqual(r.kind, 'unstored');
    assert.ok(r.kind === 'unstored' && r.newKey === sb.ringgKey, 'the new key is the one the server accepts');
    assert.notStrictEqual(await vault.getKey(profile.id), sb.ringgKey);
  });

  it('verification of the new key fails: the key is stored all the same and the result says so', async () => {
    const { vault, profile, deps } = await setup();
    // the PATCH succeeds; the GET /workspace after it answers malformed JSON (all retries)
    const origRotate = deps.clients.ringgRotate.bind(deps.clients);
    deps.clients.ringgRotate = async (k: string) => { const n = await origRotate(k); sb.faults = { malformedNext: 10 }; return n; };
    const r = await rotateRingg(deps, profile.id);
    assert.strictEqual(r.kind, 'rotated');
    assert.ok(r.kind === 'rotated' && r.verification.state === 'undetermined');
    assert.strictEqual(await vault.getKey(profile.id), sb.ringgKey);
    assert.strictEqual(vault.get(profile.id)?.lastState, 'undetermined');
  });

  it('window reloaded after the server rotated but before the key was stored: the next start says "lost"', async () => {
    const { vault, profile, deps, global } = await setup();
    // the reload: the PATCH is applied, the journal is written, then the process is gone
    global.data.set(ROTATION_JOURNAL_KEY, { profileId: profile.id, profileName: 'Prod', oldTail: profile.tail, startedAt: 1 });
    await fetch(`${sb.baseUrls.ringg}/workspace/api-key`, { method: 'PATCH', headers: { 'x-api-key': await vault.getKey(profile.id) } });
    const r = await recoverInterruptedRotation(deps);
    assert.strictEqual(r.kind, 'lost');
    assert.strictEqual(vault.get(profile.id)?.lastState, 'rejected');
    assert.strictEqual(global.get(ROTATION_JOURNAL_KEY), undefined);
  });

  it('window reloaded before the request went out: the next start says nothing was rotated', async () => {
    const { profile, deps, global } = await setup();
    global.data.set(ROTATION_JOURNAL_KEY, { profileId: profile.id, profileName: 'Prod', oldTail: profile.tail, startedAt: 1 });
    assert.strictEqual((await recoverInterruptedRotation(deps)).kind, 'notRotated');
    assert.strictEqual((await recoverInterruptedRotation(deps)).kind, 'none', 'the journal is cleared once known');
  });

  it('window reloaded and Ringg unreachable at the next start: the journal is kept for the start after', async () => {
    const { profile, deps, global } = await setup();
    global.data.set(ROTATION_JOURNAL_KEY, { profileId: profile.id, profileName: 'Prod', oldTail: profile.tail, startedAt: 1 });
    sb.faults = { failNext: 10, failStatus: 503 };
    assert.strictEqual((await recoverInterruptedRotation(deps)).kind, 'unknown');
    assert.ok(global.get(ROTATION_JOURNAL_KEY));
  });
});

describe('key vault: profile writes that overlap', () => {
  /** Global state as VS Code's extension host keeps it: a write is echoed back (its own value) before it settles. */
  function echoingState() {
    const values = new Map<string, unknown>();
    return {
      get: <T>(k: string) => values.get(k) as T | undefined,
      update: (k: string, v: unknown) => {
        values.set(k, v);
        return new Promise<void>(resolve => setTimeout(() => { values.set(k, v); resolve(); }, 5));
      },
    };
  }

  it('a verification recorded while the key is replaced does not bring the old tail back', async () => {
    const vault = new KeyVault(memorySecrets(), echoingState(), memoryState());
    const p = await vault.add({ provider: 'ringg', name: 'Leaked', key: '0a4f5c1e-2b3d-4e6f-8a9b-0c1d2e3f4a5b' });
    // a status-bar verification of the old key and the rotation's replacement, at the same moment
    await Promise.all([
      vault.recordVerification(p.id, { state: 'valid', summary: { kind: 'workspace', name: 'Sandbox Workspace' } }),
      vault.replaceKey(p.id, '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'),
      vault.recordVerification(p.id, { state: 'valid', summary: { kind: 'workspace', name: 'Sandbox Workspace' } }),
    ]);
    await new Promise(r => setTimeout(r, 20));
    assert.strictEqual(vault.get(p.id)?.tail, '…2b1a');
  });
});
