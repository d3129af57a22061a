// Verify, workspace info and rotation for the three providers, over the one HTTP layer.
// No `vscode` import: the extension and the CLI both use this.
import { keyFingerprint, keyMode, type KeyMode } from '../keys';
import { type HttpClient, type HttpLimits, type HttpRequest, type HttpResponse, throwForStatus } from '../http/client';
import {
  describeError, type ErrorAdvice, ForbiddenError, KeyRejectedError, MalformedResponseError, RequestError, RingKeysError,
} from '../http/errors';
import { checkBaseUrl } from '../http/origin';
import type { Redactor } from '../http/redact';
import { authHeaders, PROVIDERS, type ProviderId } from './catalog';

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  resetAt?: number;
}

export interface WorkspaceInfo {
  id: string;
  name: string;
  createdAt?: string;
  credits?: number;
  lockedCredits?: number;
  /** credits − locked credits */
  available?: number;
  role?: string;
}

/**
 * What a successful check says, as data (the CLI words it in English, the extension through vscode.l10n.t).
 * Strings in it came from the provider and are redacted.
 */
export type VerifySummary =
  /** Ringg: the workspace the key opens and its available credits. */
  | { readonly kind: 'workspace'; readonly name: string; readonly available?: number }
  /** Ringyo: test or live key, how many of `listed` the account has, the rate limit per minute. */
  | { readonly kind: 'ringyo'; readonly mode?: KeyMode; readonly total?: number; readonly listed: RingyoList; readonly perMinute?: number }
  /** Ring Tonic: accepted, through the campaign's geo-data (readable) or its 404 (unknown campaign). */
  | { readonly kind: 'accepted'; readonly geoData: boolean };

export type RingyoList = 'agents' | 'calls' | 'phoneNumbers';

/** A remark next to a successful check. */
export type VerifyNote =
  /** The key may not read `denied` (403); it was verified through `via`. */
  | { readonly kind: 'fallback'; readonly denied: string; readonly via: string }
  /** Ring Tonic answered 404 for the campaign; the key itself was accepted. */
  | { readonly kind: 'campaignNotFound'; readonly campaign: string };

/** Why a key cannot be checked: Ring Tonic documents no endpoint for it without a campaign. */
export type UnverifiableReason = 'noCampaign';

export type VerifyOutcome =
  | { state: 'valid'; summary: VerifySummary; workspace?: WorkspaceInfo; mode?: KeyMode; rateLimit?: RateLimitInfo; note?: VerifyNote }
  | { state: 'rejected'; error: KeyRejectedError }
  | { state: 'forbidden'; error: ForbiddenError }
  | { state: 'undetermined'; error: RingKeysError }
  | { state: 'unverifiable'; reason: UnverifiableReason };

/** A verify outcome as plain data (kept with the profile, shown later in the display language). */
export type OutcomeFacts =
  | { readonly state: 'valid'; readonly summary: VerifySummary }
  | { readonly state: 'unverifiable'; readonly reason: UnverifiableReason }
  | { readonly state: 'rejected' | 'forbidden' | 'undetermined'; readonly error: ErrorAdvice };

export function outcomeFacts(o: VerifyOutcome, provider?: string): OutcomeFacts {
  switch (o.state) {
    case 'valid': return { state: 'valid', summary: o.summary };
    case 'unverifiable': return { state: 'unverifiable', reason: o.reason };
    default: return { state: o.state, error: describeError(o.error, provider) };
  }
}

/** Ringyo's plan as its rate limit implies it, under the docs' two tables (see ringyoPlanGuess). */
export type RingyoPlan = 'pro60' | 'pro300OrAgency300' | 'agency1000' | 'unknown' | 'notReported';

