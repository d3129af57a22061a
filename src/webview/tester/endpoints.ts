// The Request Tester's endpoint list: a combobox, the filter drives the listbox (arrow keys move the active
// option, Enter picks it, Escape clears the filter).
import type { Endpoint, EndpointGroup } from '../../core/tester/catalog';
import { h } from '../dom';
import { defaultDraft, renderEndpoint, untouched, updateForm } from './form';
import { byId, domId, endpoint, endpointsOf, riskLabel, s, save, session, state } from './state';

function visibleEndpoints(): Endpoint[] {
  const provider = state.form?.provider;
  if (!provider) { return []; }
  const words = state.filter.toLowerCase().split(/\s+/).filter(Boolean);
  const groupLabel = (g: EndpointGroup) => session.catalogue?.groups.find(x => x.id === g)?.label ?? g;
  return endpointsOf(provider).filter(e => {
    const hay = `${e.method} ${e.path} ${e.summary} ${groupLabel(e.group)} ${riskLabel(e)}`.toLowerCase();
    return words.every(w => hay.includes(w));
  });
}

export function renderEndpointList(): void {
  const list = byId('endpoints');
  const shown = visibleEndpoints();
  session.activeOption = Math.max(0, Math.min(session.activeOption, shown.length - 1));
  const nodes: HTMLElement[] = [];
  for (const g of session.catalogue?.groups ?? []) {
    const items = shown.filter(e => e.group === g.id);
    if (!items.length) { continue; }
    const labelId = `group-${g.id}`;
    nodes.push(h('div', { role: 'group', 'aria-labelledby': labelId, class: 'group' },
      h('div', { id: labelId, class: 'group-label', role: 'presentation' }, g.label),
      ...items.map(e => {
        const selected = e.id === state.form?.endpointId;
        const option = h('div', { role: 'option', id: `opt-${domId(e.id)}`, 'data-id': e.id, 'aria-selected': selected ? 'true' : 'false',
          class: `option${shown.indexOf(e) === session.activeOption ? ' active' : ''}`, title: e.summary },
        h('span', { class: `method m-${e.method.toLowerCase()}` }, e.method),
        h('span', { class: 'path' }, e.path),
        h('span', { class: 'summary' }, e.summary),
        e.risk !== 'read' && h('span', { class: `risk risk-${e.risk}` }, riskLabel(e)));
        option.addEventListener('click', () => { session.activeOption = shown.indexOf(e); selectEndpoint(e.id); });
        return option;
      })));
  }
  list.replaceChildren(...(nodes.length ? nodes : [h('p', { class: 'muted empty' }, s('noMatch'))]));
  const active = shown[session.activeOption];
  const filter = byId('filter');
  if (active) { filter.setAttribute('aria-activedescendant', `opt-${domId(active.id)}`); } else { filter.removeAttribute('aria-activedescendant'); }
}

export function onFilterKey(e: KeyboardEvent): void {
  const shown = visibleEndpoints();
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    session.activeOption = (session.activeOption + (e.key === 'ArrowDown' ? 1 : -1) + shown.length) % Math.max(1, shown.length);
    renderEndpointList();
    byId('endpoints').querySelector('.option.active')?.scrollIntoView({ block: 'nearest' });
  } else if (e.key === 'Enter' && !(e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    const pick = shown[session.activeOption];
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
