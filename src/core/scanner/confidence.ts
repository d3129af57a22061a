// Provider-aware confidence for a UUID under a key name. A Ringg AI key is a bare v4 UUID, and so are many
// other vendors' credentials and GUID constants, so the name alone cannot say whose key it is:
//   high: something ties the value to Ringg (a `ringg` name or word on the line, the X-API-KEY header, a Ringg
//         host in the file or project, the workspace answer's `api_key`): reported at the configured severity;
//   low:  a generic credential name only (api_key, token, secret): reported one severity step lower, as
//         "possibly a Ringg AI key";
//   none: another vendor's name (a known list), a password or OAuth client secret, a GUID constant
//         (`{…}` braces, `Guid("…")`), or a `*Key` name that is no credential (TimeoutKey): not reported.
// Every look is bounded (the name, the line before the value, a fixed window). No `vscode` import.
import { classifyName, DEFAULT_NAMES, enclosingName, envFallbackName, idNameBefore, isWrapperCall, mayHaveKeyName, memoizedByName, nameAfter, nameBefore, normalizeName, TextIndex, WINDOW, type NameContext } from './context';
import { mentionsRinggHost } from './project';
import type { Severity } from './rules';
import { isVendorHost, VOICE_VENDOR_WORDS } from './vendors';

export type Confidence = 'high' | 'low';

/** SARIF `rank` (0–100) of each confidence. */
export const CONFIDENCE_RANK: Readonly<Record<Confidence, number>> = { high: 90, low: 40 };

/** A low-confidence finding is reported as information at most: it informs, it does not fail a build. */
export function lowerSeverity(s: Severity): Severity {
  return s === 'error' || s === 'warning' ? 'info' : s;
}

/** The same for the editor's severity setting (which says `information` and may be `off`). */
export function lowerSetting<T extends string>(s: T): T | 'information' {
  return s === 'error' || s === 'warning' ? 'information' : s;
}

/**
 * Vendors whose credentials are UUIDs (or are stored under names that collide with ours). A name holding one
 * of these words, or the same line before the value naming one, means the UUID is that vendor's key.
 */
const VENDORS = new Set([
  'npm', 'npmjs', 'npmrc', 'heroku', 'snyk', 'hubspot', 'hapikey', 'octopus', 'azure', 'arm', 'msal', 'aad', 'entra',
  'docusign', 'blocknative', 'railway', 'railwayapp', 'tokeet', 'salesmate', 'sendgrid', 'mailgun', 'mailchimp',
  'pagerduty', 'newrelic', 'datadog', 'bitbucket', 'cloudflare', 'postman', 'rollbar', 'sentry', 'launchdarkly',
  'algolia', 'twilio', 'stripe', 'github', 'gitlab', 'slack', 'okta', 'auth0', 'firebase', 'mapbox', 'vercel',
  'netlify', 'digitalocean', 'circleci', 'travis', 'codecov', 'sonar', 'sonarqube', 'sonarcloud', 'bugsnag',
  'honeybadger', 'airtable', 'asana', 'atlassian', 'jira', 'confluence', 'trello', 'zendesk', 'freshdesk',
  'intercom', 'shopify', 'paypal', 'braintree', 'plaid', 'contentful', 'fastly', 'linode', 'vultr', 'scaleway',
  'alibaba', 'aliyun', 'tencent', 'ibm', 'salesforce', 'dropbox', 'ringcentral', 'openai', 'anthropic', 'aws',
  'gcp', 'nuget', 'pypi', 'rubygems', 'dockerhub', 'tfe', 'jfrog', 'artifactory', 'sonatype', 'grafana',
  'splunk', 'loggly', 'papertrail', 'logdna', 'mongodb', 'supabase', 'pusher', 'mixpanel', 'amplitude', 'hotjar',
  'braze', 'onesignal', 'mandrill', 'postmark', 'sparkpost', 'mailjet', 'sendinblue', 'brevo', 'nexmo', 'vonage',
  'plivo', 'telnyx', 'messagebird', 'sinch', 'azuread', 'appinsights', 'instrumentation', 'bing', 'cognitive',
  'clickup', 'monday', 'notion', 'figma', 'miro', 'calendly', 'typeform', 'pipedrive', 'freshworks', 'zoho',
  'keycloak', 'vault', 'consul', 'nomad', 'terraform', 'pulumi', 'doppler', 'infisical', 'onepassword',
  ...VOICE_VENDOR_WORDS,   // voice-AI, speech and telephony vendors, with their sources: vendors.ts
]);

/** Names that are a credential, but never a Ringg API key (Ringg keys are API keys, not passwords). */
const NOT_RINGG_NAMES = /(?:^|_)(?:password|passwd|pwd|passphrase|client_secret|shared_secret|webhook_secret|signing_secret|instrumentation_key|subscription_key|license_key|encryption_key|master_key|machine_key|sas_token|refresh_token|id_token|csrf_token|session_token|device_token|push_token|registration_token|access_token_secret)(?:_|$)/;

