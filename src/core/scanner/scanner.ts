// The leak scanner: finds hard-coded Ringg AI, Ringyo AI and Ring Tonic keys in text, and nothing else.
//
// Linear time by construction: each rule finds its candidates with String#indexOf on a short literal
// (`_live_`, `_test_`, `-`, `earer`, `ingtonic`, an own key's tail), examines a bounded window around each
// hit, and resumes the search after it. No regular expression runs over unbounded input. Line numbers are
// computed once, in one forward pass, for the findings only. No `vscode` import.
import { createHash } from 'node:crypto';
import { maskKey } from '../keys';
import { PROVIDERS, type ProviderId } from '../providers/catalog';
import { findingFingerprint } from './baseline';
import { FileSignals, lowerSeverity, requestBinding, ringgVerdict, schemeSeparators, urlBinding, type Confidence } from './confidence';
import { classifyName, idNameBefore, memoizedByName, normalizeName, valueAfter } from './context';
import { hasIgnoreMarker, markerSpans, markerWithin } from './ignore';
import type { OwnKeyPrint } from './ownKeys';
import { isAlnum, isHashName, isOpaqueChar, isOpaqueKey, isPlaceholder, isReference, isUuidPlaceholder, MAX_TOKEN } from './placeholders';
import { RULES, type RuleId, type Severity } from './rules';

export interface ScanOptions {
  /** Prints of the user's stored keys: any exact occurrence is an own-key error. */
  readonly ownKeys?: readonly OwnKeyPrint[];
  /** Baseline fingerprints to skip (findingFingerprint). */
  readonly baseline?: ReadonlySet<string>;
  /** Stop after this many findings (default 1000); the result says `truncated`. */
  readonly maxFindings?: number;
  /** Used to tell configuration files (unquoted values are literals) from code (unquoted values are variables). */
  readonly fileName?: string;
  /** The project mentions a Ringg host (a `ringg.ai` URL in some file): generic key names count as Ringg keys. */
  readonly ringgProject?: boolean;
}

export interface Finding {
  readonly rule: RuleId;
  readonly provider: ProviderId;
  readonly severity: Severity;
  /** UTF-16 offsets of the key in the scanned text (what VS Code positions count). */
  readonly start: number;
  readonly end: number;
  /** 0-based line and column (UTF-16 code units). */
  readonly line: number;
  readonly column: number;
  /** The key as it may be shown: `…e0c9`. The plaintext is never part of a finding. */
  readonly masked: string;
  /** findingFingerprint(rule, key): the baseline entry that accepts it. */
  readonly fingerprint: string;
  /** Why it is a key: `X-API-KEY header`, `assigned to apiKey`, `Bearer token sent to ringtonic.app`. */
  readonly context: string;
  /** The name the key is assigned to, when there is one (suggests the profile and variable name). */
  readonly name?: string;
  /** own-key: the stored profile it matches. */
  readonly ownKeyName?: string;
  /**
   * high: tied to its provider (a key format, a provider name or host, the X-API-KEY header); low: a UUID under
   * a generic key name only ("possibly a Ringg AI key"), reported one severity step lower.
   */
  readonly confidence: Confidence;
}

export interface ScanResult {
  readonly findings: Finding[];
  /** Findings skipped because the baseline accepts them / an inline marker silences them. */
  readonly baselined: number;
  readonly ignored: number;
  /** More than maxFindings: the rest were not reported. */
  readonly truncated: boolean;
  /**
   * How many findings beyond maxFindings were not reported (each one examined: neither silenced inline nor
   * accepted by the baseline, which count as such), so findings + omitted is every key in the text.
   */
  readonly omitted: number;
}

export interface BufferScanResult extends ScanResult {
  /** A NUL byte in the first 8 KiB: not scanned. */
  readonly binary: boolean;
  /** Larger than maxBytes: only the first maxBytes were scanned (findings there are kept). */
  readonly capped: boolean;
  readonly scannedBytes: number;
}

export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
export const BINARY_SNIFF_BYTES = 8 * 1024;

interface Candidate {
  start: number;
  end: number;
  rule: RuleId;
  provider: ProviderId;
  context: string;
  name?: string;
  ownKeyName?: string;
  /** `by-request-host`, `unbound-*`: worked out (requestBinding) only when the candidate is reported. */
  confidence?: Confidence | 'by-request-host' | 'unbound-high' | 'unbound-low';
  /**
   * Found by its shape, without the context checks: a key-shaped value on a silenced line, or past the
   * listing cap's worth of keys on its line. Counted as silenced, baselined or omitted; examined only if the
   * list still has room when the report reaches it.
   */
  shape?: true;
}

/**
 * A candidate's priority among overlapping ones (lower wins): a UUID that nothing binds to Ringg yields to one
 * a provider's request binds, and one counted by its shape yields to any other.
 */
function rank(c: Candidate): number {
  if (c.shape) { return 20; }
  return PRIORITY[c.rule] + (c.confidence === 'unbound-high' || c.confidence === 'unbound-low' ? 10 : 0);
}

/** Lines longer than this (minified code) are searched for ignore markers near the key only. */
const LONG_LINE = 64 * 1024;
const MARKER_REACH = 2048;

const PRIORITY: Record<RuleId, number> = {
  'own-key': 0, 'ringyo-live-key': 1, 'ringyo-test-key': 1, 'ringg-api-key': 2, 'ringtonic-api-key': 3, 'ringyo-bearer-token': 4,
  'client-exposed-key': 5,
};

const CONFIG_FILE = /(?:^|[\\/])(?:\.env(?:\.[\w.-]+)?|[^\\/]*\.(?:env|ya?ml|ini|cfg|conf|toml|properties|http|rest|sh|bash|zsh|txt|md|markdown|tfvars|dockerfile)|Dockerfile|Makefile)$/i;

/**
 * Scans a buffer read from disk: skips binary files, caps very large ones. `fileName` stands for
 * opts.fileName (a scan of many files shares one options object).
 */
export function scanBuffer(buf: Uint8Array, opts: ScanOptions & { maxBytes?: number } = {}, fileName = opts.fileName): BufferScanResult {
  const sniff = buf.subarray(0, BINARY_SNIFF_BYTES);
  if (sniff.indexOf(0) !== -1) {
    return { findings: [], baselined: 0, ignored: 0, truncated: false, omitted: 0, binary: true, capped: false, scannedBytes: 0 };
  }
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const capped = buf.length > max;
  const part = capped ? buf.subarray(0, max) : buf;
  const text = Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('utf8');
  // the fields one by one: an object spread here, once per file, made the garbage collector's young
  // generation copy about a tenth of what was allocated (measured: GC time ×4 over 48k files)
  const r = scanText(text, opts, fileName);
  return { findings: r.findings, baselined: r.baselined, ignored: r.ignored, truncated: r.truncated, omitted: r.omitted, binary: false, capped, scannedBytes: part.byteLength };
}