/** One labelled fact of the info view, as data. */
export type InfoFact =
  | { readonly label: 'workspace' | 'workspaceId' | 'created' | 'role'; readonly value?: string }
  | { readonly label: 'credits' | 'lockedCredits' | 'available'; readonly credits?: number }
  | { readonly label: 'mode'; readonly mode?: KeyMode }
  | { readonly label: 'agents' | 'remaining'; readonly count?: number }
  | { readonly label: 'rateLimit'; readonly perMinute?: number }
  | { readonly label: 'resets'; readonly at?: number }
  | { readonly label: 'plan'; readonly plan: RingyoPlan }
  | { readonly label: 'status'; readonly outcome: OutcomeFacts }
  | { readonly label: 'campaign'; readonly campaign?: string }
  | { readonly label: 'noAccountEndpoint' };

export interface ProviderInfoResult {
  provider: ProviderId;
  /** Labelled facts for the info view, in order. */
  facts: InfoFact[];
  workspace?: WorkspaceInfo;
  rateLimit?: RateLimitInfo;
  /** The raw answer(s), with api_key and every known secret redacted. */
  raw: unknown;
}

export interface ClientsOptions {
  http: HttpClient;
  /** Base URL per provider, already resolved from settings (undefined: the documented default). */
  baseUrl?: (provider: ProviderId) => string | undefined;
  /** Client-side limits per minute per key (Ringyo's docs give Pro 60 or 300: we default to 60). */
  perMinute?: Partial<Record<ProviderId, number>>;
  limits?: Partial<HttpLimits>;
}

export const DEFAULT_PER_MINUTE: Record<ProviderId, number> = { ringg: 120, ringyo: 60, ringtonic: 60 };

export class ProviderClients {
  constructor(private readonly opts: ClientsOptions) {}

  get http(): HttpClient { return this.opts.http; }

  /** The checked base URL for a provider (throws OriginNotAllowedError for a URL that may not get keys). */
  baseUrl(provider: ProviderId): string {
    const override = this.opts.baseUrl?.(provider);
    return checkBaseUrl(provider, override || PROVIDERS[provider].defaultBaseUrl);
  }

  /** One request with the key injected, against the provider's checked origin. */
  async call(provider: ProviderId, key: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string,
    init: { body?: string; headers?: Record<string, string>; retry?: boolean; signal?: AbortSignal } = {}): Promise<HttpResponse> {
    return this.http.send(this.request(provider, key, method, path, init));
  }

  private async getJson<T>(provider: ProviderId, key: string, path: string): Promise<{ data: T; response: HttpResponse }> {
    return this.http.json<T>(this.request(provider, key, 'GET', path), PROVIDERS[provider].label);
  }

  /** The request for `path` under the provider's checked base URL, carrying the key and its rate-limit bucket. */
  private request(provider: ProviderId, key: string, method: HttpRequest['method'], path: string,
    init: { body?: string; headers?: Record<string, string>; retry?: boolean; signal?: AbortSignal } = {}): HttpRequest {
    const url = this.baseUrl(provider) + (path.startsWith('/') ? path : `/${path}`);
    const extra: Record<string, string> = provider === 'ringtonic' ? { accept: 'application/json' } : {};
    return {
      method, url, body: init.body, signal: init.signal,
      headers: { ...extra, ...init.headers },
      auth: { key, headers: authHeaders(provider, key) },
      rateLimit: { bucket: `${provider}:${keyFingerprint(key).slice(0, 16)}`,
        perMinute: this.opts.perMinute?.[provider] ?? DEFAULT_PER_MINUTE[provider] },
      retry: init.retry, limits: this.opts.limits,
    };
  }

  // ------------------------------------------------------------------ verify

  async verify(provider: ProviderId, key: string, opts: { campaignId?: string } = {}): Promise<VerifyOutcome> {
    try {
      switch (provider) {
        case 'ringg': {
          const ws = await this.ringgWorkspace(key);
          return { state: 'valid', workspace: ws, summary: { kind: 'workspace', name: ws.name, available: ws.available ?? ws.credits } };
        }
        case 'ringyo': return this.redactOutcome(await this.ringyoVerify(key));
        case 'ringtonic': return this.redactOutcome(await this.ringtonicVerify(key, opts.campaignId));
      }
    } catch (err) {
      return outcomeOf(err);
    }
  }

