// The Request Tester webview. It holds no key and never talks to a provider: it posts a form to the
// extension host (FromWebview) and renders what comes back (ToWebview), both typed in the shared protocol.
// The DOM is built with textContent only (no innerHTML), so nothing a provider answers can run here.
// Its form, drafts and last result live in the webview state, so hiding and showing the panel (or
// reloading the window) restores it.
// This module builds the page and dispatches the host's messages; the views are form.ts, endpoints.ts,
// answer.ts and history.ts, over the state in state.ts.
import { type FormState, isToWebview } from '../../core/tester/protocol';
import { h } from '../dom';
import { renderResult } from './answer';
import { onFilterKey, renderEndpointList } from './endpoints';
import {
  defaultDraft, defaultProfile, formFor, renderCurl, renderEndpoint, renderEndpointInfo, renderErrors, renderProfiles, renderProviders,
  renderSending, untouched, updateForm,
} from './form';
import { renderHistory } from './history';
import { accountIds, byId, currentEndpoint, endpoint, post, s, save, session, state } from './state';

const root = document.getElementById('tester-root')!;

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
          h('button', { id: 'save-http', type: 'button', class: 'secondary' }, s('saveHttp')),
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
  filter.addEventListener('input', () => { state.filter = filter.value; save(); session.activeOption = 0; renderEndpointList(); });
  filter.addEventListener('keydown', onFilterKey);
  byId('clear-history').addEventListener('click', () => post({ type: 'clearHistory' }));
  byId('send').addEventListener('click', send);
  byId('cancel').addEventListener('click', () => post({ type: 'cancel' }));
  byId('copy-curl').addEventListener('click', () => { if (state.form) { session.errors = []; renderErrors(); post({ type: 'copyCurl', form: state.form }); } });
  byId('save-http').addEventListener('click', () => { if (state.form) { session.errors = []; renderErrors(); post({ type: 'saveHttp', form: state.form }); } });
  document.addEventListener('keydown', e => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); send(); }
  });
}

function send(): void {
  if (!state.form || session.sending) { return; }
  session.errors = [];
  renderErrors();
  post({ type: 'send', requestId: Date.now(), form: state.form });
}

// ------------------------------------------------------------------ everything
function renderAll(): void {
  renderProviders(renderAll);
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
  if (!isToWebview(m) || (!session.catalogue && m.type !== 'init')) { return; }
  switch (m.type) {
    case 'init': {
      const first = !session.catalogue;
      session.catalogue = m.catalogue;
      session.profiles = [...m.profiles];
      session.history = [...m.history];
      session.strings = m.strings;
      if (m.result) { state.result = m.result; }
      if (first) { buildLayout(); }
      if (m.form) {
        loadForm(m.form);
      } else {
        const provider = state.form && endpoint(state.form.endpointId) ? state.form.provider
          : session.profiles.find(p => p.active)?.provider ?? session.catalogue.providers[0].id;
        if (!state.form || !endpoint(state.form.endpointId)) { state.form = formFor(provider); }
        save();
        renderAll();
      }
      return;
    }
    case 'profiles':
      // keys changed (here or in another window): never rebuild the inputs the user may be typing in
      session.profiles = [...m.profiles];
      renderProfiles();
      renderEndpointInfo();
      return;
    case 'history':
      session.history = [...m.history];
      renderHistory();
      return;
    case 'confirm':
      session.confirming = { requestId: m.requestId, request: m.request, message: m.message, detail: m.detail, button: m.button };
      renderSending();
      renderResult();
      return;
    case 'sending':
      session.confirming = undefined;
      session.sending = { requestId: m.requestId, request: m.request, note: m.note };
      renderSending();
      renderResult();
      return;
    case 'result': {
      session.sending = undefined;
      session.confirming = undefined;
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
      session.errors = m.errors;
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
