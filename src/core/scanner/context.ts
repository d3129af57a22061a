// Key context: which name a value is assigned or passed to. Every walk is bounded (WINDOW characters), so
// the cost per candidate is constant and a scan stays linear in the input. No `vscode` import.
import { isHashName } from './placeholders';

/** How far a walk looks from a value for its name. */
export const WINDOW = 160;

export interface NameContext {
  /** The name as written (`X-API-KEY`, `apiKey`, `RINGG_API_KEY`). */
  readonly name: string;
  /** Lower snake case of its last segment (`x_api_key`, `api_key`, `ringg_api_key`). */
  readonly normalized: string;
  /** Offset of the name in the text. */
  readonly start: number;
}

export type NameKind = 'key' | 'id' | 'other';

// Character classes. Each is one lookup in a table over every UTF-16 code unit, built from the definitions
// below: the walks run for every UUID of id-dense text, where a chain of comparisons per character showed.
const C_SP = 1; const C_NL = 2; const C_JS_SPACE = 4; const C_QUOTE = 8; const C_OPENER = 16; const C_NAME = 32; const C_WORD = 64; const C_SEP = 128;
/** What `\s` matches in a JavaScript regular expression beyond ASCII: the only classes a code unit over 127 has. */
const JS_SPACES_BEYOND_ASCII = [0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
function classOf(c: number): number {
  const sp = c === 32 || c === 9;
  const quote = c === 34 || c === 39 || c === 96;   // " ' `
  const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;   // 0-9 A-Z a-z _
  return (sp ? C_SP : 0) | (c === 10 || c === 13 ? C_NL : 0) | (quote ? C_QUOTE : 0) | (word ? C_WORD : 0) |
    ((c >= 9 && c <= 13) || c === 32 || JS_SPACES_BEYOND_ASCII.includes(c) ? C_JS_SPACE : 0) |
    // what may open a value: spaces, quotes, a JSON escape before a quote, Objective-C's @"…", a brace, a bracket
    (sp || quote || c === 92 || c === 64 || c === 123 || c === 91 ? C_OPENER : 0) |
    (word || c === 45 || c === 46 || c === 36 ? C_NAME : 0) |   // and - . $
    (c === 61 || c === 58 || c === 44 || c === 40 || c === 124 || c === 63 || c === 33 || c === 62 || c === 60 ? C_SEP : 0);   // = : , ( | ? ! > <
}
// filled where a class can be set (a loop over all 65,536 took about 6 ms of every start, in every thread)
const CLASS = new Uint8Array(65536);
for (let c = 0; c < 128; c++) { CLASS[c] = classOf(c); }
for (const c of JS_SPACES_BEYOND_ASCII) { CLASS[c] = classOf(c); }
const SP = (c: number): boolean => (CLASS[c] & C_SP) !== 0;
const NL = (c: number): boolean => (CLASS[c] & C_NL) !== 0;
/** What `\s` matches (exported for the test that checks the table against the regular expression). */
export const JS_SPACE = (c: number): boolean => (CLASS[c] & C_JS_SPACE) !== 0;
const QUOTE = (c: number): boolean => (CLASS[c] & C_QUOTE) !== 0;
const OPENER = (c: number): boolean => (CLASS[c] & C_OPENER) !== 0;
const NAME_CHAR = (c: number): boolean => (CLASS[c] & C_NAME) !== 0;
/** Letters, digits and `_`. */
const WORD_CHAR = (c: number): boolean => (CLASS[c] & C_WORD) !== 0;

/** Separators between a name and its value, as read backwards from the value. */
const SEPARATORS = new Set(['=', ':', ':=', '=>', ',', '(', '||', '??', '?:', '==', '===', '!=', '!==', '>', '=<']);
const SEP_CHAR = (c: number): boolean => (CLASS[c] & C_SEP) !== 0;

const TYPE_WORDS = new Set(['string', 'str', 'String', '&str', 'var', 'val', 'let', 'const', 'any', 'auto', 'final', 'readonly']);

/**
 * The name a value at `pos` is assigned or passed to, read backwards: `name = "v"`, `name: v`, `"name": "v"`,
 * `'X-API-KEY', 'v'`, `-H 'X-API-KEY: v'`, `env["NAME"] = "v"`, `<apiKey>v`, `setApiKey("v")`,
 * `process.env.X || "v"`, `key="A" value="v"`, and the same with the value alone on the next line.
 */
export function nameBefore(text: string, pos: number): NameContext | undefined {
  const floor = Math.max(0, pos - WINDOW);
  let i = pos - 1;
  // 1. what opens the value: quotes (also JSON-escaped \" and Objective-C @"), a GUID brace, a list bracket, spaces
  while (i >= floor && OPENER(text.charCodeAt(i))) { i--; }
  if (i < floor) { return undefined; }
  // a Clojure / EDN keyword: `:x-api-key "v"` has no separator but the space
  if (NAME_CHAR(text.charCodeAt(i)) && SP(text.charCodeAt(i + 1))) {
    const e = i + 1;
    let j = i;
    while (j >= floor && NAME_CHAR(text.charCodeAt(j))) { j--; }
    if (j >= floor && text.charCodeAt(j) === 58 && !NAME_CHAR(text.charCodeAt(j - 1)) && text.charCodeAt(j - 1) !== 58) {
      const name = trimName(text.slice(j + 1, e));
      return name ? { name, normalized: normalizeName(name), start: j + 1 } : undefined;
    }
    return undefined;
  }
  // the value starts its line: the name may end the previous line (`API_KEY =` / `"api_key":`)
  if (NL(text.charCodeAt(i))) {
    while (i >= floor && (NL(text.charCodeAt(i)) || SP(text.charCodeAt(i)))) { i--; }
    if (i < floor || !SEP_CHAR(text.charCodeAt(i))) { return undefined; }
  }
  // 2. the separator
  const sepEnd = i + 1;
  while (i >= floor && sepEnd - i <= 3 && SEP_CHAR(text.charCodeAt(i))) { i--; }
  let sep = text.slice(i + 1, sepEnd);
  if (!sep) { return undefined; }
  if (!SEPARATORS.has(sep)) {
    // `):` or `]=` style runs: take the last one or two characters only
    sep = sep.slice(-1);
    if (!SEPARATORS.has(sep)) { return undefined; }
    i = sepEnd - 2;
  }
  // 3. the name: skip closing quotes / brackets, then read it
  while (i >= floor && SP(text.charCodeAt(i))) { i--; }
  let quoted = false;
  if (i >= floor && text.charCodeAt(i) === 93) { i--; }   // ]
  if (i >= floor && QUOTE(text.charCodeAt(i))) { i--; quoted = true; }
  while (quoted && i >= floor && text.charCodeAt(i) === 92) { i--; }   // \"name\": a JSON-escaped quote
  const end = i + 1;
  while (i >= floor && NAME_CHAR(text.charCodeAt(i))) { i--; }
  // an opening quote belongs with a closing one: "name" not name"
  if (quoted && !(i >= floor && QUOTE(text.charCodeAt(i)))) { return undefined; }
  let name = trimName(text.slice(i + 1, end));
  let start = i + 1;
  if (!name) { return undefined; }
  if (sep === '>') {   // only an XML element: <apiKey>value
    if (!(i >= floor && text.charCodeAt(i) === 60)) {
      // or an element named by its `name` / `key` attribute: Android's <string name="ringg_api_key">value,
      // <entry key="api_key">value (Java XML properties)
      return quoted && attributeIs(text, i, floor) ? { name, normalized: normalizeName(name), start } : undefined;
    }
  }
  if (sep === ',' && !quoted) {
    // f(apiKey, "v") names the first argument, not the second; only a quoted name counts ("X-API-KEY", "v")
    return undefined;
  }
  // `apiKey: string = "v"`, `var apiKey string = "v"`: step over the type
  if (TYPE_WORDS.has(name) && sep === '=') {
    let j = i;
    while (j >= floor && (SP(text.charCodeAt(j)) || text.charCodeAt(j) === 58)) { j--; }
    const e = j + 1;
    while (j >= floor && NAME_CHAR(text.charCodeAt(j))) { j--; }
    const typed = trimName(text.slice(j + 1, e));
    if (typed && !TYPE_WORDS.has(typed)) { name = typed; start = j + 1; }
  }
  // `key="RINGG_API_KEY" value="v"`, `{"name": "RINGG_API_KEY", "value": "v"}`, `- name: X\n  value: v`
  if (name.toLowerCase() === 'value') {
    const named = namedBy(text, start);
    if (named) { return named; }
  }
  return { name, normalized: normalizeName(name), start };
}

/** Is the quote at `q` the opening quote of a `name=` or `key=` attribute's value? */
function attributeIs(text: string, q: number, floor: number): boolean {
  let j = q - 1;
  while (j >= floor && SP(text.charCodeAt(j))) { j--; }
  if (text.charCodeAt(j) !== 61) { return false; }   // =
  j--;
  while (j >= floor && SP(text.charCodeAt(j))) { j--; }
  const e = j + 1;
  while (j >= floor && WORD_CHAR(text.charCodeAt(j))) { j--; }
  const attr = text.slice(j + 1, e).toLowerCase();
  return (attr === 'name' || attr === 'key') && SP(text.charCodeAt(j));
}

/** Calls that only wrap a value (`pulumi.String("v")`, `str("v")`, `SecretString("v")`): its name is the wrapper's. */
const WRAPPERS = new Set(['string', 'str', 'secret_string', 'secure_string', 'secret', 'sensitive', 'to_secret', 'string_value', 'sprintf', 'format']);

/** Is `ctx` (a name before a value) a wrapper call around it? Then the value's name is the wrapper's: nameBefore(text, ctx.start). */
export function isWrapperCall(text: string, ctx: NameContext): boolean {
  return WRAPPERS.has(ctx.normalized) && text.charCodeAt(ctx.start + ctx.name.length) === 40;
}

/**
 * A cheap first look (no allocation but one short slice) that rejects most values with no key name before
 * them: ids, URL paths, arguments. It is permissive; nameBefore + classifyName decide.
 */
export function mayHaveKeyName(text: string, pos: number): boolean {
  const floor = Math.max(0, pos - WINDOW);
  let i = pos - 1;
  while (i >= floor) {
    const c = text.charCodeAt(i);
    if (OPENER(c) || NL(c)) { i--; } else { break; }
  }
  if (i >= floor && NAME_CHAR(text.charCodeAt(i)) && SP(text.charCodeAt(i + 1))) { return true; }   // `:keyword "v"`: nameBefore decides
  if (i < floor || !SEP_CHAR(text.charCodeAt(i))) { return false; }
  let n = 0;
  while (i >= floor && n < 3 && SEP_CHAR(text.charCodeAt(i))) { i--; n++; }
  while (i >= floor && SP(text.charCodeAt(i))) { i--; }
  if (i >= floor && text.charCodeAt(i) === 93) { i--; }
  if (i >= floor && QUOTE(text.charCodeAt(i))) { i--; }
  while (i >= floor && text.charCodeAt(i) === 92) { i--; }
  const end = i + 1;
  while (i >= floor && end - i <= 12 && NAME_CHAR(text.charCodeAt(i))) { i--; }
  if (end - i - 1 < 2) { return false; }
  const last = text.charCodeAt(end - 1);
  const words = MAYBE_KEY_WORDS.get(last >= 65 && last <= 90 ? last | 32 : last);
  if (!words) { return false; }
  for (const w of words) {
    if (endsWithLower(text, i + 1, end, w)) { return true; }
  }
  return false;
}

/**
 * Is the value at `pos` the value of an id, for certain? True only where nameBefore would return a name that
 * classifyName calls `id` (`"agent_id": "v"`, `callId = 'v'`, `workspace_id: v`), and only in the common shape
 * it can tell without allocating: one `:` or `=`, an optional quote, a name of letters, digits and `_` ending in
 * `_id`, `Id` or `ID`. Anything else (false) goes the full way. A value whose name is an id is never a key
 * (ringgVerdict), so this lets id-dense text (logs, fixtures, API dumps) skip the other walks.
 */
export function idNameBefore(text: string, pos: number): boolean {
  const floor = Math.max(0, pos - WINDOW);
  let i = pos - 1;
  while (i >= floor && OPENER(text.charCodeAt(i))) { i--; }
  if (i < floor) { return false; }
  // one separator character, `:` or `=` (nameBefore's walk then takes just that one)
  const sep = text.charCodeAt(i);
  if (!(sep === 58 || sep === 61) || (i > floor && SEP_CHAR(text.charCodeAt(i - 1)))) { return false; }
  i--;
  while (i >= floor && SP(text.charCodeAt(i))) { i--; }
  const quoted = i >= floor && QUOTE(text.charCodeAt(i));
  if (quoted) { i--; }
  const end = i + 1;
  // the name, as far back as nameBefore reads it: letters, digits and `_` only (a `-`, `.` or `$` would bring
  // trimming and dotted names in); a quoted name needs its opening quote
  while (i >= floor && WORD_CHAR(text.charCodeAt(i))) { i--; }
  if (i >= floor ? NAME_CHAR(text.charCodeAt(i)) || (quoted && !QUOTE(text.charCodeAt(i))) : quoted) { return false; }
  const start = i + 1;
  const len = end - start;
  if (len < 2) { return false; }
  // the last word is `id`: `…_id` / `…_Id` / `…_ID`, `…xId` / `…xID` after a lower-case letter or a digit, or the
  // name `id` / `Id` / `ID` itself (normalizeName splits exactly there)
  const a = text.charCodeAt(end - 2); const b = text.charCodeAt(end - 1);
  if (!((a === 105 && b === 100) || (a === 73 && (b === 100 || b === 68)))) { return false; }   // id, Id, ID
  if (len === 2) { return true; }
  const before = text.charCodeAt(end - 3);
  if (before === 95) { return true; }   // _
  return a === 73 && ((before >= 97 && before <= 122) || (before >= 48 && before <= 57));
}

/** Words a key name may end with (or a type / `value` that nameBefore looks past), by their last letter. */
const MAYBE_KEY_WORDS = new Map<number, string[]>();
for (const w of ['key', 'keys', 'token', 'tokens', 'secret', 'secrets', 'password', 'passwd', 'credential', 'credentials',
  'value', 'default', 'string', 'str', 'var', 'val', 'let', 'const', 'any', 'auto', 'final', 'readonly']) {
  const c = w.charCodeAt(w.length - 1);
  MAYBE_KEY_WORDS.set(c, [...(MAYBE_KEY_WORDS.get(c) ?? []), w]);
}

/** Does text[start, end) end with `word` (lower case), ignoring the case of letters? No allocation. */
function endsWithLower(text: string, start: number, end: number, word: string): boolean {
  if (end - start < word.length) { return false; }
  for (let k = 1; k <= word.length; k++) {
    const c = text.charCodeAt(end - k);
    if ((c >= 65 && c <= 90 ? c | 32 : c) !== word.charCodeAt(word.length - k)) { return false; }
  }
  return true;
}

/** The name of a value that sits after it: `RINGTONIC_API_KEY=v`, `"ringtonicKey": "v"` (forward walk). */
export function valueAfter(text: string, nameEnd: number): { start: number; end: number; quoted: boolean } | undefined {
  const limit = Math.min(text.length, nameEnd + WINDOW);
  let i = nameEnd;
  // closing quotes / brackets of the name
  while (i < limit && (QUOTE(text.charCodeAt(i)) || text.charCodeAt(i) === 93)) { i++; }
  while (i < limit && SP(text.charCodeAt(i))) { i++; }
  const sepStart = i;
  while (i < limit && i - sepStart < 3 && SEP_CHAR(text.charCodeAt(i))) { i++; }
  const sep = text.slice(sepStart, i);
  if (!['=', ':', ':=', '=>', ',', '(', '||', '??', '?:', ': ', '=='].includes(sep)) { return undefined; }
  while (i < limit && SP(text.charCodeAt(i))) { i++; }
  if (i < limit && NL(text.charCodeAt(i)) && sep !== ',' && sep !== '(') {   // value on the next line
    while (i < limit && (NL(text.charCodeAt(i)) || SP(text.charCodeAt(i)))) { i++; }
  }
  if (i >= limit) { return undefined; }
  if (text.charCodeAt(i) === 92 && QUOTE(text.charCodeAt(i + 1))) { i++; }   // \"v\" inside a JSON string
  const q = text.charCodeAt(i);
  if (QUOTE(q)) {
    const s = i + 1;
    const max = Math.min(text.length, s + 1025);
    let e = s;
    while (e < max && text.charCodeAt(e) !== q && !NL(text.charCodeAt(e))) { e++; }
    if (e >= max || text.charCodeAt(e) !== q) { return undefined; }
    while (e > s && text.charCodeAt(e - 1) === 92) { e--; }
    return { start: s, end: e, quoted: true };
  }
  if (sep === ',' || sep === '(') { return undefined; }   // an unquoted argument is a variable
  const max = Math.min(text.length, i + 1025);
  let e = i;
  while (e < max && !SP(text.charCodeAt(e)) && !NL(text.charCodeAt(e)) && !QUOTE(text.charCodeAt(e)) &&
    text.charCodeAt(e) !== 44 && text.charCodeAt(e) !== 59 && text.charCodeAt(e) !== 41 && text.charCodeAt(e) !== 125) { e++; }   // a `#` inside the value is part of it (a comment follows a space)
  return e > i ? { start: i, end: e, quoted: false } : undefined;
}

/** The name of a key/value pair whose value field is at `valueNameStart`, looked for before it and then after it. */
function namedBy(text: string, valueNameStart: number): NameContext | undefined {
  const from = Math.max(0, valueNameStart - PAIR_WINDOW);
  const before = text.slice(from, valueNameStart);
  // the last `key: X` / `name="X"` / `<set-header name="X">` of the same object or element: no brace or
  // bracket (another object) and no other value between them
  let m: RegExpExecArray | null;
  let last: RegExpExecArray | undefined;
  PAIR_NAME.lastIndex = 0;
  while ((m = PAIR_NAME.exec(before)) !== null) { last = m; }
  if (last && !/[{}[\]]|\bvalue\b/i.test(before.slice(last.index + last[0].length))) {
    const name = trimName(last[1]);
    if (name && name.toLowerCase() !== 'value') { return { name, normalized: normalizeName(name), start: from + last.index + last[0].indexOf(last[1]) }; }
    // Postman's API-key auth: {"key": "value", "value": V} beside {"key": "key", "value": "X-API-KEY"}
    if (name) { return postmanApiKeyName(text, from + last.index); }
  }
  return undefined;
}

/** How far a key/value pair's name may be from its value field. */
const PAIR_WINDOW = 320;
const PAIR_NAME = /(?:^|[^\w-])(?:key|name|header)\\?["']?\s*[:=]\s*(?:[\w.]{0,40}(?:string|str|secret|sensitive)\(\s*)?\\?["']?([A-Za-z_][\w.-]{0,80})/gi;

function postmanApiKeyName(text: string, near: number): NameContext | undefined {
  const from = Math.max(0, near - PAIR_WINDOW);
  const slice = text.slice(from, Math.min(text.length, near + PAIR_WINDOW));
  const m = /"key"\s*:\s*"key"\s*,\s*"value"\s*:\s*"([A-Za-z_][\w.-]{0,80})"/.exec(slice) ??
    /"value"\s*:\s*"([A-Za-z_][\w.-]{0,80})"\s*,\s*"key"\s*:\s*"key"/.exec(slice);
  if (!m) { return undefined; }
  return { name: m[1], normalized: normalizeName(m[1]), start: from + m.index + m[0].indexOf(m[1]) };
}

/**
 * A name written after the value: `f("v", "X-API-KEY")`, `("v", header: "X-API-KEY")`, `{"value": "v", "key":
 * "X-API-KEY"}`. Only a quoted name counts (a header name is a string); the scanner still classifies it.
 */
export function nameAfter(text: string, valueEnd: number): NameContext | undefined {
  // what the expression below must start with (`\`, a quote, spaces, a comma), checked without a slice first
  let i = valueEnd;
  if (text.charCodeAt(i) === 92) { i++; }
  const quoted = QUOTE(text.charCodeAt(i));
  if (quoted) { i++; }
  const afterQuote = i;
  while (i < valueEnd + WINDOW && JS_SPACE(text.charCodeAt(i))) { i++; }
  let x: RegExpExecArray | null;
  if (text.charCodeAt(i) === 44) {
    if (!mayNameAfterComma(text, i + 1)) { return undefined; }
    const slice = text.slice(valueEnd, Math.min(text.length, valueEnd + WINDOW));
    x = NAME_AFTER_COMMA.exec(slice);
  } else if (quoted && i > afterQuote && (text.charCodeAt(i) | 32) >= 97 && (text.charCodeAt(i) | 32) <= 122) {
    x = XML_NAME_AFTER.exec(text.slice(valueEnd, Math.min(text.length, valueEnd + WINDOW)));   // <header value="v" name="X-API-KEY"/>
  } else {
    return undefined;
  }
  if (!x) { return undefined; }
  const name = trimName(x[1]);
  return name ? { name, normalized: normalizeName(name), start: valueEnd + x[0].indexOf(x[1]) } : undefined;
}

/** The quoted name after a value and a comma: `"v", "X-API-KEY")`, `"v", header: "X-API-KEY")`. */
export const NAME_AFTER_COMMA = /^\\?["'`]?\s*,\s*(?:\\?["']?(?:key|name|header|header_name|headerName|[A-Za-z]{0,16}(?:Header|header)(?:Field|Name)?)\\?["']?\s*[:=]\s*)?\\?["']([A-Za-z_][\w.-]{0,80})\\?["']\s*[)}\],]/;

/**
 * What NAME_AFTER_COMMA needs after the comma at `from - 1`, checked without a slice: a quoted name
 * followed by a closing `)`, `}`, `]` or `,`, or one of the words `key`, `name`, `header` (… `: "NAME"`). Most
 * values followed by a comma are list items or object fields (`"v", "agent_id": …`): no expression runs.
 */
export function mayNameAfterComma(text: string, from: number): boolean {
  let k = from;
  while (k < from + WINDOW && JS_SPACE(text.charCodeAt(k))) { k++; }
  if (text.charCodeAt(k) === 92) { k++; }
  const quoted = text.charCodeAt(k) === 34 || text.charCodeAt(k) === 39;
  if (quoted) { k++; }
  if (text.startsWith('key', k) || text.startsWith('name', k) || text.startsWith('header', k)) { return true; }
  if (!quoted) {
    // a labelled argument naming the header: Swift's `forHTTPHeaderField: "X-API-KEY"`
    let e = k;
    while (e < k + 28 && ((text.charCodeAt(e) | 32) >= 97 && (text.charCodeAt(e) | 32) <= 122)) { e++; }
    return e > k && e < k + 28 && (text.startsWith('Header', e - 6) || text.startsWith('HeaderField', e - 11) || text.startsWith('HeaderName', e - 10));
  }
  let e = k;
  while (e < k + 82 && NAME_CHAR(text.charCodeAt(e))) { e++; }
  if (text.charCodeAt(e) === 92) { e++; }
  if (text.charCodeAt(e) === 34 || text.charCodeAt(e) === 39) { e++; }
  while (e < k + WINDOW && JS_SPACE(text.charCodeAt(e))) { e++; }
  const c = text.charCodeAt(e);
  return c === 41 || c === 125 || c === 93 || c === 44;   // ) } ] ,
}

const XML_NAME_AFTER = /^["']\s+(?:[\w:-]+\s*=\s*["'][^"'<>]{0,80}["']\s+)?(?:key|name|header)\s*=\s*["']([A-Za-z_][\w.-]{0,80})["']/i;

const ENV_LOOKUP = /(?:getenv|environ|process\.env|import\.meta\.env|env::var|\benv\b|ENV\b|GetEnvironmentVariable|System\.getenv|os\.Getenv|config\(|Deno\.env|\.fromEnvironment)/;

/**
 * The variable of an environment lookup that the value on the same line is the fallback of:
 * `os.getenv("RINGG_API_KEY") or "v"`, `env::var("RINGG_API_KEY").unwrap_or("v")`, `${RINGG_API_KEY:-v}`,
 * `System.getenv().getOrDefault("RINGG_API_KEY", "v")`, `ENV.fetch("RINGG_API_KEY") { "v" }`.
 */
export function envFallbackName(text: string, valueStart: number, isKeyName: (normalized: string) => boolean): NameContext | undefined {
  const floor = Math.max(0, valueStart - WINDOW);
  let ls = valueStart - 1;
  while (ls >= floor && !NL(text.charCodeAt(ls))) { ls--; }
  const line = text.slice(ls + 1, valueStart);
  // both expressions below need one of these on the line (most values have none: no expression runs)
  if (!line.includes('${') && !line.includes('env') && !line.includes('ENV') && !line.includes('Env') && !line.includes('config(')) { return undefined; }
  const shell = /\$\{([A-Za-z_]\w*):?[-=]\s*["']?$/.exec(line);
  if (shell) {
    const name = shell[1];
    return isKeyName(normalizeName(name)) ? { name, normalized: normalizeName(name), start: ls + 1 + shell.index + 2 } : undefined;
  }
  const env = ENV_LOOKUP.exec(line);
  if (!env) { return undefined; }
  const ident = /[A-Za-z_][A-Za-z0-9_]*/g;
  ident.lastIndex = env.index + env[0].length;
  let m: RegExpExecArray | null;
  while ((m = ident.exec(line)) !== null) {
    const normalized = normalizeName(m[0]);
    if (isKeyName(normalized)) { return { name: m[0], normalized, start: ls + 1 + m.index }; }
  }
  return undefined;
}

/** Names of a default value whose owner is the enclosing block: `variable "x" { default = v }`, `X:\n  Default: v`. */
export const DEFAULT_NAMES = new Set(['default', 'default_value', 'value', 'defaults']);

/**
 * Where the braces and line breaks of one text are, found once and then looked up by binary search. A flood of
 * keys asks enclosingName once per key: without it each asks the same 600 characters the same question (the
 * walk back over braces and lines), and the cost per key grows with the window instead of staying constant.
 * The first `usesBeforeIndex` questions walk as before (a document with a few keys builds nothing).
 */
export class TextIndex {
  private uses = 0;
  private braces: Int32Array | undefined;
  private breaks: Int32Array | undefined;
  private brackets: Int32Array | undefined;
  constructor(readonly text: string, private readonly usesBeforeIndex = 32) {}

  /** Has the text been asked enough to be indexed? Counts one question. */
  indexed(): boolean {
    if (this.uses < this.usesBeforeIndex) { this.uses++; return false; }
    return true;
  }

  /** The position of the unmatched `{` in [floor, pos), -1 if none (a `}` closes the `{` before it). */
  openBrace(floor: number, pos: number): number {
    const list = (this.braces ??= positionsOf(this.text, '{', '}'));
    let depth = 0;
    for (let k = below(list, pos); k >= 0 && list[k] >= floor; k--) {
      if (this.text.charCodeAt(list[k]) === 125) { depth++; } else if (depth === 0) { return list[k]; } else { depth--; }
    }
    return -1;
  }

  /** Is there a `[` in [floor, pos)? */
  hasBracket(floor: number, pos: number): boolean {
    const list = (this.brackets ??= positionsOf(this.text, '[', '['));
    const k = below(list, pos);
    return k >= 0 && list[k] >= floor;
  }

  /** The last line break (`\n` or `\r`) in [floor, pos), floor - 1 if none. */
  lineBreakBefore(floor: number, pos: number): number {
    const list = (this.breaks ??= positionsOf(this.text, '\n', '\r'));
    const k = below(list, pos);
    return k >= 0 && list[k] >= floor ? list[k] : floor - 1;
  }
}


/** Sorted positions of two characters (or one, given twice) (String#indexOf for each: far faster than a test of every character). */
function positionsOf(text: string, a: string, b: string): Int32Array {
  const find = (ch: string): number[] => {
    const out: number[] = [];
    for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) { out.push(i); }
    return out;
  };
  const x = find(a); const y = b === a ? [] : find(b);
  const out = new Int32Array(x.length + y.length);
  let i = 0; let j = 0; let n = 0;
  while (i < x.length || j < y.length) { out[n++] = j >= y.length || (i < x.length && x[i] < y[j]) ? x[i++] : y[j++]; }
  return out;
}

/** The last line break in [floor, to), floor - 1 if none: from the text's index, or from the window's breaks (positions from floor). */
function breakBefore(lines: TextIndex | Int32Array, floor: number, to: number): number {
  if (lines instanceof TextIndex) { return lines.lineBreakBefore(floor, to); }
  const k = below(lines, to - floor);
  return k >= 0 ? floor + lines[k] : floor - 1;
}

/** Where the `{` no `}` after it closes is in `w`, -1 if none. */
function unmatchedOpenBrace(w: string): number {
  let depth = 0;
  let open = w.lastIndexOf('{'); let close = w.lastIndexOf('}');
  while (open !== -1) {
    if (close > open) { depth++; close = close === 0 ? -1 : w.lastIndexOf('}', close - 1); continue; }
    if (depth === 0) { return open; }
    depth--;
    open = open === 0 ? -1 : w.lastIndexOf('{', open - 1);
  }
  return -1;
}

/** The index of the last entry below `pos` in a sorted list, -1 if none. */
function below(list: Int32Array, pos: number): number {
  let lo = 0; let hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid] < pos) { lo = mid + 1; } else { hi = mid; } }
  return lo - 1;
}

/**
 * The name of the object, block or mapping that holds the field at `pos`: `variable "ringg_api_key" {`,
 * `"ringgApiKey": {` (ARM parameters), `"Ringg": {` (appsettings sections), and for YAML the nearest line above
 * with less indentation (`RinggApiKey:` of a CloudFormation parameter). Bounded by ENCLOSING_WINDOW. `index`
 * (the same text's) answers the walks once the text has been asked often.
 */
export function enclosingName(text: string, pos: number, index?: TextIndex): NameContext | undefined {
  const floor = Math.max(0, pos - ENCLOSING_WINDOW);
  const fast = !!index && index.indexed();
  // not indexed: the window, searched with String#lastIndexOf and #indexOf (1.7 times faster than a test of
  // each of its characters: measured on a TypeScript file's keys)
  const window = fast ? '' : text.slice(floor, pos);
  let i: number;
  if (fast) {
    i = index.openBrace(floor, pos);
  } else {
    const k = unmatchedOpenBrace(window);
    i = k === -1 ? -1 : floor + k;
  }
  if (i >= floor) {
    // the name before the unmatched brace: `variable "x" {`, `"x": {`, `x = {`, `x {`
    let j = i - 1;
    while (j >= floor && (SP(text.charCodeAt(j)) || NL(text.charCodeAt(j)))) { j--; }
    if (j >= floor && (text.charCodeAt(j) === 58 || text.charCodeAt(j) === 61)) { j--; }
    while (j >= floor && SP(text.charCodeAt(j))) { j--; }
    if (j >= floor && QUOTE(text.charCodeAt(j))) { j--; }
    const e = j + 1;
    while (j >= floor && NAME_CHAR(text.charCodeAt(j))) { j--; }
    const name = trimName(text.slice(j + 1, e));
    return name ? { name, normalized: normalizeName(name), start: j + 1 } : undefined;
  }
  // YAML: the parent mapping key (no closure here: a flood of keys asks this once per key)
  const lines = fast ? index : positionsOf(window, '\n', '\r');
  const ls = breakBefore(lines, floor, pos);
  let indent = 0;
  while (SP(text.charCodeAt(ls + 1 + indent)) || text.charCodeAt(ls + 1 + indent) === 45) { indent++; }
  // no line is less indented than none: only a section line (`[name]`) could answer, and there is no `[`
  if (fast && indent === 0 && !index.hasBracket(floor, pos)) { return undefined; }
  let end = ls;
  while (end > floor) {
    const s = breakBefore(lines, floor, end);
    if (s < floor && floor > 0) { return undefined; }   // the line is cut by the window
    // the expressions run only on a line that may match them: a `[` first (a section), or less indentation
    let first = s + 1;
    while (first < end && JS_SPACE(text.charCodeAt(first))) { first++; }
    if (first < end && text.charCodeAt(first) === 91) {
      const line = text.slice(s + 1, end);
      const section = /^\s*\[([A-Za-z_][\w.-]*)\]\s*$/.exec(line);   // INI / TOML: [ringg]
      if (section) { return { name: section[1], normalized: normalizeName(section[1]), start: s + 1 + line.indexOf(section[1]) }; }
    }
    let lineIndent = 0;
    while (s + 1 + lineIndent < end && (SP(text.charCodeAt(s + 1 + lineIndent)) || text.charCodeAt(s + 1 + lineIndent) === 45)) { lineIndent++; }
    if (first < end && lineIndent < indent) {   // not blank, less indented
      const line = text.slice(s + 1, end);
      const m = /^([ \t-]*)([A-Za-z_][\w.-]*)\s*:\s*$/.exec(line);
      return m ? { name: m[2], normalized: normalizeName(m[2]), start: s + 1 + m[1].length } : undefined;
    }
    if (s < floor) { return undefined; }
    end = s;
  }
  return undefined;
}

const ENCLOSING_WINDOW = 600;

function trimName(raw: string): string {
  const edge = (c: number): boolean => c === 46 || c === 36 || c === 45;   // . $ -
  if (!edge(raw.charCodeAt(0)) && !edge(raw.charCodeAt(raw.length - 1))) { return raw; }   // most names: no new string
  return raw.replace(/^[.$-]+|[.$-]+$/g, '');
}

const normalized = new Map<string, string>();

/** Lower snake case of the last dotted segment: `this.apiKey` → `api_key`, `X-API-KEY` → `x_api_key`, `APIKey` → `api_key`. */
export function normalizeName(name: string): string {
  let out = normalized.get(name);
  if (out !== undefined) { return out; }
  const from = Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1;
  out = '';
  for (let i = from; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      const prev = i > from ? name.charCodeAt(i - 1) : 0;
      const next = i + 1 < name.length ? name.charCodeAt(i + 1) : 0;
      const prevLowerOrDigit = (prev >= 97 && prev <= 122) || (prev >= 48 && prev <= 57);
      const prevUpper = prev >= 65 && prev <= 90;
      if (prevLowerOrDigit || (prevUpper && next >= 97 && next <= 122)) { out += '_'; }
      out += String.fromCharCode(c | 32);
    } else {
      out += c === 45 ? '_' : name[i];
    }
  }
  if (normalized.size > 512) { normalized.clear(); }
  normalized.set(name, out);
  return out;
}

