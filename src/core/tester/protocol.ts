// The Request Tester's message protocol: every message between the extension host and the webview, typed
// once and imported by both sides (the webview bundle imports types only). Nothing here ever holds a key:
// profiles travel as name + masked tail, responses are redacted before they are posted.
import { isArrayOf, isNumber, isOptionalString, isRecord, isString, isStringMap, isStringPair } from '../guards';
import { isProviderId, type ProviderId } from '../providers/catalog';
import type { Endpoint, EndpointGroup } from './catalog';
import type { AccountIds } from './examples';
import type { WebviewStringTable } from './strings';

/** A key profile as the webview sees it: never the key. */
export interface ProfileView {
  readonly id: string;
  readonly provider: ProviderId;
  readonly name: string;
  /** `…9f7a` */
  readonly tail: string;
  readonly mode?: 'live' | 'test';
  readonly active: boolean;
}

export interface ProviderView {
  readonly id: ProviderId;
  readonly label: string;
  readonly envVar: string;
}

/** What the form holds; also what the webview keeps in its state. */
export interface FormState {
  readonly provider: ProviderId;
  readonly profileId?: string;
  readonly endpointId: string;
  readonly path: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface ResponseView {
  /** Which send this answers (the webview ignores stale answers). */
  readonly requestId: number;
  readonly endpointId: string;
  /** `GET /workspace?…`, relative to the base URL. */
  readonly request: string;
  readonly profileLabel: string;
  readonly status: number;
  readonly reason: string;
  readonly ok: boolean;
  /** The provider's documented meaning of this status (its error table), else the HTTP meaning. */
  readonly meaning: string;
  readonly fix?: string;
  /** The message from the error body, any documented shape (redacted). */
  readonly errorDetail?: string;
  readonly timeMs: number;
  readonly size: number;
  readonly attempts: number;
  readonly contentType?: string;
  /** Redacted (Authorization, X-API-KEY, cookies; known keys in any value). */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** Rate-limit headers, surfaced: label and value. */
  readonly rateLimit: ReadonlyArray<readonly [string, string]>;
  readonly bodyKind: 'json' | 'text' | 'empty';
  /** Pretty JSON with api_key (and every known key) redacted, or redacted text. */
  readonly body: string;
  readonly truncated: boolean;
  /** e.g. "this is a test key: no real call" */
  readonly note?: string;
  readonly at: string;
}

export interface HistoryEntry {
  readonly id: string;
  readonly at: number;
  readonly provider: ProviderId;
  readonly profileId?: string;
  /** `name (…tail)`: never the key. */
  readonly profileLabel: string;
  readonly endpointId: string;
  readonly method: string;
  /** Path and query as sent, redacted. */
  readonly path: string;
  /** The form as it was sent, with the body redacted; used to load or re-run the entry. */
  readonly form: FormState;
  readonly status?: number;
  readonly timeMs?: number;
  readonly size?: number;
  /** Set when there was no response (network, timeout, refused origin). */
  readonly error?: string;
}

export type ResultView =
  | { readonly kind: 'response'; readonly response: ResponseView }
  | { readonly kind: 'error'; readonly requestId: number; readonly request: string; readonly message: string; readonly fix: string }
  | { readonly kind: 'notSent'; readonly requestId: number; readonly request: string; readonly message: string; readonly detail?: string };

export interface CatalogueView {
  readonly providers: readonly ProviderView[];
  readonly groups: ReadonlyArray<{ readonly id: EndpointGroup; readonly label: string }>;
  readonly endpoints: readonly Endpoint[];
}


// ---------------------------------------------------------------- host → webview
export type ToWebview =
  | { readonly type: 'init'; readonly catalogue: CatalogueView; readonly profiles: readonly ProfileView[]; readonly history: readonly HistoryEntry[];
      readonly strings: WebviewStringTable; readonly result?: ResultView; readonly form?: FormState }
  | { readonly type: 'profiles'; readonly profiles: readonly ProfileView[] }
  | { readonly type: 'history'; readonly history: readonly HistoryEntry[] }
  | { readonly type: 'sending'; readonly requestId: number; readonly request: string; readonly note?: string }
  | { readonly type: 'result'; readonly result: ResultView }
  | { readonly type: 'load'; readonly form: FormState }
  | { readonly type: 'curl'; readonly text: string; readonly envVar: string }
  | { readonly type: 'invalid'; readonly errors: readonly string[] }
  /** Ask before sending: the webview shows the question with Cancel focused and answers with `confirmed`. */
  | { readonly type: 'confirm'; readonly requestId: number; readonly request: string; readonly message: string; readonly detail: string; readonly button: string }
  /** Ids from the key's own account for the example bodies (never a key). */
  | { readonly type: 'accountIds'; readonly profileId: string; readonly ids: AccountIds };

// ---------------------------------------------------------------- webview → host
export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'send'; readonly requestId: number; readonly form: FormState }
  | { readonly type: 'cancel' }
  | { readonly type: 'copyCurl'; readonly form: FormState }
  /** Opens the request as a new request file (.http), the key as a variable. */
  | { readonly type: 'saveHttp'; readonly form: FormState }
  | { readonly type: 'loadHistory'; readonly id: string }
  /** "Copy as .http" on a history entry: the request as a request file, on the clipboard. */
  | { readonly type: 'copyHistoryHttp'; readonly id: string }
  | { readonly type: 'rerun'; readonly id: string; readonly requestId: number }
  | { readonly type: 'clearHistory' }
  | { readonly type: 'addKey'; readonly provider?: ProviderId }
  | { readonly type: 'showLogs' }
  | { readonly type: 'openDocs'; readonly endpointId: string }
  /** The answer to `confirm`: send it, or not. */
  | { readonly type: 'confirmed'; readonly requestId: number; readonly send: boolean }
  /** Asks for the ids of this key's account (its first agent) to fill the examples with. */
  | { readonly type: 'accountIds'; readonly profileId: string };


