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

const SP = (c: number): boolean => c === 32 || c === 9;
const NL = (c: number): boolean => c === 10 || c === 13;
const QUOTE = (c: number): boolean => c === 34 || c === 39 || c === 96;   // " ' `
const NAME_CHAR = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46 || c === 36;   // 0-9 A-Z a-z _ - . $

/** Separators between a name and its value, as read backwards from the value. */
const SEPARATORS = new Set(['=', ':', ':=', '=>', ',', '(', '||', '??', '?:', '==', '===', '!=', '!==', '>', '=<']);
const SEP_CHAR = (c: number): boolean => c === 61 || c === 58 || c === 44 || c === 40 || c === 124 || c === 63 || c === 33 || c === 62 || c === 60;

const TYPE_WORDS = new Set(['string', 'str', 'String', '&str', 'var', 'val', 'let', 'const', 'any', 'auto', 'final', 'readonly']);

/**
 * The name a value at `pos` is assigned or passed to, read backwards: `name = "v"`, `name: v`, `"name": "v"`,
 * `'X-API-KEY', 'v'`, `-H 'X-API-KEY: v'`, `env["NAME"] = "v"`, `<apiKey>v`, `setApiKey("v")`,
 * `process.env.X || "v"`, `key="A" value="v"`, and the same with the value alone on the next line.
 */
export function nameBefore(text: string, pos: number): NameContext | undefined {
  const floor = Math.max(0, pos - WINDOW);
  let i = pos - 1;
  // 1. what opens the value: quotes, a GUID brace, a list bracket, spaces
  while (i >= floor && (SP(text.charCodeAt(i)) || QUOTE(text.charCodeAt(i)) || text.charCodeAt(i) === 123 || text.charCodeAt(i) === 91)) { i--; }
  if (i < floor) { return undefined; }
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
  const end = i + 1;
  while (i >= floor && NAME_CHAR(text.charCodeAt(i))) { i--; }
  // an opening quote belongs with a closing one: "name" not name"
  if (quoted && !(i >= floor && QUOTE(text.charCodeAt(i)))) { return undefined; }
  let name = trimName(text.slice(i + 1, end));
  let start = i + 1;
  if (!name) { return undefined; }
  if (sep === '>') {   // only an XML element: <apiKey>value
    if (!(i >= floor && text.charCodeAt(i) === 60)) { return undefined; }
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

/**
 * A cheap first look (no allocation but one short slice) that rejects most values with no key name before
 * them: ids, URL paths, arguments. It is permissive; nameBefore + classifyName decide.
 */
export function mayHaveKeyName(text: string, pos: number): boolean {
  const floor = Math.max(0, pos - WINDOW);
  let i = pos - 1;
  while (i >= floor) {
    const c = text.charCodeAt(i);
    if (SP(c) || QUOTE(c) || c === 123 || c === 91 || NL(c)) { i--; } else { break; }
  }
  if (i < floor || !SEP_CHAR(text.charCodeAt(i))) { return false; }
  let n = 0;
  while (i >= floor && n < 3 && SEP_CHAR(text.charCodeAt(i))) { i--; n++; }
  while (i >= floor && SP(text.charCodeAt(i))) { i--; }
  if (i >= floor && text.charCodeAt(i) === 93) { i--; }
  if (i >= floor && QUOTE(text.charCodeAt(i))) { i--; }
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

/** Words a key name may end with (or a type / `value` that nameBefore looks past), by their last letter. */
const MAYBE_KEY_WORDS = new Map<number, string[]>();
for (const w of ['key', 'keys', 'token', 'tokens', 'secret', 'secrets', 'password', 'passwd', 'credential', 'credentials',
  'value', 'string', 'str', 'var', 'val', 'let', 'const', 'any', 'auto', 'final', 'readonly']) {
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
  const q = text.charCodeAt(i);
  if (QUOTE(q)) {
    const s = i + 1;
    const max = Math.min(text.length, s + 1025);
    let e = s;
    while (e < max && text.charCodeAt(e) !== q && !NL(text.charCodeAt(e))) { e++; }
    if (e >= max || text.charCodeAt(e) !== q) { return undefined; }
    return { start: s, end: e, quoted: true };
  }
  if (sep === ',' || sep === '(') { return undefined; }   // an unquoted argument is a variable
  const max = Math.min(text.length, i + 1025);
  let e = i;
  while (e < max && !SP(text.charCodeAt(e)) && !NL(text.charCodeAt(e)) && !QUOTE(text.charCodeAt(e)) &&
    text.charCodeAt(e) !== 44 && text.charCodeAt(e) !== 59 && text.charCodeAt(e) !== 41 && text.charCodeAt(e) !== 125 && text.charCodeAt(e) !== 35) { e++; }
  return e > i ? { start: i, end: e, quoted: false } : undefined;
}

function namedBy(text: string, valueNameStart: number): NameContext | undefined {
  const from = Math.max(0, valueNameStart - WINDOW);
  const before = text.slice(from, valueNameStart);
  const m = /(?:^|[^\w-])(?:key|name)["']?\s*[:=]\s*["']?([A-Za-z_][\w.-]{0,80})["']?\s*[,;]?\s*(?:-\s*)?$/i.exec(before.replace(/\r?\n\s*(?:-\s+)?/g, ' '));
  if (!m) { return undefined; }
  const name = trimName(m[1]);
  return name ? { name, normalized: normalizeName(name), start: from + Math.max(0, before.lastIndexOf(name)) } : undefined;
}

function trimName(raw: string): string {
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
