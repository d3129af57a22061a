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

/** What is wrong with a form, as data (the extension words it: src/vscode/features/tester/words.ts). */
export type FormProblem =
  | { readonly code: 'unknownEndpoint'; readonly endpointId: string }
  | { readonly code: 'noKey'; readonly provider: string }
  | { readonly code: 'wrongProvider'; readonly profile: string; readonly keyProvider: string; readonly endpoint: string; readonly endpointProvider: string }
  | { readonly code: 'missingPathParam'; readonly name: string }
  | { readonly code: 'dotPathParam'; readonly name: string; readonly value: string }
  | { readonly code: 'missingQueryParam'; readonly name: string }
  | { readonly code: 'bodyNotAllowed'; readonly method: string }
  | { readonly code: 'badJson'; readonly detail: string };

export type BuildResult = { ok: true; request: BuiltRequest } | { ok: false; errors: FormProblem[] };

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
  const errors: FormProblem[] = [];
  let path = endpoint.path;
  for (const name of pathParamNames(endpoint.path)) {
    const value = (input.path[name] ?? '').trim();
    if (!value) { errors.push({ code: 'missingPathParam', name }); continue; }
    if (value === '.' || value === '..') { errors.push({ code: 'dotPathParam', name, value }); continue; }
    path = path.replace(`{${name}}`, encodeURIComponent(value));
  }
  const search = new URLSearchParams();
  for (const param of endpoint.params.filter(p => p.in === 'query')) {
    const value = (input.query[param.name] ?? '').trim();
    if (value) { search.append(param.name, value); } else if (param.required) { errors.push({ code: 'missingQueryParam', name: param.name }); }
  }
  let body: string | undefined;
  const text = input.body?.trim();
  if (text) {
    if (endpoint.method === 'GET' || endpoint.method === 'DELETE') {
      errors.push({ code: 'bodyNotAllowed', method: endpoint.method });
    } else {
      try {
        body = JSON.stringify(JSON.parse(text));
      } catch (err) {
        errors.push({ code: 'badJson', detail: (err as Error).message });
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

/** The key a gate talks about: its name and masked tail, never the key. */
export interface GateKey { readonly name: string; readonly tail: string }

/**
 * What happens before a request goes out, as data: the extension words the note, question and refusal
 * (src/vscode/features/tester/words.ts). `what` is `POST /path`; `provider` the provider's label; `effect` the
 * catalogue's description of what the endpoint does, when it has one.
 */
export type Gate =
  | { kind: 'send' }
  /** A test key where the docs promise no real effect: sent without asking, with a note. */
  | { kind: 'testKey'; provider: string; key: GateKey }
  /**
   * Ask first. `test`: a test key whose docs do not promise this endpoint is simulated; otherwise a live key
   * (`noTestKeys`: the provider has no test keys at all).
   */
  | { kind: 'confirm'; what: string; provider: string; key: GateKey; risk: 'spends' | 'irreversible'; effect?: string; test: boolean; noTestKeys: boolean }
  /** Never sent from the tester; a command does it safely. */
  | { kind: 'refuse'; what: string; effect?: string; command: 'rotateKey' };

export function gateFor(endpoint: Endpoint, key: { name: string; tail: string; mode?: KeyMode }): Gate {
  const provider = PROVIDERS[endpoint.provider].label;
  const what = `${endpoint.method} ${endpoint.path}`;
  if (endpoint.handledBy === 'rotateKey') { return { kind: 'refuse', command: 'rotateKey', what, effect: endpoint.effect }; }
  if (endpoint.risk === 'read') { return { kind: 'send' }; }
  const ref = { name: key.name, tail: key.tail };
  if (key.mode === 'test' && endpoint.risk === 'spends') { return { kind: 'testKey', provider, key: ref }; }
  return {
    kind: 'confirm', what, provider, key: ref, risk: endpoint.risk, effect: endpoint.effect,
    // Ringg AI and Ring Tonic have no test keys: every key is live.
    test: key.mode === 'test', noTestKeys: key.mode === undefined,
  };
}
