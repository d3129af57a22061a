// The one HTTP layer every request goes through (verify, rotate, workspace info, the request tester,
// the CLI). undici underneath, with an injectable Dispatcher (MockAgent in tests) and clock.
//
// - connect / headers / body timeouts and an overall deadline; a response-size cap
// - retries with jittered exponential backoff for GET/HEAD only, on 429/502/503/504 and network
//   errors, honouring Retry-After and X-RateLimit-Reset, within a bounded total; never for
//   POST/PATCH/PUT/DELETE (a retried rotation would rotate twice and lose a key)
// - a client-side rate limiter per key
// - redirects: followed only within the same origin; another origin is refused, so a key never goes there
// - every log line and error message is redacted here, so no caller can forget
import type { Dispatcher } from 'undici';
import { type Logger, nullLogger, scoped } from '../log';
import {
  ForbiddenError, KeyRejectedError, MalformedResponseError, NetworkError, ProviderError, RateLimitedError,
  RedirectBlockedError, RequestError, ResponseTooLargeError, RingKeysError, TimeoutError,
} from './errors';
import { sameOrigin } from './origin';
import { RateLimiter } from './rateLimit';
import { Redactor } from './redact';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** An AbortSignal's reason as an Error (abort() with no argument gives a DOMException, which is one). */
function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason));
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise((resolve, reject) => {
    if (signal?.aborted) { reject(abortReason(signal)); return; }
    const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(abortReason(signal!)); };
    signal?.addEventListener('abort', onAbort, { once: true });
  }),
};

export interface HttpLimits {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Deadline for one attempt, from sending to the last byte. */
  attemptTimeoutMs: number;
  maxResponseBytes: number;
  /** Attempts in all for a retryable request (1 = no retry). */
  maxAttempts: number;
  /** Total time that may be spent waiting between attempts. */
  retryBudgetMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRedirects: number;
}

export const DEFAULT_LIMITS: HttpLimits = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 15_000,
  attemptTimeoutMs: 30_000,
  maxResponseBytes: 5 * 1024 * 1024,
  maxAttempts: 4,
  retryBudgetMs: 20_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRedirects: 3,
};

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  /** Text, or bytes (a request file's multipart body with file parts). */
  body?: string | Uint8Array;
  /** The key and the headers that carry it. The key is redacted from everything this layer says. */
  auth?: { key: string; headers: Record<string, string> };
  /** Rate-limit bucket (e.g. provider + key fingerprint) and its budget per minute. */
  rateLimit?: { bucket: string; perMinute: number };
  /** Retry on 429/5xx/network errors. Only honoured for GET and HEAD. Default: true for those. */
  retry?: boolean;
  signal?: AbortSignal;
  /** Overrides for this request (the CLI's --timeout). */
  limits?: Partial<HttpLimits>;
}

export interface HttpResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  readonly timeMs: number;
  readonly attempts: number;
  text(): string;
}

export interface HttpClientOptions {
  dispatcher?: Dispatcher;
  logger?: Logger;
  clock?: Clock;
  random?: () => number;
  limits?: Partial<HttpLimits>;
  redactor?: Redactor;
  rateLimiter?: RateLimiter;
}

/**
 * undici is most of the bundle (about 520 KB of 680 KB minified): it is loaded on the first request,
 * never at start-up. The build ships it as a bundle of its own (dist/undici.js, see esbuild.mjs), so
 * the extension host neither parses nor runs it until a request is made.
 */
