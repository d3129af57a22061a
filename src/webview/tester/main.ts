// The Request Tester webview. It holds no key and never talks to a provider: it posts a form to the
// extension host (FromWebview) and renders what comes back (ToWebview), both typed in the shared protocol.
// The DOM is built with textContent only (no innerHTML), so nothing a provider answers can run here.
// Its form, drafts and last result live in the webview state, so hiding and showing the panel (or
// reloading the window) restores it.
import type { Endpoint, EndpointGroup, ParamSpec } from '../../core/tester/catalog';
import type { ProviderId } from '../../core/providers/catalog';
import { type AccountIds, withAccountIds } from '../../core/tester/examples';
import {
  type CatalogueView, type FormState, type FromWebview, type HistoryEntry, isToWebview, type ProfileView, type ResponseView, type ResultView,
} from '../../core/tester/protocol';
import type { StringKey, WebviewStringTable } from '../../core/tester/strings';
import { fillPlaceholders } from '../../core/template';
import { fill, h, vsCodeApi } from '../dom';

interface Draft { path: Record<string, string>; query: Record<string, string>; body?: string }
interface SavedState {
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
const root = document.getElementById('tester-root')!;

// ------------------------------------------------------------------ state
const state: SavedState = (() => {
  const s = vscode.getState() as SavedState | undefined;   // written by this script (v: 1)
  return s && s.v === 1 ? s : { v: 1, drafts: {}, filter: '', lastEndpoint: {}, lastProfile: {} };
})();
let catalogue: CatalogueView | undefined;
let profiles: ProfileView[] = [];
let history: HistoryEntry[] = [];
let strings: WebviewStringTable | undefined;
let sending: { requestId: number; request: string; note?: string } | undefined;
/** A question before sending (spends credits, cannot be undone), shown in the answer's place. */
let confirming: { requestId: number; request: string; message: string; detail: string; button: string } | undefined;
let errors: readonly string[] = [];
let activeOption = 0;
/** Per key: ids from its account that replace the docs' example ids (asked for once). */
const accountIds = new Map<string, AccountIds | 'asked'>();

const save = () => vscode.setState(state);
const post = (m: FromWebview) => vscode.postMessage(m);
const s = (k: StringKey, ...args: string[]) => fillPlaceholders(strings?.[k] ?? k, ...args);

// ------------------------------------------------------------------ DOM helpers (textContent only)
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const domId = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');

// ------------------------------------------------------------------ catalogue helpers
const endpoint = (id: string | undefined) => catalogue?.endpoints.find(e => e.id === id);
const endpointsOf = (p: ProviderId) => catalogue?.endpoints.filter(e => e.provider === p) ?? [];
const currentEndpoint = () => endpoint(state.form?.endpointId);
const currentProfile = () => profiles.find(p => p.id === state.form?.profileId);
const riskLabel = (e: Endpoint) => e.risk === 'read' ? s('riskRead') : e.risk === 'spends' ? s('riskSpends') : s('riskIrreversible');

/** The endpoint's example as a draft: the docs' example, with ids from the key's account where known. */
function defaultDraft(e: Endpoint, profileId = state.form?.profileId): Draft {
  const ids = profileId ? accountIds.get(profileId) : undefined;
  const filled = withAccountIds(e, ids === 'asked' ? undefined : ids);
  const d: Draft = { path: {}, query: {} };
  for (const p of filled.params) { (p.in === 'path' ? d.path : d.query)[p.name] = p.default ?? ''; }
  if (filled.body !== undefined) { d.body = JSON.stringify(filled.body, null, 2); }
  return d;
}

/** A draft nobody edited: the docs' example, or the example filled for some key (so another key's ids may replace its ids). */
function untouched(e: Endpoint, d: Draft): boolean {
  const known = [...accountIds.values()].filter((v): v is AccountIds => v !== 'asked');
  return [undefined, ...known].some(ids => {
    const ex = withAccountIds(e, ids);
    const body = ex.body !== undefined ? JSON.stringify(ex.body, null, 2) : undefined;
    return (d.body ?? undefined) === body && ex.params.every(p => (p.in === 'path' ? d.path : d.query)[p.name] === (p.default ?? ''));
  });
}

/** Asks the extension host once per key for its account's ids. */
function askAccountIds(profileId: string | undefined): void {
  if (!profileId || accountIds.has(profileId)) { return; }
  accountIds.set(profileId, 'asked');
  post({ type: 'accountIds', profileId });
}

function defaultProfile(provider: ProviderId): string | undefined {
  const own = profiles.filter(p => p.provider === provider);
  const remembered = state.lastProfile[provider];
  return (own.find(p => p.id === remembered) ?? own.find(p => p.active) ?? own[0])?.id;
}

function formFor(provider: ProviderId, endpointId?: string): FormState {
  const e = endpoint(endpointId) ?? endpoint(state.lastEndpoint[provider]) ?? endpointsOf(provider)[0];
  const profileId = defaultProfile(provider);
  const saved = state.drafts[e.id];
  const d = saved && !untouched(e, saved) ? saved : defaultDraft(e, profileId);
  return { provider, profileId, endpointId: e.id, ...d };
}

/** Keeps the form in state and as a draft of its endpoint, so switching endpoints keeps edits. */
function updateForm(change: Partial<FormState>): void {
  if (!state.form) { return; }
  if (state.curl) { state.curl = undefined; renderCurl(); }   // it no longer matches the request
  state.form = { ...state.form, ...change };
  const f = state.form;
  state.drafts[f.endpointId] = { path: { ...f.path }, query: { ...f.query }, body: f.body };
  state.lastEndpoint[f.provider] = f.endpointId;
  if (f.profileId) { state.lastProfile[f.provider] = f.profileId; }
  save();
  askAccountIds(f.profileId);
}

// ------------------------------------------------------------------ layout
function buildLayout(): void {
  root.replaceChildren(
    h('header', { class: 'bar' },
      h('h1', {}, s('title')),
      h('div', { class: 'field' },
        h('span', { class: 'label', id: 'provider-label' }, s('provider')),
        h('div', { id: 'providers', class: 'segmented', role: 'radiogroup', 'aria-labelledby': 'provider-label' })),
      h('div', { class: 'field' },
        h('label', { class: 'label', for: 'profile' }, s('key')),
        h('select', { id: 'profile' })),
      h('button', { id: 'add-key', type: 'button', class: 'secondary' }, s('addKey'))),
    h('div', { class: 'layout' },
      h('nav', { class: 'catalogue', 'aria-label': s('endpoint') },
        h('label', { class: 'label', for: 'filter' }, s('endpoint')),
        h('input', { id: 'filter', type: 'text', role: 'combobox', autocomplete: 'off', spellcheck: 'false', 'aria-controls': 'endpoints',
          'aria-expanded': 'true', 'aria-autocomplete': 'list', placeholder: s('filterPlaceholder') }),
        h('div', { id: 'endpoints', class: 'listbox', role: 'listbox', 'aria-label': s('endpoint') }),
        h('section', { class: 'history', 'aria-labelledby': 'history-title' },
          h('div', { class: 'section-head' },
            h('h2', { id: 'history-title' }, s('history')),
            h('button', { id: 'clear-history', type: 'button', class: 'link' }, s('clearHistory'))),
          h('ol', { id: 'history' }))),
      h('main', { class: 'request' },
        h('section', { id: 'endpoint', class: 'endpoint', 'aria-live': 'polite' }),
        h('section', { id: 'params', class: 'params', 'aria-label': s('parameters') }),
        h('section', { id: 'body-section', class: 'body' }),
        h('div', { class: 'actions' },
          h('button', { id: 'send', type: 'button', class: 'primary', title: s('sendHint') }, s('send')),
          h('button', { id: 'cancel', type: 'button', class: 'secondary', hidden: true }, s('cancel')),
          h('button', { id: 'copy-curl', type: 'button', class: 'secondary' }, s('copyCurl')),
          h('span', { class: 'hint' }, s('sendHint'))),
        h('div', { id: 'errors', class: 'errors', role: 'alert' }),
        h('div', { id: 'curl-box', class: 'curl', hidden: true }),
        h('section', { id: 'result', class: 'result', 'aria-live': 'polite', 'aria-labelledby': 'result-title' }))),
  );
  root.removeAttribute('aria-busy');

  byId('profile').addEventListener('change', ev => {
    const e = currentEndpoint();
    const wasExample = !!e && !!state.form && untouched(e, { path: state.form.path, query: state.form.query, body: state.form.body });
    updateForm({ profileId: (ev.target as HTMLSelectElement).value || undefined });
    if (e && wasExample) { updateForm(defaultDraft(e)); renderEndpoint(); } else { renderEndpointInfo(); }
  });
  byId('add-key').addEventListener('click', () => post({ type: 'addKey', provider: state.form?.provider }));
  const filter = byId<HTMLInputElement>('filter');
  filter.value = state.filter;
  filter.addEventListener('input', () => { state.filter = filter.value; save(); activeOption = 0; renderEndpointList(); });
  filter.addEventListener('keydown', onFilterKey);
  byId('clear-history').addEventListener('click', () => post({ type: 'clearHistory' }));
  byId('send').addEventListener('click', send);
  byId('cancel').addEventListener('click', () => post({ type: 'cancel' }));
  byId('copy-curl').addEventListener('click', () => { if (state.form) { errors = []; renderErrors(); post({ type: 'copyCurl', form: state.form }); } });
  document.addEventListener('keydown', e => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); send(); }
  });
}

