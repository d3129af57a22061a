// The Request Tester's form: the provider and key, the selected endpoint (detail, parameters, body), and
// the send buttons, input errors and cURL box beneath it. Each endpoint keeps its own draft, so switching
// endpoints keeps edits.
import type { Endpoint, ParamSpec } from '../../core/tester/catalog';
import type { ProviderId } from '../../core/providers/catalog';
import { type AccountIds, withAccountIds } from '../../core/tester/examples';
import type { FormState } from '../../core/tester/protocol';
import { fill, h } from '../dom';
import {
  accountIds, byId, currentEndpoint, currentProfile, domId, type Draft, endpoint, endpointsOf, post, riskLabel, s, save, session, state,
} from './state';

/** The endpoint's example as a draft: the docs' example, with ids from the key's account where known. */
export function defaultDraft(e: Endpoint, profileId = state.form?.profileId): Draft {
  const ids = profileId ? accountIds.get(profileId) : undefined;
  const filled = withAccountIds(e, ids === 'asked' ? undefined : ids);
  const d: Draft = { path: {}, query: {} };
  for (const p of filled.params) { (p.in === 'path' ? d.path : d.query)[p.name] = p.default ?? ''; }
  if (filled.body !== undefined) { d.body = JSON.stringify(filled.body, null, 2); }
  return d;
}

/** A draft nobody edited: the docs' example, or the example filled for some key (so another key's ids may replace its ids). */
export function untouched(e: Endpoint, d: Draft): boolean {
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

export function defaultProfile(provider: ProviderId): string | undefined {
  const own = session.profiles.filter(p => p.provider === provider);
  const remembered = state.lastProfile[provider];
  return (own.find(p => p.id === remembered) ?? own.find(p => p.active) ?? own[0])?.id;
}

export function formFor(provider: ProviderId, endpointId?: string): FormState {
  const e = endpoint(endpointId) ?? endpoint(state.lastEndpoint[provider]) ?? endpointsOf(provider)[0];
  const profileId = defaultProfile(provider);
  const saved = state.drafts[e.id];
  const d = saved && !untouched(e, saved) ? saved : defaultDraft(e, profileId);
  return { provider, profileId, endpointId: e.id, ...d };
}

/** Keeps the form in state and as a draft of its endpoint, so switching endpoints keeps edits. */
export function updateForm(change: Partial<FormState>): void {
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

// ------------------------------------------------------------------ provider and key
/** The provider switch; picking one makes a new form, and `rerender` draws the page again. */
export function renderProviders(rerender: () => void): void {
  const box = byId('providers');
  box.replaceChildren(...(session.catalogue?.providers ?? []).map(p => {
    const input = h('input', { type: 'radio', name: 'provider', value: p.id, id: `provider-${p.id}` });
    input.checked = state.form?.provider === p.id;
    input.addEventListener('change', () => {
      if (!input.checked) { return; }
      state.form = formFor(p.id);
      state.curl = undefined;
      save();
      rerender();
    });
    return h('label', { class: 'segment', for: `provider-${p.id}` }, input, h('span', {}, p.label));
  }));
}

export function renderProfiles(): void {
  const select = byId<HTMLSelectElement>('profile');
  const provider = state.form?.provider;
  const own = session.profiles.filter(p => p.provider === provider);
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


// ------------------------------------------------------------------ the selected endpoint: detail, parameters, body
export function renderEndpoint(): void {
  const e = currentEndpoint();
  renderEndpointInfo();
  if (!e) { byId('params').replaceChildren(); byId('body-section').replaceChildren(); return; }
  renderParams(e);
  renderBody(e);
}

/** Title, note and the risk callout (which depends on the key: a test key says so). Leaves the inputs alone. */
export function renderEndpointInfo(): void {
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

// ------------------------------------------------------------------ session.sending, session.errors, cURL
export function renderSending(): void {
  byId<HTMLButtonElement>('send').disabled = !!session.sending || !!session.confirming;
  byId('cancel').hidden = !session.sending;
}

export function renderErrors(): void {
  const box = byId('errors');
  box.replaceChildren(...session.errors.map(e => h('p', {}, e)));
}

export function renderCurl(): void {
  const box = byId('curl-box');
  if (!state.curl) { box.hidden = true; box.replaceChildren(); return; }
  box.hidden = false;
  box.replaceChildren(h('p', { class: 'muted' }, s('curlCopied', state.curl.envVar)), h('pre', { id: 'curl', tabindex: 0 }, state.curl.text));
}
