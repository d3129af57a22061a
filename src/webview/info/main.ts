// The workspace-info webview: renders what the extension host sends (InfoToWebview) and asks it to refresh
// or show the log (InfoFromWebview), both typed in the shared protocol and checked here too. It holds no
// key and no text of its own (the host sends the localised strings). Every value from the provider is set as
// text, never parsed as HTML. What it shows is saved in the webview state, so a panel shown again after it
// was hidden draws at once, before the host answers `ready`.
import {
  type InfoFromWebview, type InfoStrings, type InfoView, isInfoStrings, isInfoToWebview, isInfoView,
} from '../../core/info/protocol';
import { isRecord } from '../../core/guards';
import { fillPlaceholders } from '../../core/template';
import { fill, h, vsCodeApi } from '../dom';

interface SavedState { readonly v: 1; readonly strings: InfoStrings; readonly view?: InfoView }

const vscode = vsCodeApi<InfoFromWebview, SavedState>();
const root = document.getElementById('info-root')!;

let strings: InfoStrings | undefined;
/** The last view sent, kept until the strings arrive. */
let view: InfoView | undefined;

function saved(): SavedState | undefined {
  const s = vscode.getState();
  return isRecord(s) && s.v === 1 && isInfoStrings(s.strings) && (s.view === undefined || isInfoView(s.view))
    ? { v: 1, strings: s.strings, view: s.view } : undefined;
}

function layout(t: InfoStrings): void {
  const refresh = h('button', { id: 'refresh', type: 'button' }, t.refresh);
  refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  fill(root, h('header', {}, h('h1', { id: 'title' }), refresh), h('main', { id: 'content', 'aria-live': 'polite' }));
  root.removeAttribute('aria-busy');
}

function body(t: InfoStrings, v: InfoView): Node[] {
  switch (v.type) {
    case 'loading':
      return [h('p', { class: 'muted' }, t.loading)];
    case 'error': {
      const logs = h('button', { type: 'button' }, t.showLogs);
      logs.addEventListener('click', () => vscode.postMessage({ type: 'showLogs' }));
      return [h('div', { class: 'error', role: 'alert' }, h('p', {}, v.message), v.fix !== '' && h('p', { class: 'muted' }, v.fix), logs)];
    }
    case 'info':
      return [
        h('table', {}, h('tbody', {}, ...v.facts.map(([label, value]) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, value))))),
        h('p', { class: 'muted' }, fillPlaceholders(t.fetchedAt, v.fetchedAt)),
        h('details', {}, h('summary', {}, t.rawResponse), h('pre', {}, v.raw)),
      ];
  }
}

function render(): void {
  if (!strings) { return; }
  if (!document.getElementById('content')) { layout(strings); }
  document.getElementById('title')!.textContent = view?.title ?? '';
  fill(document.getElementById('content')!, ...(view ? body(strings, view) : []));
  vscode.setState({ v: 1, strings, view });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data;
  if (!isInfoToWebview(m)) { return; }
  if (m.type === 'init') {
    strings = m.strings;
    view = m.view ?? view;
  } else {
    view = m.view;
  }
  render();
});

const before = saved();
if (before) {
  strings = before.strings;
  view = before.view;
  render();
}
vscode.postMessage({ type: 'ready' });