function send(): void {
  if (!state.form || sending) { return; }
  errors = [];
  renderErrors();
  post({ type: 'send', requestId: Date.now(), form: state.form });
}

// ------------------------------------------------------------------ provider and key
function renderProviders(): void {
  const box = byId('providers');
  box.replaceChildren(...(catalogue?.providers ?? []).map(p => {
    const input = h('input', { type: 'radio', name: 'provider', value: p.id, id: `provider-${p.id}` });
    input.checked = state.form?.provider === p.id;
    input.addEventListener('change', () => {
      if (!input.checked) { return; }
      state.form = formFor(p.id);
      state.curl = undefined;
      save();
      renderAll();
    });
    return h('label', { class: 'segment', for: `provider-${p.id}` }, input, h('span', {}, p.label));
  }));
}

function renderProfiles(): void {
  const select = byId<HTMLSelectElement>('profile');
  const provider = state.form?.provider;
  const own = profiles.filter(p => p.provider === provider);
  if (own.length === 0) {
    select.replaceChildren(h('option', { value: '' }, s('noKey')));
    select.disabled = true;
  } else {
    select.disabled = false;
    select.replaceChildren(...own.map(p => h('option', { value: p.id },
      `${p.name} (${p.tail})${p.mode === 'test' ? ` · ${s('testBadge')}` : ''}${p.active ? ` · ${s('activeBadge')}` : ''}`)));
    if (!own.some(p => p.id === state.form?.profileId)) { updateForm({ profileId: defaultProfile(provider!) }); }
    select.value = state.form?.profileId ?? '';
  }
  byId('add-key').hidden = own.length > 0;
}