/** Qualifiers that make a `*_key` a credential name (`api_key`, `access_key`, `service_key`, …). */
const CREDENTIAL_KEY_QUALIFIERS = new Set([
  'api', 'apikey', 'access', 'auth', 'secret', 'private', 'service', 'account', 'workspace', 'app', 'application',
  'client', 'admin', 'prod', 'production', 'live', 'dev', 'development', 'staging', 'test', 'sandbox', 'my',
  'the', 'default', 'voice', 'calling', 'call', 'agent', 'agency', 'bot', 'server', 'backend', 'integration',
  'project', 'org', 'organization', 'team', 'user', 'personal', 'x',
]);

/** The words of a normalised (lower snake case) name. */
function words(normalized: string): string[] {
  return normalized.split('_').filter(Boolean);
}

/** Does the name belong to another vendor, or to a credential that is never a Ringg key? (Asked for every key, and a flood repeats a few names: remembered.) */
export const isOtherVendorName: (normalized: string) => boolean = memoizedByName(otherVendorName);

function otherVendorName(normalized: string): boolean {
  if (normalized.includes('ringg')) { return false; }
  if (NOT_RINGG_NAMES.test(normalized)) { return true; }
  const w = words(normalized);
  for (let i = 0; i < w.length; i++) {
    // `hubspot`, and `HubSpot` split in two (`hub_spot`)
    if (VENDORS.has(w[i]) || (i + 1 < w.length && VENDORS.has(w[i] + w[i + 1]))) { return true; }
  }
  return false;
}

/**
 * Is a generic name (no tie to Ringg) still a credential name? `api_key`, `token`, `secret`, `auth_token`,
 * `service_key` are; `timeout_key`, `sensor_key`, `valid_key` (a key of something, not a credential) are not.
 */
export const isGenericCredentialName: (normalized: string) => boolean = memoizedByName(genericCredentialName);

function genericCredentialName(normalized: string): boolean {
  const w = words(normalized);
  const last = w[w.length - 1] ?? '';
  if (normalized.includes('apikey') || normalized.includes('api_key')) { return true; }
  if (last === 'token' || last === 'tokens' || last === 'secret' || last === 'secrets' || last === 'credential' || last === 'credentials') { return true; }
  if (last === 'key' || last === 'keys') {
    const q = w[w.length - 2];
    return q !== undefined && CREDENTIAL_KEY_QUALIFIERS.has(q);
  }
  return false;
}

const LETTER = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);

/** A hash of a lower-case word, as lineVendor computes it while it reads the word (no string made). */
function wordHash(w: string): number {
  let h = 0;
  for (let i = 0; i < w.length; i++) { h = (Math.imul(h, 31) + w.charCodeAt(i)) | 0; }
  return h;
}
const VENDOR_HASHES = new Set([...VENDORS].map(wordHash));
const LONGEST_VENDOR = Math.max(...[...VENDORS].map(v => v.length));

/** How far back on the value's line the vendor and `ringg` words are looked for. */
const LINE_REACH = 200;

/**
 * What the text before the value on its line says: a Ringg word, another vendor's word, or neither. The words
 * (letters and digits, split at anything else and at camelCase humps, compared in lower case) are read in
 * place: a word becomes a string only when its hash is a vendor's (this runs for every key of a flood).
 */
export function lineVendor(text: string, valueStart: number): 'ringg' | 'other' | undefined {
  const floor = Math.max(0, valueStart - LINE_REACH);
  let i = valueStart - 1;
  while (i >= floor && text.charCodeAt(i) !== 10) { i--; }
  let other = false;
  let ws = -1; let h = 0;
  // one step past the end: the last word ends there
  for (let k = i + 1; k <= valueStart; k++) {
    const c = k < valueStart ? text.charCodeAt(k) : 0;
    const letter = LETTER(c);
    const upper = c >= 65 && c <= 90;
    // a word ends at anything but a letter or digit, and before a camelCase hump
    if (ws !== -1 && (!letter || (upper && !(text.charCodeAt(k - 1) >= 65 && text.charCodeAt(k - 1) <= 90)))) {
      if (k - ws >= 5 && (text.charCodeAt(ws) | 32) === 114 && (text.charCodeAt(ws + 1) | 32) === 105 && (text.charCodeAt(ws + 2) | 32) === 110 &&
        (text.charCodeAt(ws + 3) | 32) === 103 && (text.charCodeAt(ws + 4) | 32) === 103) { return 'ringg'; }   // ringg…
      if (!other && k - ws <= LONGEST_VENDOR && VENDOR_HASHES.has(h) && VENDORS.has(text.slice(ws, k).toLowerCase())) { other = true; }
      ws = -1;
    }
    if (!letter) { continue; }
    if (ws === -1) { ws = k; h = 0; }
    h = (Math.imul(h, 31) + (upper ? c | 32 : c)) | 0;
  }
  return other ? 'other' : undefined;
}

