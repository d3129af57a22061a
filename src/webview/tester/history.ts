// The Request Tester's history: the requests sent, newest first, each to load back into the form or run again.
import { h } from '../dom';
import { statusClass } from './answer';
import { byId, post, s, session } from './state';

export function renderHistory(): void {
  const list = byId('history');
  byId('clear-history').hidden = session.history.length === 0;
  if (!session.history.length) { list.replaceChildren(h('li', { class: 'muted empty' }, s('historyEmpty'))); return; }
  list.replaceChildren(...session.history.map(entry => {
    const when = new Date(entry.at).toLocaleTimeString();
    const status = entry.status !== undefined
      ? h('span', { class: `pill small ${statusClass(entry.status)}` }, String(entry.status))
      : h('span', { class: 'pill small bad' }, '—');
    const load = h('button', { type: 'button', class: 'history-item', title: s('load'), 'data-id': entry.id },
      status, ' ', h('span', { class: `method m-${entry.method.toLowerCase()}` }, entry.method), ' ', h('span', { class: 'path' }, entry.path),
      h('span', { class: 'history-meta muted' }, `${entry.profileLabel} · ${when}${entry.timeMs !== undefined ? ` · ${entry.timeMs} ms` : ''}`));
    load.addEventListener('click', () => post({ type: 'loadHistory', id: entry.id }));
    const rerun = h('button', { type: 'button', class: 'secondary small rerun', 'aria-label': `${s('rerun')}: ${entry.method} ${entry.path}` }, s('rerun'));
    rerun.addEventListener('click', () => { if (!session.sending) { post({ type: 'rerun', id: entry.id, requestId: Date.now() }); } });
    const copy = h('button', { type: 'button', class: 'secondary small copy-http', 'aria-label': `${s('copyHttp')}: ${entry.method} ${entry.path}` }, s('copyHttp'));
    copy.addEventListener('click', () => post({ type: 'copyHistoryHttp', id: entry.id }));
    return h('li', {}, load, rerun, copy);
  }));
}