const KEY_WORDS = new Set(['key', 'keys', 'token', 'tokens', 'secret', 'secrets', 'apikey', 'apikeys', 'password', 'passwd', 'credential', 'credentials']);
/** Qualifiers that make a `*_key` / `*_token` something other than a credential. */
const NOT_SECRET = new Set([
  'idempotency', 'cache', 'dedup', 'dedupe', 'primary', 'foreign', 'partition', 'sort', 'row', 'range', 'lookup',
  'object', 'storage', 'bucket', 'message', 'event', 'correlation', 'request', 'trace', 'span', 'i18n',
  'translation', 'locale', 'map', 'group', 'index', 'public', 'publishable', 'csrf', 'xsrf', 'page', 'next', 'prev',
  'continuation', 'pagination', 'sync', 'cancellation', 'cancel', 'resume', 'react', 'list', 'sharding', 'shard',
  'routing', 'unique', 'composite', 'natural', 'surrogate', 'cursor', 'query', 'state', 'form', 'field', 'column',
  'table', 'dict', 'hotkey', 'short', 'cut', 'access_log', 'license',
]);

/**
 * `key` for names of credentials (api_key, apiKey, x_api_key, RINGG_API_KEY, *_KEY, *_TOKEN, secret, token),
 * `id` for identifiers (id, *_id, *Id, uuid, guid), `other` for everything else (including bare `key`).
 */