/** Is text[ws, we) a `ringg…` word (1), another vendor's word (2), or neither (0)? `h`: its wordHash. */
function wordKind(text: string, ws: number, we: number, h: number): 0 | 1 | 2 {
  if (we - ws >= 5 && (text.charCodeAt(ws) | 32) === 114 && (text.charCodeAt(ws + 1) | 32) === 105 && (text.charCodeAt(ws + 2) | 32) === 110 &&
    (text.charCodeAt(ws + 3) | 32) === 103 && (text.charCodeAt(ws + 4) | 32) === 103) { return 1; }
  return we - ws <= LONGEST_VENDOR && VENDOR_HASHES.has(h) && VENDORS.has(text.slice(ws, we).toLowerCase()) ? 2 : 0;
}

/** 1: a lower-case letter or a digit, 3: an upper-case letter (by UTF-16 code unit; one lookup per character). */
const WORD_CLASS = new Uint8Array(65536);
for (let c = 48; c <= 122; c++) { WORD_CLASS[c] = c >= 65 && c <= 90 ? 3 : LETTER(c) ? 1 : 0; }
const UPPER = (c: number): boolean => c >= 65 && c <= 90;
/** Does a word (as lineVendor reads them) go on from k - 1 to k? */
const JOINED = (text: string, k: number): boolean =>
  LETTER(text.charCodeAt(k)) && LETTER(text.charCodeAt(k - 1)) && !(UPPER(text.charCodeAt(k)) && !UPPER(text.charCodeAt(k - 1)));

function hashOf(text: string, ws: number, we: number): number {
  let h = 0;
  for (let k = ws; k < we; k++) { const c = text.charCodeAt(k); h = (Math.imul(h, 31) + (UPPER(c) ? c | 32 : c)) | 0; }
  return h;
}

/** The `ringg…` and vendor words of a whole text, as lineVendor splits them, in order. */
interface VendorWords { readonly starts: Int32Array; readonly ends: Int32Array; readonly kinds: Uint8Array }

function vendorWords(text: string): VendorWords {
  const starts: number[] = []; const ends: number[] = []; const kinds: number[] = [];
  let ws = -1; let h = 0;
  const n = text.length;
  let prev = 0;
  for (let k = 0; k <= n; k++) {
    const c = k < n ? text.charCodeAt(k) : 0;
    const cls = WORD_CLASS[c];
    if (ws !== -1 && (cls === 0 || (cls === 3 && prev !== 3))) {
      const kind = wordKind(text, ws, k, h);
      if (kind) { starts.push(ws); ends.push(k); kinds.push(kind); }
      ws = -1;
    }
    prev = cls;
    if (cls === 0) { continue; }
    if (ws === -1) { ws = k; h = 0; }
    h = (Math.imul(h, 31) + (c | (cls & 2) << 4)) | 0;   // lower case: an upper-case letter gets bit 32
  }
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends), kinds: Uint8Array.from(kinds) };
}

/**
 * lineVendor from the words of the whole text: the window [from, valueStart) holds the whole words inside it,
 * and at either edge at most one word cut by the edge (read directly). Same answer as lineVendor.
 */
function lineVendorIndexed(text: string, valueStart: number, words: VendorWords, index: TextIndex): 'ringg' | 'other' | undefined {
  const floor = Math.max(0, valueStart - LINE_REACH);
  let from = index.lineBreakBefore(floor, valueStart);
  while (from >= floor && text.charCodeAt(from) !== 10) { from = index.lineBreakBefore(floor, from); }   // a \r is no line's end here
  from++;
  let other = false;
  let a = from; let b = valueStart;
  if (a > 0 && a < b && JOINED(text, a)) {   // a word cut by the window's start
    let e = a + 1;
    while (e < b && JOINED(text, e)) { e++; }
    const kind = wordKind(text, a, e, hashOf(text, a, e));
    if (kind === 1) { return 'ringg'; }
    other = kind === 2;
    a = e;
  }
  if (b < text.length && b > a && JOINED(text, b)) {   // a word cut by the value's start
    let ws = b - 1;
    while (ws > a && JOINED(text, ws)) { ws--; }
    const kind = wordKind(text, ws, b, hashOf(text, ws, b));
    if (kind === 1) { return 'ringg'; }
    other ||= kind === 2;
    b = ws;
  }
  const { starts, ends, kinds } = words;
  let lo = 0; let hi = starts.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (starts[mid] < a) { lo = mid + 1; } else { hi = mid; } }
  for (let k = lo; k < starts.length && starts[k] < b; k++) {
    if (ends[k] > b) { break; }
    if (kinds[k] === 1) { return 'ringg'; }
    other = true;
  }
  return other ? 'other' : undefined;
}

/**
 * A GUID constant rather than a key: `{3f6d…}` in braces, or the argument of a GUID constructor
 * (`new Guid("…")`, `Guid.Parse("…")`, `[Guid("…")]`, `UUID.fromString("…")`, `uuid.UUID("…")`).
 */
