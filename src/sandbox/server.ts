// A local stand-in for the three providers' documented APIs, for tests and the demo.
// Plain Node `http`, loopback only. It follows ../docs (providers research): paths, auth headers,
// response shapes and error bodies as documented; where the docs disagree, it answers one documented
// variant and the clients accept every one.
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { errorMessage } from '../core/errorMessage';

export interface SandboxFaults {
  /** Added before every answer (ms). */
  latencyMs?: number;
  /** The next N provider requests answer 503 (Ringg/Ringyo error shapes). */
  failNext?: number;
  /** The status `failNext` answers with (default 503). */
  failStatus?: number;
  /** The next N provider requests answer a truncated JSON body with status 200. */
  malformedNext?: number;
  /** The next Ringg rotation is applied, then the connection is destroyed before any answer. */
  dropAfterRotate?: boolean;
  /** Every provider request is answered 302 to this URL (another origin: the key must never arrive there). */
  redirectTo?: string;
  /**
   * A hostile server for every provider request until reset:
   * endless-body (200 with a body that never ends), stall-headers (accepts, never answers),
   * stall-body (headers, then silence), html (a 200 HTML page where JSON was promised),
   * truncated (200 with JSON cut off), rate-limit-forever (429 with Retry-After: 1),
   * unavailable-forever (503).
   */
  hostile?: 'endless-body' | 'stall-headers' | 'stall-body' | 'html' | 'truncated' | 'rate-limit-forever' | 'unavailable-forever';
  /**
   * A server that echoes the key it was sent back in one disguise, for every provider request until reset
   * (the clients must redact every form):
   * preview (a 200 text body where an 80-character preview cuts the key one character short),
   * case (a 401 whose message holds the key upper- and lower-cased),
   * urlencoded (a 400 whose message holds the key with every character %-encoded),
   * host (a redirect to a host whose name is the key), name (a 200 whose workspace name is the key; a 403
   * that names it for providers without a workspace).
   */
  leak?: 'preview' | 'case' | 'urlencoded' | 'host' | 'name';
  /** The name Ringg's GET /workspace answers with (a hostile name: Markdown, links, command URIs). */
  workspaceName?: string;
  /** The shape of Ringg's rotation answer (default: the documented `{"new_api_key": "<uuid>"}`). */
  rotationShape?: 'single-quotes' | 'form' | 'non-uuid' | 'text' | 'nested';
}

export interface SandboxKeys {
  ringg: string;
  ringyoLive: string;
  ringyoTest: string;
  /** Accepted too: the `vb_` prefix that several Ringyo pages document. */
  ringyoLegacy: string;
  ringtonic: string;
  /** A Ring Tonic key from an account without the Agency plan: answered 403 "plan required". */
  ringtonicNoPlan: string;
  /** A Ringg key whose workspace role may not read the workspace: 403 (valid key, no permission). */
  ringgRestricted: string;
  /** A Ringyo key without the agents, calls and phone-numbers scopes: 403 "Insufficient permissions". */
  ringyoRestricted: string;
}

/** Keys a test adds, revokes or replaces as a person would in a dashboard (`POST /__sandbox/keys`, …). */
export type SandboxKeyKind = 'live' | 'test' | 'restricted';

export interface SandboxOptions {
  port?: number;
  /** Requests per minute per Ringyo key (the docs give 60 or 300 for Pro; default 60). */
  ringyoRateLimit?: number;
  /** Fixed keys (tests and the demo pass their own; otherwise fresh random ones). */
  keys?: Partial<SandboxKeys>;
  now?: () => number;
}

export interface SandboxRequestRecord {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

const alnum = (n: number) => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < n; i++) { s += chars[Math.floor(Math.random() * chars.length)]; }
  return s;
};

/** A known Ring Tonic campaign, for verification through geo-data. */
export const SANDBOX_CAMPAIGN_ID = '5f0c8a4e-2b1d-4c3e-9a7f-6d5e4c3b2a19';

interface RinggState {
  key: string;
  /** The key's role may not read the workspace: every request answers 403. */
  restricted?: boolean;
  workspace: { id: string; name: string; created_at: string; credits: number; locked_credits: number };
  calls: Array<Record<string, unknown>>;
}

