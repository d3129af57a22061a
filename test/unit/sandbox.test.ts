import * as assert from 'node:assert';
import { SANDBOX_CAMPAIGN_ID, SandboxServer } from '../../src/sandbox/server';

describe('sandbox API server', () => {
  let sb: SandboxServer;
  before(async () => { sb = await SandboxServer.start({ ringyoRateLimit: 3 }); });
  after(async () => { await sb.close(); });
  beforeEach(() => sb.reset());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(sb.origin + path, { headers });

  it('answers Ringg GET /workspace for its key, echoing api_key as the real API does', async () => {
    const res = await get('/ca/api/v0/workspace', { 'x-api-key': sb.ringgKey });
    assert.strictEqual(res.status, 200);
    const body = await res.json() as { workspace_info: Record<string, unknown> };
    assert.strictEqual(body.workspace_info.name, 'Sandbox Workspace');
    assert.strictEqual(body.workspace_info.api_key, sb.ringgKey);
    assert.strictEqual(typeof body.workspace_info.credits, 'number');
  });

  it('answers 401 for any other Ringg key and for none', async () => {
    assert.strictEqual((await get('/ca/api/v0/workspace', { 'x-api-key': '7251cb4b-3373-43a4-844c-b27a1d45e0c9' })).status, 401);
    assert.strictEqual((await get('/ca/api/v0/workspace')).status, 401);
  });

  it('rotates: PATCH /workspace/api-key returns new_api_key and the old key dies at once', async () => {
    const old = sb.ringgKey;
    const res = await fetch(sb.origin + '/ca/api/v0/workspace/api-key', { method: 'PATCH', headers: { 'x-api-key': old } });
    const { new_api_key } = await res.json() as { new_api_key: string };
    assert.notStrictEqual(new_api_key, old);
    assert.strictEqual((await get('/ca/api/v0/workspace', { 'x-api-key': old })).status, 401);
    assert.strictEqual((await get('/ca/api/v0/workspace', { 'x-api-key': new_api_key })).status, 200);
  });

  it('applies a rotation and then drops the connection when asked to', async () => {
    const old = sb.ringgKey;
    sb.faults = { dropAfterRotate: true };
    await assert.rejects(fetch(sb.origin + '/ca/api/v0/workspace/api-key', { method: 'PATCH', headers: { 'x-api-key': old } }));
    assert.notStrictEqual(sb.ringgKey, old, 'the rotation was applied server-side');
  });

  it('spends credits on an outbound call and validates the body (422)', async () => {
    const before = sb.ringgCredits;
    const post = (body: unknown) => fetch(sb.origin + '/ca/api/v0/calling/outbound/individual',
      { method: 'POST', headers: { 'x-api-key': sb.ringgKey, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.strictEqual((await post({ name: 'A' })).status, 422);
    const ok = await post({ name: 'A', mobile_number: '+14155550100', agent_id: 'x', from_number_id: 'y' });
    assert.strictEqual(ok.status, 200);
    assert.ok(sb.ringgCredits < before);
  });

  it('Ringyo: accepts rg_live_, rg_test_ and vb_ keys as Bearer, rate-limits per key with 429 and headers', async () => {
    for (const k of [sb.keys.ringyoTest, sb.keys.ringyoLegacy]) {
      assert.strictEqual((await get('/v1/agents?limit=1', { authorization: `Bearer ${k}` })).status, 200);
    }
    const auth = { authorization: `Bearer ${sb.keys.ringyoLive}` };
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) { last = await get('/v1/agents?limit=1', auth); statuses.push(last.status); }
    assert.deepStrictEqual(statuses, [200, 200, 200, 429]);
    assert.strictEqual(last!.headers.get('x-ratelimit-limit'), '3');
    assert.strictEqual(last!.headers.get('x-ratelimit-remaining'), '0');
    assert.ok(Number(last!.headers.get('retry-after')) >= 1);
    assert.strictEqual((await get('/v1/agents', { authorization: 'Bearer rg_live_wrong' })).status, 401);
  });

  it('Ring Tonic: geo-data for a known campaign, 404 for another, 403 without the Agency plan', async () => {
    const auth = { authorization: `Bearer ${sb.keys.ringtonic}` };
    assert.strictEqual((await get(`/api/v1/campaigns/${SANDBOX_CAMPAIGN_ID}/geo-data`, auth)).status, 200);
    assert.strictEqual((await get('/api/v1/campaigns/00000000-0000-4000-8000-000000000000/geo-data', auth)).status, 404);
    assert.strictEqual((await get(`/api/v1/campaigns/${SANDBOX_CAMPAIGN_ID}/geo-data`,
      { authorization: `Bearer ${sb.keys.ringtonicNoPlan}` })).status, 403);
  });

  it('fault switches: 5xx and malformed JSON for the next requests, then normal answers', async () => {
    sb.faults = { failNext: 1, malformedNext: 1 };
    const h = { 'x-api-key': sb.ringgKey };
    assert.strictEqual((await get('/ca/api/v0/workspace', h)).status, 503);
    await assert.rejects((await get('/ca/api/v0/workspace', h)).json());
    assert.strictEqual((await get('/ca/api/v0/workspace', h)).status, 200);
  });
});