export function isGuidConstant(text: string, s: number, e: number): boolean {
  const q = (c: number): boolean => c === 34 || c === 39;
  let a = s - 1; let b = e;
  if (q(text.charCodeAt(a)) && q(text.charCodeAt(b))) { a--; b++; }
  if (text.charCodeAt(s - 1) === 123 && text.charCodeAt(e) === 125) { return true; }   // {uuid}
  if (text.charCodeAt(a) === 123 && text.charCodeAt(b) === 125 && q(text.charCodeAt(s - 1))) { return false; }   // {"uuid"}: an object
  // the expression below ends in `(`, spaces, `@` and a quote: without a `(` in reach it cannot match
  let paren = s - 1;
  while (paren >= Math.max(0, s - 24) && text.charCodeAt(paren) !== 40) { paren--; }
  if (paren < Math.max(0, s - 24)) { return false; }
  const before = text.slice(Math.max(0, s - 24), s).toLowerCase();
  return /(?:guid|uuid)(?:\.parse|\.fromstring|\.tryparse)?\s*\(\s*@?["']?$/.test(before);
}

/** Does the Ringg workspace answer (`workspace_info` … `api_key`) hold the value? */
export function inWorkspaceAnswer(text: string, s: number): boolean {
  const from = Math.max(0, s - 600);
  // a bounded window: lastIndexOf would search back to the start of the text for every UUID (quadratic on a long line)
  return text.slice(from, s + 'workspace_info'.length).includes('workspace_info');
}

function fallbackName(text: string, s: number, e: number, signals: FileSignals): NameContext | undefined {
  const after = nameAfter(text, e);
  if (after && classifyName(after.normalized) === 'key') { return after; }
  return signals.mayHaveEnvLookup(s) ? envFallbackName(text, s, n => classifyName(n) === 'key') : undefined;
}

// ------------------------------------------------------------------ the Ringg decision for one UUID

export interface RinggVerdict {
  readonly rule: 'ringg-api-key' | 'ringtonic-api-key';
  /**
   * `by-request-host`: an X-API-KEY header whose confidence depends on the nearest request host
   * (xApiKeyConfidence), worked out only if the key is reported: silenced or baselined keys never need it.
   * `unbound-high` / `unbound-low`: nothing binds the value to Ringg; raised by a file or project signal (high)
   * or under a generic name only (low), and not a Ringg key at all when a request to another vendor's host goes
   * with it (requestBinding, also only for a reported key).
   */
  readonly confidence: Confidence | 'by-request-host' | 'unbound-high' | 'unbound-low';
  /** The name the key is assigned or sent as. */
  readonly name: string;
  /** Why it is a key, in a few words (`X-API-KEY header`, `assigned to apiKey`). */
  readonly context: string;
}

/** Sorted positions of `needle` in the text. */
function positions(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) { out.push(i); }
  return out;
}

/** Where the X-API-KEY header (any case) is written in text[from, to). */
function headerMatches(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  const re = /x-api-key/gi;
  const window = text.slice(from, to);
  for (let m = re.exec(window); m !== null; m = re.exec(window)) { out.push(from + m.index); }
  return out;
}

/** How many values of one file may ask where the X-API-KEY header is below them. */
const HEADER_QUESTIONS = 32;

/** How far below a variable's assignment its use as the X-API-KEY header is looked for. */
const ASSIGN_REACH = 4000;

/** What a file says about Ringg, computed once per scan on the first UUID that needs it. */
export class FileSignals {
  private host: boolean | undefined;
  private envWords: number[] | undefined;
  private workspaceAnswers: number[] | undefined;
  private workspaceQuestions = 0;
  private vendorWords: VendorWords | undefined;
  private vendorQuestions = 0;
  /** lineVendor questions answered by walking before the text's words are read (see lineVendor). */
  private readonly vendorWalks: number;
  private headerQuestions = 0;
  /** The X-API-KEY headers (any case) written in text[from, to), the part headersBelow has searched. */
  private headers: { from: number; to: number; at: number[] } | undefined;
  /** The text's braces and line breaks, for enclosingName (indexed once the text has many keys). */
  readonly index: TextIndex;
  /** The bracket-free span statementVendor read last. */
  readonly plain: PlainSpan = { from: 0, to: 0 };
  /** `usesBeforeIndex`: questions of each kind answered by walking before the text is indexed (tests set 0). */
  constructor(private readonly text: string, private readonly project: boolean, private readonly usesBeforeIndex = 32) {
    this.index = new TextIndex(text, usesBeforeIndex);
    this.vendorWalks = usesBeforeIndex && Math.max(usesBeforeIndex, text.length / (4 * LINE_REACH));
  }

  /**
   * lineVendor, answered from the text's vendor and `ringg` words (read once, in one pass) once the text has
   * been asked often: each key of a flood on one long line would otherwise read the same 200 characters.
   */
  lineVendor(s: number): 'ringg' | 'other' | undefined {
    // a walk reads at most LINE_REACH characters, the words a pass over the whole text: the walks first, until
    // they have read a quarter of what the pass would (a flood of keys then costs 1.25 passes, not 2; measured
    // on a 2 MiB line of key pairs, 5% of the scan)
    if (this.vendorQuestions < this.vendorWalks) { this.vendorQuestions++; return lineVendor(this.text, s); }
    // a short line costs its own length to read: only a long one (no line break within reach) is worth the words
    if (this.index.lineBreakBefore(Math.max(0, s - LINE_REACH), s) >= s - LINE_REACH) { return lineVendor(this.text, s); }
    this.vendorWords ??= vendorWords(this.text);
    return lineVendorIndexed(this.text, s, this.vendorWords, this.index);
  }

  /**
   * inWorkspaceAnswer, answered from the positions of `workspace_info` once the text has been asked often
   * (a flood of keys would otherwise search the same 600 characters again for each).
   */
  inWorkspaceAnswer(s: number): boolean {
    if (this.workspaceQuestions < this.usesBeforeIndex) { this.workspaceQuestions++; return inWorkspaceAnswer(this.text, s); }
    this.workspaceAnswers ??= positions(this.text, 'workspace_info');
    const list = this.workspaceAnswers;
    let lo = 0; let hi = list.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid] < s - 600) { lo = mid + 1; } else { hi = mid; } }
    return lo < list.length && list[lo] <= s;
  }
  /**
   * The X-API-KEY header (one of `uses`, headersBelow's answer) the variable `ctx`, assigned a value ending at
   * `after`, is sent as: `"X-API-KEY": key`, `("X-API-KEY", key)`, `setValue(key, forHTTPHeaderField: "X-API-KEY")`.
   */
  sentAsXApiKey(ctx: NameContext, uses: readonly number[], after: number): NameContext | undefined {
    const name = ctx.name;
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) { return undefined; }
    const re = new RegExp(`(?<![\\w$.\x27"-])${name.replace(/\$/g, '\\$')}(?![\\w$(\x27"-])`);
    for (const u of uses) {
      if (re.test(this.text.slice(Math.max(after, u - 60), Math.min(this.text.length, u + 69)))) { return { name: 'X-API-KEY', normalized: 'x_api_key', start: u }; }
    }
    return undefined;
  }

  /**
   * Where the X-API-KEY header is written (in any case) within ASSIGN_REACH after `after`, for the first
   * HEADER_QUESTIONS values of a file that ask: a key kept in a variable is one of a few, and a fixture with
   * hundreds of assigned UUIDs would otherwise search the same windows again and again.
   */
  headersBelow(after: number): number[] {
    if (this.headerQuestions++ >= HEADER_QUESTIONS) { return []; }
    const end = Math.min(this.text.length, after + ASSIGN_REACH);
    // the windows of a file's questions overlap (ids assigned line after line): each part of the text is searched
    // once, the found headers kept, and a question answered from them (searching each window again cost a
    // twentieth of the scan of id-dense files). Every occurrence, not overlapping itself, is found either way.
    let h = this.headers;
    if (!h || after < h.from || after > h.to) {
      h = this.headers = { from: after, to: end, at: headerMatches(this.text, after, end) };
    } else if (end > h.to) {
      for (const m of headerMatches(this.text, h.to - 8, end)) { h.at.push(m); }
      h.to = end;
    }
    const out: number[] = [];
    for (const m of h.at) { if (m >= after && m + 9 <= end) { out.push(m); } }
    return out;
  }

  /** A Ringg host in the file, or in the project (the caller knows). */
  ringgHost(): boolean {
    if (this.project) { return true; }
    this.host ??= mentionsRinggHost(this.text);
    return this.host;
  }

  /**
   * Could envFallbackName find a lookup for a value at `pos`? Only if `${`, `env`, `Env`, `ENV` or `config(`
   * (what its expressions need) ends in the WINDOW before it. The hints' ends are found once per file (one indexOf pass each), then each value costs a
   * binary search instead of a walk to its line start and the expressions (most ids have no lookup near).
   */
  mayHaveEnvLookup(pos: number): boolean {
    if (!this.envWords) {
      // searched by their rare characters (v, V, $, `g(`): a search for `env` would stop at every e
      const t = this.text;
      const ends: number[] = [];
      for (let i = t.indexOf('v'); i !== -1; i = t.indexOf('v', i + 1)) {   // env, Env
        if (t.charCodeAt(i - 1) === 110 && (t.charCodeAt(i - 2) === 101 || t.charCodeAt(i - 2) === 69)) { ends.push(i + 1); }
      }
      for (let i = t.indexOf('V'); i !== -1; i = t.indexOf('V', i + 1)) {   // ENV
        if (t.charCodeAt(i - 1) === 78 && t.charCodeAt(i - 2) === 69) { ends.push(i + 1); }
      }
      for (let i = t.indexOf('${'); i !== -1; i = t.indexOf('${', i + 1)) { ends.push(i + 2); }
      for (let i = t.indexOf('g('); i !== -1; i = t.indexOf('g(', i + 1)) {   // config(
        if (t.startsWith('confi', i - 5)) { ends.push(i + 2); }
      }
      this.envWords = ends.sort((a, b) => a - b);
    }
    const list = this.envWords;
    let lo = 0; let hi = list.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid] <= pos) { lo = mid + 1; } else { hi = mid; } }
    return lo > 0 && list[lo - 1] > pos - WINDOW;
  }
}

