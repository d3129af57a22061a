// Typed errors: one class per thing that can go wrong, each with the data a front end needs to tell the user
// what happened and the fix the provider's docs give (see describeError). No English for the user here: the
// CLI and the extension word it. Messages (for the log) and data never hold a key: the HTTP layer builds
// them from redacted text.
import { errorMessage } from '../errorMessage';

export type ErrorKind =
  | 'keyRejected' | 'forbidden' | 'rateLimited' | 'providerError' | 'requestError'
  | 'network' | 'timeout' | 'tooLarge' | 'malformed' | 'redirectBlocked' | 'originNotAllowed'
  | 'secretStorage' | 'keyMissing';

/** A message that came as text, not as data (an outside answer, or an error built without a reason): shown as is. */
export interface TextReason { readonly code: 'text'; readonly text: string }

/** Why a request got no answer. `where` is `GET https://host/path` (redacted); `cause` the transport's code. */
export type NetworkReason =
  | { readonly code: 'cancelled'; readonly where: string }
  | { readonly code: 'failed'; readonly where: string; readonly cause: string; readonly dropped: boolean };
export type TimeoutReason = { readonly code: 'attempt' | 'connect' | 'headers' | 'body'; readonly where: string; readonly seconds: number };
export type TooLargeReason = { readonly code: 'tooLarge'; readonly kib: number };
export type MalformedReason =
  | { readonly code: 'notJson'; readonly contentType?: string; readonly bytes: number; readonly snippet: string }
  | { readonly code: 'noWorkspaceInfo' }
  | { readonly code: 'noNewKey'; readonly contentType?: string; readonly bytes: number };
export type RedirectReason =
  | { readonly code: 'otherHost'; readonly host: string }
  | { readonly code: 'tooMany'; readonly max: number }
  | { readonly code: 'noLocation'; readonly status: number };
export type OriginReason =
  | { readonly code: 'notUrl'; readonly value: string }
  | { readonly code: 'credentials' }
  | { readonly code: 'notHttps'; readonly provider: string; readonly origin: string }
  | { readonly code: 'notDomain'; readonly provider: string; readonly domain: string; readonly host: string };
export type SecretStorageReason =
  | { readonly code: 'failed'; readonly op: 'read' | 'store' | 'delete'; readonly detail: string }
  | { readonly code: 'keyring'; readonly detail: string };
export type KeyMissingReason = { readonly code: 'noSecret'; readonly profile: string } | { readonly code: 'noProfile' };

export abstract class RingKeysError extends Error {
  abstract readonly kind: ErrorKind;
  /** HTTP status when the error came with a response. */
  readonly status?: number;
  /** `message` is for the log (English); what the user reads is rendered from `kind` and the error's data. */
  constructor(message: string, status?: number) {
    super(message);
    this.name = new.target.name;
    this.status = status;
  }
}

/** 401: the key is missing, invalid or was rotated. */
export class KeyRejectedError extends RingKeysError {
  readonly kind = 'keyRejected';
  constructor(message: string) { super(message, 401); }
}

/** 403: the key is valid but lacks permission (role, scope or plan). */
export class ForbiddenError extends RingKeysError {
  readonly kind = 'forbidden';
  constructor(message: string) { super(message, 403); }
}

/** 429 (after retries, if any were allowed). `retryAfterMs` is when the provider said to come back. */
export class RateLimitedError extends RingKeysError {
  readonly kind = 'rateLimited';
  constructor(message: string, readonly retryAfterMs?: number) { super(message, 429); }
}

/** 5xx (after retries, if any were allowed). */
export class ProviderError extends RingKeysError {
  readonly kind = 'providerError';
}

/** Any other 4xx: the request itself is wrong (400, 402, 404, 409, 422, …). `message` is the server's words (redacted). */
export class RequestError extends RingKeysError {
  readonly kind = 'requestError';
  constructor(message: string, status: number, readonly body?: unknown) { super(message, status); }
}

/** No answer: DNS, refused or reset connection. `requestSent` tells whether the server may have acted. */
export class NetworkError extends RingKeysError {
  readonly kind = 'network';
  constructor(message: string, readonly requestSent: boolean, readonly reason?: NetworkReason) { super(message); }
}

export class TimeoutError extends RingKeysError {
  readonly kind = 'timeout';
  constructor(message: string, readonly requestSent: boolean, readonly reason?: TimeoutReason) { super(message); }
}

export class ResponseTooLargeError extends RingKeysError {
  readonly kind = 'tooLarge';
  constructor(message: string, readonly reason?: TooLargeReason) { super(message); }
}

/** The body is not what was promised (HTML, truncated JSON, wrong shape). */
export class MalformedResponseError extends RingKeysError {
  readonly kind = 'malformed';
  constructor(message: string, readonly reason?: MalformedReason) { super(message); }
}

/** The provider answered with a redirect to another origin: not followed, so the key never went there. */
export class RedirectBlockedError extends RingKeysError {
  readonly kind = 'redirectBlocked';
  constructor(message: string, readonly reason?: RedirectReason) { super(message); }
}

