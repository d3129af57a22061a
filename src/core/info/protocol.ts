// The workspace-info view's message protocol: every message between the extension host and its webview,
// typed once and imported by both sides, and checked on both sides (the host treats what the webview posts as
// hostile; the webview checks what it is sent and what it saved). No key ever travels here: the raw answer is
// redacted before it is posted, the title names the key by its masked tail.
import { isArrayOf, isRecord, isString, isStringPair } from '../guards';

/** Every string the view shows, localised by the extension host (vscode.l10n.t) and posted with `init`. */
export const INFO_STRING_KEYS = ['refresh', 'loading', 'showLogs', 'fetchedAt', 'rawResponse'] as const;
export type InfoStrings = Readonly<Record<(typeof INFO_STRING_KEYS)[number], string>>;

/** What the view shows: the provider's facts as label and value, in order, and its raw answer (redacted). */
export type InfoView =
  | { readonly type: 'loading'; readonly title: string }
  | { readonly type: 'info'; readonly title: string; readonly facts: ReadonlyArray<readonly [string, string]>; readonly raw: string; readonly fetchedAt: string }
  | { readonly type: 'error'; readonly title: string; readonly message: string; readonly fix: string };

// ---------------------------------------------------------------- host → webview
export type InfoToWebview =
  /** The answer to `ready`: the strings, and what to show (when there is something yet). */
  | { readonly type: 'init'; readonly strings: InfoStrings; readonly view?: InfoView }
  | { readonly type: 'view'; readonly view: InfoView };

// ---------------------------------------------------------------- webview → host
export type InfoFromWebview =
  /** The script runs (a new panel, or shown again after it was hidden): send the strings and the view. */
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'showLogs' };

/** Messages from the webview are checked before the host acts on them. */
export function isInfoFromWebview(v: unknown): v is InfoFromWebview {
  return isRecord(v) && (v.type === 'ready' || v.type === 'refresh' || v.type === 'showLogs');
}

export function isInfoStrings(v: unknown): v is InfoStrings {
  return isRecord(v) && INFO_STRING_KEYS.every(k => isString(v[k]));
}

export function isInfoView(v: unknown): v is InfoView {
  if (!isRecord(v) || !isString(v.title)) { return false; }
  switch (v.type) {
    case 'loading': return true;
    case 'info': return isArrayOf(v.facts, isStringPair) && isString(v.raw) && isString(v.fetchedAt);
    case 'error': return isString(v.message) && isString(v.fix);
    default: return false;
  }
}

/** The webview checks what it is sent before it renders it. */
export function isInfoToWebview(v: unknown): v is InfoToWebview {
  if (!isRecord(v)) { return false; }
  switch (v.type) {
    case 'init': return isInfoStrings(v.strings) && (v.view === undefined || isInfoView(v.view));
    case 'view': return isInfoView(v.view);
    default: return false;
  }
}