/**
 * Is the UUID at [s, e) a key, whose, and how sure are we? The name comes from the text before the value, or
 * the pair it is the value of, or the block whose default it is, or the call it is an argument of (name after
 * the value), or the environment lookup it is the fallback of.
 */
export function ringgVerdict(text: string, s: number, e: number, signals: FileSignals): RinggVerdict | undefined {
  // the value of an id (`"agent_id": "…"`) is never a key, whatever follows: most UUIDs of logs and API dumps end here
  if (idNameBefore(text, s)) { return undefined; }
  let ctx = mayHaveKeyName(text, s) ? nameBefore(text, s) : undefined;
  // `Value: pulumi.String("v")`, `api_key=str("v")`: the name of the call the wrapper is the value of
  if (ctx && isWrapperCall(text, ctx)) { ctx = nameBefore(text, ctx.start); }
  if (ctx && DEFAULT_NAMES.has(ctx.normalized)) { ctx = enclosingName(text, ctx.start, signals.index) ?? ctx; }
  let kind = ctx ? classifyName(ctx.normalized) : 'other';
  if (kind === 'id') { return undefined; }
  if (ctx && kind === 'other' && ctx.name.includes('.')) {
    // a properties-style dotted name (`voice.api.key`, `ringg.api-key`): the whole name, not its last segment
    const whole = normalizeName(ctx.name.replace(/\./g, '_'));
    if (classifyName(whole) === 'key') { ctx = { ...ctx, normalized: whole }; kind = 'key'; }
  }
  // `regenerate_secret("<id>")`, `rotateMetaToken(id)`: the argument names a credential, it is not one
  if (ctx && kind === 'key' && isCredentialActionCall(text, ctx)) { return undefined; }
  if (kind !== 'key') {
    // a name after the value, or the environment lookup it is the fallback of; but never for a value whose
    // own name says it is an id (`"_id": "…", "name": "HubSpotAPIKey"`)
    let found = fallbackName(text, s, e, signals);
    // `let key = "v"` … `setValue(key, forHTTPHeaderField: "X-API-KEY")`: a variable sent as the header further down
    const uses = !found && assignedWithEquals(text, s) ? signals.headersBelow(e) : undefined;
    if (uses?.length) {
      const own = ctx ?? nameBefore(text, s);
      if (own && classifyName(own.normalized) === 'other') { found = signals.sentAsXApiKey(own, uses, e); }
    }
    if (!found) { return undefined; }
    const own = ctx ?? nameBefore(text, s);
    if (own && classifyName(own.normalized) === 'id') { return undefined; }
    ctx = found; kind = 'key';
  }
  if (!ctx) { return undefined; }
  // a GUID constant is never a key; asked only now, as every step above is cheaper and ids end there
  if (isGuidConstant(text, s, e)) { return undefined; }
  const n = ctx.normalized;
  const whole = /[.$]/.test(ctx.name) ? normalizeName(ctx.name.replace(/[.$]/g, '_')) : normalizeName(ctx.name);   // `ringg.apiKey`, `heroku.apiKey`: the prefix counts too
  if (whole.includes('ringtonic')) {
    return { rule: 'ringtonic-api-key', confidence: 'high', name: ctx.name, context: `assigned to ${ctx.name}` };
  }
  const context = n === 'x_api_key' || n.endsWith('_x_api_key') ? 'X-API-KEY header' : assignedTo(ctx.name);
  const high = (): RinggVerdict => ({ rule: 'ringg-api-key', confidence: 'high', name: ctx.name, context });
  if (whole.includes('ringg')) { return high(); }
  if (isOtherVendorName(whole)) { return undefined; }
  const line = signals.lineVendor(s);
  if (line === 'other') { return undefined; }
  const parent = enclosingName(text, ctx.start, signals.index);
  if (parent?.normalized.includes('ringg')) { return high(); }
  if (parent && isOtherVendorName(parent.normalized)) { return undefined; }
  if (line === 'ringg' || signals.inWorkspaceAnswer(s)) { return high(); }
  // the statement the value is an argument of: `new VapiClient({\n  token: "…"` binds it to Vapi, `Ringg(\n  api_key=…` to Ringg
  const call = statementVendor(text, ctx.start, signals.plain);
  if (call === 'other') { return undefined; }
  if (call === 'ringg') { return high(); }
  // Past here nothing binds the value to Ringg: a project-wide signal may raise it, but a request to another
  // vendor's host near it binds it there (worked out only for a key that is reported: finish in scanner.ts)
  if (signals.ringgHost()) { return { rule: 'ringg-api-key', confidence: 'unbound-high', name: ctx.name, context }; }
  // X-API-KEY is Ringg's header, and other APIs' too: it ties the key to Ringg unless the request visibly goes elsewhere
  // (the request's host is looked for only for a key that is reported: xApiKeyConfidence)
  if (context === 'X-API-KEY header') { return { rule: 'ringg-api-key', confidence: 'by-request-host', name: ctx.name, context }; }
  if (!isGenericCredentialName(n)) { return undefined; }
  return { rule: 'ringg-api-key', confidence: 'unbound-low', name: ctx.name, context };
}

