// Ringyo AI (/v1) as the sandbox answers it: Bearer keys (live, test, legacy `vb_`, restricted), a
// per-key rate limit reported on every answer, agents, calls and phone numbers.
import type * as http from 'node:http';
import { alnum, header, KeySets, parseJson, reqId, send } from './common';
import type { SandboxKeyKind } from './types';

export class RingyoSandbox {
  /** Accepted keys now; the restricted ones lack the agents, calls and phone-numbers scopes. */
  private readonly accepted = new KeySets();
  private readonly windows = new Map<string, { start: number; count: number }>();
  /** Calls placed with a live key (a test key places none). */
  private calls: Array<Record<string, unknown>> = [];

  /** `rateLimit`: requests per minute per key. */
  constructor(private readonly rateLimit: number, private readonly now: () => number) {}

  /** Back to the first state: these keys, no calls, every rate-limit window closed. */
  reset(keys: string[], restrictedKeys: string[]): void {
    this.windows.clear();
    this.calls = [];
    this.accepted.reset(keys, restrictedKeys);
  }

  /** A new key: live (`rg_live_`), test or restricted (no scopes). Returns the key. */
  add(kind: SandboxKeyKind, key?: string): string {
    return this.accepted.add(key ?? `rg_${kind === 'test' ? 'test' : 'live'}_${alnum(24)}`, kind === 'restricted');
  }

  /** `key` is rejected from now on. Whether it was accepted. */
  revoke(key: string): boolean { return this.accepted.revoke(key); }

  /** Regenerate: a new key of the same mode; the old one is disabled at once. Undefined when `key` is not accepted now. */
  replace(key: string): string | undefined {
    const set = this.accepted.setOf(key);
    if (!set) { return undefined; }
    const next = `${key.slice(0, key.indexOf('_', 3) + 1)}${alnum(24)}`;
    set.delete(key);
    set.add(next);
    return next;
  }

  route(req: http.IncomingMessage, url: URL, body: string, res: http.ServerResponse): void {
    const auth = header(req, 'authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    const ok = m && this.accepted.has(m[1]);
    if (!m || !ok) {
      return send(res, 401, { error: { code: 'unauthorized', message: 'Invalid or missing API key' }, meta: { request_id: reqId() } });
    }
    // Per-key fixed window, reported on every response as documented.
    const now = this.now();
    let w = this.windows.get(m[1]);
    if (!w || now - w.start >= 60_000) { w = { start: now, count: 0 }; this.windows.set(m[1], w); }
    w.count++;
    const reset = Math.ceil((w.start + 60_000) / 1000);
    const rl = {
      'x-ratelimit-limit': String(this.rateLimit),
      'x-ratelimit-remaining': String(Math.max(0, this.rateLimit - w.count)),
      'x-ratelimit-reset': String(reset),
    };
    if (w.count > this.rateLimit) {
      return send(res, 429, { error: { code: 'rate_limit_exceeded', message: 'Rate limit exceeded' }, meta: { request_id: reqId() } },
        { ...rl, 'retry-after': String(Math.max(1, reset - Math.floor(now / 1000))) });
    }
    const path = url.pathname.slice('/v1'.length);
    if (this.accepted.restricted.has(m[1]) && /^\/(?:agents|calls|phone-numbers)(?:\/|$)/.test(path)) {
      return send(res, 403, { error: { code: 'forbidden', message: 'Insufficient permissions' }, meta: { request_id: reqId() } }, rl);
    }
    const limit = Math.max(1, Math.min(Number(url.searchParams.get('limit') ?? 20) || 20, 100));
    const list = (items: unknown[]) => ({ data: items.slice(0, limit), has_more: items.length > limit,
      next_cursor: items.length > limit ? 'cursor_' + limit : null, total: items.length });
    if (req.method === 'GET' && path === '/agents') { return send(res, 200, list(RINGYO_AGENTS), rl); }
    const agent = /^\/agents\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && agent) {
      const a = RINGYO_AGENTS.find(x => x.id === agent[1]);
      return a ? send(res, 200, { ...a, system_prompt: 'You qualify inbound sales leads.', first_message: 'Hi!', temperature: 0.7,
        stats: { total_calls: 12, total_duration_minutes: 30, avg_call_duration_seconds: 150, success_rate: 0.75 } }, rl)
        : send(res, 404, { error: { code: 'agent_not_found', message: 'Agent not found' }, meta: { request_id: reqId() } }, rl);
    }
    if (req.method === 'GET' && path === '/calls') { return send(res, 200, list(this.calls), rl); }
    if (req.method === 'POST' && path === '/calls') {
      const b = parseJson(body) as Record<string, unknown> | undefined;
      if (!b || typeof b.phone_number !== 'string' || !/^\+[1-9]\d{6,14}$/.test(b.phone_number)) {
        return send(res, 400, { error: { code: 'invalid_phone_number', message: 'phone_number must be E.164', details: {} }, meta: { request_id: reqId() } }, rl);
      }
      if (!RINGYO_AGENTS.some(a => a.id === b.agent_id)) {
        return send(res, 404, { error: { code: 'agent_not_found', message: 'Agent not found', details: {} }, meta: { request_id: reqId() } }, rl);
      }
      const call = { id: `call_${alnum(12)}`, status: 'queued', phone_number: b.phone_number, from_number: '+14155550100',
        agent_id: b.agent_id, metadata: b.metadata ?? {}, record: b.record ?? true, created_at: new Date(now).toISOString() };
      // a test key places no real call (docs); the sandbox records live calls only
      if (/_live_/.test(m[1])) { this.calls.unshift(call); }
      return send(res, 201, call, rl);
    }
    if (req.method === 'GET' && path === '/phone-numbers') {
      return send(res, 200, list([{ id: 'pn_01HZX9', phone_number: '+14155550100', friendly_name: 'Main line', country: 'US', region: 'CA',
        capabilities: { voice: true, sms: false }, status: 'active', default_agent_id: 'agent_01HZX3', created_at: '2025-01-09T08:00:00Z' }]), rl);
    }
    if (req.method === 'GET' && path === '/webhooks') { return send(res, 200, list([]), rl); }
    return send(res, 404, { error: { code: 'not_found', message: `No route ${req.method} ${path}` }, meta: { request_id: reqId() } }, rl);
  }
}

const RINGYO_AGENTS = [
  { id: 'agent_01HZX3', name: 'Sales Qualifier', voice_id: 'voice_aria', language: 'en-US', model: 'gpt-4o',
    status: 'active', created_at: '2025-01-10T08:00:00Z', updated_at: '2025-01-12T08:00:00Z' },
  { id: 'agent_01HZX4', name: 'Receptionist', voice_id: 'voice_sam', language: 'en-US', model: 'gpt-4o-mini',
    status: 'active', created_at: '2025-01-11T08:00:00Z', updated_at: '2025-01-11T08:00:00Z' },
];
