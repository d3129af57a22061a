// Turns what the user filled in (path and query parameters, a JSON body) into one concrete request for a
// catalogue endpoint, and decides what must be confirmed before it is sent. No `vscode` import.
import type { KeyMode } from '../keys';
import { PROVIDERS } from '../providers/catalog';
import { type Endpoint, type EndpointMethod, pathParamNames } from './catalog';

/** What the form holds: values by parameter name, and the body text as typed. */
export interface RequestInput {
  readonly path: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface BuiltRequest {
  readonly method: EndpointMethod;
  /** Relative to the provider's base URL: path with encoded parameters, then the query string. */
  readonly path: string;
  /** Compact JSON, or undefined when the endpoint takes no body (or it was left empty). */
  readonly body?: string;
}

export type BuildResult = { ok: true; request: BuiltRequest } | { ok: false; errors: string[] };

/** The form's starting values for an endpoint: documented defaults and the documented example body. */
export function defaultInput(endpoint: Endpoint): RequestInput {
  const path: Record<string, string> = {};
  const query: Record<string, string> = {};
  for (const param of endpoint.params) {
    (param.in === 'path' ? path : query)[param.name] = param.default ?? '';
  }
  return { path, query, body: endpoint.body === undefined ? undefined : JSON.stringify(endpoint.body, null, 2) };
}

export function buildRequest(endpoint: Endpoint, input: RequestInput): BuildResult {
  const errors: string[] = [];
  let path = endpoint.path;
  for (const name of pathParamNames(endpoint.path)) {
    const value = (input.path[name] ?? '').trim();
    if (!value) { errors.push(`Fill in the path parameter ${name}.`); continue; }
    if (value === '.' || value === '..') { errors.push(`${name} cannot be "${value}".`); continue; }
    path = path.replace(`{${name}}`, encodeURIComponent(value));
  }
  const search = new URLSearchParams();
  for (const param of endpoint.params.filter(p => p.in === 'query')) {
    const value = (input.query[param.name] ?? '').trim();
    if (value) { search.append(param.name, value); } else if (param.required) { errors.push(`Fill in the query parameter ${param.name}.`); }
  }
  let body: string | undefined;
  const text = input.body?.trim();
  if (text) {
    if (endpoint.method === 'GET' || endpoint.method === 'DELETE') {
      errors.push(`${endpoint.method} requests are sent without a body.`);
    } else {
      try {
        body = JSON.stringify(JSON.parse(text));
      } catch (err) {
        errors.push(`The body is not valid JSON: ${(err as Error).message}`);
      }
    }
  }
  if (errors.length) { return { ok: false, errors }; }
  const qs = search.toString();
  return { ok: true, request: { method: endpoint.method, path: qs ? `${path}?${qs}` : path, body } };
}

/**
 * Whether an answer may have spent credits, so the credits shown (status bar, Keys view, pickers) must be
 * read again: a credit-spending endpoint, answered with success, with a key that is not a test key.
 */
export function mayHaveSpentCredits(endpoint: Endpoint, mode: KeyMode | undefined, status: number): boolean {
  return endpoint.risk === 'spends' && mode !== 'test' && status >= 200 && status < 300;
}

/** What happens before a request goes out. */
export type Gate =
  | { kind: 'send' }
  /** A test key where the docs promise no real effect: sent without asking, with this note. */
  | { kind: 'testKey'; note: string }
  /** Ask first; `message` names the request and key, `detail` what it does. */
  | { kind: 'confirm'; message: string; detail: string; button: string }
  /** Never sent from the tester; a command does it safely. */
  | { kind: 'refuse'; message: string; detail: string; command: 'rotateKey' };

export function gateFor(endpoint: Endpoint, key: { name: string; tail: string; mode?: KeyMode }): Gate {
  const label = PROVIDERS[endpoint.provider].label;
  if (endpoint.handledBy === 'rotateKey') {
    return {
      kind: 'refuse', command: 'rotateKey',
      message: `The Request Tester does not send ${endpoint.method} ${endpoint.path}: it ${endpoint.effect ?? 'rotates the key'}.`,
      detail: `The answer holds the only copy of the new key. Use Rotate Key: it stores the new key in SecretStorage before anything else, and tells you how to recover if the answer is lost.`,
    };
  }
  if (endpoint.risk === 'read') { return { kind: 'send' }; }
  const effect = endpoint.effect ?? (endpoint.risk === 'spends' ? 'spends credits' : 'cannot be undone');
  const what = `${endpoint.method} ${endpoint.path}`;
  if (key.mode === 'test') {
    if (endpoint.risk === 'spends') {
      return { kind: 'testKey', note: `"${key.name}" (${key.tail}) is a test key: ${label} places no real call and uses no credits for test keys.` };
    }
    return {
      kind: 'confirm', button: 'Send',
      message: `Send ${what} with the test key "${key.name}" (${key.tail})?`,
      detail: `This is a test key. ${label}'s docs promise that test keys place no real calls and use no credits; they do not say that this is simulated. If it is not, this ${effect}.`,
    };
  }
  // Ringg AI and Ring Tonic have no test keys: every key is live.
  const noTestKeys = key.mode === undefined ? ` ${label} has no test keys: every request is real.` : '';
  return {
    kind: 'confirm', button: 'Send',
    message: `Send ${what} with the live key "${key.name}" (${key.tail})?`,
    detail: `This ${effect}. ${endpoint.risk === 'spends' ? 'Credits spent are not refunded.' : 'It cannot be undone from here.'}${noTestKeys}`,
  };
}
