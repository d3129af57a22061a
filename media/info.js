// Workspace info view. Receives InfoToWebview messages; sends {type:'refresh'} / {type:'showLogs'}.
// Builds the DOM with textContent only (no innerHTML), so nothing the provider sends can run here.
(function () {
  const vscode = acquireVsCodeApi();
  const title = document.getElementById('title');
  const content = document.getElementById('content');
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) { e.textContent = text; } if (cls) { e.className = cls; } return e; };
  function render(m) {
    title.textContent = m.title || '';
    content.replaceChildren();
    if (m.type === 'loading') { content.append(el('p', 'Loading…', 'muted')); return; }
    if (m.type === 'error') {
      const box = el('div', undefined, 'error');
      box.append(el('p', m.message), el('p', m.fix, 'muted'));
      const logs = el('button', 'Show Logs'); logs.type = 'button'; logs.addEventListener('click', () => vscode.postMessage({ type: 'showLogs' }));
      box.append(logs);
      content.append(box);
      return;
    }
    const table = el('table');
    for (const [k, v] of m.facts) {
      const tr = el('tr');
      tr.append(el('th', k), el('td', v));
      table.append(tr);
    }
    content.append(table, el('p', 'Fetched ' + m.fetchedAt, 'muted'));
    const details = el('details');
    details.append(el('summary', 'Raw response (api_key redacted)'), el('pre', m.raw));
    content.append(details);
    vscode.setState(m);
  }
  document.getElementById('refresh').addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  window.addEventListener('message', e => render(e.data));
  const saved = vscode.getState();
  if (saved) { render(saved); }
})();