// ------------------------------------------------------------------ endpoint list (a combobox: the filter drives the listbox)
function visibleEndpoints(): Endpoint[] {
  const provider = state.form?.provider;
  if (!provider) { return []; }
  const words = state.filter.toLowerCase().split(/\s+/).filter(Boolean);
  const groupLabel = (g: EndpointGroup) => catalogue?.groups.find(x => x.id === g)?.label ?? g;
  return endpointsOf(provider).filter(e => {
    const hay = `${e.method} ${e.path} ${e.summary} ${groupLabel(e.group)} ${riskLabel(e)}`.toLowerCase();
    return words.every(w => hay.includes(w));
  });
}

function renderEndpointList(): void {
  const list = byId('endpoints');
  const shown = visibleEndpoints();
  activeOption = Math.max(0, Math.min(activeOption, shown.length - 1));
  const nodes: HTMLElement[] = [];
  for (const g of catalogue?.groups ?? []) {
    const items = shown.filter(e => e.group === g.id);
    if (!items.length) { continue; }
    const labelId = `group-${g.id}`;
    nodes.push(h('div', { role: 'group', 'aria-labelledby': labelId, class: 'group' },
      h('div', { id: labelId, class: 'group-label', role: 'presentation' }, g.label),
      ...items.map(e => {
        const selected = e.id === state.form?.endpointId;
        const option = h('div', { role: 'option', id: `opt-${domId(e.id)}`, 'data-id': e.id, 'aria-selected': selected ? 'true' : 'false',
          class: `option${shown.indexOf(e) === activeOption ? ' active' : ''}`, title: e.summary },
        h('span', { class: `method m-${e.method.toLowerCase()}` }, e.method),
        h('span', { class: 'path' }, e.path),
        h('span', { class: 'summary' }, e.summary),
        e.risk !== 'read' && h('span', { class: `risk risk-${e.risk}` }, riskLabel(e)));
        option.addEventListener('click', () => { activeOption = shown.indexOf(e); selectEndpoint(e.id); });
        return option;
      })));
  }
  list.replaceChildren(...(nodes.length ? nodes : [h('p', { class: 'muted empty' }, s('noMatch'))]));
  const active = shown[activeOption];
  const filter = byId('filter');
  if (active) { filter.setAttribute('aria-activedescendant', `opt-${domId(active.id)}`); } else { filter.removeAttribute('aria-activedescendant'); }
}

