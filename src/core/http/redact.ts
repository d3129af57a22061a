// The one redaction function. Every path that turns outside text (API answers, headers, error bodies,
// host names, workspace names) into something a person or a file can see goes through Redactor.text:
// the HTTP layer's log lines and errors, the provider clients' summaries, the vault's persisted
// metadata, the extension's log channel, the tester's views and history, and the CLI's output.
//
// What is removed, for every key the redactor has been told about (a key sent, stored or received):
// - the key in any letter case (host names come back lower-cased from the URL parser)
// - the key URL-encoded (%XX, also double-encoded %25XX) or JSON-escaped (\uXXXX), in whole or in part
// - any run of 8 or more consecutive characters of the key (what survives a truncation), except runs
//   that lie wholly inside a public prefix such as `rg_live_`
// and, whatever the key: `api_key`-like JSON fields and `Bearer` tokens.
// What is not: encodings that do not keep the key's characters in order (base64, hashes, hex of the
// bytes), and runs of fewer than 8 characters (the masked tail `…9f7a` is 4).
//
// Truncate only after redacting (see redactThenTruncate): cutting first can split a key so that
// no full copy is left to find.
export const REDACTED = '[REDACTED]';

/**
 * The last check where one known key must not survive, whatever the redactor missed or was never told:
 * every verbatim copy of `key` in `text` becomes `replacement` ([REDACTED], or the key's mask in a list
 * that shows where it sits). The one copy of this fallback: use it rather than splitting by hand.
 */
export function scrubKey(text: string, key: string | undefined, replacement: string = REDACTED): string {
  return key && text.includes(key) ? text.split(key).join(replacement) : text;
}

/** Shortest run of a key's characters that is redacted wherever it appears. */
export const MIN_RUN = 8;

/** Body fields whose value is a key whatever it looks like. */
const SECRET_FIELDS = /^(api_key|apikey|new_api_key|x-api-key|secret|token|access_token|authorization)$/i;
/** Header names whose value carries a key. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set(['x-api-key', 'authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

const FIELD_IN_TEXT = /("(?:api_key|apikey|new_api_key|x-api-key|access_token)"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi;
const BEARER_IN_TEXT = /(\bBearer\s+)[A-Za-z0-9._~+/=-]{8,}/g;
/** Public key prefixes: a run that lies wholly inside one reveals nothing (and would hide the docs' own words). */
const PUBLIC_PREFIX = /^(?:(?:rg|vb)_(?:live|test)_|rt_|sk_|whsec_)/i;

const lowerAscii = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);
const hexVal = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1);

/**
 * The text as a stream of decoded, ASCII-lower-cased characters, each with the span of the original it
 * came from: `%41`, `%2541` and `\u0041` each read as one `a`.
 */
function decodeStream(text: string): { chars: string; start: Int32Array; end: Int32Array } {
  const n = text.length;
  const out: number[] = [];
  const start = new Int32Array(n + 1);
  const end = new Int32Array(n + 1);
  let k = 0;
  for (let i = 0; i < n;) {
    const c = text.charCodeAt(i);
    let decoded = -1;
    let len = 1;
    if (c === 37 /* % */) {
      let j = i + 1;
      if (text.charCodeAt(j) === 50 && text.charCodeAt(j + 1) === 53 && hexVal(text.charCodeAt(j + 2)) >= 0 && hexVal(text.charCodeAt(j + 3)) >= 0) { j += 2; }   // %25XX
      const h = hexVal(text.charCodeAt(j));
      const l = hexVal(text.charCodeAt(j + 1));
      if (h >= 0 && l >= 0) { decoded = h * 16 + l; len = j + 2 - i; }
    } else if (c === 92 /* \ */ && (text.charCodeAt(i + 1) === 117 || text.charCodeAt(i + 1) === 120)) {   // \uXXXX, \xXX
      const digits = text.charCodeAt(i + 1) === 117 ? 4 : 2;
      let v = 0;
      let ok = true;
      for (let d = 0; d < digits; d++) {
        const x = hexVal(text.charCodeAt(i + 2 + d));
        if (x < 0) { ok = false; break; }
        v = v * 16 + x;
      }
      if (ok) { decoded = v; len = 2 + digits; }
    }
    out.push(lowerAscii(decoded >= 0 ? decoded : c));
    start[k] = i;
    end[k] = i + len;
    k++;
    i += len;
  }
  return { chars: fromCodes(out), start: start.subarray(0, k), end: end.subarray(0, k) };
}

