// "Copy as cURL": the request as a shell command whose key is an environment variable reference
// ($RINGG_API_KEY, $RINGYO_API_KEY, $RINGTONIC_API_KEY), never the key itself. No `vscode` import.
import { PROVIDERS, type ProviderId } from '../providers/catalog';
import type { BuiltRequest } from './request';

export interface CurlOptions {
  readonly provider: ProviderId;
  /** The provider's checked base URL. */
  readonly baseUrl: string;
  readonly request: BuiltRequest;
  /** Extra headers sent with the request (e.g. Idempotency-Key); never the key's header. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Applied to the URL, header values and the body first (the HTTP layer's redactor: known keys, api_key fields). */
  readonly redact?: (text: string) => string;
}

/** POSIX shell single-quoting: nothing inside is expanded. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The header that carries the key, with the key as a variable reference (inside double quotes, so it expands). */
export function authHeaderLine(provider: ProviderId): string {
  const v = `$${PROVIDERS[provider].envVar}`;
  return PROVIDERS[provider].auth === 'x-api-key' ? `"X-API-KEY: ${v}"` : `"Authorization: Bearer ${v}"`;
}

export function toCurl(opts: CurlOptions): string {
  const redact = opts.redact ?? (s => s);
  const { method, path, body } = opts.request;
  const url = redact(opts.baseUrl.replace(/\/+$/, '') + path);
  const lines = [`curl -sS${method === 'GET' ? '' : ` -X ${method}`} ${shellQuote(url)}`];
  lines.push(`-H ${authHeaderLine(opts.provider)}`);
  lines.push(`-H ${shellQuote('Accept: application/json')}`);
  for (const [name, value] of Object.entries(opts.headers ?? {})) {
    if (/^(x-api-key|authorization)$/i.test(name)) { continue; }
    lines.push(`-H ${shellQuote(`${name}: ${redact(value)}`)}`);
  }
  if (body !== undefined) {
    lines.push(`-H ${shellQuote('Content-Type: application/json')}`);
    lines.push(`--data-raw ${shellQuote(redact(body))}`);
  }
  return lines.join(' \\\n  ');
}