function onFilterKey(e: KeyboardEvent): void {
  const shown = visibleEndpoints();
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    activeOption = (activeOption + (e.key === 'ArrowDown' ? 1 : -1) + shown.length) % Math.max(1, shown.length);
    renderEndpointList();
    byId('endpoints').querySelector('.option.active')?.scrollIntoView({ block: 'nearest' });
  } else if (e.key === 'Enter' && !(e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    const pick = shown[activeOption];
    if (pick) { selectEndpoint(pick.id); }
  } else if (e.key === 'Escape' && state.filter) {
    e.preventDefault();
    (e.target as HTMLInputElement).value = state.filter = '';
    save();
    renderEndpointList();
  }
}

function selectEndpoint(id: string): void {
  const e = endpoint(id);
  if (!e || !state.form) { return; }
  const saved = state.drafts[id];
  const d = saved && !untouched(e, saved) ? saved : defaultDraft(e);
  state.form = { ...state.form, endpointId: id, path: d.path, query: d.query, body: d.body };
  updateForm({});
  renderEndpointList();
  renderEndpoint();
}

// ------------------------------------------------------------------ the selected endpoint: detail, parameters, body
function renderEndpoint(): void {
  const e = currentEndpoint();
  renderEndpointInfo();
  if (!e) { byId('params').replaceChildren(); byId('body-section').replaceChildren(); return; }
  renderParams(e);
  renderBody(e);
}

/** Title, note and the risk callout (which depends on the key: a test key says so). Leaves the inputs alone. */
function renderEndpointInfo(): void {
  const e = currentEndpoint();
  const box = byId('endpoint');
  if (!e) { box.replaceChildren(); return; }
  const profile = currentProfile();
  let callout: HTMLElement | false = false;
  if (e.handledBy) {
    callout = h('p', { class: 'callout danger' }, s('rotateRefused'));
  } else if (e.risk === 'spends' && profile?.mode === 'test') {
    callout = h('p', { class: 'callout info' }, s('testKeyNote'));
  } else if (e.risk !== 'read') {
    callout = h('p', { class: `callout ${e.risk === 'spends' ? 'warning' : 'danger'}` },
      h('strong', {}, `${riskLabel(e)}: `), `${e.effect ?? ''}. ${s('confirmFirst')}`);
  }
  const docs = e.docUrl ? h('button', { type: 'button', class: 'link', id: 'open-docs', title: e.docUrl }, s('docs')) : false;
  if (docs) { docs.addEventListener('click', () => post({ type: 'openDocs', endpointId: e.id })); }
  fill(box,
    h('h2', { class: 'endpoint-title', id: 'endpoint-title' },
      h('span', { class: `method m-${e.method.toLowerCase()}` }, e.method), ' ', h('code', { class: 'path' }, e.path)),
    h('p', { class: 'summary-line' }, e.summary, ' ', h('span', { class: `risk risk-${e.risk}` }, riskLabel(e))),
    h('p', { class: 'note' }, e.note, ' ', docs),
    callout);
}

