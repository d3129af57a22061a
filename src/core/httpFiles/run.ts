// Runs the requests of a parsed request file through the one HTTP layer (timeouts, rate limiter, GET-only
// retries, same-origin redirects, redaction). The rules that keep keys safe live here, shared by the editor
// and the CLI:
// - a key goes only into a request under its provider's base URL (the documented one, or the configured one
//   the documented one maps to); a `$processEnv` value only to one of the providers' base URLs. Otherwise the
//   request is refused and nothing is sent.
// - a credit-spending or irreversible catalogue endpoint (or an unknown write to a provider) with a live key
//   is sent only when `confirm` says so (the editor asks; the CLI needs --allow-spend); the key rotation
//   endpoint never (the Rotate Key command stores the new key first).
// No `vscode` import.
import type { HttpClient, HttpResponse } from '../http/client';
import { errorMessage } from '../errorMessage';
import { keyFingerprint, keyMode, maskKey } from '../keys';
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '../providers/catalog';
import { DEFAULT_PER_MINUTE } from '../providers/clients';
import { ENDPOINTS, type Endpoint } from '../tester/catalog';
import { type Gate, gateFor } from '../tester/request';
import { type AssertionResult, checkAssertion } from './assertions';
import { readConfined } from './files';
import type { ParsedFile, ParsedRequest } from './parse';
import { type Resolved, type SecretRef, VariableResolver } from './variables';

export type RequestState = 'passed' | 'failed' | 'refused' | 'error';

export interface RequestOutcome {
  /** The request's name, or `METHOD path` when it has none. */
  readonly name: string;
  /** 0-based line of the request line. */
  readonly line: number;
  readonly state: RequestState;
  /** `GET https://…/agent/all`, redacted. */
  readonly label: string;
  readonly status?: number;
  readonly durationMs?: number;
  readonly assertions: readonly AssertionResult[];
  /** Why it was refused or failed, redacted. */
  readonly message?: string;
  /** The answer (for the editor's view); its text must go through `redactor` before it is shown. */
  readonly response?: HttpResponse;
  readonly provider?: ProviderId;
}

/** What must be confirmed before a request goes out. */
export interface SpendQuestion {
  readonly what: string;
  readonly provider: string;
  /** `…abcd` */
  readonly key: string;
  readonly risk: 'spends' | 'irreversible';
  readonly effect?: string;
  /** Not in the catalogue: a write to the provider whose effect is unknown. */
  readonly unknownEndpoint: boolean;
  /** For a catalogue endpoint: the Request Tester's gate (its key named by the variable), worded as the tester words it. */
  readonly gate?: Extract<Gate, { kind: 'confirm' }>;
  readonly providerId: ProviderId;
}

export interface RunOptions {
  readonly http: HttpClient;
  /** The file's folder (for `< ./part` bodies). */
  readonly dir: string;
  /** Configured base URL per provider (already checked by checkBaseUrl); the documented one otherwise. */
  readonly baseUrls: Partial<Record<ProviderId, string>>;
  readonly environment: Readonly<Record<string, string>>;
  /** A key for `ref` (the editor: SecretStorage, honouring `profile`; the CLI: the process environment). */
  secret(ref: SecretRef, profile: string | undefined): Promise<string | undefined>;
  /** Whether a credit-spending or irreversible request may go out. */
  confirm(q: SpendQuestion): Promise<boolean>;
  readonly signal?: AbortSignal;
}

/** A base URL as a prefix: origin + path, no trailing slash. */
function baseOf(p: ProviderId, baseUrls: RunOptions['baseUrls']): string {
  return (baseUrls[p] ?? PROVIDERS[p].defaultBaseUrl).replace(/\/+$/, '');
}