export class SandboxServer {
  readonly keys: SandboxKeys;
  faults: SandboxFaults = {};
  /** Every provider request, newest last (headers included: tests assert where keys went). */
  readonly requests: SandboxRequestRecord[] = [];
  /** Every Ringg workspace, each with its own key; the first is the one `ringgKey` names. */
  private ringgSpaces: RinggState[] = [];
  private get ringg(): RinggState { return this.ringgSpaces[0]; }
  /** Accepted Ringyo / Ring Tonic keys now (a revoked key leaves its set). */
  private readonly ringyoKeys = new Set<string>();
  private readonly ringyoRestrictedKeys = new Set<string>();
  private readonly ringtonicKeys = new Set<string>();
  private readonly ringtonicNoPlanKeys = new Set<string>();
  private readonly ringyoWindows = new Map<string, { start: number; count: number }>();
  private readonly ringyoRateLimit: number;
  /** Calls placed with a live Ringyo key (a test key places none). */
  private ringyoCalls: Array<Record<string, unknown>> = [];
  private readonly now: () => number;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: http.Server, opts: SandboxOptions) {
    this.now = opts.now ?? Date.now;
    this.ringyoRateLimit = opts.ringyoRateLimit ?? 60;
    this.keys = {
      ringg: opts.keys?.ringg ?? randomUUID(),
      ringyoLive: opts.keys?.ringyoLive ?? `rg_live_${alnum(24)}`,
      ringyoTest: opts.keys?.ringyoTest ?? `rg_test_${alnum(24)}`,
      ringyoLegacy: opts.keys?.ringyoLegacy ?? `vb_live_${alnum(24)}`,
      ringtonic: opts.keys?.ringtonic ?? `rt_${alnum(32)}`,
      ringtonicNoPlan: opts.keys?.ringtonicNoPlan ?? `rt_${alnum(32)}`,
      ringgRestricted: opts.keys?.ringgRestricted ?? randomUUID(),
      ringyoRestricted: opts.keys?.ringyoRestricted ?? `rg_live_${alnum(24)}`,
    };
    this.reset();
  }

  static async start(opts: SandboxOptions = {}): Promise<SandboxServer> {
    const server = http.createServer((req, res) => { void sandbox.handle(req, res); });
    const sandbox = new SandboxServer(server, opts);
    server.on('connection', s => { sandbox.sockets.add(s); s.on('close', () => sandbox.sockets.delete(s)); });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    return sandbox;
  }

  get port(): number { return (this.server.address() as AddressInfo).port; }
  get origin(): string { return `http://127.0.0.1:${this.port}`; }
  get baseUrls(): { ringg: string; ringyo: string; ringtonic: string } {
    return { ringg: `${this.origin}/ca/api/v0`, ringyo: `${this.origin}/v1`, ringtonic: `${this.origin}/api/v1` };
  }
  /** The Ringg key the sandbox accepts now (it changes on rotation). */
  get ringgKey(): string { return this.ringg.key; }
  get ringgCredits(): number { return this.ringg.workspace.credits; }

  /** Back to the first state: the original Ringg key, full credits, no faults, no request log. */
  reset(): void {
    this.faults = {};
    this.requests.length = 0;
    this.ringyoWindows.clear();
    this.ringyoCalls = [];
    this.ringgSpaces = [{
      key: this.keys.ringg,
      workspace: {
        id: 'd079bcb3-72a3-42dc-9586-edf0328e2973',
        name: 'Sandbox Workspace',
        created_at: '2025-01-15T09:30:00Z',
        credits: 3025.0,
        locked_credits: 125.0,
      },
      calls: [],
    }, {
      key: this.keys.ringgRestricted, restricted: true,
      workspace: { id: '6b1f0c2e-9d8a-4c7b-8e6f-5a4d3c2b1a09', name: 'Restricted Workspace', created_at: '2025-03-01T09:00:00Z',
        credits: 500, locked_credits: 0 },
      calls: [],
    }];
    const refill = (set: Set<string>, ...keys: string[]) => { set.clear(); for (const k of keys) { set.add(k); } };
    refill(this.ringyoKeys, this.keys.ringyoLive, this.keys.ringyoTest, this.keys.ringyoLegacy);
    refill(this.ringyoRestrictedKeys, this.keys.ringyoRestricted);
    refill(this.ringtonicKeys, this.keys.ringtonic);
    refill(this.ringtonicNoPlanKeys, this.keys.ringtonicNoPlan);
  }

  // ------------------------------------------------------------------ keys, as the dashboards manage them

  /**
   * A new key the provider accepts from now on: a Ringg key opens another workspace (named `name`), a Ringyo
   * key is live (`rg_live_`), test or restricted (no scopes), a Ring Tonic key is on the Agency plan or
   * restricted (no plan). Returns the key.
   */
  addKey(provider: 'ringg' | 'ringyo' | 'ringtonic', opts: { kind?: SandboxKeyKind; name?: string; key?: string } = {}): string {
    const kind = opts.kind ?? 'live';
    if (provider === 'ringg') {
      const key = opts.key ?? randomUUID();
      this.ringgSpaces.push({ key, restricted: kind === 'restricted', calls: [], workspace: { id: randomUUID(),
        name: opts.name ?? `Workspace ${this.ringgSpaces.length + 1}`, created_at: new Date(this.now()).toISOString(), credits: 1000, locked_credits: 0 } });
      return key;
    }
    if (provider === 'ringyo') {
      const key = opts.key ?? `rg_${kind === 'test' ? 'test' : 'live'}_${alnum(24)}`;
      (kind === 'restricted' ? this.ringyoRestrictedKeys : this.ringyoKeys).add(key);
      return key;
    }
    const key = opts.key ?? `rt_${alnum(32)}`;
    (kind === 'restricted' ? this.ringtonicNoPlanKeys : this.ringtonicKeys).add(key);
    return key;
  }

  /**
   * Revokes a key: the provider rejects it (401) from now on. A Ringg workspace's key is replaced by one
   * nobody knows (Ringg documents no revoke; its dashboard's Regenerate has the same effect for the old key).
   * Returns whether the key was accepted before.
   */
  revokeKey(key: string): boolean {
    const space = this.ringgSpaces.find(s => s.key === key);
    if (space) { space.key = randomUUID(); return true; }
    let found = false;
    for (const set of [this.ringyoKeys, this.ringyoRestrictedKeys, this.ringtonicKeys, this.ringtonicNoPlanKeys]) { found = set.delete(key) || found; }
    return found;
  }

  /**
   * What a person does in a dashboard to replace a key: Ringyo "Regenerate" (a new key of the same mode; the
   * old one is disabled at once, as its API Keys page says), Ring Tonic "create" (a new key; the old one works
   * until it is revoked: there is no regenerate), Ringg "Regenerate" (the rotation). Returns the new key, or
   * undefined when `key` is not accepted now.
   */
  dashboardReplace(provider: 'ringg' | 'ringyo' | 'ringtonic', key: string): string | undefined {
    if (provider === 'ringg') {
      const space = this.ringgSpaces.find(s => s.key === key);
      if (!space) { return undefined; }
      space.key = randomUUID();
      return space.key;
    }
    if (provider === 'ringyo') {
      const set = this.ringyoKeys.has(key) ? this.ringyoKeys : this.ringyoRestrictedKeys.has(key) ? this.ringyoRestrictedKeys : undefined;
      if (!set) { return undefined; }
      const next = `${key.slice(0, key.indexOf('_', 3) + 1)}${alnum(24)}`;
      set.delete(key);
      set.add(next);
      return next;
    }
    if (!this.ringtonicKeys.has(key) && !this.ringtonicNoPlanKeys.has(key)) { return undefined; }
    return this.addKey('ringtonic', { kind: this.ringtonicKeys.has(key) ? 'live' : 'restricted' });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) { s.destroy(); }
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  // ------------------------------------------------------------------ dispatch

  /**
   * Loopback is not a boundary for a browser: any web page can send requests to 127.0.0.1, and a DNS-rebound
   * name reaches it with a foreign Host. The sandbox answers only requests addressed to its own loopback
   * name and port, and takes control requests only from clients that are not browsers (no Origin header).
   */
  private refusal(req: http.IncomingMessage, control: boolean): string | undefined {
    const host = (req.headers.host ?? '').toLowerCase();
    const allowed = ['127.0.0.1', 'localhost', '[::1]'].map(h => `${h}:${this.port}`);
    if (!allowed.includes(host)) { return `Host ${JSON.stringify(host.slice(0, 100))} is not this sandbox (${allowed.join(', ')})`; }
    if (control && req.headers.origin !== undefined) { return 'control requests are not accepted from web pages (Origin header present)'; }
    return undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    try {
      const refused = this.refusal(req, url.pathname.startsWith('/__sandbox/'));
      if (refused) { req.resume(); return send(res, 403, { detail: refused }); }
      const body = await readBody(req);
      if (url.pathname.startsWith('/__sandbox/')) { return this.control(req.method ?? 'GET', url, body, res); }
      this.requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, headers: req.headers });
      if (this.faults.latencyMs) { await new Promise(r => setTimeout(r, this.faults.latencyMs)); }
      if (this.faults.redirectTo) {
        res.writeHead(302, { location: this.faults.redirectTo + url.pathname + url.search, 'content-length': 0 });
        res.end();
        return;
      }
      if (this.faults.hostile) { return hostileAnswer(this.faults.hostile, res); }
      if (this.faults.leak) { return leakyAnswer(this.faults.leak, req, url, res); }
      if (this.faults.failNext && this.faults.failNext > 0) {
        this.faults.failNext--;
        const status = this.faults.failStatus ?? 503;
        return send(res, status, { error: { code: 'service_unavailable', message: `Sandbox fault: ${status}` } });
      }
      if (this.faults.malformedNext && this.faults.malformedNext > 0) {
        this.faults.malformedNext--;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"workspace_info": {"name": "trunc');
        return;
      }
      if (url.pathname.startsWith('/ca/api/v0/')) { return this.ringgRoute(req, url, body, res); }
      if (url.pathname.startsWith('/v1/')) { return this.ringyoRoute(req, url, body, res); }
      if (url.pathname.startsWith('/api/v1/')) { return this.ringtonicRoute(req, url, res); }
      return send(res, 404, { error: { code: 'not_found', message: `No sandbox route for ${url.pathname}` } });
    } catch (err) {
      if (!res.headersSent) { send(res, 400, { detail: errorMessage(err) }); }
    }
  }

  /** Test control: POST /__sandbox/faults {…}, POST /__sandbox/reset, GET /__sandbox/state. */
  private control(method: string, url: URL, body: string, res: http.ServerResponse): void {
    if (url.pathname === '/__sandbox/faults' && method === 'POST') {
      // a key sent as null clears that fault (JSON has no undefined)
      const next = { ...this.faults, ...(JSON.parse(body || '{}') as SandboxFaults) } as Record<string, unknown>;
      for (const k of Object.keys(next)) { if (next[k] === null) { delete next[k]; } }
      this.faults = next;
      return send(res, 200, { faults: this.faults });
    }
    if (url.pathname === '/__sandbox/reset' && method === 'POST') {
      this.reset();
      return send(res, 200, { ok: true });
    }
    if (url.pathname === '/__sandbox/ringg-key' && method === 'POST') {
      // tests plant a key of their own (the canary audit) as the one the Ringg workspace accepts
      const key = (JSON.parse(body || '{}') as { key?: unknown }).key;
      if (typeof key !== 'string' || !key) { return send(res, 400, { detail: 'key required' }); }
      this.ringg.key = key;
      return send(res, 200, { ok: true });
    }
    if (url.pathname === '/__sandbox/keys' && method === 'POST') {
      const b = (JSON.parse(body || '{}') ?? {}) as { provider?: unknown; kind?: unknown; name?: unknown };
      if (b.provider !== 'ringg' && b.provider !== 'ringyo' && b.provider !== 'ringtonic') { return send(res, 400, { detail: 'provider required' }); }
      const kind = b.kind === 'test' || b.kind === 'restricted' ? b.kind : 'live';
      return send(res, 200, { key: this.addKey(b.provider, { kind, name: typeof b.name === 'string' ? b.name : undefined }) });
    }
    if (url.pathname === '/__sandbox/revoke' && method === 'POST') {
      const key = (JSON.parse(body || '{}') as { key?: unknown }).key;
      if (typeof key !== 'string' || !key) { return send(res, 400, { detail: 'key required' }); }
      return send(res, 200, { revoked: this.revokeKey(key) });
    }
    if (url.pathname === '/__sandbox/dashboard/replace' && method === 'POST') {
      const b = (JSON.parse(body || '{}') ?? {}) as { provider?: unknown; key?: unknown };
      if ((b.provider !== 'ringg' && b.provider !== 'ringyo' && b.provider !== 'ringtonic') || typeof b.key !== 'string') {
        return send(res, 400, { detail: 'provider and key required' });
      }
      const next = this.dashboardReplace(b.provider, b.key);
      return next ? send(res, 200, { newKey: next }) : send(res, 404, { detail: 'no such key' });
    }
    if (url.pathname === '/__sandbox/state' && method === 'GET') {
      return send(res, 200, { keys: this.keys, ringgKey: this.ringg.key, credits: this.ringg.workspace.credits,
        ringgWorkspaces: this.ringgSpaces.map(s => ({ name: s.workspace.name, key: s.key })),
        requests: this.requests.map(r => `${r.method} ${r.path}`) });
    }
    return send(res, 404, { detail: 'unknown control route' });
  }

  // ------------------------------------------------------------------ Ringg (/ca/api/v0)

  private ringgRoute(req: http.IncomingMessage, url: URL, body: string, res: http.ServerResponse): void {
    const path = url.pathname.slice('/ca/api/v0'.length);
    const method = req.method ?? 'GET';
    const key = header(req, 'x-api-key');
    if (!key) { return send(res, 401, { detail: 'X-API-KEY header missing' }); }
    const space = this.ringgSpaces.find(s => s.key === key);
    if (!space) {
      return send(res, 401, { error: { code: 'unauthorized', message: 'Invalid or expired API key' } });
    }
    if (space.restricted) {
      return send(res, 403, { detail: 'You do not have permission to perform this action' });
    }
    const ws = space.workspace;
    const page = (items: unknown[]) => {
      // The spec says limit defaults to 10, the parameter text says 20 (max 100); the sandbox uses 10.
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 10) || 10, 100);
      const offset = Number(url.searchParams.get('offset') ?? 0) || 0;
      return { items: items.slice(offset, offset + limit), limit, offset };
    };
    if (method === 'GET' && path === '/workspace') {
      // The real API echoes the key itself in workspace_info.api_key (clients must redact it).
      return send(res, 200, { workspace_info: { ...ws, ...(this.faults.workspaceName ? { name: this.faults.workspaceName } : {}), api_key: space.key } });
    }
    if (method === 'GET' && path === '/workspace/all') {
      return send(res, 200, { workspaces: [{ id: ws.id, name: ws.name, created_at: ws.created_at, role: 'Owner',
        credits: ws.credits, locked_credits: ws.locked_credits }] });
    }
    if (method === 'PATCH' && path === '/workspace/api-key') {
      const next = randomUUID();
      space.key = next;   // the old key dies at once
      if (this.faults.dropAfterRotate) {
        this.faults.dropAfterRotate = false;
        req.socket.destroy();
        return;
      }
      switch (this.faults.rotationShape) {
        case 'single-quotes':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(`{'new_api_key': '${next}'}`);
          return;
        case 'form':
          res.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded' });
          res.end(`new_api_key=${encodeURIComponent(next)}&status=rotated`);
          return;
        case 'non-uuid': {
          const token = `rk_${alnum(40)}`;
          this.ringg.key = token;
          return send(res, 200, { new_api_key: token });
        }
        case 'text':
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(next);
          return;
        case 'nested':
          return send(res, 200, { data: { apiKey: next }, status: 'ok' });
        default:
          return send(res, 200, { new_api_key: next });
      }
    }
    if (method === 'GET' && path === '/workspace/users') {
      const p = page(SANDBOX_USERS);
      return send(res, 200, { workspace_users: p.items });
    }
    if (method === 'GET' && path === '/workspace/numbers') {
      const p = page(SANDBOX_NUMBERS);
      return send(res, 200, { workspace_numbers: p.items });
    }
    if (method === 'GET' && path === '/agent/all') {
      const p = page(SANDBOX_AGENTS);
      return send(res, 200, { status: 'success', data: { agents: p.items } });
    }
    const agent = /^\/agent\/([^/]+)$/.exec(path);
    if (method === 'GET' && agent && agent[1] !== 'all' && agent[1] !== 'voices') {
      const a = SANDBOX_AGENTS.find(x => x.id === agent[1]);
      // documented without the {status, data} wrapper
      return a ? send(res, 200, { agents: { ...a, language: 'en-US', knowledge_base_id: null, tools: [] } })
        : send(res, 404, { detail: 'Agent not found' });
    }
    if (method === 'GET' && path === '/external/kb/all') {
      // a bare array, as observed
      return send(res, 200, [{ kb_id: '0b7e4f6a-2c1d-4e8f-9a3b-5c6d7e8f9a0b', kb_name: 'Clinic FAQ', type: 'faq', created_at: '2025-02-03T10:00:00Z' }]);
    }
    if (method === 'GET' && path === '/calling/call-details') {
      const id = url.searchParams.get('id');
      const call = space.calls.find(c => c.id === id);
      if (!call) { return send(res, 404, { detail: 'Call not found' }); }
      return send(res, 200, { status: 'success', data: { id: call.id, call_direction: 'outbound', call_status: call.status,
        call_sub_status: 'ACCEPTED', to_number: call.to_number, callee_name: call.name, agent_id: (call.agent as { id?: unknown }).id,
        initiation_time: call.created_at, recording_url: null, transcription_url: '[]' } });
    }
    if (method === 'GET' && path === '/calling/history') {
      const p = page(space.calls);
      return send(res, 200, { calls: p.items, limit: p.limit, offset: p.offset, count: p.items.length,
        total: space.calls.length });
    }
    if (method === 'POST' && path === '/calling/outbound/individual') {
      const input = parseJson(body);
      if (!input || typeof input !== 'object') { return send(res, 422, { detail: [{ loc: ['body'], msg: 'JSON body required', type: 'value_error' }] }); }
      const b = input as Record<string, unknown>;
      const missing = ['name', 'mobile_number', 'agent_id'].filter(f => typeof b[f] !== 'string' || !b[f]);
      if (missing.length) {
        return send(res, 422, { detail: missing.map(f => ({ loc: ['body', f], msg: 'field required', type: 'value_error.missing' })) });
      }
      if ((b.from_number_id === undefined) === (b.from_number === undefined)) {
        return send(res, 422, { detail: [{ loc: ['body'], msg: 'exactly one of from_number_id / from_number is required', type: 'value_error' }] });
      }
      if (!/^\+[1-9]\d{6,14}$/.test(String(b.mobile_number))) {
        return send(res, 400, { error: { code: 'invalid_mobile_number', message: 'mobile_number must be E.164' } });
      }
      const cost = 2.5;
      if (ws.credits - ws.locked_credits < cost) {
        return send(res, 400, { error: { code: 'insufficient_credits', message: 'Insufficient credits' } });
      }
      ws.credits = Math.round((ws.credits - cost) * 100) / 100;
      const call = { call_id: randomUUID(), call_direction: 'outbound', call_status: 'registered',
        initiated_at: new Date(this.now()).toISOString(), agent_id: b.agent_id, custom_args_values: b.custom_args_values ?? {} };
      space.calls.unshift({ id: call.call_id, to_number: b.mobile_number, name: b.name, status: 'registered',
        created_at: call.initiated_at, agent: { id: b.agent_id }, call_cost: cost });
      return send(res, 200, { status: 'success', data: call, message: 'Call initiated successfully' });
    }
    return send(res, 404, { detail: `Not Found: ${method} ${path}` });
  }

  // ------------------------------------------------------------------ Ringyo (/v1)

  private ringyoRoute(req: http.IncomingMessage, url: URL, body: string, res: http.ServerResponse): void {
    const auth = header(req, 'authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    const ok = m && (this.ringyoKeys.has(m[1]) || this.ringyoRestrictedKeys.has(m[1]));
    if (!m || !ok) {
      return send(res, 401, { error: { code: 'unauthorized', message: 'Invalid or missing API key' }, meta: { request_id: reqId() } });
    }
    // Per-key fixed window, reported on every response as documented.
    const now = this.now();
    let w = this.ringyoWindows.get(m[1]);
    if (!w || now - w.start >= 60_000) { w = { start: now, count: 0 }; this.ringyoWindows.set(m[1], w); }
    w.count++;
    const reset = Math.ceil((w.start + 60_000) / 1000);
    const rl = {
      'x-ratelimit-limit': String(this.ringyoRateLimit),
      'x-ratelimit-remaining': String(Math.max(0, this.ringyoRateLimit - w.count)),
      'x-ratelimit-reset': String(reset),
    };
    if (w.count > this.ringyoRateLimit) {
      return send(res, 429, { error: { code: 'rate_limit_exceeded', message: 'Rate limit exceeded' }, meta: { request_id: reqId() } },
        { ...rl, 'retry-after': String(Math.max(1, reset - Math.floor(now / 1000))) });
    }
    const path = url.pathname.slice('/v1'.length);
    if (this.ringyoRestrictedKeys.has(m[1]) && /^\/(?:agents|calls|phone-numbers)(?:\/|$)/.test(path)) {
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
    if (req.method === 'GET' && path === '/calls') { return send(res, 200, list(this.ringyoCalls), rl); }
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
      if (/_live_/.test(m[1])) { this.ringyoCalls.unshift(call); }
      return send(res, 201, call, rl);
    }
    if (req.method === 'GET' && path === '/phone-numbers') {
      return send(res, 200, list([{ id: 'pn_01HZX9', phone_number: '+14155550100', friendly_name: 'Main line', country: 'US', region: 'CA',
        capabilities: { voice: true, sms: false }, status: 'active', default_agent_id: 'agent_01HZX3', created_at: '2025-01-09T08:00:00Z' }]), rl);
    }
    if (req.method === 'GET' && path === '/webhooks') { return send(res, 200, list([]), rl); }
    return send(res, 404, { error: { code: 'not_found', message: `No route ${req.method} ${path}` }, meta: { request_id: reqId() } }, rl);
  }

  // ------------------------------------------------------------------ Ring Tonic (/api/v1)

  private ringtonicRoute(req: http.IncomingMessage, url: URL, res: http.ServerResponse): void {
    const m = /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '');
    if (!m || !(this.ringtonicKeys.has(m[1]) || this.ringtonicNoPlanKeys.has(m[1]))) {
      return send(res, 401, { message: 'Unauthenticated.' });
    }
    if (this.ringtonicNoPlanKeys.has(m[1])) {
      return send(res, 403, { message: 'API access requires the Agency plan (plan required).' });
    }
    const g = /^\/api\/v1\/campaigns\/([^/]+)\/geo-data$/.exec(url.pathname);
    if (req.method === 'GET' && g) {
      if (g[1] !== SANDBOX_CAMPAIGN_ID) { return send(res, 404, { message: 'Campaign not found.' }); }
      return send(res, 200, { data: [
        { city: 'Austin', state: 'TX', country: 'US', calls: 42, visitors: 310 },
        { city: 'Denver', state: 'CO', country: 'US', calls: 17, visitors: 120 },
      ] });
    }
    return send(res, 404, { message: 'Not Found' });
  }
}

