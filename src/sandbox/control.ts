// The sandbox's test controls (`/__sandbox/...`, loopback, never from a web page): faults, reset, keys as a
// dashboard manages them, and the state a test reads back.
import type * as http from 'node:http';
import { send } from './common';
import type { SandboxFaults } from './faults';
import type { SandboxServer } from './server';

/** Test control: POST /__sandbox/faults {…}, POST /__sandbox/reset, GET /__sandbox/state. */
export function controlRoute(sandbox: SandboxServer, method: string, url: URL, body: string, res: http.ServerResponse): void {
  if (url.pathname === '/__sandbox/faults' && method === 'POST') {
    // a key sent as null clears that fault (JSON has no undefined)
    const next = { ...sandbox.faults, ...(JSON.parse(body || '{}') as SandboxFaults) } as Record<string, unknown>;
    for (const k of Object.keys(next)) { if (next[k] === null) { delete next[k]; } }
    sandbox.faults = next;
    return send(res, 200, { faults: sandbox.faults });
  }
  if (url.pathname === '/__sandbox/reset' && method === 'POST') {
    sandbox.reset();
    return send(res, 200, { ok: true });
  }
  if (url.pathname === '/__sandbox/ringg-key' && method === 'POST') {
    // tests plant a key of their own (the canary audit) as the one the Ringg workspace accepts
    const key = (JSON.parse(body || '{}') as { key?: unknown }).key;
    if (typeof key !== 'string' || !key) { return send(res, 400, { detail: 'key required' }); }
    sandbox.ringgKey = key;
    return send(res, 200, { ok: true });
  }
  if (url.pathname === '/__sandbox/keys' && method === 'POST') {
    const b = (JSON.parse(body || '{}') ?? {}) as { provider?: unknown; kind?: unknown; name?: unknown };
    if (b.provider !== 'ringg' && b.provider !== 'ringyo' && b.provider !== 'ringtonic') { return send(res, 400, { detail: 'provider required' }); }
    const kind = b.kind === 'test' || b.kind === 'restricted' ? b.kind : 'live';
    return send(res, 200, { key: sandbox.addKey(b.provider, { kind, name: typeof b.name === 'string' ? b.name : undefined }) });
  }
  if (url.pathname === '/__sandbox/revoke' && method === 'POST') {
    const key = (JSON.parse(body || '{}') as { key?: unknown }).key;
    if (typeof key !== 'string' || !key) { return send(res, 400, { detail: 'key required' }); }
    return send(res, 200, { revoked: sandbox.revokeKey(key) });
  }
  if (url.pathname === '/__sandbox/dashboard/replace' && method === 'POST') {
    const b = (JSON.parse(body || '{}') ?? {}) as { provider?: unknown; key?: unknown };
    if ((b.provider !== 'ringg' && b.provider !== 'ringyo' && b.provider !== 'ringtonic') || typeof b.key !== 'string') {
      return send(res, 400, { detail: 'provider and key required' });
    }
    const next = sandbox.dashboardReplace(b.provider, b.key);
    return next ? send(res, 200, { newKey: next }) : send(res, 404, { detail: 'no such key' });
  }
  if (url.pathname === '/__sandbox/state' && method === 'GET') {
    return send(res, 200, { keys: sandbox.keys, ringgKey: sandbox.ringgKey, credits: sandbox.ringgCredits,
      ringgWorkspaces: sandbox.ringgWorkspaces,
      requests: sandbox.requests.map(r => `${r.method} ${r.path}`) });
  }
  return send(res, 404, { detail: 'unknown control route' });
}