export function classifyName(normalized: string): NameKind {
  let end = normalized.length;
  while (end > 0 && normalized.charCodeAt(end - 1) === 95) { end--; }
  const cut = normalized.lastIndexOf('_', end - 1);
  const last = normalized.slice(cut + 1, end);
  if (last === 'id' || last === 'ids' || last === 'uuid' || last === 'guid' || last === 'uid' || last.endsWith('guid')) { return 'id'; }
  if (isHashName(normalized)) { return 'other'; }
  if (normalized.includes('apikey') || normalized.includes('api_key')) { return 'key'; }
  if (!KEY_WORDS.has(last)) { return 'other'; }
  let qEnd = cut;
  while (qEnd > 0 && normalized.charCodeAt(qEnd - 1) === 95) { qEnd--; }
  if (qEnd <= 0) { return last === 'key' ? 'other' : 'key'; }   // { key: … } is a React/i18n/map key
  const qualifier = normalized.slice(normalized.lastIndexOf('_', qEnd - 1) + 1, qEnd);
  return NOT_SECRET.has(qualifier) ? 'other' : 'key';
}

/**
 * `compute`, remembered per name in a bounded map (cleared past 512 names): the scanner asks the same question
 * of the few names a file repeats, once per key.
 */
export function memoizedByName<V>(compute: (name: string) => V): (name: string) => V {
  const known = new Map<string, V>();
  return name => {
    let out = known.get(name);
    if (out === undefined) {
      out = compute(name);
      if (known.size > 512) { known.clear(); }
      known.set(name, out);
    }
    return out;
  };
}
