// What the Request Tester shows of an answer: the status with the provider's documented meaning (their error
// tables), time, size, redacted headers, rate-limit headers, and the body with api_key and every known key
// redacted. No `vscode` import.
import { errorDetail, type HttpResponse } from '../http/client';
import { type Redactor, scrubKey } from '../http/redact';
import type { ProviderId } from '../providers/catalog';
import type { ResponseView } from './protocol';

/** Bodies above this are cut for display (the HTTP layer caps what it reads at 5 MiB). */
export const MAX_SHOWN_CHARS = 256 * 1024;

export interface StatusMeaning {
  readonly reason: string;
  readonly meaning: string;
  readonly fix?: string;
}

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required',
  403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

type Table = Record<number | '5xx', { meaning: string; fix?: string }>;

/** Ringg AI, providers research §1.6. */
const RINGG: Partial<Table> = {
  400: { meaning: 'Bad request or invalid parameters. Also: nothing to terminate, campaign already started, invalid agent_id / list_id / number_pool_id, or insufficient credits (campaign start).', fix: 'Fix the request.' },
  401: { meaning: 'The key is missing, invalid or was rotated.', fix: 'Check the key: re-enter the current key from the dashboard and redeploy the secrets of every service that uses it.' },
  402: { meaning: 'Insufficient credits to start the campaign.', fix: 'Add credits.' },
  403: { meaning: 'The key is valid but has no permission for this action.', fix: 'Check the workspace role and API permissions.' },
  404: { meaning: 'Resource not found (campaign, agent, …).' },
  409: { meaning: 'Conflicts with the existing state (e.g. the inbound number is already in a pool in use).' },
  422: { meaning: 'Schema validation failed, e.g. both or neither of from_numbers / number_pool_id, or a missing field.', fix: 'Fix the body.' },
  429: { meaning: 'Rate limit exceeded.', fix: 'Back off and retry later.' },
  '5xx': { meaning: 'A problem at Ringg or an upstream provider.', fix: 'Retry with backoff; note the call id and context.' },
};

/** Ringyo AI, §2.5. */
const RINGYO: Partial<Table> = {
  400: { meaning: 'Bad parameters.', fix: 'Fix the request.' },
  401: { meaning: 'The key is invalid or missing.', fix: 'Re-enter the key; a revoked or regenerated key stops working at once.' },
  403: { meaning: 'Insufficient permissions: the key lacks the scope (e.g. agents:read), or the plan has no API access (Pro and Agency only).', fix: 'Check the key\'s permissions in Dashboard → Developers → API Keys.' },
  404: { meaning: 'Resource not found.' },
  429: { meaning: 'Rate limit exceeded (on call creation also: too many concurrent calls).', fix: 'Back off exponentially; X-RateLimit-Reset says when the window resets.' },
  '5xx': { meaning: 'A problem at Ringyo.', fix: 'Retry later.' },
};

/** Ringyo's documented `error.code` values (§2.5). */
const RINGYO_CODES: Record<string, string> = {
  invalid_phone_number: 'phone_number is not in E.164 format.',
  agent_not_found: 'No agent with that agent_id.',
  insufficient_credits: 'Not enough credits to place the call.',
  rate_limit_exceeded: 'Too many requests, or too many concurrent calls.',
  invalid_from_number: 'from_number is not a number you own.',
  call_not_found: 'No call with that id.',
  unauthorized: 'The key may not access this resource.',
  invalid_url: 'The webhook URL must be HTTPS.',
  invalid_events: 'Unknown event names.',
  webhook_limit_reached: 'The plan\'s maximum number of webhooks is reached.',
  url_unreachable: 'Ringyo could not reach the webhook URL.',
  webhook_not_found: 'No webhook with that id.',
};

/** Ring Tonic documents no error table; what is known (§3.2, §3.5). */
const RINGTONIC: Partial<Table> = {
  401: { meaning: 'The key is invalid or was revoked (revocation is immediate).', fix: 'Create a new key in Settings → API Keys and re-enter it.' },
  403: { meaning: 'The account is not on the Agency plan ("plan required"), or the key may not do this.', fix: 'API access needs the Agency plan.' },
  404: { meaning: 'Not found. For geo-data: an unknown campaign (the key itself was accepted).' },
  '5xx': { meaning: 'A problem at Ring Tonic.', fix: 'Retry later.' },
};

const TABLES: Record<ProviderId, Partial<Table>> = { ringg: RINGG, ringyo: RINGYO, ringtonic: RINGTONIC };

export function statusMeaning(provider: ProviderId, status: number, errorCode?: string): StatusMeaning {
  const reason = REASONS[status] ?? (status >= 500 ? 'Server Error' : status >= 400 ? 'Client Error' : status >= 300 ? 'Redirect' : 'Success');
  const row = TABLES[provider][status] ?? (status >= 500 ? TABLES[provider]['5xx'] : undefined);
  const code = provider === 'ringyo' && errorCode ? RINGYO_CODES[errorCode] : undefined;
  if (row) {
    return { reason, meaning: code ? `${code} (${errorCode}) ${row.meaning}` : row.meaning, fix: row.fix };
  }
  if (status >= 200 && status < 300) {
    return { reason, meaning: status === 201 ? 'Created.' : status === 204 ? 'Done; no content.' : 'Success.' };
  }
  const generic = status >= 500 ? 'A server error.' : status >= 400 ? 'The request was refused.' : 'A redirect the HTTP layer did not follow.';
  return { reason, meaning: `${code ? `${code} ` : ''}${generic}${provider === 'ringtonic' ? ' Ring Tonic documents no error table.' : ''}` };
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
  readonly note?: string;
  readonly now?: number;
}

export function presentResponse(res: HttpResponse, o: PresentOptions): ResponseView {
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
    status: res.status, reason: m.reason, ok: res.status >= 200 && res.status < 300, meaning: m.meaning, fix: m.fix,
    errorDetail: detail ? scrub(o.redactor.text(detail)) : undefined,
    timeMs: Math.round(res.timeMs), size: res.body.length, attempts: res.attempts, contentType,
    headers, rateLimit: rateLimitHeaders(Object.fromEntries(headers), o.now ?? Date.now()),
    bodyKind, body, truncated, note: o.note, at: new Date(o.now ?? Date.now()).toISOString(),
  };
}
