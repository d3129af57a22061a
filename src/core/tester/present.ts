// What the Request Tester shows of an answer: the status with the provider's documented meaning (their error
// tables, as data the extension words), time, size, redacted headers, rate-limit headers, and the body with
// api_key and every known key redacted. No `vscode` import.
import { errorDetail, type HttpResponse } from '../http/client';
import { type Redactor, scrubKey } from '../http/redact';
import type { ProviderId } from '../providers/catalog';
import type { ResponseView } from './protocol';
import type { Gate } from './request';

/** Bodies above this are cut for display (the HTTP layer caps what it reads at 5 MiB). */
export const MAX_SHOWN_CHARS = 256 * 1024;

/**
 * What a status means, as data: the HTTP reason phrase (a protocol token, shown as is), the row of the
 * provider's documented error table that applies (the extension words it: src/vscode/features/tester/words.ts),
 * or a generic meaning, and Ringyo's documented `error.code` when the body names one.
 */
export interface StatusMeaning {
  readonly reason: string;
  readonly row?: MeaningRow;
  readonly generic?: 'created' | 'noContent' | 'success' | 'serverError' | 'refused' | 'redirect';
  readonly ringyoCode?: RingyoErrorCode;
  /** Ring Tonic documents no error table: said next to a generic meaning. */
  readonly noTable?: boolean;
}

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required',
  403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/**
 * The rows of each provider's documented error table (providers research: Ringg §1.6, Ringyo §2.5, Ring Tonic
 * §3.2/§3.5, which documents no table: what is known). '5xx' stands for every server error.
 */
export const MEANING_ROWS = {
  ringg: [400, 401, 402, 403, 404, 409, 422, 429, '5xx'],
  ringyo: [400, 401, 403, 404, 429, '5xx'],
  ringtonic: [401, 403, 404, '5xx'],
} as const satisfies Record<ProviderId, ReadonlyArray<number | '5xx'>>;

export type MeaningRow = { [P in ProviderId]: `${P}.${(typeof MEANING_ROWS)[P][number]}` }[ProviderId];

/** Ringyo's documented `error.code` values (§2.5). */
export const RINGYO_ERROR_CODES = [
  'invalid_phone_number', 'agent_not_found', 'insufficient_credits', 'rate_limit_exceeded', 'invalid_from_number', 'call_not_found',
  'unauthorized', 'invalid_url', 'invalid_events', 'webhook_limit_reached', 'url_unreachable', 'webhook_not_found',
] as const;
export type RingyoErrorCode = typeof RINGYO_ERROR_CODES[number];

export function statusMeaning(provider: ProviderId, status: number, errorCode?: string): StatusMeaning {
  const reason = REASONS[status] ?? (status >= 500 ? 'Server Error' : status >= 400 ? 'Client Error' : status >= 300 ? 'Redirect' : 'Success');
  const rows: ReadonlyArray<number | '5xx'> = MEANING_ROWS[provider];
  const key = rows.includes(status) ? status : status >= 500 && rows.includes('5xx') ? '5xx' : undefined;
  const ringyoCode = provider === 'ringyo' && errorCode && (RINGYO_ERROR_CODES as readonly string[]).includes(errorCode) ? errorCode as RingyoErrorCode : undefined;
  if (key !== undefined) { return { reason, row: `${provider}.${key}` as MeaningRow, ringyoCode }; }
  if (status >= 200 && status < 300) {
    return { reason, generic: status === 201 ? 'created' : status === 204 ? 'noContent' : 'success' };
  }
  return { reason, generic: status >= 500 ? 'serverError' : status >= 400 ? 'refused' : 'redirect', ringyoCode, noTable: provider === 'ringtonic' };
}

/** Ringg / Ringyo `{error: {code}}` or `{detail: {code}}`. */
function errorCodeOf(text: string): string | undefined {
  try {
    const b = JSON.parse(text) as { error?: { code?: unknown }; detail?: { code?: unknown } };
    const code = b?.error?.code ?? b?.detail?.code;
    return typeof code === 'string' ? code : undefined;
  } catch { return undefined; }
}

/** Rate-limit headers as label/value pairs: X-RateLimit-*, the IETF RateLimit-*, Retry-After. */
export function rateLimitHeaders(headers: Readonly<Record<string, string>>, now: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(headers)) {
    const n = name.toLowerCase();
    if (!/^(x-)?ratelimit-|^retry-after$/.test(n)) { continue; }
    let shown = value;
    if (n === 'x-ratelimit-reset' && /^\d{9,}$/.test(value.trim())) {
      const at = Number(value) * 1000;
      shown = `${value} (${new Date(at).toISOString()}, in ${Math.max(0, Math.round((at - now) / 1000))} s)`;
    } else if (n === 'retry-after' && /^\d+$/.test(value.trim())) {
      shown = `${value} s`;
    }
    out.push([name, shown]);
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

export interface PresentOptions {
  readonly provider: ProviderId;
  readonly redactor: Redactor;
  /** The key that was sent: a last check that it is not in anything shown, whatever the redactor missed. */
  readonly key: string;
  readonly requestId: number;
  readonly endpointId: string;
  readonly request: string;
  readonly profileLabel: string;
  /** The test-key gate the request passed (its note is shown with the answer). */
  readonly note?: TestKeyGate;
  readonly now?: number;
}

export type TestKeyGate = Extract<Gate, { kind: 'testKey' }>;

/** An answer as the tester shows it, with the status meaning and the note as data (worded by the extension). */
export type PresentedResponse = Omit<ResponseView, 'meaning' | 'fix' | 'note'> & { readonly meaning: StatusMeaning; readonly note?: TestKeyGate };

export function presentResponse(res: HttpResponse, o: PresentOptions): PresentedResponse {
  const scrub = (s: string) => scrubKey(s, o.key);
  const text = res.text();
  const code = errorCodeOf(text);
  const m = statusMeaning(o.provider, res.status, code);
  const contentType = res.headers['content-type'];
  let bodyKind: ResponseView['bodyKind'] = 'empty';
  let body = '';
  if (text.trim()) {
    let parsed: unknown;
    let isJson = false;
    try { parsed = JSON.parse(text); isJson = true; } catch { /* not JSON */ }
    if (isJson) {
      bodyKind = 'json';
      body = JSON.stringify(o.redactor.json(parsed), null, 2);
    } else {
      bodyKind = 'text';
      body = o.redactor.text(text);
    }
  }
  body = scrub(body);
  const truncated = body.length > MAX_SHOWN_CHARS;
  if (truncated) { body = body.slice(0, MAX_SHOWN_CHARS); }
  const detail = res.status >= 400 ? errorDetail(res) : undefined;
  const headers = Object.entries(o.redactor.headers(res.headers))
    .map(([k, v]) => [k, scrub(v)] as const)
    .sort((a, b) => a[0].localeCompare(b[0]));
  return {
    requestId: o.requestId, endpointId: o.endpointId, request: scrub(o.redactor.text(o.request)), profileLabel: o.profileLabel,
    status: res.status, reason: m.reason, ok: res.status >= 200 && res.status < 300, meaning: m,
    errorDetail: detail ? scrub(o.redactor.text(detail)) : undefined,
    timeMs: Math.round(res.timeMs), size: res.body.length, attempts: res.attempts, contentType,
    headers, rateLimit: rateLimitHeaders(Object.fromEntries(headers), o.now ?? Date.now()),
    bodyKind, body, truncated, note: o.note, at: new Date(o.now ?? Date.now()).toISOString(),
  };
}