export function isFormState(v: unknown): v is FormState {
  return isRecord(v) && isProviderId(v.provider) && typeof v.endpointId === 'string'
    && (v.profileId === undefined || typeof v.profileId === 'string')
    && isStringMap(v.path) && isStringMap(v.query) && (v.body === undefined || typeof v.body === 'string');
}

/** Messages from the webview are checked before the host acts on them. */
export function isFromWebview(v: unknown): v is FromWebview {
  if (!isRecord(v) || typeof v.type !== 'string') { return false; }
  switch (v.type) {
    case 'ready': case 'cancel': case 'clearHistory': case 'showLogs': return true;
    case 'addKey': return v.provider === undefined || isProviderId(v.provider);
    case 'send': return typeof v.requestId === 'number' && isFormState(v.form);
    case 'copyCurl': case 'saveHttp': return isFormState(v.form);
    case 'loadHistory': case 'copyHistoryHttp': return typeof v.id === 'string';
    case 'rerun': return typeof v.id === 'string' && typeof v.requestId === 'number';
    case 'openDocs': return typeof v.endpointId === 'string';
    case 'accountIds': return typeof v.profileId === 'string';
    case 'confirmed': return typeof v.requestId === 'number' && typeof v.send === 'boolean';
    default: return false;
  }
}

// ---------------------------------------------------------------- what the webview checks

function isProfileView(v: unknown): v is ProfileView {
  return isRecord(v) && isString(v.id) && isProviderId(v.provider) && isString(v.name) && isString(v.tail) && typeof v.active === 'boolean'
    && (v.mode === undefined || v.mode === 'live' || v.mode === 'test');
}

function isHistoryEntry(v: unknown): v is HistoryEntry {
  return isRecord(v) && isString(v.id) && isNumber(v.at) && isProviderId(v.provider) && isString(v.profileLabel) && isString(v.endpointId)
    && isString(v.method) && isString(v.path) && isFormState(v.form) && isOptionalString(v.error)
    && [v.status, v.timeMs, v.size].every(n => n === undefined || isNumber(n));
}

function isResponseView(v: unknown): v is ResponseView {
  return isRecord(v) && isNumber(v.requestId) && isString(v.endpointId) && isString(v.request) && isString(v.profileLabel)
    && isNumber(v.status) && isString(v.reason) && typeof v.ok === 'boolean' && isString(v.meaning) && isOptionalString(v.fix)
    && isOptionalString(v.errorDetail) && isNumber(v.timeMs) && isNumber(v.size) && isNumber(v.attempts) && isOptionalString(v.contentType)
    && isArrayOf(v.headers, isStringPair) && isArrayOf(v.rateLimit, isStringPair) && (v.bodyKind === 'json' || v.bodyKind === 'text' || v.bodyKind === 'empty')
    && isString(v.body) && typeof v.truncated === 'boolean' && isOptionalString(v.note) && isString(v.at);
}

export function isResultView(v: unknown): v is ResultView {
  if (!isRecord(v)) { return false; }
  switch (v.kind) {
    case 'response': return isResponseView(v.response);
    case 'error': return isNumber(v.requestId) && isString(v.request) && isString(v.message) && isString(v.fix);
    case 'notSent': return isNumber(v.requestId) && isString(v.request) && isString(v.message) && isOptionalString(v.detail);
    default: return false;
  }
}

function isCatalogueView(v: unknown): v is CatalogueView {
  return isRecord(v)
    && isArrayOf(v.providers, (p): p is ProviderView => isRecord(p) && isProviderId(p.id) && isString(p.label) && isString(p.envVar))
    && isArrayOf(v.groups, (g): g is CatalogueView['groups'][number] => isRecord(g) && isString(g.id) && isString(g.label))
    && isArrayOf(v.endpoints, (e): e is Endpoint => isRecord(e) && isString(e.id) && isProviderId(e.provider) && isString(e.method) && isString(e.path)
      && Array.isArray(e.params));
}

/**
 * Messages from the extension host are checked by the webview before it renders them (what it saved, too, is
 * only ever rendered as text): a message of another shape is dropped, not half-drawn.
 */
export function isToWebview(v: unknown): v is ToWebview {
  if (!isRecord(v)) { return false; }
  switch (v.type) {
    case 'init': return isCatalogueView(v.catalogue) && isArrayOf(v.profiles, isProfileView) && isArrayOf(v.history, isHistoryEntry)
      && isStringMap(v.strings) && (v.result === undefined || isResultView(v.result)) && (v.form === undefined || isFormState(v.form));
    case 'profiles': return isArrayOf(v.profiles, isProfileView);
    case 'history': return isArrayOf(v.history, isHistoryEntry);
    case 'sending': return isNumber(v.requestId) && isString(v.request) && isOptionalString(v.note);
    case 'result': return isResultView(v.result);
    case 'load': return isFormState(v.form);
    case 'curl': return isString(v.text) && isString(v.envVar);
    case 'invalid': return isArrayOf(v.errors, isString);
    case 'confirm': return isNumber(v.requestId) && [v.request, v.message, v.detail, v.button].every(isString);
    case 'accountIds': return isString(v.profileId) && isStringMap(v.ids);
    default: return false;
  }
}