/** Scans text (a document or a decoded file); `fileName` stands for opts.fileName. */
export function scanText(text: string, opts: ScanOptions = {}, fileName = opts.fileName): ScanResult {
  const cands: Candidate[] = [];
  const configFile = !!fileName && CONFIG_FILE.test(fileName);
  const own = opts.ownKeys?.length ? new OwnKeyMatcher(opts.ownKeys) : undefined;
  const max = opts.maxFindings ?? 1000;
  const hits = underscores(text);
  findRingyoKeys(text, hits, cands, own);
  const silencer = new Silencer(text);
  const signals = new FileSignals(text, opts.ringgProject ?? false);
  const reactNative: number[] = [];
  findRinggKeys(text, cands, own, signals, silencer, max, reactNative);
  const tonicHosts = findRingTonicNames(text, cands, configFile);
  findBearerTokens(text, cands, tonicHosts, configFile);
  const kind = fileName ? nameKind(fileName) : undefined;
  if (!kind || kind.client) { findClientExposedNames(text, kind, hits.ring, cands); }
  if (!kind || kind.app) { findAppBundledNames(text, kind, reactNative, cands); }
  if (own) { own.findOthers(text, cands); }
  return finish(text, cands, opts, max, silencer, signals);
}

// ------------------------------------------------------------------ Ringyo: rg_live_ / rg_test_ / vb_…

/** Where `_live_`, `_test_` and `_RING` are written (the position of the `_`). */
interface Underscores { readonly live: number[]; readonly test: number[]; readonly ring: number[] }

/**
 * One walk over the text's underscores for the three searches that start with one (Ringyo's `_live_` and
 * `_test_`, the client prefixes' `_RING`): a search costs by how often its first character occurs, so three
 * searches for `_…` cost about three walks (measured: the one walk takes half the time of the three).
 */
function underscores(text: string): Underscores {
  const live: number[] = []; const test: number[] = []; const ring: number[] = [];
  for (let i = text.indexOf('_'); i !== -1; i = text.indexOf('_', i + 1)) {
    const c = text.charCodeAt(i + 1);
    if (c === 108) { if (text.startsWith('live_', i + 1)) { live.push(i); } }
    else if (c === 116) { if (text.startsWith('test_', i + 1)) { test.push(i); } }
    else if (c === 82 && text.startsWith('RING', i + 1)) { ring.push(i); }
  }
  return { live, test, ring };
}

function findRingyoKeys(text: string, hits: Underscores, out: Candidate[], own?: OwnKeyMatcher): void {
  for (const [list, rule] of [[hits.live, 'ringyo-live-key'], [hits.test, 'ringyo-test-key']] as const) {
    let from = 0;
    for (const hit of list) {
      if (hit < from) { continue; }
      from = hit + 1;
      const p = hit - 2;
      if (p < 0) { continue; }
      const a = text.charCodeAt(p); const b = text.charCodeAt(p + 1);
      if (!((a === 114 && b === 103) || (a === 118 && b === 98))) { continue; }   // rg / vb
      if (p > 0 && isWordChar(text.charCodeAt(p - 1))) { continue; }
      let e = hit + 6;
      while (e < text.length && isAlnum(text.charCodeAt(e))) { e++; }
      from = Math.max(from, e);
      const bodyLen = e - hit - 6;
      if (own?.ringyo && own.check(text, p, e, out)) { continue; }
      if (bodyLen < 16 || bodyLen > MAX_TOKEN) { continue; }
      if (e < text.length && text.charCodeAt(e) === 95) { continue; }   // rg_live_abc…_more: an identifier
      if (truncatedAt(text, e) || isPlaceholder(text.slice(hit + 6, e))) { continue; }
      out.push({ start: p, end: e, rule, provider: 'ringyo', context: rule === 'ringyo-live-key' ? 'live key prefix' : 'test key prefix' });
    }
  }
}

// ------------------------------------------------------------------ Ringg: a UUID in key context

/** 1 for a hex digit, by UTF-16 code unit (a table over every code unit: no range test per character). */
const HEX = new Uint8Array(65536);
for (const ch of '0123456789abcdefABCDEF') { HEX[ch.charCodeAt(0)] = 1; }

/** Is there a hyphenated UUID starting at `s`? (36 characters, hex with dashes at 8, 13, 18, 23.) */
export function uuidAt(text: string, s: number): boolean {
  if (s < 0 || s + 36 > text.length) { return false; }
  const t = text; const H = HEX;
  if (t.charCodeAt(s + 8) !== 45 || t.charCodeAt(s + 13) !== 45 || t.charCodeAt(s + 18) !== 45 || t.charCodeAt(s + 23) !== 45) { return false; }
  // one AND over the 32 digits, no branch per character (a UUID is checked for every id in id-dense text)
  return (H[t.charCodeAt(s)] & H[t.charCodeAt(s + 1)] & H[t.charCodeAt(s + 2)] & H[t.charCodeAt(s + 3)] &
    H[t.charCodeAt(s + 4)] & H[t.charCodeAt(s + 5)] & H[t.charCodeAt(s + 6)] & H[t.charCodeAt(s + 7)] &
    H[t.charCodeAt(s + 9)] & H[t.charCodeAt(s + 10)] & H[t.charCodeAt(s + 11)] & H[t.charCodeAt(s + 12)] &
    H[t.charCodeAt(s + 14)] & H[t.charCodeAt(s + 15)] & H[t.charCodeAt(s + 16)] & H[t.charCodeAt(s + 17)] &
    H[t.charCodeAt(s + 19)] & H[t.charCodeAt(s + 20)] & H[t.charCodeAt(s + 21)] & H[t.charCodeAt(s + 22)] &
    H[t.charCodeAt(s + 24)] & H[t.charCodeAt(s + 25)] & H[t.charCodeAt(s + 26)] & H[t.charCodeAt(s + 27)] &
    H[t.charCodeAt(s + 28)] & H[t.charCodeAt(s + 29)] & H[t.charCodeAt(s + 30)] & H[t.charCodeAt(s + 31)] &
    H[t.charCodeAt(s + 32)] & H[t.charCodeAt(s + 33)] & H[t.charCodeAt(s + 34)] & H[t.charCodeAt(s + 35)]) === 1;
}

/**
 * `perLine`: how many keys of one line are examined here (the most a file lists); past that, and on a line a
 * marker silences, a UUID is taken by its shape (Candidate.shape): the context checks cost more than the rest
 * of the scan, and finish asks them only of a key it would list (one the baseline does not accept while the
 * list has room). `reactNative` collects where `react-native-` is written: the walk visits every dash anyway,
 * and a search of its own for it would cost as much again on a small file.
 */
