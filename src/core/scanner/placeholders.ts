// What a key-shaped value must not be: a placeholder, an environment or template reference, a hash, a
// documentation example. Every function here looks at one bounded value (≤ MAX_TOKEN chars). No `vscode`.

/** Longest value considered a key (a JWT can be long; anything longer is data, not a credential). */
export const MAX_TOKEN = 1024;

/** The providers' own documentation examples: published, so not a leak (providers.md §1.2). */
const DOC_EXAMPLES = new Set([
  '7251cb4b-3373-43a4-844c-b27a1d45e0c9',
  'e89b12d3-a456-426c-8001-f05de02b54b4',
]);

const PLACEHOLDER_WORDS = [
  'your', 'xxxx', 'example', 'placeholder', 'redacted', 'changeme', 'change_me', 'change-me', 'dummy', 'sample',
  'insert', 'replace', 'here', 'fake', 'todo', 'fixme', '***', '...', '\u2026', '<', '>', 'api_key', 'apikey',
  'api-key', 'token', 'secret', 'my_key', 'mykey', 'notreal', 'not_real', 'not-a-',
];

/** A value anyone would recognise as a stand-in (also the docs' examples and sequences like 12345678). */
export function isPlaceholder(value: string): boolean {
  const lower = value.toLowerCase();
  if (DOC_EXAMPLES.has(lower)) { return true; }
  // a value of hex digits and dashes (every UUID) can hold only the words made of those
  for (const w of isHexOrDash(lower) ? HEX_PLACEHOLDER_WORDS : PLACEHOLDER_WORDS) {
    if (lower.includes(w)) { return true; }
  }
  return lowVariety(lower) || hasSequence(lower);
}

const HEX_PLACEHOLDER_WORDS = PLACEHOLDER_WORDS.filter(w => /^[0-9a-f-]+$/.test(w));
const UUID_DOC_EXAMPLES = [...DOC_EXAMPLES].filter(x => x.length === 36);

/**
 * isPlaceholder for the UUID at text[s, s + 36), read in place (no string made: it runs for every UUID of a
 * flood). A UUID holds no placeholder word (none is made of hex digits and dashes), so it is a placeholder when
 * it is a documentation example, has three or fewer distinct digits, or eight ascending ones in a row.
 */
export function isUuidPlaceholder(text: string, s: number): boolean {
  if (HEX_PLACEHOLDER_WORDS.length) { return isPlaceholder(text.slice(s, s + 36)); }
  for (const ex of UUID_DOC_EXAMPLES) {
    let i = 0;
    while (i < 36 && (text.charCodeAt(s + i) | 32) === ex.charCodeAt(i)) { i++; }
    if (i === 36) { return true; }
  }
  // lowVariety and hasSequence in one pass; `| 32` makes A-F lower case and leaves digits and dashes as they are
  let a = -1; let b = -1; let c3 = -1; let variety = true;
  let run = 1;
  for (let i = 0; i < 36; i++) {
    const c = text.charCodeAt(s + i) | 32;
    if (c === 45) { continue; }
    if (variety && c !== a && c !== b && c !== c3) {
      if (a === -1) { a = c; } else if (b === -1) { b = c; } else if (c3 === -1) { c3 = c; } else { variety = false; }
    }
    if (i === 0) { continue; }
    const p = text.charCodeAt(s + i - 1) | 32;
    run = c === p + 1 || (p === 45 && i >= 2 && c === (text.charCodeAt(s + i - 2) | 32) + 1) ? run + 1 : 1;
    if (run >= 8) { return true; }
  }
  return variety;
}

function isHexOrDash(lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || c === 45)) { return false; }
  }
  return true;
}

/** Three or fewer distinct characters (aaaa…, 0000-0000-…, x-x-x). */
function lowVariety(lower: string): boolean {
  if (lower.length < 8) { return false; }
  // the (at most three) characters seen so far, in three numbers: no Set made for every key checked
  let a = -1; let b = -1; let c3 = -1;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c === 45 || c === 95 || c === a || c === b || c === c3) { continue; }   // - _, or seen
    if (a === -1) { a = c; } else if (b === -1) { b = c; } else if (c3 === -1) { c3 = c; } else { return false; }
  }
  return true;
}

/** Eight ascending characters in a row (abcdefgh, 12345678, aBcDeFgH…): a typed example, never random. */
function hasSequence(lower: string): boolean {
  let run = 1;
  for (let i = 1; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    const p = lower.charCodeAt(i - 1);
    if (c === 45) { continue; }
    run = c === p + 1 || (p === 45 && i >= 2 && c === lower.charCodeAt(i - 2) + 1) ? run + 1 : 1;
    if (run >= 8) { return true; }
  }
  return false;
}

const REFERENCE_PREFIXES = [
  '$', '%', '{{', '#{', '@{', 'process.env', 'import.meta.env', 'os.environ', 'os.getenv', 'getenv(', 'env(', 'env.',
  'env[', 'system.getenv', 'environment.getenvironmentvariable', 'secrets.', 'vars.', 'config.', 'settings.',
];

