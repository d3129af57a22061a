// What a first-time user met (issue 17), in the pure core: credits re-read after a spending request, the
// tester's examples filled with the account's own ids, every endpoint linked to its docs.
import * as assert from 'node:assert';
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
      const u = new URL(e.docUrl!);
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
