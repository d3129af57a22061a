// Example ids from the user's own account: the docs' example bodies name agents that exist only in the
// docs (Ringyo's `agent_abc123` is answered 404 agent_not_found), so the tester reads the first agent of
// the key's account (or of the sandbox) and puts its id where the example has the docs' one.
// No `vscode` import, no I/O: the panel sends the request and hands the answer in.
import type { ProviderId } from '../providers/catalog';
import type { Endpoint } from './catalog';

/** Ids from the user's account that can replace the docs' example ids. Not secrets (agent ids). */
export interface AccountIds {
  readonly agent_id?: string;
}

/** The read-only request that lists one agent, per provider (Ring Tonic has no agents endpoint). */
export function agentListPath(provider: ProviderId): string | undefined {
  switch (provider) {
    case 'ringg': return '/agent/all?limit=1&offset=0';   // both paging parameters: the docs disagree on defaults
    case 'ringyo': return '/agents?limit=1';
    default: return undefined;
  }
}

const ID_RE = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * The first agent's id in a list answer: Ringg `{status, data: {agents: [{id}]}}`, Ringyo `{data: [{id}]}`
 * (also `{agents: [...]}` or a bare array). Anything else, or an id that does not look like one, is undefined.
 */
export function firstAgentId(provider: ProviderId, json: unknown): string | undefined {
  const rec = (v: unknown): Record<string, unknown> | undefined => v && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : undefined;
  const root = rec(json);
  const candidates: unknown[] = provider === 'ringg'
    ? [rec(root?.data)?.agents, root?.agents, root?.data]
    : [root?.data, root?.agents, json];
  for (const list of candidates) {
    if (!Array.isArray(list) || list.length === 0) { continue; }
    const id = rec(list[0])?.id;
    if (typeof id === 'string' && ID_RE.test(id)) { return id; }
  }
  return undefined;
}

/**
 * The endpoint as the form should prefill it for this account: the body's `agent_id` and a path parameter
 * `agent_id` take the account's agent. Query filters stay empty (an id there narrows a list); nothing else
 * changes. Without ids the endpoint is returned as it is.
 */
export function withAccountIds(endpoint: Endpoint, ids: AccountIds | undefined): Endpoint {
  const agent = ids?.agent_id;
  if (!agent) { return endpoint; }
  const body = endpoint.body && typeof endpoint.body === 'object' && !Array.isArray(endpoint.body) && 'agent_id' in endpoint.body
    ? { ...endpoint.body as Record<string, unknown>, agent_id: agent } : endpoint.body;
  const params = endpoint.params.map(p => p.in === 'path' && p.name === 'agent_id' ? { ...p, default: agent } : p);
  return { ...endpoint, body, params };
}