/** An environment or template reference (`process.env.X`, `os.environ[...]`, `${{ secrets.X }}`, `$VAR`, `{{VAR}}`, `%VAR%`). */
export function isReference(value: string): boolean {
  const lower = value.toLowerCase();
  for (const p of REFERENCE_PREFIXES) {
    if (lower.startsWith(p)) { return true; }
  }
  return lower.includes('${') || lower.includes('{{');
}

/** `sha256:…`, `sha512-…` (integrity), `md5:…`: a digest, not a credential. */
export function isHashLiteral(value: string): boolean {
  return /^(?:sha(?:1|224|256|384|512)|md5|blake2b?|xxh64)[:-]/i.test(value);
}

/** A name that holds a digest of something (api_key_hash, tokenSha256, checksum). */
export function isHashName(normalized: string): boolean {
  return /(?:^|_)(?:hash|hashed|sha\d*|digest|checksum|fingerprint|integrity|hmac|md5)(?:_|$)/.test(normalized);
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;

/**
 * Could this value be an API key of unknown format (Ring Tonic, a Bearer token)? 12–1024 token characters,
 * not a URL, path, version, e-mail, hash, reference or placeholder, and with the variety of a generated key:
 * a digit and a letter, or upper and lower case.
 */
export function isKeyLike(value: string): boolean {
  if (value.length < 12 || value.length > MAX_TOKEN) { return false; }
  let seen = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const k = c < 128 ? CLASS[c] : 0;
    if (k === 0) { return false; }
    seen |= k;
  }
  const digit = (seen & DIGIT) !== 0; const upper = (seen & UPPER) !== 0; const lower = (seen & LOWER) !== 0;
  if (!((digit && (upper || lower)) || (upper && lower))) { return false; }
  const eq = value.indexOf('=');
  if (eq !== -1 && !/^=+$/.test(value.slice(eq))) { return false; }   // '=' only as base64 padding
  if (value.includes('://') || value.startsWith('/') || value.startsWith('.') || /^v?\d+(\.\d+)+/.test(value)) { return false; }
  if (isHashLiteral(value) || isReference(value) || isPlaceholder(value)) { return false; }
  // A dotted identifier chain (config.ringtonic.apiKey) is a reference, not a literal.
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value) && !digit) { return false; }
  return true;
}

const DIGIT = 1; const UPPER = 2; const LOWER = 4; const PUNCT = 8;
/** Character classes of ASCII token characters (0: not allowed in a token). */
const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) { CLASS[c] = DIGIT; }
for (let c = 65; c <= 90; c++) { CLASS[c] = UPPER; }
for (let c = 97; c <= 122; c++) { CLASS[c] = LOWER; }
for (const ch of '-._~+/=') { CLASS[ch.charCodeAt(0)] = PUNCT; }

/** The punctuation allowed inside a token (RFC 6750 b64token plus `_`). */
export function isTokenPunct(c: number): boolean {
  return c === 45 || c === 46 || c === 95 || c === 126 || c === 43 || c === 47 || c === 61;   // - . _ ~ + / =
}

export function isTokenChar(c: number): boolean {
  return isDigit(c) || isUpper(c) || isLower(c) || isTokenPunct(c);
}

export function isAlnum(c: number): boolean {
  return isDigit(c) || isUpper(c) || isLower(c);
}

export function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * A key of undocumented format (Ring Tonic documents none): any printable ASCII but spaces, quotes and
 * backslashes (`12|AbC…` Sanctum-style tokens, `!`, `#`, `%`, `*`, …), 12–1024 characters, with the variety of a
 * generated key, and not a URL, path, reference, hash or placeholder.
 */
export function isOpaqueKey(value: string): boolean {
  if (value.length < 12 || value.length > MAX_TOKEN) { return false; }
  let tokenOnly = true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!isOpaqueChar(c)) { return false; }
    if (c >= 128 || CLASS[c] === 0) { tokenOnly = false; }
  }
  if (tokenOnly) { return isKeyLike(value); }
  let seen = 0;
  for (let i = 0; i < value.length; i++) { const c = value.charCodeAt(i); seen |= c < 128 ? CLASS[c] : 0; }
  const digit = (seen & DIGIT) !== 0; const upper = (seen & UPPER) !== 0; const lower = (seen & LOWER) !== 0;
  if (!((digit && (upper || lower)) || (upper && lower))) { return false; }
  if (value.includes('://') || value.startsWith('/') || /^[<({[]/.test(value) || /[>)}\]]$/.test(value)) { return false; }
  if (/[(){}[\]<>]/.test(value) && /^[A-Za-z_$][\w$.]*[([{<]/.test(value)) { return false; }   // a call or generic: code, not a key
  return !(isHashLiteral(value) || isReference(value) || isPlaceholder(value));
}

/** Printable ASCII but space, quotes, backslash, and the characters that end a value in code (`,` `;`). */
export function isOpaqueChar(c: number): boolean {
  return c > 32 && c < 127 && c !== 34 && c !== 39 && c !== 96 && c !== 92 && c !== 44 && c !== 59;
}