/** Is the value at `pos` assigned with `=` (`let key = "v"`, `k := "v"`), not a field, an argument or a comparison? No allocation. */
function assignedWithEquals(text: string, pos: number): boolean {
  let i = pos - 1;
  const floor = Math.max(0, pos - 8);
  while (i >= floor) { const c = text.charCodeAt(i); if (c === 32 || c === 9 || c === 34 || c === 39 || c === 96 || c === 64) { i--; } else { break; } }
  if (text.charCodeAt(i) !== 61) { return false; }   // =
  const b = text.charCodeAt(i - 1);
  return b !== 61 && b !== 33 && b !== 60 && b !== 62;   // not == != <= >=
}

/** Verbs of a call that acts on a credential it names by id (`regenerateSecret(id)`, `rotateMetaToken(id)`), not one that takes it. */
const ACTION_VERBS = new Set(['regenerate', 'generate', 'rotate', 'refresh', 'revoke', 'delete', 'remove', 'get', 'fetch', 'retrieve',
  'create', 'list', 'update', 'reset', 'expire', 'disable', 'enable', 'invalidate', 'describe', 'read', 'find', 'lookup', 'show', 'destroy', 'roll']);

/**
 * Is the name a call whose argument is an id, not a credential? A method whose name holds `secret`
 * (`regenerate_secret("<id>")`, `getSecret(id)`), or a verb acting on a key or token (`rotateMetaToken(id)`).
 * `setApiKey("…")`, `withToken("…")`, `ApiKey("…")` still pass the credential itself.
 */
