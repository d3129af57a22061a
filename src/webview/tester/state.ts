// The Request Tester's state, shared by its views: what the webview saves (form, drafts, last result: hiding
// and showing the panel, or reloading the window, restores it), what the host sent this session, and the
// helpers every view uses (the host's API, localised strings, the catalogue).
import type { Endpoint } from '../../core/tester/catalog';
import type { ProviderId } from '../../core/providers/catalog';
import type { AccountIds } from '../../core/tester/examples';
import type { CatalogueView, FormState, FromWebview, HistoryEntry, ProfileView, ResultView } from '../../core/tester/protocol';
import type { StringKey, WebviewStringTable } from '../../core/tester/strings';
import { fillPlaceholders } from '../../core/template';
import { vsCodeApi } from '../dom';

export interface Draft { path: Record<string, string>; query: Record<string, string>; body?: string }
export interface SavedState {
  v: 1;
  form?: FormState;
  drafts: Record<string, Draft>;
  result?: ResultView;
  filter: string;
  lastEndpoint: Partial<Record<ProviderId, string>>;
  lastProfile: Partial<Record<ProviderId, string>>;
  curl?: { text: string; envVar: string };
}
const vscode = vsCodeApi<FromWebview, SavedState>();

export const state: SavedState = (() => {
  const s = vscode.getState() as SavedState | undefined;   // written by this script (v: 1)
  return s && s.v === 1 ? s : { v: 1, drafts: {}, filter: '', lastEndpoint: {}, lastProfile: {} };
})();

/** What the host sent and what is under way, for this page's life (not saved). */
export const session: {
  catalogue: CatalogueView | undefined;
  profiles: ProfileView[];
  history: HistoryEntry[];
  strings: WebviewStringTable | undefined;
  sending: { requestId: number; request: string; note?: string } | undefined;
  /** A question before sending (spends credits, cannot be undone), shown in the answer's place. */
  confirming: { requestId: number; request: string; message: string; detail: string; button: string } | undefined;
  errors: readonly string[];
  /** The endpoint list's active option (the filter drives the listbox). */
  activeOption: number;
} = { catalogue: undefined, profiles: [], history: [], strings: undefined, sending: undefined, confirming: undefined, errors: [], activeOption: 0 };
/** Per key: ids from its account that replace the docs' example ids (asked for once). */
export const accountIds = new Map<string, AccountIds | 'asked'>();

export const save = () => vscode.setState(state);
export const post = (m: FromWebview) => vscode.postMessage(m);
export const s = (k: StringKey, ...args: string[]) => fillPlaceholders(session.strings?.[k] ?? k, ...args);

// ------------------------------------------------------------------ DOM helpers (textContent only)
export const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
export const domId = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');

// ------------------------------------------------------------------ session.catalogue helpers
export const endpoint = (id: string | undefined) => session.catalogue?.endpoints.find(e => e.id === id);
export const endpointsOf = (p: ProviderId) => session.catalogue?.endpoints.filter(e => e.provider === p) ?? [];
export const currentEndpoint = () => endpoint(state.form?.endpointId);
export const currentProfile = () => session.profiles.find(p => p.id === state.form?.profileId);
export const riskLabel = (e: Endpoint) => e.risk === 'read' ? s('riskRead') : e.risk === 'spends' ? s('riskSpends') : s('riskIrreversible');