function renderParams(e: Endpoint): void {
  const box = byId('params');
  if (!e.params.length) {
    box.replaceChildren(h('h3', {}, s('parameters')), h('p', { class: 'muted' }, s('noParameters')));
    return;
  }
  const row = (p: ParamSpec) => {
    const id = `param-${p.in}-${domId(p.name)}`;
    const values = p.in === 'path' ? state.form!.path : state.form!.query;
    const input = h('input', { id, type: 'text', spellcheck: 'false', placeholder: p.placeholder, 'aria-required': p.required ? 'true' : undefined,
      'aria-describedby': p.description ? `${id}-desc` : undefined });
    input.value = values[p.name] ?? '';
    input.addEventListener('input', () => {
      const next = { ...(p.in === 'path' ? state.form!.path : state.form!.query), [p.name]: input.value };
      updateForm(p.in === 'path' ? { path: next } : { query: next });
    });
    return h('div', { class: 'param' },
      h('label', { for: id },
        h('span', { class: 'param-name' }, p.name), ' ',
        h('span', { class: 'tag' }, p.in === 'path' ? s('pathParam') : s('queryParam')),
        p.required && h('span', { class: 'tag required' }, s('required'))),
      input,
      p.description ? h('span', { class: 'param-desc muted', id: `${id}-desc` }, p.description) : h('span', { class: 'param-desc' }));
  };
  box.replaceChildren(h('h3', {}, s('parameters')), h('div', { class: 'param-grid' }, ...e.params.map(row)));
}

function renderBody(e: Endpoint): void {
  const box = byId('body-section');
  if (e.method === 'GET' || e.method === 'DELETE' || (e.body === undefined && e.method !== 'POST' && e.method !== 'PATCH' && e.method !== 'PUT')) {
    box.replaceChildren();
    return;
  }
  const area = h('textarea', { id: 'body', spellcheck: 'false', 'aria-describedby': 'body-status body-keys' });
  area.defaultValue = state.form?.body ?? '';
  area.rows = Math.min(18, Math.max(6, area.value.split('\n').length + 1));
  const status = h('span', { id: 'body-status', class: 'body-status' });
  const check = () => {
    const text = area.value.trim();
    if (!text) { status.textContent = ''; status.className = 'body-status'; return; }
    try { JSON.parse(text); status.textContent = s('jsonOk'); status.className = 'body-status ok'; } catch (err) {
      status.textContent = `${s('jsonBad')}: ${(err as Error).message}`; status.className = 'body-status bad';
    }
  };
  area.addEventListener('input', () => { updateForm({ body: area.value }); check(); });
  // Tab inserts two spaces in the editor; Escape then Tab leaves it (keyboard users are never trapped)
  let escaped = false;
  area.addEventListener('keydown', ev => {
    if (ev.key === 'Escape') { escaped = true; return; }
    if (ev.key === 'Tab' && !ev.shiftKey && !escaped) {
      ev.preventDefault();
      area.setRangeText('  ', area.selectionStart, area.selectionEnd, 'end');
      updateForm({ body: area.value });
    }
    if (ev.key !== 'Tab') { escaped = false; }
  });
  const reset = h('button', { type: 'button', class: 'link', id: 'reset-body' }, s('resetBody'));
  reset.addEventListener('click', () => { area.value = defaultDraft(e).body ?? ''; updateForm({ body: area.value }); check(); area.focus(); });
  area.setAttribute('aria-labelledby', 'body-title');
  box.replaceChildren(
    h('div', { class: 'section-head' }, h('h3', { id: 'body-title' }, s('body')), e.body !== undefined && reset),
    area, h('div', { class: 'body-foot' }, status, h('span', { id: 'body-keys', class: 'muted' }, s('bodyKeys'))));
  check();
}

