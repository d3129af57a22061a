// The Request Tester's answer: the question before a request that spends credits or cannot be undone, the
// progress while it runs, and the response (status, meaning, timing, rate limit, redacted body, headers).
import type { ResponseView } from '../../core/tester/protocol';
import { fill, h } from '../dom';
import { renderSending } from './form';
import { byId, post, s, session, state } from './state';

export function statusClass(status: number): string {
  return status < 300 ? 'ok' : status < 500 && status !== 429 ? 'warn' : 'bad';
}

export function renderResult(): void {
  const box = byId('result');
  const title = h('h2', { id: 'result-title' }, s('response'));
  if (session.confirming) {
    const c = session.confirming;
    const answer = (send: boolean) => {
      if (session.confirming?.requestId !== c.requestId) { return; }
      session.confirming = undefined;
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
  if (session.sending) {
    fill(box, title, h('p', { class: 'progress' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), s('sending', session.sending.request)),
      session.sending.note ? h('p', { class: 'callout info' }, session.sending.note) : false);
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