export function isCredentialActionCall(text: string, ctx: NameContext): boolean {
  let k = ctx.start + ctx.name.length;
  while (text.charCodeAt(k) === 32) { k++; }
  if (text.charCodeAt(k) !== 40) { return false; }
  const w = words(ctx.normalized);
  return w.includes('secret') || w.includes('secrets') || (w.length > 1 && ACTION_VERBS.has(w[0]));
}

/** How far back the statement's opening `(` / `{` is looked for. */
const STATEMENT_REACH = 400;

/** A span `[from, to)` of a text known to hold no bracket and no `;`: statementVendor's walk steps over it. */
export interface PlainSpan { from: number; to: number }

/**
 * The vendor of the call or object the value is an argument of: the words before the unmatched `(` or `{`
 * (two levels up) on that line: `new VapiClient({` → other, `Ringg(` → ringg. Strings are not parsed: a bracket
 * inside one may stop the walk early, which only ever means no answer. Bounded by STATEMENT_REACH.
 *
 * `plain` (one per text, kept by FileSignals) remembers the bracket-free run the last walk read, and the next walk
 * steps over it: a flood of keys on one line without brackets then reads the line once, not STATEMENT_REACH
 * characters per key (measured: 5% of the scan of a 2 MiB line of key pairs).
 */
export function statementVendor(text: string, pos: number, plain: PlainSpan = { from: 0, to: 0 }): 'ringg' | 'other' | undefined {
  const floor = Math.max(0, pos - STATEMENT_REACH);
  let depth = 0; let levels = 0;
  let runFrom = -1;   // where the bracket-free run that ends at `pos` begins, once the walk has left it
  let i = pos - 1;
  for (; i >= floor; i--) {
    if (i < plain.to && i >= plain.from) { i = plain.from; continue; }   // the loop's step lands on plain.from - 1
    const c = text.charCodeAt(i);
    const close = c === 41 || c === 125 || c === 93;   // ) } ]
    const open = c === 40 || c === 123 || c === 91;   // ( { [
    if (!close && !open && c !== 59) { continue; }
    if (runFrom === -1) { runFrom = i + 1; }
    if (close) { depth++; continue; }
    if (c === 59) {   // ; ends the statement
      if (depth === 0) { break; }
      continue;
    }
    if (depth > 0) { depth--; continue; }
    if (c !== 91) {
      const v = lineVendor(text, i);
      if (v) { remember(plain, runFrom, pos); return v; }
    }
    if (++levels === 2) { break; }
  }
  remember(plain, runFrom === -1 ? i + 1 : runFrom, pos);   // nothing found: all of [i + 1, pos) was read or stepped over
  return undefined;
}

/** Keeps [from, to) as the text's known plain span when it reaches further than the one kept. */
function remember(plain: PlainSpan, from: number, to: number): void {
  if (to > plain.to && from < to) { plain.from = from; plain.to = to; }
}