// ------------------------------------------------------------------ sending, errors, cURL
function renderSending(): void {
  byId<HTMLButtonElement>('send').disabled = !!sending || !!confirming;
  byId('cancel').hidden = !sending;
}

function renderErrors(): void {
  const box = byId('errors');
  box.replaceChildren(...errors.map(e => h('p', {}, e)));
}

function renderCurl(): void {
  const box = byId('curl-box');
  if (!state.curl) { box.hidden = true; box.replaceChildren(); return; }
  box.hidden = false;
  box.replaceChildren(h('p', { class: 'muted' }, s('curlCopied', state.curl.envVar)), h('pre', { id: 'curl', tabindex: 0 }, state.curl.text));
}

// ------------------------------------------------------------------ the answer
function statusClass(status: number): string {
  return status < 300 ? 'ok' : status < 500 && status !== 429 ? 'warn' : 'bad';
}

function renderResult(): void {
  const box = byId('result');
  const title = h('h2', { id: 'result-title' }, s('response'));
  if (confirming) {
    const c = confirming;
    const answer = (send: boolean) => {
      if (confirming?.requestId !== c.requestId) { return; }
      confirming = undefined;
      post({ type: 'confirmed', requestId: c.requestId, send });
      renderSending();
      renderResult();
      if (!send) { byId('send').focus(); }
    };
    const cancel = h('button', { type: 'button', class: 'secondary', id: 'confirm-cancel' }, s('dontSend'));
    const send = h('button', { type: 'button', class: 'primary danger', id: 'confirm-send' }, c.button);
    cancel.addEventListener('click', () => answer(false));
    send.addEventListener('click', () => answer(true));
    const dialog = h('div', { class: 'confirm', role: 'alertdialog', 'aria-modal': 'false', 'aria-labelledby': 'confirm-title confirm-message', 'aria-describedby': 'confirm-detail' },
      h('h3', { id: 'confirm-title' }, s('confirmTitle')),
      h('p', { id: 'confirm-message' }, c.message),
      h('p', { id: 'confirm-detail', class: 'muted' }, c.detail),
      h('div', { class: 'actions' }, cancel, send));
    dialog.addEventListener('keydown', ev => { if (ev.key === 'Escape') { ev.preventDefault(); answer(false); } });
    fill(box, title, dialog);
    box.scrollIntoView({ block: 'nearest' });
    cancel.focus();   // the safe answer has the focus: Enter or Space right away sends nothing
    return;
  }
  if (sending) {
    fill(box, title, h('p', { class: 'progress' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), s('sending', sending.request)),
      sending.note ? h('p', { class: 'callout info' }, sending.note) : false);
    return;
  }
  const r = state.result;
  if (!r) { box.replaceChildren(title, h('p', { class: 'muted' }, s('noResponse'))); return; }
  if (r.kind === 'notSent') {
    fill(box, title, h('p', { class: 'status-line' }, h('span', { class: 'pill warn', id: 'result-status' }, s('notSent')), ' ', h('code', {}, r.request)),
      h('p', { id: 'result-message' }, r.message), r.detail ? h('p', { class: 'muted' }, r.detail) : false);
    return;
  }
  if (r.kind === 'error') {
    const logs = h('button', { type: 'button', class: 'secondary' }, s('showLogs'));
    logs.addEventListener('click', () => post({ type: 'showLogs' }));
    box.replaceChildren(title, h('p', { class: 'status-line' }, h('span', { class: 'pill bad', id: 'result-status' }, s('failed')), ' ', h('code', {}, r.request)),
      h('p', { id: 'result-message' }, r.message), h('p', { class: 'muted' }, r.fix), logs);
    return;
  }
  box.replaceChildren(title, ...responseNodes(r.response));
}