const SANDBOX_AGENTS = [
  { id: '830f767a-397e-4b39-82ff-235cd344e2f9', agent_display_name: 'Appointment Reminder', agent_type: 'outbound',
    call_count: 128, is_archived: false, created_at: '2025-02-01T10:00:00Z', updated_at: '2025-03-01T10:00:00Z' },
  { id: '1c9d5f0e-8b7a-4e6d-9c5b-4a3f2e1d0c9b', agent_display_name: 'Inbound Support', agent_type: 'inbound',
    call_count: 57, is_archived: false, created_at: '2025-02-10T10:00:00Z', updated_at: '2025-02-20T10:00:00Z' },
];

const SANDBOX_USERS = [
  { id: '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b', username: 'owner', email: 'owner@example.com', role: 'Owner', invite_status: 'accepted' },
  { id: '4f5a6b7c-8d9e-4f0a-9b1c-2d3e4f5a6b7c', username: 'dev', email: 'dev@example.com', role: 'View & Edit', invite_status: 'accepted' },
];

const SANDBOX_NUMBERS = [
  { id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', number: '+14155550123', created_at: '2025-01-20T10:00:00Z', call_count: 185,
    agent: { id: '830f767a-397e-4b39-82ff-235cd344e2f9', agent_display_name: 'Appointment Reminder' }, is_inbound_enabled: false,
    is_test_number: false, tags: [], is_spam: false, spam_message: null, provider: 'twilio', display_name: 'Clinic line',
    owner: 'workspace', is_custom_number: false, telephony_id: null, number_pool_id: null },
];

