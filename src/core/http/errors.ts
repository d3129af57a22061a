// Typed errors: one class per thing that can go wrong, each mapped to one user message and the fix
// the provider's docs give (see describeError). Messages never hold a key: the HTTP layer builds
// them from redacted text.

export type ErrorKind =
  | 'keyRejected' | 'forbidden' | 'rateLimited' | 'providerError' | 'requestError'
  | 'network' | 'timeout' | 'tooLarge' | 'malformed' | 'redirectBlocked' | 'originNotAllowed'
  | 'secretStorage' | 'keyMissing';

export abstract class RingKeysError extends Error {
  abstract readonly kind: ErrorKind;
  /** HTTP status when the error came with a response. */
  readonly status?: number;
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

/** Any other 4xx: the request itself is wrong (400, 402, 404, 409, 422, …). */
export class RequestError extends RingKeysError {
  readonly kind = 'requestError';
  constructor(message: string, status: number, readonly body?: unknown) { super(message, status); }
}

/** No answer: DNS, refused or reset connection. `requestSent` tells whether the server may have acted. */
export class NetworkError extends RingKeysError {
  readonly kind = 'network';
  constructor(message: string, readonly requestSent: boolean) { super(message); }
}

export class TimeoutError extends RingKeysError {
  readonly kind = 'timeout';
  constructor(message: string, readonly requestSent: boolean) { super(message); }
}

export class ResponseTooLargeError extends RingKeysError {
  readonly kind = 'tooLarge';
}

/** The body is not what was promised (HTML, truncated JSON, wrong shape). */
export class MalformedResponseError extends RingKeysError {
  readonly kind = 'malformed';
}

/** The provider answered with a redirect to another origin: not followed, so the key never went there. */
export class RedirectBlockedError extends RingKeysError {
  readonly kind = 'redirectBlocked';
}

/** A base URL that may not receive keys (not HTTPS, not the provider's domain, not loopback). */
export class OriginNotAllowedError extends RingKeysError {
  readonly kind = 'originNotAllowed';
}

/** SecretStorage failed (on Linux: no keyring). Nothing was written anywhere else. */
export class SecretStorageError extends RingKeysError {
  readonly kind = 'secretStorage';
}

/** The profile exists but SecretStorage has no key for it (removed in another window, or lost). */
export class KeyMissingError extends RingKeysError {
  readonly kind = 'keyMissing';
}

/** May the server have acted on a request that failed this way? (Decides rotation recovery.) */
export function mayHaveReachedServer(err: unknown): boolean {
  if (err instanceof NetworkError || err instanceof TimeoutError) { return err.requestSent; }
  return err instanceof ProviderError || err instanceof MalformedResponseError || err instanceof ResponseTooLargeError;
}

export interface ErrorAdvice {
  /** One line for a notification. */
  readonly message: string;
  /** What to do about it, from the provider docs' troubleshooting table. */
  readonly fix: string;
  /** Whether re-entering the key is the likely fix (shows a "Re-enter Key" button). */
  readonly reenter: boolean;
}

/** The one user message per error kind. */
export function describeError(err: unknown, providerLabel = 'The provider'): ErrorAdvice {
  if (!(err instanceof RingKeysError)) {
    return { message: `Unexpected error: ${err instanceof Error ? err.message : String(err)}`, fix: 'See the Ring Keys log for details.', reenter: false };
  }
  switch (err.kind) {
    case 'keyRejected':
      return { message: `${providerLabel} rejected the key (401): it is missing, invalid or was rotated.`,
        fix: 'Re-enter the current key from the dashboard, and redeploy any service that uses the old one.', reenter: true };
    case 'forbidden':
      return { message: `${providerLabel} accepted the key but refused this action (403).`,
        fix: 'Check the workspace role or the key\'s permissions (and the plan) in the dashboard.', reenter: false };
    case 'rateLimited': {
      const wait = err instanceof RateLimitedError && err.retryAfterMs !== undefined ? ` Try again in ${Math.ceil(err.retryAfterMs / 1000)} s.` : '';
      return { message: `${providerLabel} is rate-limiting this key (429).${wait}`, fix: 'Back off and retry later; lower the request rate in settings.', reenter: false };
    }
    case 'providerError':
      return { message: `${providerLabel} had a problem (${err.status ?? '5xx'}); retries did not help.`, fix: 'This is on the provider\'s side: try again later.', reenter: false };
    case 'requestError':
      return { message: `${providerLabel} refused the request (${err.status}): ${err.message}`, fix: 'Fix the request parameters or body.', reenter: false };
    case 'network':
      return { message: `Could not reach ${providerLabel}: ${err.message}`, fix: 'Check the network connection and the base URL setting.', reenter: false };
    case 'timeout':
      return { message: `${providerLabel} did not answer in time: ${err.message}`, fix: 'Try again; if the network is slow, allow more time (setting ringKeys.http.timeoutSeconds, or --timeout).', reenter: false };
    case 'tooLarge':
      return { message: err.message, fix: 'The answer was cut off to protect memory.', reenter: false };
    case 'malformed':
      return { message: `${providerLabel} sent an answer that is not the expected JSON: ${err.message}`, fix: 'Check the base URL points at the API; try again later.', reenter: false };
    case 'redirectBlocked':
      return { message: err.message, fix: 'Check the base URL setting; the key was not sent to the other host.', reenter: false };
    case 'originNotAllowed':
      return { message: err.message, fix: 'Use the provider\'s HTTPS host or a loopback address (the sandbox).', reenter: false };
    case 'secretStorage':
      return { message: err.message, fix: 'On Linux, install and unlock a keyring (gnome-keyring or KWallet) or run VS Code with --password-store=basic; nothing was written to a file.', reenter: false };
    case 'keyMissing':
      return { message: err.message, fix: 'Re-enter the key.', reenter: true };
  }
}
