// Where a key may go: its provider's HTTPS origin (a host under the provider's domain, for staging),
// or loopback (the sandbox). Nothing else, ever.
import { PROVIDERS, type ProviderId } from '../providers/catalog';
import { OriginNotAllowedError } from './errors';

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/**
 * Checks a base URL for `provider` and returns it normalised (no trailing slash, no query or fragment).
 * Throws OriginNotAllowedError with the reason otherwise.
 */
export function checkBaseUrl(provider: ProviderId, raw: string): string {
  const info = PROVIDERS[provider];
  let url: URL;
  try { url = new URL(raw.trim()); } catch {
    throw new OriginNotAllowedError(`"${raw}" is not a URL.`, { code: 'notUrl', value: raw });
  }
  if (url.username || url.password) {
    throw new OriginNotAllowedError('A base URL with credentials in it is not accepted.', { code: 'credentials' });
  }
  const host = url.hostname.toLowerCase();
  const loopback = isLoopbackHost(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new OriginNotAllowedError(`${info.label} keys are only sent over HTTPS (plain http only to loopback), not to ${url.origin}.`,
      { code: 'notHttps', provider: info.label, origin: url.origin });
  }
  if (!loopback && host !== info.domain && !host.endsWith(`.${info.domain}`)) {
    throw new OriginNotAllowedError(`${info.label} keys are only sent to ${info.domain} hosts or loopback, not to ${url.host}.`,
      { code: 'notDomain', provider: info.label, domain: info.domain, host: url.host });
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Whether `target` has the same origin as `base` (a key may follow a same-origin redirect). */
export function sameOrigin(a: string, b: string): boolean {
  try { return new URL(a).origin === new URL(b).origin; } catch { return false; }
}

export interface BaseUrlSetting {
  /** Whether the workspace is trusted. */
  trusted: boolean;
  /** The user's own (machine or user-level) value. */
  userValue?: string;
  /** A value a workspace or folder tried to set (machine-scoped settings are never taken from there). */
  workspaceValue?: string;
}

/**
 * Which base URL a provider's key goes to: the user's own setting when the workspace is trusted and the
 * URL passes checkBaseUrl; otherwise the documented default (undefined). A workspace can never redirect
 * a key: its value is ignored, and so is everything in an untrusted workspace. Throws OriginNotAllowedError
 * for a user value that may not receive keys (so the user is told, rather than silently sent elsewhere).
 */
export function resolveBaseUrl(provider: ProviderId, s: BaseUrlSetting): { url?: string; ignored?: string } {
  const user = s.userValue?.trim();
  const ws = s.workspaceValue?.trim();
  const ignored = ws && ws !== user ? `a workspace setting (${ws}) is ignored: only your own machine settings may change where a key goes` : undefined;
  if (!user) { return { ignored }; }
  if (!s.trusted) { return { ignored: `your base URL setting is ignored while this workspace is not trusted${ignored ? `; ${ignored}` : ''}` }; }
  return { url: checkBaseUrl(provider, user), ignored };
}