function responseNodes(v: ResponseView): Node[] {
  const meta = h('dl', { class: 'meta' },
    h('dt', {}, s('time')), h('dd', { id: 'result-time' }, `${v.timeMs} ms`),
    h('dt', {}, s('size')), h('dd', {}, formatBytes(v.size)),
    h('dt', {}, s('attempts')), h('dd', {}, String(v.attempts)),
    h('dt', {}, s('key')), h('dd', {}, v.profileLabel));
  const nodes: Node[] = [
    h('p', { class: 'status-line' },
      h('span', { class: `pill ${statusClass(v.status)}`, id: 'result-status' }, `${v.status} ${v.reason}`), ' ', h('code', {}, v.request)),
    h('p', { class: 'meaning', id: 'result-meaning' }, v.meaning, v.fix ? ` ${v.fix}` : ''),
  ];
  if (v.errorDetail) { nodes.push(h('p', { class: 'error-detail' }, v.errorDetail)); }
  if (v.note) { nodes.push(h('p', { class: 'callout info' }, v.note)); }
  nodes.push(meta);
  if (v.rateLimit.length) {
    nodes.push(h('div', { class: 'rate-limit', 'aria-label': s('rateLimit') },
      h('span', { class: 'label' }, s('rateLimit')),
      ...v.rateLimit.map(([k, val]) => h('span', { class: 'chip' }, h('span', { class: 'chip-name' }, k), ' ', val))));
  }
  const body = h('pre', { id: 'response-body', class: 'json', tabindex: 0, 'aria-label': s('responseBody') });
  if (v.bodyKind === 'empty') { body.textContent = s('emptyBody'); } else if (v.bodyKind === 'json' && v.body.length < 100_000) {
    highlightJson(body, v.body);
  } else { body.textContent = v.body; }
  nodes.push(h('h3', {}, s('responseBody')), body, h('p', { class: 'muted small' }, s('redactedNote'), v.truncated ? ` ${s('truncated')}` : ''));
  const headers = h('table', { class: 'headers' },
    ...v.headers.map(([k, val]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, val))));
  nodes.push(h('details', { id: 'response-headers' }, h('summary', {}, `${s('headers')} (${v.headers.length})`), headers));
  return nodes;
}

