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
    throw new OriginNotAllowedError(`"${raw}" is not a URL.`);
  }
  if (url.username || url.password) {
    throw new OriginNotAllowedError('A base URL with credentials in it is not accepted.');
  }
  const host = url.hostname.toLowerCase();
  const loopback = isLoopbackHost(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new OriginNotAllowedError(`${info.label} keys are only sent over HTTPS (plain http only to loopback), not to ${url.origin}.`);
  }
  if (!loopback && host !== info.domain && !host.endsWith(`.${info.domain}`)) {
    throw new OriginNotAllowedError(`${info.label} keys are only sent to ${info.domain} hosts or loopback, not to ${url.host}.`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Whether `target` has the same origin as `base` (a key may follow a same-origin redirect). */
export function sameOrigin(a: string, b: string): boolean {
  try { return new URL(a).origin === new URL(b).origin; } catch { return false; }
}