let undiciModule: Promise<typeof import('undici')> | undefined;
function undici(): Promise<typeof import('undici')> {
  undiciModule ??= import('undici');
  return undiciModule;
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const NOT_SENT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET_BEFORE_SEND']);

export class HttpClient {
  readonly redactor: Redactor;
  /** The injected dispatcher, or our own Agent, made on the first request (see undici() above). */
  private dispatcher: Dispatcher | undefined;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly limits: HttpLimits;
  private readonly rateLimiter: RateLimiter;

  constructor(opts: HttpClientOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.dispatcher = opts.dispatcher;
    this.log = scoped(opts.logger ?? nullLogger, 'http');
    this.clock = opts.clock ?? systemClock;
    this.random = opts.random ?? Math.random;
    this.redactor = opts.redactor ?? new Redactor();
    this.rateLimiter = opts.rateLimiter ?? new RateLimiter(this.clock);
  }

  /**
   * Sends a request and returns the final response whatever its status (the request tester shows
   * 4xx/5xx answers). Throws only when there is no usable response: network, timeout, size cap,
   * cross-origin redirect, or a client-side rate limit that would wait too long.
   */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const limits = { ...this.limits, ...req.limits };
    if (req.auth) { this.redactor.add(req.auth.key); }
    const retryable = (req.method === 'GET' || req.method === 'HEAD') && req.retry !== false;
    const maxAttempts = retryable ? Math.max(1, limits.maxAttempts) : 1;
    const started = this.clock.now();
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      if (req.rateLimit) {
        await this.rateLimiter.acquire(req.rateLimit.bucket, req.rateLimit.perMinute, limits.retryBudgetMs, req.signal);
      }
      let res: HttpResponse | undefined;
      let failure: Error | undefined;
      try {
        res = await this.attempt(req, limits, attempt, started);
      } catch (err) {
        failure = err instanceof Error ? err : new Error(String(err));
      }
      if (res && req.rateLimit) { this.rateLimiter.observe(req.rateLimit.bucket, res.headers); }
      const canRetry = attempt < maxAttempts && (
        (res !== undefined && RETRY_STATUSES.has(res.status)) ||
        failure instanceof NetworkError || failure instanceof TimeoutError);
      if (!canRetry) {
        if (failure) { throw failure; }
        return res!;
      }
      const delay = this.retryDelay(attempt, limits, res);
      if (waited + delay > limits.retryBudgetMs) {
        this.log.warn(`${req.method} ${this.redactor.text(req.url)}: giving up after ${attempt} attempt(s); next retry in ${delay} ms exceeds the ${limits.retryBudgetMs} ms budget`);
        if (failure) { throw failure; }
        return res!;
      }
      this.log.warn(`${req.method} ${this.redactor.text(req.url)}: ${res ? `status ${res.status}` : (failure as Error).message}; retry ${attempt}/${maxAttempts - 1} in ${delay} ms`);
      await this.clock.sleep(delay, req.signal);
      waited += delay;
    }
  }

  /** `send`, then a 2xx JSON body parsed, or the typed error for the status. */
  async json<T = unknown>(req: HttpRequest, providerLabel = 'The provider'): Promise<{ data: T; response: HttpResponse }> {
    const response = await this.send({ ...req, headers: { accept: 'application/json', ...req.headers } });
    throwForStatus(response, this.redactor, providerLabel);
    return { data: parseJson<T>(response, this.redactor), response };
  }

  private retryDelay(attempt: number, limits: HttpLimits, res: HttpResponse | undefined): number {
    const told = res ? serverDelayMs(res.headers, this.clock.now()) : undefined;
    if (told !== undefined) { return Math.min(told, limits.retryBudgetMs + 1); }
    const cap = Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(cap / 2 + this.random() * cap / 2);   // "equal jitter": never 0, never above the cap
  }

  private async attempt(req: HttpRequest, limits: HttpLimits, attempt: number, started: number): Promise<HttpResponse> {
    let url = req.url;
    const headers: Record<string, string> = { 'user-agent': 'ring-keys', ...req.headers, ...req.auth?.headers };
    if (req.body !== undefined && !Object.keys(headers).some(h => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
    for (let hop = 0; ; hop++) {
      const deadline = AbortSignal.timeout(limits.attemptTimeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
      const t0 = this.clock.now();
      this.log.debug(`→ ${req.method} ${this.redactor.text(url)}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
      const { request, Agent } = await undici();
      this.dispatcher ??= new Agent({
        connect: { timeout: this.limits.connectTimeoutMs },
        headersTimeout: this.limits.headersTimeoutMs,
        bodyTimeout: this.limits.bodyTimeoutMs,
      });
      let res: Dispatcher.ResponseData;
      try {
        res = await request(url, {
          dispatcher: this.dispatcher, method: req.method, headers, body: req.body, signal,
          headersTimeout: limits.headersTimeoutMs, bodyTimeout: limits.bodyTimeoutMs,
        });
      } catch (err) {
        throw this.transportError(err, req, url, deadline, limits);
      }
      const resHeaders = flattenHeaders(res.headers);
      if (res.statusCode >= 300 && res.statusCode < 400 && resHeaders.location) {
        res.body.resume();
        const target = new URL(resHeaders.location, url).toString();
        if (!sameOrigin(target, url)) {
          this.log.warn(`${req.method} ${this.redactor.text(url)}: redirect to ${this.redactor.text(new URL(target).origin)} refused`);
          const host = this.redactor.text(new URL(target).host);
          throw new RedirectBlockedError(`The server redirected to another host (${host}); the redirect was not followed, so the key was not sent there.`, { code: 'otherHost', host });
        }
        if (hop >= limits.maxRedirects) { throw new RedirectBlockedError(`Too many redirects (more than ${limits.maxRedirects}).`, { code: 'tooMany', max: limits.maxRedirects }); }
        url = target;
        continue;
      }
      let body: Buffer;
      try {
        body = await readCapped(res.body, limits.maxResponseBytes);
      } catch (err) {
        if (err instanceof ResponseTooLargeError) {
          this.log.warn(`${req.method} ${this.redactor.text(url)}: ${err.message}`);
          throw err;
        }
        throw this.transportError(err, req, url, deadline, limits, true);
      }
      const timeMs = this.clock.now() - t0;
      this.log.debug(`← ${res.statusCode} ${req.method} ${this.redactor.text(url)} ${timeMs} ms, ${body.length} B`);
      return {
        url, status: res.statusCode, headers: resHeaders, body, timeMs: this.clock.now() - started, attempts: attempt,
        text: () => body.toString('utf8'),
      };
    }
  }

  private transportError(err: unknown, req: HttpRequest, url: string, deadline: AbortSignal, limits: HttpLimits, gotHeaders = false): RingKeysError {
    if (err instanceof RingKeysError) { return err; }
    const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
    const code = e.code ?? e.cause?.code ?? '';
    const where = `${req.method} ${this.redactor.text(new URL(url).origin + new URL(url).pathname)}`;
    let out: RingKeysError;
    if (req.signal?.aborted) {
      out = new NetworkError(`${where} was cancelled`, true, { code: 'cancelled', where });
    } else if (deadline.aborted) {
      out = new TimeoutError(`${where}: no complete answer within ${limits.attemptTimeoutMs / 1000} s`, true, { code: 'attempt', where, seconds: limits.attemptTimeoutMs / 1000 });
    } else if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      out = new TimeoutError(`${where}: could not connect within ${limits.connectTimeoutMs / 1000} s`, false, { code: 'connect', where, seconds: limits.connectTimeoutMs / 1000 });
    } else if (code === 'UND_ERR_HEADERS_TIMEOUT') {
      out = new TimeoutError(`${where}: no response headers within ${limits.headersTimeoutMs / 1000} s`, true, { code: 'headers', where, seconds: limits.headersTimeoutMs / 1000 });
    } else if (code === 'UND_ERR_BODY_TIMEOUT') {
      out = new TimeoutError(`${where}: the response body stalled for ${limits.bodyTimeoutMs / 1000} s`, true, { code: 'body', where, seconds: limits.bodyTimeoutMs / 1000 });
    } else {
      const sent = gotHeaders || !NOT_SENT_CODES.has(code);
      const cause = this.redactor.text(code || e.message || 'connection failed');
      out = new NetworkError(`${where}: ${cause}${sent ? ' (the connection dropped after the request was sent)' : ''}`, sent, { code: 'failed', where, cause, dropped: sent });
    }
    this.log.warn(this.redactor.text(out.message));
    return out;
  }
}

/** Maps a non-2xx response to its typed error (message from any documented error-body shape). */
export function throwForStatus(res: HttpResponse, redactor: Redactor, providerLabel: string): void {
  if (res.status >= 200 && res.status < 300) { return; }
  const detail = redactor.text(errorDetail(res) ?? '');
  const suffix = detail ? `: ${detail}` : '';
  if (res.status === 401) { throw new KeyRejectedError(`${providerLabel} answered 401${suffix}`); }
  if (res.status === 403) { throw new ForbiddenError(`${providerLabel} answered 403${suffix}`); }
  if (res.status === 429) {
    throw new RateLimitedError(`${providerLabel} answered 429${suffix}`, serverDelayMs(res.headers, Date.now()));
  }
  if (res.status >= 500) { throw new ProviderError(`${providerLabel} answered ${res.status}${suffix}`, res.status); }
  if (res.status >= 300 && res.status < 400) {
    throw new RedirectBlockedError(`${providerLabel} answered ${res.status} without a usable Location; not followed.`, { code: 'noLocation', status: res.status });
  }
  throw new RequestError(detail || `status ${res.status}`, res.status);
}

export function parseJson<T>(res: HttpResponse, redactor: Redactor): T {
  const text = res.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    const type = res.headers['content-type'] ?? 'no content type';
    // redact the whole preview first, then cut: a key cut in two would slip past redaction
    const snippet = redactor.truncated(text.slice(0, 4096).replace(/\s+/g, ' '), 80);
    const contentType = redactor.truncated(type, 80);
    throw new MalformedResponseError(`expected JSON, got ${contentType} (${res.body.length} B): "${snippet}"`,
      { code: 'notJson', contentType: res.headers['content-type'] === undefined ? undefined : contentType, bytes: res.body.length, snippet });
  }
}

/**
 * The message inside any of the documented error bodies: `{detail: "…"}`, `{error: {code, message}}`,
 * `{detail: {code, message}}`, FastAPI's `{detail: [{loc, msg}]}`, or `{message}`.
 */
export function errorDetail(res: HttpResponse): string | undefined {
  const scalar = (v: unknown): string => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
  let body: unknown;
  try { body = JSON.parse(res.text()); } catch { return undefined; }
  if (!body || typeof body !== 'object') { return undefined; }
  const b = body as Record<string, unknown>;
  const fromObj = (o: unknown): string | undefined => {
    if (typeof o === 'string') { return o; }
    if (Array.isArray(o)) {
      return o.map(i => (i && typeof i === 'object')
        ? `${Array.isArray((i as Record<string, unknown>).loc) ? ((i as Record<string, unknown>).loc as unknown[]).join('.') + ': ' : ''}${scalar((i as Record<string, unknown>).msg)}`
        : String(i)).join('; ');
    }
    if (o && typeof o === 'object') {
      const r = o as Record<string, unknown>;
      const msg = typeof r.message === 'string' ? r.message : undefined;
      const code = typeof r.code === 'string' ? r.code : undefined;
      return msg && code ? `${msg} (${code})` : msg ?? code;
    }
    return undefined;
  };
  return fromObj(b.error) ?? fromObj(b.detail) ?? fromObj(b.message);
}

/** When the server said to come back: Retry-After (seconds or HTTP date), else X-RateLimit-Reset (Unix s). */
export function serverDelayMs(headers: Record<string, string>, now: number): number | undefined {
  const ra = headers['retry-after'];
  if (ra !== undefined) {
    if (/^\d+(\.\d+)?$/.test(ra.trim())) { return Math.round(Number(ra) * 1000); }
    const at = Date.parse(ra);
    if (!Number.isNaN(at)) { return Math.max(0, at - now); }
  }
  const reset = headers['x-ratelimit-reset'];
  const remaining = headers['x-ratelimit-remaining'];
  if (reset !== undefined && /^\d+$/.test(reset.trim()) && (remaining === undefined || Number(remaining) <= 0)) {
    const ms = Number(reset) * 1000 - now;
    if (ms >= 0 && ms <= 3_600_000) { return ms; }
  }
  return undefined;
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v !== undefined) { out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v; }
  }
  return out;
}

async function readCapped(body: Dispatcher.ResponseData['body'], max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > max) {
      body.destroy();
      throw new ResponseTooLargeError(`The response was larger than ${Math.round(max / 1024)} KiB and was cut off.`, { code: 'tooLarge', kib: Math.round(max / 1024) });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