function under(url: string, base: string): boolean {
  return url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`);
}

/**
 * The URL as sent and the provider whose base URL it is under. The file keeps the documented addresses: with
 * a configured base URL, a request to the documented one goes to the configured one (e.g. the sandbox).
 */
export function routeUrl(url: string, baseUrls: RunOptions['baseUrls']): { url: string; provider?: ProviderId; relative?: string } {
  for (const p of PROVIDER_IDS) {
    const documented = PROVIDERS[p].defaultBaseUrl;
    const configured = baseUrls[p]?.replace(/\/+$/, '');
    if (configured && under(url, documented)) { url = configured + url.slice(documented.length); }
  }
  for (const p of PROVIDER_IDS) {
    const base = baseOf(p, baseUrls);
    if (under(url, base)) { return { url, provider: p, relative: url.slice(base.length) || '/' }; }
  }
  return { url };
}

/** The catalogue endpoint for `METHOD /relative/path` of a provider (path parameters match one segment). */
export function matchEndpoint(provider: ProviderId, method: string, relative: string): Endpoint | undefined {
  const path = relative.split(/[?#]/)[0].replace(/\/+$/, '') || '/';
  const segs = path.split('/');
  let best: Endpoint | undefined;
  let bestLiterals = -1;
  for (const e of ENDPOINTS) {
    if (e.provider !== provider || e.method !== method) { continue; }
    const t = e.path.split('/');
    if (t.length !== segs.length) { continue; }
    let literals = 0;
    let ok = true;
    for (let i = 0; i < t.length && ok; i++) {
      if (/^\{[^}]+\}$/.test(t[i])) { ok = segs[i] !== ''; } else if (t[i] === segs[i]) { literals++; } else { ok = false; }
    }
    if (ok && literals > bestLiterals) { best = e; bestLiterals = literals; }   // /agent/voices beats /agent/{agent_id}
  }
  return best;
}

const DISPLAY = (r: ParsedRequest) => `${r.method} ${r.url}`;

/** Runs one request. Never throws: every failure is an outcome. */
export async function runRequest(file: ParsedFile, req: ParsedRequest, opts: RunOptions): Promise<RequestOutcome> {
  const redactor = opts.http.redactor;
  const name = req.name ?? DISPLAY(req);
  const base = { name: redactor.text(name), line: req.line, assertions: [] as AssertionResult[] };
  const secrets: Array<{ ref: SecretRef; value: string }> = [];
  const fail = (state: RequestState, message: string, label = DISPLAY(req), provider?: ProviderId): RequestOutcome =>
    ({ ...base, state, label: redactor.text(label), message: redactor.text(message), provider });
  let resolver: VariableResolver;
  try {
    resolver = new VariableResolver({
      fileVariables: file.variables.slice(0, req.variablesBefore), environment: opts.environment,
      secret: ref => opts.secret(ref, req.profile),
    });
  } catch (err) {
    return fail('refused', errorMessage(err));
  }
  const take = (r: Resolved) => {
    for (const s of r.secrets) { redactor.add(s.value); secrets.push(s); }
    return r.text;
  };
  let url: string;
  const headers: Record<string, string> = {};
  const textParts: Array<string | Buffer> = [];
  try {
    url = take(await resolver.resolve(req.url));
    for (const h of req.headers) {
      const value = take(await resolver.resolve(h.value));
      const key = Object.keys(headers).find(k => k.toLowerCase() === h.name.toLowerCase());
      if (key) { headers[key] += `, ${value}`; } else { headers[h.name] = value; }
    }
    for (const part of req.body) {
      if (part.kind === 'text') { textParts.push(take(await resolver.resolve(part.text))); } else { textParts.push(await readConfined(opts.dir, part.path)); }
    }
  } catch (err) {
    return fail('refused', errorMessage(err));
  }
  let parsed: URL;
  try { parsed = new URL(url); } catch { return fail('refused', `"${url.length > 80 ? url.slice(0, 79) + '…' : url}" is not a URL.`); }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') { return fail('refused', `Only http and https requests are sent, not ${parsed.protocol}.`); }
  if (parsed.username || parsed.password) { return fail('refused', 'A URL with credentials in it is not sent.'); }
  const route = routeUrl(url, opts.baseUrls);
  const label = `${req.method} ${route.url}`;

  // where secrets may go
  for (const s of secrets) {
    if (s.ref.kind === 'key' && route.provider !== s.ref.provider) {
      const p = PROVIDERS[s.ref.provider];
      return fail('refused', `{{${s.ref.variable}}} is a ${p.label} key: it is only sent to ${baseOf(s.ref.provider, opts.baseUrls)}, not to ${parsed.origin}. Nothing was sent.`, label, route.provider);
    }
    if (s.ref.kind === 'env' && route.provider === undefined) {
      return fail('refused', `{{$processEnv ${s.ref.name}}} is only sent to a provider's base URL, not to ${parsed.origin}. Nothing was sent.`, label);
    }
  }

  // the tester's gate, from the catalogue
  const keys = secrets.filter((s): s is { ref: Extract<SecretRef, { kind: 'key' }>; value: string } => s.ref.kind === 'key');
  const key = keys[0];
  if (route.provider && key) {
    const endpoint = matchEndpoint(route.provider, req.method, route.relative!);
    const q = { provider: PROVIDERS[route.provider].label, providerId: route.provider, key: maskKey(key.value) };
    if (endpoint) {
      const gate = gateFor(endpoint, { name: key.ref.variable, tail: maskKey(key.value), mode: keyMode(route.provider, key.value) });
      if (gate.kind === 'refuse') {
        return fail('refused', `${gate.what} rotates the key: it is never sent from a request file. Use the Rotate Key command, which stores the new key first.`, label, route.provider);
      }
      if (gate.kind === 'confirm' && !(await opts.confirm({ ...q, what: gate.what, risk: gate.risk, effect: gate.effect, unknownEndpoint: false, gate }))) {
        return fail('refused', `${gate.what} ${gate.risk === 'spends' ? 'spends credits' : 'cannot be undone'}${gate.effect ? ` (${gate.effect})` : ''}: not confirmed, nothing was sent.`, label, route.provider);
      }
    } else if (req.method !== 'GET' && req.method !== 'HEAD') {
      const what = `${req.method} ${route.relative!.split('?')[0]}`;
      if (!(await opts.confirm({ ...q, what, risk: 'irreversible', unknownEndpoint: true }))) {
        return fail('refused', `${what} is not in the endpoint catalogue, so what it does is unknown: not confirmed, nothing was sent.`, label, route.provider);
      }
    }
  }

  let body: string | Buffer | undefined;
  if (textParts.length) {
    const multipart = /^multipart\//i.test(Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '');
    if (textParts.every(p => typeof p === 'string')) {
      body = multipart ? (textParts).join('\n').replace(/\r?\n/g, '\r\n') : (textParts).join('\n');
    } else {
      const sep = multipart ? '\r\n' : '\n';
      const chunks: Buffer[] = [];
      textParts.forEach((p, i) => {
        if (i > 0) { chunks.push(Buffer.from(sep)); }
        chunks.push(typeof p === 'string' ? Buffer.from(multipart ? p.replace(/\r?\n/g, '\r\n') : p, 'utf8') : p);
      });
      body = Buffer.concat(chunks);
    }
  }
  if (body !== undefined && (req.method === 'GET' || req.method === 'HEAD') && body.length === 0) { body = undefined; }

  let res: HttpResponse;
  try {
    res = await opts.http.send({
      method: req.method, url: route.url, headers, body, signal: opts.signal,
      rateLimit: route.provider && key ? { bucket: `${route.provider}:${keyFingerprint(key.value).slice(0, 16)}`, perMinute: DEFAULT_PER_MINUTE[route.provider] } : undefined,
    });
  } catch (err) {
    return fail('error', errorMessage(err), label, route.provider);
  }
  let json: unknown;
  try { json = JSON.parse(res.text()); } catch { json = undefined; }
  const results: AssertionResult[] = [];
  for (const a of req.assertions) {
    let expected = a.expected;
    if (expected !== undefined) {
      try { expected = (await resolver.resolve(expected)).text; } catch (err) {
        results.push({ assertion: a, pass: false, actual: redactor.text(errorMessage(err)) });
        continue;
      }
    }
    const r = checkAssertion({ ...a, expected }, { status: res.status, headers: res.headers, durationMs: res.timeMs, json });
    results.push({ ...r, assertion: a, actual: redactor.text(r.actual) });
  }
  const passed = results.length ? results.every(r => r.pass) : res.status < 400;
  return {
    ...base, label: redactor.text(label), state: passed ? 'passed' : 'failed', status: res.status, durationMs: res.timeMs,
    assertions: results, response: res, provider: route.provider,
    message: passed ? undefined : results.length ? undefined : `answered ${res.status} (a request without assertions passes on a status below 400)`,
  };
}

/** Requests to run: all, or the ones named `name`. */
export function selectRequests(file: ParsedFile, name: string | undefined): ParsedRequest[] {
  return name === undefined ? [...file.requests] : file.requests.filter(r => r.name === name);
}