  /** Notes hold outside strings too (a campaign id as typed): redacted like errors. */
  private redactOutcome(o: VerifyOutcome): VerifyOutcome {
    const r = this.http.redactor;
    if (o.state === 'valid' && o.note?.kind === 'campaignNotFound') { return { ...o, note: { ...o.note, campaign: r.text(o.note.campaign) } }; }
    return o;
  }

  // ------------------------------------------------------------------ Ringg

  /** GET /workspace: the documented auth check, with name and credits. */
  async ringgWorkspace(key: string): Promise<WorkspaceInfo> {
    const { data } = await this.getJson<unknown>('ringg', key, '/workspace');
    return parseRinggWorkspace(data, this.http.redactor);
  }

  /**
   * PATCH /workspace/api-key. Never retried: a second PATCH would rotate again and lose the first new key.
   * Returns the new key; the old key is dead from the moment the server applied it.
   */
  async ringgRotate(key: string): Promise<string> {
    const res = await this.call('ringg', key, 'PATCH', '/workspace/api-key', { retry: false, headers: { accept: 'application/json' } });
    // the new key is a secret from the moment it exists: whatever shape the answer has, every value that
    // may be a key is known to the redactor before anything can log or show the answer
    const text = res.text();
    const candidates = newKeyCandidates(text, key);
    for (const c of candidates) { this.http.redactor.add(c); }
    throwForStatus(res, this.http.redactor, PROVIDERS.ringg.label);
    const next = candidates[0];
    if (!next) {
      // no preview of the body: a key in a shape we cannot read would be in it
      const type = res.headers['content-type'] === undefined ? undefined : this.http.redactor.truncated(res.headers['content-type'], 80);
      throw new MalformedResponseError(`the rotation answer (${res.body.length} B, ${type ?? 'no content type'}) holds no new key that could be read`,
        { code: 'noNewKey', contentType: type, bytes: res.body.length });
    }
    return next;
  }

  // ------------------------------------------------------------------ Ringyo

  private async ringyoVerify(key: string): Promise<VerifyOutcome> {
    // No account endpoint exists: a cheap list call. A key may hold only some scopes, so a 403 on
    // agents falls back to calls, then phone numbers.
    const paths = ['/agents?limit=1', '/calls?limit=1', '/phone-numbers?limit=1'];
    let lastForbidden: unknown;
    for (const path of paths) {
      try {
        const { data, response } = await this.getJson<unknown>('ringyo', key, path);
        const rateLimit = rateLimitOf(response.headers);
        const total = listTotal(data);
        const mode = keyMode('ringyo', key);
        const listed: RingyoList = path.startsWith('/agents') ? 'agents' : path.startsWith('/calls') ? 'calls' : 'phoneNumbers';
        return {
          state: 'valid', mode, rateLimit,
          summary: { kind: 'ringyo', mode, total, listed, perMinute: rateLimit.limit || undefined },
          note: lastForbidden ? { kind: 'fallback', denied: paths[0].split('?')[0], via: path.split('?')[0] } : undefined,
        };
      } catch (err) {
        if (err instanceof ForbiddenError) { lastForbidden = err; continue; }
        throw err;
      }
    }
    throw lastForbidden;
  }

  // ------------------------------------------------------------------ Ring Tonic

  private async ringtonicVerify(key: string, campaignId?: string): Promise<VerifyOutcome> {
    if (!campaignId) {
      return { state: 'unverifiable', reason: 'noCampaign' };
    }
    try {
      await this.getJson<unknown>('ringtonic', key, `/campaigns/${encodeURIComponent(campaignId)}/geo-data`);
      return { state: 'valid', summary: { kind: 'accepted', geoData: true } };
    } catch (err) {
      if (err instanceof RequestError && err.status === 404) {
        return { state: 'valid', summary: { kind: 'accepted', geoData: false }, note: { kind: 'campaignNotFound', campaign: campaignId } };
      }
      throw err;
    }
  }