const JSON_TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
/** Colours pretty JSON with spans whose text is set with textContent (never parsed as HTML). */
function highlightJson(target: HTMLElement, text: string): void {
  let last = 0;
  const frag = document.createDocumentFragment();
  for (const m of text.matchAll(JSON_TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) { frag.append(text.slice(last, at)); }
    const cls = m[1] ? (m[2] ? 'j-key' : m[1] === '"[REDACTED]"' ? 'j-redacted' : 'j-str') : m[3] ? 'j-lit' : 'j-num';
    frag.append(h('span', { class: cls }, m[1] ?? m[0]));
    if (m[2]) { frag.append(m[2]); }
    last = at + m[0].length;
  }
  frag.append(text.slice(last));
  target.replaceChildren(frag);
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

// ------------------------------------------------------------------ history
function renderHistory(): void {
  const list = byId('history');
  byId('clear-history').hidden = history.length === 0;
  if (!history.length) { list.replaceChildren(h('li', { class: 'muted empty' }, s('historyEmpty'))); return; }
  list.replaceChildren(...history.map(entry => {
    const when = new Date(entry.at).toLocaleTimeString();
    const status = entry.status !== undefined
      ? h('span', { class: `pill small ${statusClass(entry.status)}` }, String(entry.status))
      : h('span', { class: 'pill small bad' }, '—');
    const load = h('button', { type: 'button', class: 'history-item', title: s('load'), 'data-id': entry.id },
      status, ' ', h('span', { class: `method m-${entry.method.toLowerCase()}` }, entry.method), ' ', h('span', { class: 'path' }, entry.path),
      h('span', { class: 'history-meta muted' }, `${entry.profileLabel} · ${when}${entry.timeMs !== undefined ? ` · ${entry.timeMs} ms` : ''}`));
    load.addEventListener('click', () => post({ type: 'loadHistory', id: entry.id }));
    const rerun = h('button', { type: 'button', class: 'secondary small rerun', 'aria-label': `${s('rerun')}: ${entry.method} ${entry.path}` }, s('rerun'));
    rerun.addEventListener('click', () => { if (!sending) { post({ type: 'rerun', id: entry.id, requestId: Date.now() }); } });
    return h('li', {}, load, rerun);
  }));
}

// ------------------------------------------------------------------ everything
function renderAll(): void {
  renderProviders();
  renderProfiles();
  renderEndpointList();
  renderEndpoint();
  renderSending();
  renderErrors();
  renderCurl();
  renderResult();
  renderHistory();
}

function loadForm(form: FormState): void {
  const e = endpoint(form.endpointId);
  if (!e) { return; }
  const d = defaultDraft(e);
  state.form = {
    provider: e.provider, endpointId: e.id, profileId: form.profileId ?? defaultProfile(e.provider),
    path: { ...d.path, ...form.path }, query: { ...d.query, ...form.query }, body: form.body ?? d.body,
  };
  state.filter = '';
  byId<HTMLInputElement>('filter').value = '';
  updateForm({});
  renderAll();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data;
  if (!isToWebview(m) || (!catalogue && m.type !== 'init')) { return; }
  switch (m.type) {
    case 'init': {
      const first = !catalogue;
      catalogue = m.catalogue;
      profiles = [...m.profiles];
      history = [...m.history];
      strings = m.strings;
      if (m.result) { state.result = m.result; }
      if (first) { buildLayout(); }
      if (m.form) {
        loadForm(m.form);
      } else {
        const provider = state.form && endpoint(state.form.endpointId) ? state.form.provider
          : profiles.find(p => p.active)?.provider ?? catalogue.providers[0].id;
        if (!state.form || !endpoint(state.form.endpointId)) { state.form = formFor(provider); }
        save();
        renderAll();
      }
      return;
    }
    case 'profiles':
      // keys changed (here or in another window): never rebuild the inputs the user may be typing in
      profiles = [...m.profiles];
      renderProfiles();
      renderEndpointInfo();
      return;
    case 'history':
      history = [...m.history];
      renderHistory();
      return;
    case 'confirm':
      confirming = { requestId: m.requestId, request: m.request, message: m.message, detail: m.detail, button: m.button };
      renderSending();
      renderResult();
      return;
    case 'sending':
      confirming = undefined;
      sending = { requestId: m.requestId, request: m.request, note: m.note };
      renderSending();
      renderResult();
      return;
    case 'result': {
      sending = undefined;
      confirming = undefined;
      state.result = m.result;
      save();
      renderSending();
      renderResult();
      // bring the answer into view without moving the keyboard focus
      const box = byId('result');
      if (box.getBoundingClientRect().top > window.innerHeight / 2) { box.scrollIntoView({ block: 'start' }); }
      return;
    }
    case 'load':
      loadForm(m.form);
      return;
    case 'curl':
      state.curl = { text: m.text, envVar: m.envVar };
      save();
      renderCurl();
      return;
    case 'invalid':
      errors = m.errors;
      renderErrors();
      return;
    case 'accountIds': {
      accountIds.set(m.profileId, m.ids);
      // an example nobody edited now names the account's own agent
      const e = currentEndpoint();
      if (e && state.form?.profileId === m.profileId && untouched(e, { path: state.form.path, query: state.form.query, body: state.form.body })) {
        updateForm(defaultDraft(e));
        renderEndpoint();
      }
      return;
    }
  }
});

post({ type: 'ready' });