const RINGYO_AGENTS = [
  { id: 'agent_01HZX3', name: 'Sales Qualifier', voice_id: 'voice_aria', language: 'en-US', model: 'gpt-4o',
    status: 'active', created_at: '2025-01-10T08:00:00Z', updated_at: '2025-01-12T08:00:00Z' },
  { id: 'agent_01HZX4', name: 'Receptionist', voice_id: 'voice_sam', language: 'en-US', model: 'gpt-4o-mini',
    status: 'active', created_at: '2025-01-11T08:00:00Z', updated_at: '2025-01-11T08:00:00Z' },
];

function hostileAnswer(mode: NonNullable<SandboxFaults['hostile']>, res: http.ServerResponse): void {
  switch (mode) {
    case 'endless-body': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => { while (!res.destroyed && res.write(chunk)) { /* until the socket pushes back */ } };
      res.on('drain', pump);
      res.write('{"workspace_info": ');
      pump();
      return;
    }
    case 'stall-headers': return;   // the connection stays open, nothing is ever sent
    case 'stall-body':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"workspace_info": {');
      return;
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    case 'truncated':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"workspace_info": {"id": "d079bcb3", "na');
      return;
    case 'rate-limit-forever':
      return send(res, 429, { error: { code: 'rate_limit_exceeded', message: 'Rate limit exceeded' } }, { 'retry-after': '1' });
    case 'unavailable-forever':
      return send(res, 503, { detail: 'Service Unavailable' });
  }
}

function leakyAnswer(mode: NonNullable<SandboxFaults['leak']>, req: http.IncomingMessage, url: URL, res: http.ServerResponse): void {
  const key = header(req, 'x-api-key') ?? header(req, 'authorization')?.replace(/^Bearer\s+/i, '') ?? '';
  switch (mode) {
    case 'preview': {
      // the key starts so that the first 80 characters hold all of it but its last character
      const lead = 'Upstream said: '.padEnd(Math.max(0, 80 - (key.length - 1)), '.');
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`${lead}${key} and more text after it`);
      return;
    }
    case 'case':
      return send(res, 401, { error: { code: 'unauthorized', message: `Key ${key.toUpperCase()} (also seen as ${key.toLowerCase()}) is not valid` } });
    case 'urlencoded':
      return send(res, 400, { detail: `bad request for ?key=${[...key].map(c => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')).join('')}` });
    case 'host':
      res.writeHead(302, { location: `http://${key}.leak.example${url.pathname}`, 'content-length': 0 });
      res.end();
      return;
    case 'name':
      if (url.pathname.startsWith('/ca/api/v0/workspace')) {
        return send(res, 200, { workspace_info: { id: 'd079bcb3-72a3-42dc-9586-edf0328e2973', name: `Team ${key}`, created_at: '2025-01-15T09:30:00Z', credits: 10, locked_credits: 0 } });
      }
      return send(res, 403, { error: { code: 'forbidden', message: `Workspace "Team ${key}" may not do this` } });
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function reqId(): string { return 'req_' + alnum(12); }

function parseJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 1_000_000) { throw new Error('request body too large'); }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