  // ------------------------------------------------------------------ info

  async info(provider: ProviderId, key: string, opts: { campaignId?: string } = {}): Promise<ProviderInfoResult> {
    const r = this.http.redactor;
    if (provider === 'ringg') {
      const { data } = await this.getJson<unknown>('ringg', key, '/workspace');
      const ws = parseRinggWorkspace(data, r);
      let raw: unknown = { workspace: r.json(data) };
      try {
        const all = await this.getJson<{ workspaces?: Array<Record<string, unknown>> }>('ringg', key, '/workspace/all');
        const mine = all.data.workspaces?.find(w => w.id === ws.id);
        if (mine && typeof mine.role === 'string') { ws.role = r.text(mine.role); }
        raw = { ...raw as object, workspaces: r.json(all.data) };
      } catch { /* the role is optional */ }
      return {
        provider, workspace: ws, raw,
        facts: [
          { label: 'workspace', value: ws.name }, { label: 'workspaceId', value: ws.id }, { label: 'created', value: ws.createdAt },
          { label: 'credits', credits: ws.credits }, { label: 'lockedCredits', credits: ws.lockedCredits },
          { label: 'available', credits: ws.available }, ...(ws.role ? [{ label: 'role', value: ws.role } as const] : []),
        ],
      };
    }
    if (provider === 'ringyo') {
      const { data, response } = await this.getJson<unknown>('ringyo', key, '/agents?limit=1');
      const rl = rateLimitOf(response.headers);
      const total = listTotal(data);
      const mode = keyMode('ringyo', key);
      return {
        provider, rateLimit: rl, raw: r.json(data),
        facts: [
          { label: 'mode', mode: mode ?? 'live' }, { label: 'agents', count: total },
          { label: 'rateLimit', perMinute: rl.limit || undefined }, { label: 'remaining', count: rl.remaining },
          { label: 'resets', at: rl.resetAt || undefined }, { label: 'plan', plan: ringyoPlanGuess(rl.limit) },
        ],
      };
    }
    const outcome = await this.verify('ringtonic', key, opts);
    return {
      provider, raw: {},
      facts: [{ label: 'status', outcome: outcomeFacts(outcome, PROVIDERS.ringtonic.label) }, { label: 'campaign', campaign: opts.campaignId && r.text(opts.campaignId) }, { label: 'noAccountEndpoint' }],
    };
  }
}

/** Field names under which a rotation answer may carry the new key, most specific first. */
const NEW_KEY_FIELDS = ['new_api_key', 'newapikey', 'new_key', 'newkey', 'api_key', 'apikey', 'key'];
const TOKEN_RE = /^[A-Za-z0-9._~+/=-]{8,512}$/;

/**
 * Every value in a PATCH /workspace/api-key answer that may be the new key, the likeliest first. The
 * documented answer is `{"new_api_key": "<uuid>"}`; also read: any letter case of the field, the field
 * nested (`{data: {…}}`), single-quoted pseudo-JSON, a form body (`new_api_key=…`), a bare key, and a key
 * that is not a UUID. The old key is never a candidate.
 */