function findRinggKeys(text: string, out: Candidate[], own: OwnKeyMatcher | undefined, signals: FileSignals, silencer: Silencer, perLine: number, reactNative: number[]): void {
  let from = 0;
  let line = -1; let examined = 0;
  for (;;) {
    const d = text.indexOf('-', from);
    if (d === -1) { break; }
    from = d + 1;
    // the first dash of a UUID follows a hex digit: a run of dashes (----, ascii art) is skipped in one go
    const before = text.charCodeAt(d - 1);
    if (HEX[before] !== 1) {
      if (before === 116 && text.charCodeAt(d + 1) === 110 && text.startsWith('react-native-', d - 5)) { reactNative.push(d - 5); }
      while (text.charCodeAt(from) === 45) { from++; }
      continue;
    }
    // cheap shape test next: the first dash of a UUID has dashes 5, 10 and 15 characters later
    if (text.charCodeAt(d + 5) !== 45 || text.charCodeAt(d + 10) !== 45 || text.charCodeAt(d + 15) !== 45) { continue; }
    const s = d - 8;
    if (!uuidAt(text, s)) { continue; }
    const e = s + 36;
    from = e;
    const shellDefault = text.charCodeAt(s - 1) === 45 && text.charCodeAt(s - 2) === 58;   // ${NAME:-uuid}
    if ((s > 0 && !shellDefault && isUuidNeighbour(text.charCodeAt(s - 1))) || (e < text.length && isUuidNeighbour(text.charCodeAt(e)))) { continue; }
    if (own?.uuid && own.check(text, s, e, out)) { continue; }
    // the verdict's first and cheapest step (most UUIDs of logs and API dumps are ids' values and end here)
    if (idNameBefore(text, s)) { continue; }
    silencer.locate(s);
    if (silencer.lineStart !== line) { line = silencer.lineStart; examined = 0; }
    if (examined >= perLine || silencer.silenced(s, e)) {
      // counted by its shape: still no truncated example or placeholder
      if (!truncatedAt(text, e) && !isUuidPlaceholder(text, s)) {
        out.push({ start: s, end: e, rule: 'ringg-api-key', provider: 'ringg', context: '', shape: true });
      }
      continue;
    }
    const v = ringgVerdict(text, s, e, signals);
    if (!v || truncatedAt(text, e) || isUuidPlaceholder(text, s)) { continue; }
    examined++;
    out.push({
      start: s, end: e, rule: v.rule, provider: v.rule === 'ringtonic-api-key' ? 'ringtonic' : 'ringg',
      context: v.context, name: v.name, confidence: v.confidence,
    });
  }
}

// ------------------------------------------------------------------ Ring Tonic: RINGTONIC_* names, host mentions

function findRingTonicNames(text: string, out: Candidate[], configFile: boolean): number[] {
  const hosts: number[] = [];
  // ringtonic / Ringtonic / RINGTONIC / RingTonic / ringTonic: the last six letters, then the first three
  for (const [needle, head] of [['gtonic', 'rin'], ['GTONIC', 'RIN'], ['gTonic', 'rin']] as const) {
    for (let i = text.indexOf(needle); i !== -1;) {
      const r = i - 3;
      let resume = i + 6;
      if (r >= 0 && (text.charCodeAt(r) | 32) === 114 && text.startsWith(head.slice(1), r + 1)) {
        resume = Math.max(resume, ringTonicAt(text, r, out, configFile, hosts));
      }
      i = text.indexOf(needle, resume);
    }
  }
  return hosts.sort((a, b) => a - b);
}

/** One `ringtonic` hit at `r`: a host mention, or a name whose value may be a key. Returns where to resume. */
function ringTonicAt(text: string, r: number, out: Candidate[], configFile: boolean, hosts: number[]): number {
  if (text.startsWith('.app', r + 9)) { hosts.push(r); return r + 13; }
  let s = r;
  while (s > 0 && s > r - 80 && isIdentChar(text.charCodeAt(s - 1))) { s--; }
  let e = r + 9;
  while (e < text.length && e < r + 89 && isIdentChar(text.charCodeAt(e))) { e++; }
  const name = text.slice(s, e);
  const normalized = normalizeName(name);
  const kind = classifyName(normalized);
  if (kind === 'id' || isHashName(normalized)) { return e; }
  const v = valueAfter(text, e);
  if (!v) { return e; }
  const value = text.slice(v.start, v.end);
  if (!isOpaqueKey(value) || isReference(value) || truncatedAt(text, v.end)) { return v.end; }
  if (!v.quoted && !configFile && /^[A-Za-z_$][\w$]*$/.test(value)) { return v.end; }   // a variable in code
  if (kind === 'other' && (value.length < 20 || uuidAt(value, 0))) { return v.end; }
  if (/^(?:rg|vb)_(?:live|test)_/.test(value)) { return v.end; }   // the Ringyo rule reports it
  out.push({ start: v.start, end: v.end, rule: 'ringtonic-api-key', provider: 'ringtonic', context: `assigned to ${name}`, name });
  return v.end;
}

// ------------------------------------------------------------------ keys shipped to clients: NEXT_PUBLIC_RINGG_API_KEY

/** Prefixes build tools inline into client code (Next.js, Vite, Create React App, Expo, Nuxt, SvelteKit/Astro, Gatsby, Vue CLI). */
const CLIENT_PREFIXES = ['NEXT_PUBLIC_', 'VITE_', 'REACT_APP_', 'EXPO_PUBLIC_', 'NUXT_PUBLIC_', 'PUBLIC_', 'GATSBY_', 'VUE_APP_'];
const CLIENT_PROVIDERS: ReadonlyArray<readonly [string, ProviderId]> = [['RINGTONIC', 'ringtonic'], ['RING_TONIC', 'ringtonic'], ['RINGYO', 'ringyo'], ['RINGG', 'ringg']];

/** JavaScript and TypeScript, by extension (lower case). */
const JS_EXT = new Set(['js', 'jsx', 'ts', 'tsx', 'mjs', 'cjs', 'mts', 'cts']);
/** Components and pages a client build ships as they are, and data it reads, by extension. */
const CLIENT_EXT = new Set(['vue', 'svelte', 'astro', 'html', 'htm', 'json']);

/**
 * What a file's name says for the client rules, worked out once per file: a regular expression per rule per file
 * adds up over thousands of small files. `client`: a file a client build reads (JavaScript and TypeScript
 * sources, components (Vue, Svelte, Astro), HTML, app configuration (`app.json`, `nuxt.config.ts`) and `.env*`
 * files; not prose, where a name is advice, and not server languages). `app`: a file of a mobile app whose build
 * embeds configuration (Dart for Flutter, JavaScript/TypeScript for React Native and Expo).
 */
interface NameKind {
  /** The extension, lower case (`''` for none; `local` for `.env.local`). */
  readonly ext: string;
  /** The name without its extension, lower case. */
  readonly stem: string;
  /** The folders before the name, lower case, `/` or `\\` as given. */
  readonly dir: string;
  readonly env: boolean;
  readonly js: boolean;
  readonly client: boolean;
  readonly app: boolean;
}