/** String.fromCharCode takes a bounded argument list: feed it in chunks. */
function fromCodes(codes: number[]): string {
  let s = '';
  for (let i = 0; i < codes.length; i += 60_000) { s += String.fromCharCode(...codes.slice(i, i + 60_000)); }
  return s;
}

export class Redactor {
  private readonly secrets = new Set<string>();
  /** Every run of MIN_RUN characters of every secret (lower-cased), outside public prefixes. */
  private readonly grams = new Set<string>();
  /** Secrets shorter than MIN_RUN: matched whole, in any case. */
  private readonly short = new Set<string>();
  /** Runs wholly inside a public prefix: redacted only as the start of a longer run. */
  private readonly prefixGrams = new Set<string>();
  /** First characters of the grams, for a cheap pre-check. */
  private readonly firstChars = new Set<string>();

  /** Remember a secret (a key sent, stored or received) so that it is redacted from now on. */
  add(secret: string | undefined): void {
    const s = secret?.trim();
    if (!s || s.length < 4 || this.secrets.has(s)) { return; }
    this.secrets.add(s);
    const lower = s.toLowerCase();
    if (s.length < MIN_RUN) { this.short.add(lower); return; }
    const prefix = PUBLIC_PREFIX.exec(s)?.[0].length ?? 0;
    for (let i = 0; i + MIN_RUN <= lower.length; i++) {
      const g = lower.slice(i, i + MIN_RUN);
      (i + MIN_RUN <= prefix ? this.prefixGrams : this.grams).add(g);
      this.firstChars.add(g[0]);
    }
  }

  /** Whether any secret is known (callers may skip work otherwise). */
  get empty(): boolean { return this.secrets.size === 0; }

  /** The one redaction function: see the top of this file for what it removes. */
  text(input: string): string {
    let out = this.secrets.size ? this.removeRuns(input) : input;
    for (const s of this.short) {
      const lower = out.toLowerCase();
      if (!lower.includes(s)) { continue; }
      let r = '';
      let from = 0;
      for (let at = lower.indexOf(s); at >= 0; at = lower.indexOf(s, at + s.length)) {
        r += out.slice(from, at) + REDACTED;
        from = at + s.length;
      }
      out = r + out.slice(from);
    }
    return out.replace(FIELD_IN_TEXT, `$1${REDACTED}$3`).replace(BEARER_IN_TEXT, `$1${REDACTED}`);
  }

  private removeRuns(input: string): string {
    if (!this.grams.size || input.length < MIN_RUN) { return input; }
    const { chars, start, end } = decodeStream(input);
    const n = chars.length;
    // mark every decoded position covered by a gram of a secret; merge into spans of the original
    const spans: Array<[number, number]> = [];
    let coverEnd = -1;   // decoded index one past the last covered position
    let spanStart = -1;
    let prefixAt = -1;   // where the latest public-prefix run began
    for (let i = 0; i + MIN_RUN <= n; i++) {
      if (!this.firstChars.has(chars[i])) { continue; }
      const g = chars.slice(i, i + MIN_RUN);
      if (!this.grams.has(g)) {
        if (this.prefixGrams.has(g) && i > coverEnd) { prefixAt = i; }
        continue;
      }
      if (i > coverEnd || spanStart < 0) {
        if (spanStart >= 0) { spans.push([start[spanStart], end[coverEnd - 1]]); }
        // a secret run that continues a public prefix takes the prefix with it
        spanStart = prefixAt >= 0 && i - prefixAt <= MIN_RUN ? prefixAt : i;
      }
      coverEnd = i + MIN_RUN;
    }
    if (spanStart < 0) { return input; }
    spans.push([start[spanStart], end[coverEnd - 1]]);
    let out = '';
    let from = 0;
    for (const [a, b] of spans) { out += input.slice(from, a) + REDACTED; from = b; }
    return out + input.slice(from);
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

  /** Redact, then cut to `max` characters (with an ellipsis): never the other way round. */
  truncated(input: string, max: number): string {
    // only the head can be shown, but a key that starts inside it may end beyond it: redact a margin
    const margin = MIN_RUN * 64;
    const head = this.text(input.length > max + margin ? input.slice(0, max + margin) : input);
    return head.length > max || input.length > max + margin ? `${head.slice(0, max)}…` : head;
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