export function newKeyCandidates(text: string, oldKey: string): string[] {
  const out: string[] = [];
  const push = (v: unknown) => {
    if (typeof v !== 'string') { return; }
    const k = v.trim().replace(/^["']|["']$/g, '');
    if (TOKEN_RE.test(k) && k !== oldKey.trim() && !out.includes(k)) { out.push(k); }
  };
  const fromObject = (o: unknown, depth = 0): void => {
    if (!o || typeof o !== 'object' || depth > 4) { return; }
    const entries = Object.entries(o as Record<string, unknown>);
    for (const f of NEW_KEY_FIELDS) {
      for (const [k, v] of entries) { if (k.toLowerCase().replace(/[-\s]/g, '_').replace(/_/g, '') === f.replace(/_/g, '')) { push(v); } }
    }
    for (const [, v] of entries) { if (v && typeof v === 'object') { fromObject(v, depth + 1); } }
  };
  const body = text.trim();
  let parsed: unknown;
  try { parsed = JSON.parse(body); } catch {
    try { parsed = JSON.parse(body.replace(/'/g, '"')); } catch { parsed = undefined; }
  }
  if (typeof parsed === 'string') { push(parsed); } else { fromObject(parsed); }
  if (!out.length && /^[^{[\s]*=/.test(body)) {
    const form = new URLSearchParams(body);
    fromObject(Object.fromEntries(form.entries()));
  }
  if (!out.length) {
    // `key: value` / `key = value` pairs in any other text
    const pair = /["']?(new[_\s-]?api[_\s-]?key|new[_\s-]?key|api[_\s-]?key)["']?\s*[:=]\s*["']?([A-Za-z0-9._~+/=-]{8,512})/gi;
    for (let m = pair.exec(body); m; m = pair.exec(body)) { push(m[2]); }
  }
  if (!out.length && /[0-9]/.test(body) && /[A-Za-z]/.test(body)) { push(body); }   // a bare key
  return out;
}

/**
 * Ringyo's docs give two rate-limit tables: Pro 300 / Agency 1,000 (Authentication page, API intro)
 * and Pro 60 / Agency 300 (API Keys page). We read the plan from the header under both.
 */
export function ringyoPlanGuess(limit: number | undefined): RingyoPlan {
  switch (limit) {
    case 60: return 'pro60';
    case 300: return 'pro300OrAgency300';
    case 1000: return 'agency1000';
    default: return limit ? 'unknown' : 'notReported';
  }
}

function parseRinggWorkspace(data: unknown, r: Redactor): WorkspaceInfo {
  const info = (data as { workspace_info?: Record<string, unknown> } | undefined)?.workspace_info;
  if (!info || typeof info !== 'object' || (typeof info.name !== 'string' && typeof info.id !== 'string')) {
    throw new MalformedResponseError('GET /workspace answered without workspace_info', { code: 'noWorkspaceInfo' });
  }
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v)) ? v
    : (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) ? Number(v) : undefined;
  const credits = num(info.credits);
  const locked = num(info.locked_credits);
  return {
    id: r.text(typeof info.id === 'string' || typeof info.id === 'number' ? String(info.id) : ''),
    name: r.text(String(info.name ?? info.id)),
    createdAt: typeof info.created_at === 'string' ? r.text(info.created_at) : undefined,
    credits, lockedCredits: locked,
    available: credits === undefined ? undefined : credits - (locked ?? 0),
  };
}

/** Both documented list envelopes: `{data, total}` (endpoint pages) and `{data, pagination: {total}}` (intro). */
function listTotal(data: unknown): number | undefined {
  if (!data || typeof data !== 'object') { return undefined; }
  const d = data as { total?: unknown; pagination?: { total?: unknown }; data?: unknown };
  const t = d.total ?? d.pagination?.total;
  if (typeof t === 'number') { return t; }
  return Array.isArray(d.data) ? d.data.length : undefined;
}

function rateLimitOf(h: Record<string, string>): RateLimitInfo {
  const n = (v: string | undefined) => v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : undefined;
  const reset = n(h['x-ratelimit-reset']);
  return { limit: n(h['x-ratelimit-limit']), remaining: n(h['x-ratelimit-remaining']), resetAt: reset ? reset * 1000 : undefined };
}

export function outcomeOf(err: unknown): VerifyOutcome {
  if (err instanceof KeyRejectedError) { return { state: 'rejected', error: err }; }
  if (err instanceof ForbiddenError) { return { state: 'forbidden', error: err }; }
  if (err instanceof RingKeysError) { return { state: 'undetermined', error: err }; }
  throw err;
}