/** `assigned to NAME`, made once per name (a flood of keys repeats a few names). */
const assignedTo = memoizedByName(name => `assigned to ${name}`);

/** An X-API-KEY header's confidence: high unless the request visibly goes to another host. */
export function xApiKeyConfidence(text: string, s: number): Confidence {
  return nearestRequestHost(text, s) === 'other' ? 'low' : 'high';
}

/** How far (characters, either side) the host of the request an X-API-KEY header goes with is looked for. */
const HOST_REACH = 1500;
/** Hosts that name a schema or licence, not where a request goes. */
const NOT_A_REQUEST_HOST = /^(?:www\.)?(?:w3\.org|json-schema\.org|schemas?\.[\w.-]+|xmlns\.[\w.-]+|schema\.org|opensource\.org|apache\.org|purl\.org|[\w.-]*\.?example(?:\.\w+)?|localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])$/i;

/**
 * The host of the request nearest to `pos` (a URL, a `Host:` header, an HTTP/2 `:authority`): `ringg` for a Ringg
 * host, `other` for another one, undefined when the text shows none (or only loopback, example and schema hosts).
 */
export function nearestRequestHost(text: string, pos: number): 'ringg' | 'other' | undefined {
  const best = nearestRequestHostName(text, pos);
  if (best === undefined) { return undefined; }
  return best === 'ringg.ai' || best.endsWith('.ringg.ai') ? 'ringg' : 'other';
}

/** What the request nearest to `pos` binds a credential to: Ringg, another voice/telephony vendor (vendors.ts), another host, or nothing shown. */
export function requestBinding(text: string, pos: number): 'ringg' | 'vendor' | 'other' | undefined {
  const best = nearestRequestHostName(text, pos);
  if (best === undefined) { return undefined; }
  return best === 'ringg.ai' || best.endsWith('.ringg.ai') ? 'ringg' : isVendorHost(best) ? 'vendor' : 'other';
}

/** Where `://` occurs in the text, in order: urlBinding's answer for each key of a text is looked up in it. */
export function schemeSeparators(text: string): number[] {
  return positions(text, '://');
}

/**
 * requestBinding from URLs only (`https://host`, `wss://host`): asked for every credential nothing binds to
 * Ringg, where only another vendor's API host (always written as a URL) changes the answer. `separators`
 * (schemeSeparators, once per text) keeps each question to its window: a search from the window onwards would
 * read to the end of a text without a URL, for each key of a flood.
 */
export function urlBinding(text: string, pos: number, separators: readonly number[]): 'ringg' | 'vendor' | 'other' | undefined {
  const from = Math.max(0, pos - HOST_REACH);
  const to = Math.min(text.length, pos + HOST_REACH);
  let best: string | undefined; let bestDist = Infinity;
  let k = 0; let hi = separators.length;
  while (k < hi) { const mid = (k + hi) >> 1; if (separators[mid] < from) { k = mid + 1; } else { hi = mid; } }
  for (; k < separators.length && separators[k] < to; k++) {
    const i = separators[k];
    let a = i;
    while (a > from && i - a < 5 && ((text.charCodeAt(a - 1) | 32) >= 97 && (text.charCodeAt(a - 1) | 32) <= 122)) { a--; }
    const scheme = text.slice(a, i).toLowerCase();
    if (scheme !== 'http' && scheme !== 'https' && scheme !== 'ws' && scheme !== 'wss') { continue; }
    let e = i + 3;
    while (e < text.length && e - i < 260 && /[A-Za-z0-9.-]/.test(text[e])) { e++; }
    const host = text.slice(i + 3, e).toLowerCase();
    if (!host || NOT_A_REQUEST_HOST.test(host)) { continue; }
    const dist = Math.abs(a - pos);
    if (dist < bestDist) { best = host; bestDist = dist; }
  }
  if (best === undefined) { return undefined; }
  return best === 'ringg.ai' || best.endsWith('.ringg.ai') ? 'ringg' : isVendorHost(best) ? 'vendor' : 'other';
}

/** The host (lower case) of the request nearest to `pos`, as nearestRequestHost finds it. */
function nearestRequestHostName(text: string, pos: number): string | undefined {
  const from = Math.max(0, pos - HOST_REACH);
  const to = Math.min(text.length, pos + HOST_REACH);
  const slice = text.slice(from, to);
  const re = /(?:https?|wss?):\/\/([A-Za-z0-9.-]+)|(?:["']:authority["']|["']?\bhost["']?)\s*[:=]\s*["']?([A-Za-z0-9.-]+\.[A-Za-z]{2,})/gi;
  let best: string | undefined; let bestDist = Infinity;
  let m: RegExpExecArray | null;
  while ((m = re.exec(slice)) !== null) {
    const host = (m[1] ?? m[2] ?? '').toLowerCase();
    if (!host || NOT_A_REQUEST_HOST.test(host)) { continue; }
    const dist = Math.abs(from + m.index - pos);
    if (dist < bestDist) { best = host; bestDist = dist; }
  }
  return best;
}
