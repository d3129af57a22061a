// Ringg AI (/ca/api/v0) as the sandbox answers it: workspaces, each with its own key (X-API-KEY),
// credits, users, numbers, agents and calls; the key rotation (PATCH /workspace/api-key).
import { randomUUID } from 'node:crypto';
import type * as http from 'node:http';
import { alnum, header, parseJson, send } from './common';
import type { SandboxFaults } from './faults';
import type { SandboxKeyKind } from './types';

interface RinggState {
  key: string;
  /** The key's role may not read the workspace: every request answers 403. */
  restricted?: boolean;
  workspace: { id: string; name: string; created_at: string; credits: number; locked_credits: number };
  calls: Array<Record<string, unknown>>;
}

export class RinggSandbox {
  /** Every Ringg workspace, each with its own key; the first is the one `key` names. */
  private spaces: RinggState[] = [];

  constructor(private readonly now: () => number) {}

  /** The key the first workspace accepts now (it changes on rotation; a test may plant its own). */
  get key(): string { return this.spaces[0].key; }
  set key(key: string) { this.spaces[0].key = key; }
  get credits(): number { return this.spaces[0].workspace.credits; }
  get workspaces(): Array<{ name: string; key: string }> { return this.spaces.map(s => ({ name: s.workspace.name, key: s.key })); }

  /** Back to the first two workspaces: `key`'s, with full credits, and `restrictedKey`'s, whose role may not read it. */
  reset(key: string, restrictedKey: string): void {
    this.spaces = [{
      key,
      workspace: {
        id: 'd079bcb3-72a3-42dc-9586-edf0328e2973',
        name: 'Sandbox Workspace',
        created_at: '2025-01-15T09:30:00Z',
        credits: 3025.0,
        locked_credits: 125.0,
      },
      calls: [],
    }, {
      key: restrictedKey, restricted: true,
      workspace: { id: '6b1f0c2e-9d8a-4c7b-8e6f-5a4d3c2b1a09', name: 'Restricted Workspace', created_at: '2025-03-01T09:00:00Z',
        credits: 500, locked_credits: 0 },
      calls: [],
    }];
  }

  /** A new key opens another workspace (named `name`). Returns the key. */
  add(kind: SandboxKeyKind, name?: string, key: string = randomUUID()): string {
    this.spaces.push({ key, restricted: kind === 'restricted', calls: [], workspace: { id: randomUUID(),
      name: name ?? `Workspace ${this.spaces.length + 1}`, created_at: new Date(this.now()).toISOString(), credits: 1000, locked_credits: 0 } });
    return key;
  }

  /** The workspace's key is replaced by one nobody knows: `key` is rejected from now on. Whether it was accepted. */
  revoke(key: string): boolean {
    return this.replace(key) !== undefined;
  }

  /** The dashboard's Regenerate: a new key for `key`'s workspace, or undefined when `key` is not accepted now. */
  replace(key: string): string | undefined {
    const space = this.spaces.find(s => s.key === key);
    if (!space) { return undefined; }
    space.key = randomUUID();
    return space.key;
  }

  route(req: http.IncomingMessage, url: URL, body: string, res: http.ServerResponse, faults: SandboxFaults): void {
    const path = url.pathname.slice('/ca/api/v0'.length);
    const method = req.method ?? 'GET';
    const key = header(req, 'x-api-key');
    if (!key) { return send(res, 401, { detail: 'X-API-KEY header missing' }); }
    const space = this.spaces.find(s => s.key === key);
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
      return send(res, 200, { workspace_info: { ...ws, ...(faults.workspaceName ? { name: faults.workspaceName } : {}), api_key: space.key } });
    }
    if (method === 'GET' && path === '/workspace/all') {
      return send(res, 200, { workspaces: [{ id: ws.id, name: ws.name, created_at: ws.created_at, role: 'Owner',
        credits: ws.credits, locked_credits: ws.locked_credits }] });
    }
    if (method === 'PATCH' && path === '/workspace/api-key') {
      const next = randomUUID();
      space.key = next;   // the old key dies at once
      if (faults.dropAfterRotate) {
        faults.dropAfterRotate = false;
        req.socket.destroy();
        return;
      }
      switch (faults.rotationShape) {
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
          this.spaces[0].key = token;
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
