import * as assert from 'node:assert';
import { HttpClient } from '../../src/core/http/client';
import { NetworkError } from '../../src/core/http/errors';
import { ProviderClients, ringyoPlanGuess } from '../../src/core/providers/clients';
import { verifyNoteText, verifySummaryText } from '../../src/cli/messages';
import { SANDBOX_CAMPAIGN_ID, SandboxServer } from '../../src/sandbox/server';
import { KeyVault } from '../../src/core/vault';
import { memorySecrets, memoryState, sandboxClients } from './support';

describe('provider clients against the sandbox', () => {
  let sb: SandboxServer;
  let clients: ProviderClients;
  before(async () => {
    sb = await SandboxServer.start({ ringyoRateLimit: 300 });
    clients = sandboxClients(sb);
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  it('Ringg verify: workspace name and available credits', async () => {
    const o = await clients.verify('ringg', sb.ringgKey);
    assert.strictEqual(o.state, 'valid');
    assert.ok(o.state === 'valid' && o.workspace);
    assert.strictEqual(o.workspace.name, 'Sandbox Workspace');
    assert.strictEqual(o.workspace.available, 3025 - 125);
    assert.ok(o.state === 'valid' && o.summary.kind === 'workspace' && o.summary.available === 2900, JSON.stringify(o));
    assert.match(verifySummaryText(o.summary), /2,900 credits available/);
  });

  it('Ringg verify: a wrong key is rejected (401) with the fix', async () => {
    const o = await clients.verify('ringg', '7251cb4b-3373-43a4-844c-b27a1d45e0c9');
    assert.strictEqual(o.state, 'rejected');
  });

  it('Ringg verify survives two 503s (GET is retried) and reports undetermined on malformed JSON', async () => {
    sb.faults = { failNext: 2 };
    assert.strictEqual((await clients.verify('ringg', sb.ringgKey)).state, 'valid');
    sb.faults = { malformedNext: 1 };
    const o = await clients.verify('ringg', sb.ringgKey);
    assert.strictEqual(o.state, 'undetermined');
    assert.ok(o.state === 'undetermined' && o.error.kind === 'malformed');
  });

  it('Ringg rotate: returns the new key, the old one is dead, and it is never retried', async () => {
    const old = sb.ringgKey;
    const next = await clients.ringgRotate(old);
    assert.strictEqual(next, sb.ringgKey);
    assert.strictEqual((await clients.verify('ringg', old)).state, 'rejected');
    assert.strictEqual((await clients.verify('ringg', next)).state, 'valid');
    sb.faults = { failNext: 1 };
    await assert.rejects(clients.ringgRotate(next));
    assert.strictEqual(sb.requests.filter(r => r.method === 'PATCH').length, 2, 'the failed PATCH was sent once');
  });

  it('Ringg rotate with the connection dropped after the server applied it: a NetworkError that may have reached the server', async () => {
    const old = sb.ringgKey;
    sb.faults = { dropAfterRotate: true };
    await assert.rejects(clients.ringgRotate(old), (e: unknown) => e instanceof NetworkError && e.requestSent);
    assert.strictEqual((await clients.verify('ringg', old)).state, 'rejected');
  });

  it('Ringg info: facts with the role, and the raw answer with api_key redacted', async () => {
    const info = await clients.info('ringg', sb.ringgKey);
    assert.ok(info.facts.some(f => f.label === 'role' && f.value === 'Owner'), JSON.stringify(info.facts));
    assert.ok(!JSON.stringify(info.raw).includes(sb.ringgKey));
    assert.match(JSON.stringify(info.raw), /\[REDACTED\]/);
  });

  it('Ringyo verify: live, test and vb_ keys, with the rate-limit header read', async () => {
    const live = await clients.verify('ringyo', sb.keys.ringyoLive);
    assert.ok(live.state === 'valid' && live.mode === 'live' && live.rateLimit?.limit === 300, JSON.stringify(live));
    const test = await clients.verify('ringyo', sb.keys.ringyoTest);
    assert.ok(test.state === 'valid' && test.mode === 'test' && test.summary.kind === 'ringyo' && test.summary.mode === 'test' && /TEST/.test(verifySummaryText(test.summary)));
    assert.strictEqual((await clients.verify('ringyo', sb.keys.ringyoLegacy)).state, 'valid');
    assert.strictEqual((await clients.verify('ringyo', 'rg_live_notAKnownKey123')).state, 'rejected');
  });

  it('Ringyo plan guess names both documented tables', () => {
    assert.strictEqual(ringyoPlanGuess(300), 'pro300OrAgency300');
    assert.strictEqual(ringyoPlanGuess(60), 'pro60');
    assert.strictEqual(ringyoPlanGuess(1000), 'agency1000');
    assert.strictEqual(ringyoPlanGuess(120), 'unknown');
    assert.strictEqual(ringyoPlanGuess(undefined), 'notReported');
  });

  it('Ring Tonic: unverifiable without a campaign; valid, forbidden (plan) and rejected with one', async () => {
    assert.strictEqual((await clients.verify('ringtonic', sb.keys.ringtonic)).state, 'unverifiable');
    assert.strictEqual((await clients.verify('ringtonic', sb.keys.ringtonic, { campaignId: SANDBOX_CAMPAIGN_ID })).state, 'valid');
    const unknownCampaign = await clients.verify('ringtonic', sb.keys.ringtonic, { campaignId: '00000000-0000-4000-8000-000000000000' });
    assert.ok(unknownCampaign.state === 'valid' && unknownCampaign.note?.kind === 'campaignNotFound' && /not found/.test(verifyNoteText(unknownCampaign.note)));
    assert.strictEqual((await clients.verify('ringtonic', sb.keys.ringtonicNoPlan, { campaignId: SANDBOX_CAMPAIGN_ID })).state, 'forbidden');
    assert.strictEqual((await clients.verify('ringtonic', 'rt_wrongwrongwrong', { campaignId: SANDBOX_CAMPAIGN_ID })).state, 'rejected');
  });

  it('refuses to send a key to a base URL off the provider\'s domain', async () => {
    const evil = new ProviderClients({ http: new HttpClient(), baseUrl: () => 'https://example.com/api' });
    const o = await evil.verify('ringg', sb.ringgKey);
    assert.ok(o.state === 'undetermined' && o.error.kind === 'originNotAllowed' && /only sent to ringg\.ai/.test(o.error.message), JSON.stringify(o));
    assert.strictEqual(sb.requests.length, 0);
  });
});

describe('key vault', () => {
  const make = () => {
    const secrets = memorySecrets();
    const global = memoryState();
    const ws = memoryState();
    return { secrets, global, ws, vault: new KeyVault(secrets, global, ws, () => 42) };
  };

  it('keeps the key only in SecretStorage; metadata holds the masked tail', async () => {
    const { vault, secrets, global } = make();
    const p = await vault.add({ provider: 'ringyo', name: 'Dev (test)', key: ' rg_test_aBcDeFgHiJkLmNoPqRsT ' });
    assert.strictEqual(p.tail, '…qRsT');
    assert.strictEqual(p.mode, 'test');
    assert.strictEqual(await vault.getKey(p.id), 'rg_test_aBcDeFgHiJkLmNoPqRsT');
    assert.ok(!JSON.stringify([...global.data]).includes('aBcDeFgHiJkLmNoPqRsT'));
    assert.strictEqual([...secrets.data.values()][0], 'rg_test_aBcDeFgHiJkLmNoPqRsT');
    assert.strictEqual(vault.active()?.id, p.id, 'the first key becomes active');
  });

  it('does not create a profile when SecretStorage fails, and says so', async () => {
    const { vault, secrets } = make();
    secrets.failStore = true;
    await assert.rejects(vault.add({ provider: 'ringg', name: 'W', key: '7251cb4b-3373-43a4-844c-b27a1d45e0c9' }),
      (e: Error) => e.name === 'SecretStorageError' && /Nothing was written to a file/.test(e.message));
    assert.deepStrictEqual(vault.list(), []);
  });

  it('refuses a duplicate name per provider, allows it across providers', async () => {
    const { vault } = make();
    await vault.add({ provider: 'ringtonic', name: 'Main', key: 'rt_12345678' });
    await assert.rejects(vault.add({ provider: 'ringtonic', name: ' main ', key: 'rt_87654321' }), /already exists/);
    await vault.add({ provider: 'ringyo', name: 'Main', key: 'rg_live_aBcDeFgHiJkLmNoPqRsT' });
    assert.strictEqual(vault.list().length, 2);
  });

  it('replaces a key, removes a profile with its secret, and reports a missing secret clearly', async () => {
    const { vault, secrets } = make();
    const p = await vault.add({ provider: 'ringg', name: 'W', key: '7251cb4b-3373-43a4-844c-b27a1d45e0c9' });
    await vault.recordVerification(p.id, { state: 'valid', summary: { kind: 'workspace', name: 'WS', available: 8 }, workspace: { id: 'w', name: 'WS', credits: 10, available: 8 } });
    assert.strictEqual(vault.get(p.id)?.workspaceName, 'WS');
    const r = await vault.replaceKey(p.id, 'e89b12d3-a456-426c-8001-f05de02b54b4');
    assert.strictEqual(r.tail, '…54b4');
    assert.strictEqual(r.lastState, undefined, 'a new key is not yet verified');
    secrets.data.clear();
    await assert.rejects(vault.getKey(p.id), (e: Error) => e.name === 'KeyMissingError');
    await vault.remove(p.id);
    assert.deepStrictEqual(vault.list(), []);
    assert.strictEqual(vault.active(), undefined);
  });
});