function nameKind(fileName: string): NameKind {
  let slash = fileName.length - 1;
  while (slash >= 0 && fileName.charCodeAt(slash) !== 47 && fileName.charCodeAt(slash) !== 92) { slash--; }
  const base = fileName.slice(slash + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1) : '';
  const env = base === '.env' || base.startsWith('.env.');
  const js = JS_EXT.has(ext);
  return { ext, stem: dot > 0 ? base.slice(0, dot) : base, dir: fileName.slice(0, slash + 1).toLowerCase(), env, js,
    client: js || env || CLIENT_EXT.has(ext), app: js || ext === 'dart' };
}

/**
 * A provider's key read through a client-inlined variable, in code (`process.env.NEXT_PUBLIC_RINGG_API_KEY`,
 * `import.meta.env.VITE_RINGG_API_KEY`) or defined in a `.env*` file: the finding is the name, whatever its
 * value, since the build ships whatever the variable holds. Names that are not secrets (`…_PUBLIC_KEY`,
 * `…_AGENT_ID`, `…_BASE_URL`) and files that run only on the server (`'use server'`) are left alone.
 */
function findClientExposedNames(text: string, kind: NameKind | undefined, ring: readonly number[], out: Candidate[]): void {
  // data and .env files hold no code that calls an API
  if (!kind || !(kind.env || kind.ext === 'json')) { findBrowserCalls(text, kind, out); }
  let server: boolean | undefined;
  for (const h of ring) {
    const p = h + 1;
    const provider = CLIENT_PROVIDERS.find(([word]) => text.startsWith(word, p));
    if (!provider) { continue; }
    let s = h;
    while (s > 0 && h - s < 24 && isEnvNameChar(text.charCodeAt(s - 1))) { s--; }
    if (s > 0 && (isWordChar(text.charCodeAt(s - 1)) || text.charCodeAt(s - 1) === 36)) { continue; }
    const prefix = CLIENT_PREFIXES.find(x => text.startsWith(x, s) && s + x.length === p);
    if (!prefix) { continue; }
    let e = p;
    while (e < text.length && e - p < 64 && isEnvNameChar(text.charCodeAt(e))) { e++; }
    if (e < text.length && isWordChar(text.charCodeAt(e))) { continue; }
    const rest = text.slice(p + provider[0].length, e);
    if (!/(?:^|_)(?:API_KEY|KEY|TOKEN|SECRET|API_TOKEN|ACCESS_TOKEN|SECRET_KEY)$/.test(rest) || /(?:^|_)(?:PUBLIC|PUBLISHABLE|WEBCALL)(?:_|$)/.test(rest)) { continue; }
    server ??= /^\s*(?:\/\/[^\n]*\n\s*)*["']use server["']/.test(text.slice(0, 2048));
    if (server) { return; }
    const name = text.slice(s, e);
    out.push({ start: s, end: e, rule: 'client-exposed-key', provider: provider[1], context: `${prefix}* is inlined into client code`, name, confidence: 'high' });
  }
}

const CLIENT_HOSTS: ReadonlyArray<readonly [string, ProviderId, RegExp]> = [
  ['ringg.ai', 'ringg', /x-api-key/i], ['ringyo.ai', 'ringyo', /\bBearer\b|x-api-key/i], ['ringtonic.app', 'ringtonic', /\bBearer\b/],
];

/** `'use client'` opens the file (after comments): a Next.js / React Server Components client component. */
export function isUseClient(text: string): boolean {
  // a directive opens the file (after comments): most files start with something else, and are done here
  let f = 0;
  while (f < 64 && (text.charCodeAt(f) <= 32 || text.charCodeAt(f) === 0xfeff)) { f++; }
  const first = text.charCodeAt(f);
  if (!(first === 34 || first === 39 || first === 47)) { return false; }
  return /^\uFEFF?\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use client["']/.test(text.slice(0, 2048));
}

/** Calls only code that a browser extension runs makes (Chrome's `chrome.*`, Firefox's `browser.*`, WebExtensions). */
const EXTENSION_API = /\b(?:chrome|browser)\.(?:runtime|storage|tabs|action|browserAction|scripting|contextMenus|webRequest|declarativeNetRequest|sidePanel|omnibox)\s*\.\s*\w/;
/**
 * The names a browser extension's scripts go by (its manifest names them: background and service-worker scripts,
 * content scripts, popup, options, side panel and devtools pages), by the name without its extension, and the
 * folders named for an extension, any script in which may be one.
 */
const EXTENSION_STEM = /^(?:background|content|content[-_.]?scripts?|popup|options|service[-_.]?worker|sw|side[-_.]?panel|devtools|inject(?:ed)?)(?:[-_.][\w-]+)*$/;
const EXTENSION_DIR = /(?:^|[\\/])(?:[\w-]*[-_.])?(?:extension|webext|chrome[-_.]?ext|browser[-_.]?ext)[\w-]*[\\/]/;

/**
 * The entry point of a single-page app (Vite, Create React App, Vue CLI): it mounts the app into the page, so it
 * and what it imports run in the browser. `createRoot(document…)`, `hydrateRoot(document…)`, `ReactDOM.render(`,
 * `createApp(…).use(…).mount(`, `new Vue({`.
 */
export const BROWSER_ENTRY = /\b(?:createRoot|hydrateRoot)\s*\(\s*document\b|\bReactDOM\.render\s*\(|\bcreateApp\s*\([^()]*(?:\([^()]*\)[^()]*)*\)(?:\s*\.\s*\w+\s*\([^()]*\))*\s*\.\s*mount\s*\(|\bnew\s+Vue\s*\(\s*\{/;
/** What the entry points of Vite, Create React App and Vue CLI apps are called (`src/main.tsx`, `src/index.js`). */
const ENTRY_STEMS = new Set(['main', 'index', 'app', 'entry', 'client']);

/**
 * Where the file's code runs, by what the file says: in every visitor's browser ('use client', an app's entry
 * point, a Vue or Svelte component, an HTML page), in a browser extension, or (undefined) not known to run on
 * clients. A file is first judged by its name and its first line, which costs nothing; only an entry point's or
 * an extension script's name leads to reading the file for the calls that make it one. Server files (`'use
 * server'`, a route handler, a Node script) say none of these.
 */
function browserContext(text: string, kind: NameKind | undefined): string | undefined {
  if (isUseClient(text)) { return "'use client' component"; }
  if (!kind) { return undefined; }
  if (kind.ext === 'vue') { return 'Vue component'; }
  if (kind.ext === 'svelte') { return 'Svelte component'; }
  if (kind.ext === 'html' || kind.ext === 'htm') { return 'HTML page'; }
  if (!kind.js) { return undefined; }
  if (ENTRY_STEMS.has(kind.stem) && BROWSER_ENTRY.test(text)) { return 'browser entry point'; }
  const extension = EXTENSION_STEM.test(kind.stem) || (kind.dir.includes('ext') && EXTENSION_DIR.test(kind.dir));
  if (extension && EXTENSION_API.test(text)) { return 'browser extension script'; }
  return undefined;
}

/**
 * Where a client-exposed-key finding's API call is made (browserContext's words: `'use client' component`, `browser
 * extension script`, …), read back from its context; undefined for a finding about a variable's name.
 */
export function browserCallSite(f: Finding): string | undefined {
  if (f.rule !== 'client-exposed-key') { return undefined; }
  // `…; in build output, shipped to every client` may follow (markShipped)
  const m = / calls \S+ with a key(?=;|$)/.exec(f.context);
  return m ? f.context.slice(0, m.index) : undefined;
}

/**
 * Code that runs on clients and calls a provider's API with a key: a `'use client'` component (Next.js, React
 * Server Components), a single-page app's entry point, a Vue or Svelte component, an HTML page's script, or a
 * browser extension's script. The request, key and all, runs where every visitor (or every user of the
 * extension) can read it. Reported at the API host.
 */
function findBrowserCalls(text: string, kind: NameKind | undefined, out: Candidate[]): void {
  const where = browserContext(text, kind);
  if (!where) { return; }
  for (const [host, provider, header] of CLIENT_HOSTS) {
    const h = text.indexOf(host);
    if (h === -1 || !header.test(text)) { continue; }
    out.push({ start: h, end: h + host.length, rule: 'client-exposed-key', provider, context: `${where} calls ${host} with a key`, name: host, confidence: 'high' });
  }
}

// ------------------------------------------------------------------ keys compiled into mobile apps

/** A provider key's name read by an app build (`RINGG_API_KEY`, `RINGYO_TOKEN`, `ringgApiKey`), and its provider. */
function appKeyName(name: string): ProviderId | undefined {
  const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  const provider = CLIENT_PROVIDERS.find(([word]) => snake.startsWith(`${word}_`));
  if (!provider) { return undefined; }
  const rest = snake.slice(provider[0].length);
  return /(?:^|_)(?:API_KEY|KEY|TOKEN|SECRET|API_TOKEN|ACCESS_TOKEN|SECRET_KEY)$/.test(rest) && !/(?:^|_)(?:PUBLIC|PUBLISHABLE|WEBCALL)(?:_|$)/.test(rest) ? provider[1] : undefined;
}

/**
 * A provider key read by code whose values a mobile build compiles into the app, where every user can read them:
 * Flutter's `String.fromEnvironment('RINGG_API_KEY')` (a `--dart-define`), React Native's `Config.RINGG_API_KEY`
 * (react-native-config) and `import { RINGG_API_KEY } from '@env'` (react-native-dotenv), and an Expo app
 * config's `process.env.RINGG_API_KEY` (app.config.js/ts: what it returns, `extra` above all, is embedded).
 */
function findAppBundledNames(text: string, kind: NameKind | undefined, reactNative: readonly number[], out: Candidate[]): void {
  const push = (s: number, name: string, context: string) => {
    const provider = appKeyName(name);
    if (provider) { out.push({ start: s, end: s + name.length, rule: 'client-exposed-key', provider, context, name }); }
  };
  if (!kind || kind.ext === 'dart') {
    for (let i = text.indexOf('fromEnvironment('); i !== -1; i = text.indexOf('fromEnvironment(', i + 16)) {
      const m = /^fromEnvironment\(\s*(["'])([A-Za-z_][A-Za-z0-9_]{0,63})\1/.exec(text.slice(i, i + 96));
      if (m) { push(i + m[0].length - 1 - m[2].length, m[2], '--dart-define values are compiled into the app'); }
    }
  }
  if (kind?.ext === 'dart') { return; }
  // the two React Native packages, where the UUID walk saw `react-native-` (findRinggKeys)
  const config = reactNative.some(i => text.startsWith('config', i + 13));
  const dotenvNamed = reactNative.some(i => text.startsWith('dotenv', i + 13));
  if (config) {
    for (let i = text.indexOf('Config.'); i !== -1; i = text.indexOf('Config.', i + 7)) {
      if (i > 0 && /[\w$.]/.test(text[i - 1])) { continue; }
      const m = /^Config\.([A-Za-z_][A-Za-z0-9_]{0,63})/.exec(text.slice(i, i + 80));
      if (m) { push(i + 7, m[1], 'react-native-config values are bundled into the app'); }
    }
  }
  // the import expression only where its module is named (most files have none: no pass over every `import`)
  const dotenv = /\bimport\s*\{([^}]{1,2000})\}\s*from\s*["'](?:@env|react-native-dotenv)["']/g;
  const named = dotenvNamed || hasQuotedEnvModule(text);
  for (let m = named ? dotenv.exec(text) : null; m !== null; m = dotenv.exec(text)) {
    const list = m[1];
    const at = m.index + m[0].indexOf('{') + 1;
    for (const n of list.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) { push(at + n.index, n[0], 'react-native-dotenv values are bundled into the app'); }
  }
  if (kind?.stem === 'app.config' && kind.js && !kind.ext.endsWith('x')) {
    for (let i = text.indexOf('process.env.'); i !== -1; i = text.indexOf('process.env.', i + 12)) {
      const m = /^process\.env\.([A-Za-z_][A-Za-z0-9_]{0,63})/.exec(text.slice(i, i + 80));
      if (m) { push(i + 12, m[1], "an Expo app config's values are embedded in the app"); }
    }
  }
}

/** `'@env'` or `"@env"` (react-native-dotenv's module), searched by its rare `@`. */
function hasQuotedEnvModule(text: string): boolean {
  for (let i = text.indexOf('@env'); i !== -1; i = text.indexOf('@env', i + 4)) {
    const q = text.charCodeAt(i - 1);
    if ((q === 39 || q === 34) && text.charCodeAt(i + 4) === q) { return true; }
  }
  return false;
}

function isEnvNameChar(c: number): boolean { return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95; }

// ------------------------------------------------------------------ Bearer tokens sent to Ring Tonic / Ringyo

/** How many lines apart a Bearer token and the provider's host may be (a base URL constant above a call). */
const HOST_LINES = 40;

function findBearerTokens(text: string, out: Candidate[], tonicHosts: number[], configFile: boolean): void {
  // no provider that takes Bearer tokens here: no token can be one (the hosts are searched by a rare part first)
  const ringyo = positions(text, 'ringyo.ai', 4);
  if (!tonicHosts.length && !ringyo.length) { return; }
  let hosts: Hosts | undefined;
  let lines: LineIndex | undefined;
  let from = 0;
  // `Bearer` and `bearer` searched apart: each stops at a B or b only (one search for `earer` stops at every e)
  let upper = -2; let lower = -2;
  for (;;) {
    if (upper !== -1 && upper < from) { upper = text.indexOf('Bearer', from); }
    if (lower !== -1 && lower < from) { lower = text.indexOf('bearer', from); }
    const b = upper === -1 ? lower : lower === -1 ? upper : Math.min(upper, lower);
    if (b === -1) { break; }
    const hit = b + 1;
    from = hit + 5;
    if (b > 0 && isAlnum(text.charCodeAt(b - 1))) { continue; }
    const s = bearerTokenStart(text, hit + 5);
    if (s < 0) { continue; }
    const ref = referenceAt(text, s);
    if (ref) {
      // `Bearer {{token}}`, `Bearer ${token}`, f"Bearer {token}": the literal the variable was given above
      from = Math.max(from, ref.end);
      hosts ??= { ringtonic: tonicHosts, ringyo, ringg: positions(text, 'ringg.ai', 3) };
      lines ??= new LineIndex(text);
      const provider = nearestHost(hosts, lines, s);
      if (!provider || provider === 'ringg') { continue; }
      const lit = literalAssignedTo(text, ref.name, b, configFile);
      if (!lit) { continue; }
      const token = text.slice(lit.start, lit.end);
      if (/^(?:rg|vb)_(?:live|test)_/.test(token) || !isOpaqueKey(token) || isReference(token) || isPlaceholder(token)) { continue; }
      const context = `assigned to ${ref.name}, sent as Bearer token to ${provider === 'ringtonic' ? 'ringtonic.app' : 'ringyo.ai'}`;
      out.push(provider === 'ringtonic'
        ? { start: lit.start, end: lit.end, rule: 'ringtonic-api-key', provider: 'ringtonic', context, name: ref.name }
        : { start: lit.start, end: lit.end, rule: 'ringyo-bearer-token', provider: 'ringyo', context, name: ref.name });
      continue;
    }
    let e = s;
    while (e < text.length && e - s <= MAX_TOKEN && isOpaqueChar(text.charCodeAt(e))) { e++; }
    while (e > s && CLOSERS.includes(text[e - 1])) { e--; }   // `Bearer tok)` `Bearer tok}`: the token ends before
    from = Math.max(from, e);
    if (e - s < 12) { continue; }   // too short for a key (isKeyLike would say so, after a slice)
    hosts ??= { ringtonic: tonicHosts, ringyo, ringg: positions(text, 'ringg.ai', 3) };
    const token = text.slice(s, e);
    if (/^(?:rg|vb)_(?:live|test)_/.test(token)) { continue; }   // the Ringyo prefix rules report these
    if (!isOpaqueKey(token) || truncatedAt(text, e)) { continue; }
    lines ??= new LineIndex(text);
    const provider = nearestHost(hosts, lines, s);
    if (!provider || provider === 'ringg') { continue; }   // Ringg takes X-API-KEY; its docs' Bearer is a placeholder
    out.push(provider === 'ringtonic'
      ? { start: s, end: e, rule: 'ringtonic-api-key', provider: 'ringtonic', context: 'Bearer token sent to ringtonic.app' }
      : { start: s, end: e, rule: 'ringyo-bearer-token', provider: 'ringyo', context: 'Bearer token sent to ringyo.ai' });
  }
}

const CLOSERS = ')]}>';

/**
 * A variable reference where a token would be: `{{name}}` (.http files, Postman), `${name}` (template
 * literals, shell), `{name}` (Python f-strings, C# interpolation), `$name`. Not `${{ secrets.X }}` (a
 * reference the scanner never resolves) or `{{$dotenv X}}`.
 */
function referenceAt(text: string, s: number): { name: string; end: number } | undefined {
  let i = s;
  let close = '';
  if (text.startsWith('{{', i)) { i += 2; close = '}}'; } else if (text.startsWith('${', i)) { i += 2; close = '}'; } else if (text.charCodeAt(i) === 123) { i++; close = '}'; } else if (text.charCodeAt(i) === 36) { i++; } else { return undefined; }
  while (text.charCodeAt(i) === 32) { i++; }
  const ns = i;
  while (i < text.length && i - ns < 64 && (isWordChar(text.charCodeAt(i)) || text.charCodeAt(i) === 36)) { i++; }
  if (i === ns || (text.charCodeAt(ns) >= 48 && text.charCodeAt(ns) <= 57)) { return undefined; }
  const name = text.slice(ns, i);
  while (text.charCodeAt(i) === 32) { i++; }
  if (close && !text.startsWith(close, i)) { return undefined; }
  return { name, end: i + close.length };
}

/** The expression literalAssignedTo runs for a name, made once per name (a file repeats a few). */
const assignmentOf = memoizedByName(name => {
  const esc = name.replace(/\$/g, '\\$');
  return new RegExp(`(?:^|[^\\w$.])@?${esc}\\s*(?::\\s*[A-Za-z_][\\w.<>|\\[\\] ]{0,40})?=(?!=)[ \\t]*(?:[^\\n;'"\`]{0,120}?(?:\\?\\?|\\|\\||\\bor\\b)[ \\t]*)?(["'\`]?)([A-Za-z0-9._~+/=|!*:-]{12,1024})\\1`, 'g');
});

/** How far above its use a variable's literal is looked for (a default parameter, a file variable at the top). */
const ASSIGN_REACH = 4000;

/**
 * The literal last assigned to `name` before `pos`: `@name = v` (.http), `name = "v"`, `const name: string = 'v'`,
 * a default parameter or fallback `name = process.env.X ?? 'v'` / `|| "v"` / `or "v"`. Unquoted values count in
 * configuration files only (in code they are variables).
 */
function literalAssignedTo(text: string, name: string, pos: number, configFile: boolean): { start: number; end: number } | undefined {
  const from = Math.max(0, pos - ASSIGN_REACH);
  const slice = text.slice(from, pos);
  if (!slice.includes(name)) { return undefined; }
  const re = assignmentOf(name);
  re.lastIndex = 0;
  let last: RegExpExecArray | undefined;
  for (let m = re.exec(slice); m !== null; m = re.exec(slice)) { last = m; }
  if (!last || (!last[1] && !configFile)) { return undefined; }
  const start = from + last.index + last[0].length - last[2].length - last[1].length;
  return { start, end: start + last[2].length };
}

/**
 * Where the token after `Bearer` starts: `Bearer tok`, or the next argument or operand when the scheme is a
 * string of its own (`AuthenticationHeaderValue("Bearer", "tok")`, `"Bearer " + "tok"`, `'Bearer ' . 'tok'`).
 * -1 when nothing follows.
 */
function bearerTokenStart(text: string, after: number): number {
  let s = after;
  while (s < text.length && s - after < 8 && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) { s++; }
  const q = text.charCodeAt(s);
  if (s > after && !(q === 34 || q === 39 || q === 96 || q === 92)) { return s; }
  if (!(q === 34 || q === 39 || q === 92)) { return -1; }
  // the scheme's closing quote (maybe JSON-escaped), then `,` / `+` / `.`, then the token's opening quote
  let i = s;
  if (text.charCodeAt(i) === 92) { i++; }
  if (!(text.charCodeAt(i) === 34 || text.charCodeAt(i) === 39)) { return -1; }
  i++;
  while (i < text.length && i - s < 12 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) { i++; }
  const op = text.charCodeAt(i);
  if (!(op === 44 || op === 43 || op === 46)) { return -1; }
  i++;
  while (i < text.length && i - s < 24 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) { i++; }
  if (text.charCodeAt(i) === 92) { i++; }
  if (!(text.charCodeAt(i) === 34 || text.charCodeAt(i) === 39)) { return -1; }
  return i + 1;
}

/** Sorted positions of each provider's host name in the text. */
interface Hosts { readonly ringtonic: number[]; readonly ringyo: number[]; readonly ringg: number[] }

/**
 * Positions of `needle`, found by its part from `rare` on (`yo.ai` of `ringyo.ai`): String#indexOf looks for the
 * first character with memchr, so a rare first character makes the search several times faster.
 */
function positions(text: string, needle: string, rare = 0): number[] {
  const out: number[] = [];
  const tail = needle.slice(rare);
  const head = needle.slice(0, rare);
  for (let i = text.indexOf(tail, rare); i !== -1;) {
    const hit = text.startsWith(head, i - rare);
    if (hit) { out.push(i - rare); }
    i = text.indexOf(tail, hit ? i + tail.length : i + 1);
  }
  return out;
}

/** The provider whose host is nearest (in lines, at most HOST_LINES away) to `pos`; a tie goes to the one above. */
function nearestHost(hosts: Hosts, lines: LineIndex, pos: number): ProviderId | 'ringg' | undefined {
  const line = lines.lineOf(pos);
  let best: ProviderId | 'ringg' | undefined;
  let bestDist = Infinity; let bestPos = 0;
  for (const provider of ['ringtonic', 'ringyo', 'ringg'] as const) {
    const list = hosts[provider];
    let lo = 0; let hi = list.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid] < pos) { lo = mid + 1; } else { hi = mid; } }
    for (const i of [lo - 1, lo]) {
      const h = list[i];
      if (h === undefined) { continue; }
      const dist = Math.abs(lines.lineOf(h) - line);
      if (dist <= HOST_LINES && (dist < bestDist || (dist === bestDist && h < pos && bestPos > pos))) { best = provider; bestDist = dist; bestPos = h; }
    }
  }
  return best;
}

// ------------------------------------------------------------------ own keys: exact matches by hash

/**
 * Own keys of a known shape (UUID, rg_/vb_) are checked where the rules above already stop: a tail compare,
 * then a hash. Keys of unknown shape (Ring Tonic) are found from their four-character tail anywhere.
 */
class OwnKeyMatcher {
  readonly uuid: boolean;
  readonly ringyo: boolean;
  private readonly shaped: OwnKeyPrint[];
  private readonly others: OwnKeyPrint[];

  constructor(prints: readonly OwnKeyPrint[]) {
    const usable = prints.filter(p => p.tail.length === 4 && p.length >= 8);
    const shape = (p: OwnKeyPrint) => (p.length === 36 && /^[0-9a-fA-F]{4}$/.test(p.tail) ? 'uuid' : p.length >= 24 && /^[A-Za-z0-9]{4}$/.test(p.tail) && p.provider === 'ringyo' ? 'ringyo' : 'other');
    this.shaped = usable.filter(p => shape(p) !== 'other');
    this.others = usable.filter(p => shape(p) === 'other');
    this.uuid = this.shaped.some(p => shape(p) === 'uuid');
    this.ringyo = this.shaped.some(p => shape(p) === 'ringyo');
  }

  /** A candidate token [s, e): is it one of the shaped own keys? (Adds the finding when it is.) */
  check(text: string, s: number, e: number, out: Candidate[]): boolean {
    for (const p of this.shaped) {
      if (e - s === p.length && text.startsWith(p.tail, e - 4) && this.matches(text, s, e, p, out)) { return true; }
    }
    return false;
  }

  /** Keys of unknown shape, anywhere. */
  findOthers(text: string, out: Candidate[]): void {
    for (const p of this.others) {
      for (let h = text.indexOf(p.tail); h !== -1; h = text.indexOf(p.tail, h + 1)) {
        const e = h + 4;
        const s = e - p.length;
        if (s < 0) { continue; }
        if (e < text.length && isAlnum(text.charCodeAt(e))) { continue; }
        if (s > 0 && isAlnum(text.charCodeAt(s - 1))) { continue; }
        this.matches(text, s, e, p, out);
      }
    }
  }

  private matches(text: string, s: number, e: number, p: OwnKeyPrint, out: Candidate[]): boolean {
    if (createHash('sha256').update(text.slice(s, e), 'utf8').digest('hex') !== p.fingerprint) { return false; }
    out.push({ start: s, end: e, rule: 'own-key', provider: p.provider, context: `your stored key '${p.name}'`, ownKeyName: p.name });
    return true;
  }
}

// ------------------------------------------------------------------ lines, suppressions, baseline

/** Line starts, built on demand in one pass (only when a rule needs line distances). */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) { this.starts.push(i + 1); }
  }
  lineOf(pos: number): number {
    let lo = 0; let hi = this.starts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (this.starts[mid] <= pos) { lo = mid; } else { hi = mid - 1; } }
    return lo;
  }
}

/**
 * Whether a marker silences a position: on its line or the line above, or on a minified line (longer than
 * LONG_LINE) within MARKER_REACH of the key or at the line's end. What a line says is worked out once per
 * line, never per key: a long line full of keys after a long marked line costs what any line of keys costs.
 * Positions are asked in increasing order (each rule's pass, the report's pass) for the cost to stay linear.
 */
class Silencer {
  /** The line of the last position asked: [lineStart, lineEnd). */
  lineStart = -1;
  private lineEnd = -1;
  private lineIgnored = false;
  private markers: { starts: number[]; ends: number[] } | undefined;
  /** Whether the current line, a short one, holds a marker itself; undefined until asked. */
  private ownMarked: boolean | undefined;
  constructor(private readonly text: string) {}

  /** Makes the line holding `pos` the current one. */
  locate(pos: number): void {
    if (pos >= this.lineStart && pos <= this.lineEnd && this.lineStart !== -1) { return; }
    const text = this.text;
    const start = text.lastIndexOf('\n', pos - 1) + 1;
    let end = text.indexOf('\n', pos);
    if (end === -1) { end = text.length; }
    // what the line above said of itself when it was current (keys on every line: each line is read once, not
    // twice, and a line after a marked one not at all); ownMarked is only ever set for a short current line
    const above = this.lineEnd === start - 1 ? this.ownMarked : undefined;
    this.lineStart = start; this.lineEnd = end;
    this.ownMarked = undefined;
    if (end - start <= LONG_LINE) {
      this.markers = undefined;
      if (above === true) {
        this.lineIgnored = true;
      } else {
        this.ownMarked = hasIgnoreMarker(text.slice(start, end));
        this.lineIgnored = this.ownMarked || (above ?? this.aboveMarked(start));
      }
    } else {
      // a minified line: the marker must be within MARKER_REACH of the key, or end the line
      this.markers = markerSpans(text, start, end);
      this.lineIgnored = markerWithin(this.markers, Math.max(start, end - MARKER_REACH), end) || (above ?? this.aboveMarked(start));
    }
  }

  /** Does the line above the one starting at `start` hold a marker (read as far back as LONG_LINE, with its line break)? */
  private aboveMarked(start: number): boolean {
    return start > 0 && hasIgnoreMarker(this.text.slice(Math.max(this.text.lastIndexOf('\n', start - 2) + 1, start - LONG_LINE), start));
  }

  /** Is the key at [s, e) silenced? (Its line must be the current one: locate(s).) */
  silenced(s: number, e: number): boolean {
    if (this.lineIgnored || !this.markers) { return this.lineIgnored; }
    return markerWithin(this.markers, Math.max(this.lineStart, s - MARKER_REACH), Math.min(this.lineEnd, e + MARKER_REACH));
  }
}

function finish(text: string, cands: Candidate[], opts: ScanOptions, max: number, silencer: Silencer, signals: FileSignals): ScanResult {
  cands.sort((a, b) => a.start - b.start || rank(a) - rank(b));
  // overlapping candidates: keep the highest priority (own-key first; a UUID that nothing binds to Ringg after
  // one a provider's request binds: `@token = uuid` sent as `Bearer {{token}}` to ringtonic.app)
  const kept: Candidate[] = [];
  for (const c of cands) {
    const last = kept[kept.length - 1];
    if (last && c.start < last.end) {
      if (rank(c) < rank(last)) { kept[kept.length - 1] = c; }
      continue;
    }
    kept.push(c);
  }
  const findings: Finding[] = [];
  let baselined = 0; let ignored = 0; let omitted = 0;
  // one forward pass over the lines that hold findings
  let line = 0; let lineStart = 0;
  let nextNl = kept.length ? text.indexOf('\n') : -1;
  let separators: number[] | undefined;
  for (let c of kept) {
    while (nextNl !== -1 && nextNl < c.start) {
      lineStart = nextNl + 1; line++;
      nextNl = text.indexOf('\n', lineStart);
    }
    silencer.locate(c.start);
    if (silencer.silenced(c.start, c.end)) { ignored++; continue; }
    // past the cap, and a key counted by its shape, are counted: the fingerprint only when a baseline may accept them
    if (c.shape || findings.length >= max) {
      if (opts.baseline?.size && acceptedByBaseline(opts.baseline, c, text)) { baselined++; continue; }
      if (findings.length >= max) { omitted++; continue; }
      // room in the list (the line's first keys were accepted by the baseline): examined now, as any other key
      const v = ringgVerdict(text, c.start, c.end, signals);
      if (!v) { continue; }
      c = { start: c.start, end: c.end, rule: v.rule, provider: v.rule === 'ringtonic-api-key' ? 'ringtonic' : 'ringg', context: v.context, name: v.name, confidence: v.confidence };
    }
    const value = text.slice(c.start, c.end);
    const fingerprint = findingFingerprint(c.rule, value);
    if (opts.baseline?.has(fingerprint)) { baselined++; continue; }
    let confidence: Confidence;
    if (c.confidence === 'by-request-host' || c.confidence === 'unbound-high' || c.confidence === 'unbound-low') {
      // a credential sent in a request to another vendor's host is that vendor's, whatever the project says
      const bound = c.confidence === 'by-request-host' ? requestBinding(text, c.start) : urlBinding(text, c.start, separators ??= schemeSeparators(text));
      if (bound === 'vendor') { continue; }
      confidence = c.confidence === 'by-request-host' ? (bound === 'other' ? 'low' : 'high') : c.confidence === 'unbound-high' ? 'high' : 'low';
    } else {
      confidence = c.confidence ?? 'high';
    }
    findings.push({
      rule: c.rule, provider: c.provider, confidence,
      severity: confidence === 'low' ? lowerSeverity(RULES[c.rule].defaultSeverity) : RULES[c.rule].defaultSeverity, start: c.start, end: c.end,
      line, column: c.start - lineStart, masked: maskKey(value), fingerprint, context: c.context,
      ...(c.name ? { name: c.name } : {}), ...(c.ownKeyName ? { ownKeyName: c.ownKeyName } : {}),
    });
  }
  return { findings, baselined, ignored, truncated: omitted > 0, omitted };
}

/** Does the baseline accept the candidate? One counted by its shape may have been accepted as a Ringg or a Ring Tonic key. */
function acceptedByBaseline(baseline: ReadonlySet<string>, c: Candidate, text: string): boolean {
  const value = text.slice(c.start, c.end);
  return baseline.has(findingFingerprint(c.rule, value)) || (!!c.shape && baseline.has(findingFingerprint('ringtonic-api-key', value)));
}

// ------------------------------------------------------------------ character classes

function isWordChar(c: number): boolean { return isAlnum(c) || c === 95; }
function isIdentChar(c: number): boolean { return isAlnum(c) || c === 95 || c === 45; }
function isUuidNeighbour(c: number): boolean { return isAlnum(c) || c === 95 || c === 45; }

/** A value followed by `...` or `…` is a truncated example, not a key. */
function truncatedAt(text: string, e: number): boolean {
  const c = text.charCodeAt(e);
  return c === 0x2026 || (c === 46 && text.charCodeAt(e + 1) === 46 && text.charCodeAt(e + 2) === 46);
}

/** English one-line message for a finding (CLI, SARIF; the extension localises its own). */
export function describe(f: Finding): string {
  if (f.rule === 'own-key') { return `This is your stored key '${f.ownKeyName}' (${f.masked}).`; }
  const site = browserCallSite(f);
  if (site === "'use client' component") {
    return `${PROVIDERS[f.provider].label} API called with a key from a 'use client' component: the request and its key run in every visitor's browser. Call it from a server route that holds the key (${PROVIDERS[f.provider].envVar}).`;
  }
  if (site === 'browser extension script') {
    return `${PROVIDERS[f.provider].label} API called with a key from a browser extension's script: the key ships in the extension's package, where every user can read it. Call the API from your server, which holds the key, and have the extension call your server.`;
  }
  if (site) {
    return `${PROVIDERS[f.provider].label} API called with a key from code that runs in the browser (${site}): every visitor can read the request and its key. Call it from a server route that holds the key (${PROVIDERS[f.provider].envVar}).`;
  }
  if (f.rule === 'client-exposed-key' && / into the app$| embedded in the app$/.test(f.context)) {
    return `${PROVIDERS[f.provider].label} key read through ${f.name}: ${f.context}, so every user of the app can read the key. Call the API from your server, which holds the key, and have the app call your server.`;
  }
  if (f.rule === 'client-exposed-key') {
    return `${PROVIDERS[f.provider].label} key read through ${f.name}: build tools inline ${f.context.split(' ')[0]} variables into client code, so every visitor can read the key. Call the API from a server route that holds it (a server-only variable such as ${PROVIDERS[f.provider].envVar}).`;
  }
  if (f.confidence === 'low') { return `Possibly a ${RULES[f.rule].title} ${f.masked} (${f.context}; nothing here ties it to Ringg AI).`; }
  return `${RULES[f.rule].title} ${f.masked} (${f.context}).`;
}
