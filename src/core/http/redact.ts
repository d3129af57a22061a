// Redaction at the HTTP layer, so no caller can forget: every secret the layer has carried, and any
// `api_key` / `new_api_key` field (Ringg's GET /workspace echoes the key), becomes [REDACTED] in log
// lines, error messages and bodies handed to views.
export const REDACTED = '[REDACTED]';

/** Body fields whose value is a key whatever it looks like. */
const SECRET_FIELDS = /^(api_key|apikey|new_api_key|x-api-key|secret|token|access_token|authorization)$/i;
/** Header names whose value carries a key. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set(['x-api-key', 'authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

const FIELD_IN_TEXT = /("(?:api_key|apikey|new_api_key|x-api-key|access_token)"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi;
const BEARER_IN_TEXT = /(\bBearer\s+)[A-Za-z0-9._~+/=-]{8,}/g;

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remember a secret (a key sent or received) so that it is redacted from now on. */
  add(secret: string | undefined): void {
    const s = secret?.trim();
    if (s && s.length >= 4) { this.secrets.add(s); }
  }

  text(input: string): string {
    let out = input;
    for (const s of this.secrets) {
      if (out.includes(s)) { out = out.split(s).join(REDACTED); }
    }
    return out.replace(FIELD_IN_TEXT, `$1${REDACTED}$3`).replace(BEARER_IN_TEXT, `$1${REDACTED}`);
  }

  /** A deep copy of parsed JSON with secret fields and known secrets redacted. */
  json<T>(value: T): T {
    return redactValue(value, this) as T;
  }

  headers(headers: Record<string, string | string[] | undefined>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, v] of Object.entries(headers)) {
      if (v === undefined) { continue; }
      const value = Array.isArray(v) ? v.join(', ') : v;
      out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : this.text(value);
    }
    return out;
  }
}

function redactValue(value: unknown, r: Redactor): unknown {
  if (typeof value === 'string') { return r.text(value); }
  if (Array.isArray(value)) { return value.map(v => redactValue(v, r)); }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_FIELDS.test(k) && v !== null && v !== undefined && v !== '' ? REDACTED : redactValue(v, r);
    }
    return out;
  }
  return value;
}