/** A base URL that may not receive keys (not HTTPS, not the provider's domain, not loopback). */
export class OriginNotAllowedError extends RingKeysError {
  readonly kind = 'originNotAllowed';
  constructor(message: string, readonly reason?: OriginReason) { super(message); }
}

/** SecretStorage failed (on Linux: no keyring). Nothing was written anywhere else. */
export class SecretStorageError extends RingKeysError {
  readonly kind = 'secretStorage';
  constructor(message: string, readonly reason?: SecretStorageReason) { super(message); }
}

/** The profile exists but SecretStorage has no key for it (removed in another window, or lost). */
export class KeyMissingError extends RingKeysError {
  readonly kind = 'keyMissing';
  constructor(message: string, readonly reason?: KeyMissingReason) { super(message); }
}

/** May the server have acted on a request that failed this way? (Decides rotation recovery.) */
export function mayHaveReachedServer(err: unknown): boolean {
  if (err instanceof NetworkError || err instanceof TimeoutError) { return err.requestSent; }
  return err instanceof ProviderError || err instanceof MalformedResponseError || err instanceof ResponseTooLargeError;
}

/**
 * What went wrong, as data: the error's kind and its parameters. Each front end words it — the CLI in English
 * (src/cli/messages.ts), the extension through vscode.l10n.t (both from src/words/messages.ts) — with the fix from the
 * provider's docs. Every string in it that came from outside was redacted where the error was built.
 */
export type ErrorFacts =
  | { readonly kind: 'unexpected'; readonly detail: string }
  | { readonly kind: 'keyRejected' }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'rateLimited'; readonly retryAfterS?: number }
  | { readonly kind: 'providerError'; readonly status?: number }
  | { readonly kind: 'requestError'; readonly status?: number; readonly detail: string }
  | { readonly kind: 'network'; readonly reason: NetworkReason | TextReason }
  | { readonly kind: 'timeout'; readonly reason: TimeoutReason | TextReason }
  | { readonly kind: 'tooLarge'; readonly reason: TooLargeReason | TextReason }
  | { readonly kind: 'malformed'; readonly reason: MalformedReason | TextReason }
  | { readonly kind: 'redirectBlocked'; readonly reason: RedirectReason | TextReason }
  | { readonly kind: 'originNotAllowed'; readonly reason: OriginReason | TextReason }
  | { readonly kind: 'secretStorage'; readonly reason: SecretStorageReason | TextReason }
  | { readonly kind: 'keyMissing'; readonly reason: KeyMissingReason | TextReason };

export type ErrorAdvice = ErrorFacts & {
  /** The provider's name (a product name, not translated); undefined: "the provider". */
  readonly provider?: string;
  /** Whether re-entering the key is the likely fix (shows a "Re-enter Key" button). */
  readonly reenter: boolean;
};

/** The one description per error kind, as data. */
export function describeError(err: unknown, provider?: string): ErrorAdvice {
  if (!(err instanceof RingKeysError)) {
    return { kind: 'unexpected', detail: errorMessage(err), provider, reenter: false };
  }
  const text = (): TextReason => ({ code: 'text', text: err.message });
  const facts = ((): ErrorFacts => {
    switch (err.kind) {
      case 'keyRejected': return { kind: 'keyRejected' };
      case 'forbidden': return { kind: 'forbidden' };
      case 'rateLimited': {
        const ms = err instanceof RateLimitedError ? err.retryAfterMs : undefined;
        return { kind: 'rateLimited', retryAfterS: ms === undefined ? undefined : Math.ceil(ms / 1000) };
      }
      case 'providerError': return { kind: 'providerError', status: err.status };
      case 'requestError': return { kind: 'requestError', status: err.status, detail: err.message };
      case 'network': return { kind: 'network', reason: (err as NetworkError).reason ?? text() };
      case 'timeout': return { kind: 'timeout', reason: (err as TimeoutError).reason ?? text() };
      case 'tooLarge': return { kind: 'tooLarge', reason: (err as ResponseTooLargeError).reason ?? text() };
      case 'malformed': return { kind: 'malformed', reason: (err as MalformedResponseError).reason ?? text() };
      case 'redirectBlocked': return { kind: 'redirectBlocked', reason: (err as RedirectBlockedError).reason ?? text() };
      case 'originNotAllowed': return { kind: 'originNotAllowed', reason: (err as OriginNotAllowedError).reason ?? text() };
      case 'secretStorage': return { kind: 'secretStorage', reason: (err as SecretStorageError).reason ?? text() };
      case 'keyMissing': return { kind: 'keyMissing', reason: (err as KeyMissingError).reason ?? text() };
    }
  })();
  return { ...facts, provider, reenter: facts.kind === 'keyRejected' || facts.kind === 'keyMissing' };
}

/** Every kind an ErrorAdvice can have (the renderers' tests go through each). */
export const ADVICE_KINDS: ReadonlyArray<ErrorFacts['kind']> = [
  'unexpected', 'keyRejected', 'forbidden', 'rateLimited', 'providerError', 'requestError', 'network', 'timeout',
  'tooLarge', 'malformed', 'redirectBlocked', 'originNotAllowed', 'secretStorage', 'keyMissing',
];
