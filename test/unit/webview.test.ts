// The webviews' page and protocol, without VS Code: what a page may load (its Content Security Policy and
// nonce), that nothing in it can be made to run, and that each side of the workspace-info protocol turns away
// messages of the wrong shape (the host treats the webview as hostile; the webview checks what it is sent).
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INFO_STRING_KEYS, isInfoFromWebview, isInfoToWebview, type InfoStrings } from '../../src/core/info/protocol';
import { PROVIDER_IDS, PROVIDERS } from '../../src/core/providers/catalog';
import { ENDPOINTS, GROUP_ORDER } from '../../src/core/tester/catalog';
import { RequestHistory } from '../../src/core/tester/history';
import { type FormState, isToWebview, type ResultView, type ToWebview } from '../../src/core/tester/protocol';
import { defaultInput } from '../../src/core/tester/request';
import { RequestTester } from '../../src/core/tester/tester';
import type { KeyProfile } from '../../src/core/vault';
import { SandboxServer } from '../../src/sandbox/server';
import { english, memoryState, sandboxClients } from './support';
import { resultView } from '../../src/vscode/features/tester/words';
import { contentSecurityPolicy, escapeHtml, newNonce, pageHtml } from '../../src/vscode/webview/page';

const ROOT = path.resolve(__dirname, '../../..');
// what webview.cspSource is in VS Code desktop, and in code-server (a list)
const DESKTOP = 'https://file+.vscode-resource.vscode-cdn.net';
const SOURCE = "'self' https://*.vscode-cdn.net";
const directives = (csp: string) => new Map(csp.split(';').map(d => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

describe('webview page', () => {
  it('a new 128-bit nonce for every page', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => newNonce()));
    assert.strictEqual(seen.size, 1000);
    for (const n of seen) { assert.strictEqual(Buffer.from(n, 'base64').length, 16, n); }
  });

  it('the policy loads nothing but the extension\'s own files, and scripts only with the nonce', () => {
    const nonce = newNonce();
    const d = directives(contentSecurityPolicy(SOURCE, nonce));
    assert.deepStrictEqual(d.get('default-src'), ["'none'"]);
    assert.deepStrictEqual(d.get('script-src'), [`'nonce-${nonce}'`]);
    assert.deepStrictEqual(d.get('style-src'), SOURCE.split(' '), 'style sheets from the extension only: no inline style');
    for (const name of ['img-src', 'font-src']) { assert.deepStrictEqual(d.get(name), SOURCE.split(' '), name); }
    for (const name of ['connect-src', 'form-action', 'base-uri', 'frame-src']) { assert.deepStrictEqual(d.get(name), ["'none'"], name); }
    assert.deepStrictEqual([...d.keys()].sort(), ['base-uri', 'connect-src', 'default-src', 'font-src', 'form-action', 'frame-src', 'img-src', 'script-src', 'style-src']);
    assert.doesNotMatch([...d.values()].flat().join(' '), /unsafe-|data:|blob:|https?:\/\/\*\s|^\*$/);
    assert.deepStrictEqual(directives(contentSecurityPolicy(DESKTOP, nonce)).get('style-src'), [DESKTOP]);
  });

  it('refuses a nonce too short to be secret and a source that could end the directive or the attribute', () => {
    assert.throws(() => contentSecurityPolicy(SOURCE, 'abc'), /nonce/);
    assert.throws(() => contentSecurityPolicy(SOURCE, "x'; script-src *"), /nonce/);
    for (const bad of ['', `${DESKTOP}; script-src *`, `${DESKTOP} 'unsafe-inline'`, `${DESKTOP}"><script>`, `${DESKTOP}, *`, `${DESKTOP}\nscript-src *`, '*', `${DESKTOP} *`, `${DESKTOP} data:`, 'https:']) {
      assert.throws(() => contentSecurityPolicy(bad, newNonce()), /source/, bad);
    }
  });

  it('the page runs one script, with the nonce, and carries nothing inline; every value in it is escaped', () => {
    const nonce = newNonce();
    const hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    const html = pageHtml({
      lang: `en" onload="alert(3)`, title: hostile, cspSource: SOURCE, nonce,
      styles: [`${DESKTOP}/media/a.css`, `${DESKTOP}/media/b.css?x="><script>`], script: `${DESKTOP}/media/dist/info.js`, rootId: 'info-root',
    });
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.strictEqual(scripts.length, 1, html);
    assert.strictEqual(scripts[0][1], ` nonce="${escapeHtml(nonce)}" src="${DESKTOP}/media/dist/info.js"`);
    assert.strictEqual(scripts[0][2], '', 'no inline script');
    assert.doesNotMatch(html, /<style|\sstyle="|\son\w+="/i, 'no inline style, no event handler attribute');
    assert.doesNotMatch(html, /<img|"><script>/);
    assert.match(html, /<title>&#34;&#62;&#60;script&#62;alert\(1\)/);
    assert.strictEqual((html.match(/<link rel="stylesheet"/g) ?? []).length, 2);
    assert.match(html, /<div id="info-root" aria-busy="true"><\/div>/);
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
    assert.ok(meta, 'the policy is in the page');
    assert.strictEqual(meta[1].replace(/&#39;/g, "'"), contentSecurityPolicy(SOURCE, nonce));
  });

  it('no webview script writes HTML: every value from outside is set as text', () => {
    const files: string[] = [];
    const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) { walk(p); } else if (p.endsWith('.ts')) { files.push(p); }
    } };
    walk(path.join(ROOT, 'src', 'webview'));
    assert.ok(files.some(f => f.endsWith(path.join('info', 'main.ts'))) && files.some(f => f.endsWith(path.join('tester', 'main.ts'))));
    for (const f of files) {
      assert.doesNotMatch(fs.readFileSync(f, 'utf8'), /\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|createContextualFragment|\beval\(|new Function\(/, f);
    }
  });
});

describe('workspace-info protocol', () => {
  const strings = Object.fromEntries(INFO_STRING_KEYS.map(k => [k, `${k} text`])) as unknown as InfoStrings;
  const info = { type: 'info', title: 'Ringg AI · Prod (…9f7a)', facts: [['Workspace', 'Acme'], ['Credits', '3,025']], raw: '{}', fetchedAt: 'now' };

  it('the host acts on the three messages the view sends, and on nothing else', () => {
    for (const type of ['ready', 'refresh', 'showLogs']) { assert.ok(isInfoFromWebview({ type }), type); }
    for (const bad of [null, undefined, 'refresh', 42, [], ['refresh'], {}, { type: 'REFRESH' }, { type: ['refresh'] }, { type: 'send' },
      { type: 'init', strings }, JSON.parse('{"__proto__": {"type": "refresh"}}')]) {
      assert.ok(!isInfoFromWebview(bad), JSON.stringify(bad));
    }
  });

  it('the view renders what has the shape it expects, and drops the rest', () => {
    assert.ok(isInfoToWebview({ type: 'init', strings }));
    assert.ok(isInfoToWebview({ type: 'init', strings, view: info }));
    assert.ok(isInfoToWebview({ type: 'view', view: info }));
    assert.ok(isInfoToWebview({ type: 'view', view: { type: 'loading', title: 't' } }));
    assert.ok(isInfoToWebview({ type: 'view', view: { type: 'error', title: 't', message: 'm', fix: '' } }));
    const missing = { ...strings } as Record<string, unknown>;
    delete missing.fetchedAt;
    for (const bad of [
      { type: 'init' }, { type: 'init', strings: missing }, { type: 'init', strings: { ...strings, refresh: 1 } }, { type: 'init', strings, view: { type: 'info' } },
      { type: 'view' }, { type: 'view', view: { ...info, facts: [['Workspace']] } }, { type: 'view', view: { ...info, facts: [['Credits', 3025]] } },
      { type: 'view', view: { ...info, facts: 'Workspace: Acme' } }, { type: 'view', view: { ...info, raw: { api_key: 'x' } } },
      { type: 'view', view: { ...info, title: undefined } }, { type: 'view', view: { type: 'error', title: 't', message: 'm' } },
      { type: 'view', view: { type: 'html', title: '<b>t</b>' } }, { type: 'refresh' }, null, 'view',
    ]) {
      assert.ok(!isInfoToWebview(bad), JSON.stringify(bad));
    }
  });
});

describe('request tester protocol: what the webview accepts from the host', () => {
  let sb: SandboxServer;
  before(async () => { sb = await SandboxServer.start(); });
  after(() => sb.close());

  const profile: KeyProfile = { id: 'p1', provider: 'ringg', name: 'dev', tail: '…abcd', createdAt: 0 };
  const form = (endpointId: string, change: Partial<FormState> = {}): FormState => {
    const e = ENDPOINTS.find(x => x.id === endpointId)!;
    return { provider: e.provider, profileId: profile.id, endpointId, ...defaultInput(e), ...change };
  };

  it('every message the host builds from real answers passes the webview\'s check', async () => {
    const history = new RequestHistory(memoryState(), sandboxClients(sb).http.redactor);
    const tester = new RequestTester(sandboxClients(sb), history);
    const results: ResultView[] = [];
    for (const [id, change] of [['ringg.workspace.info', {}], ['ringg.calls.outbound', { body: '{"name": "x"}' }]] as const) {
      const prepared = tester.prepare(form(id, change), profile);
      assert.ok(prepared.ok, JSON.stringify(prepared));
      results.push(resultView(english, await tester.execute(prepared.prepared, sb.ringgKey, results.length + 1)));
    }
    assert.deepStrictEqual(results.map(r => r.kind === 'response' && r.response.status), [200, 422]);
    results.push({ kind: 'error', requestId: 3, request: 'GET /workspace', message: 'Could not reach Ringg AI', fix: '' });
    results.push({ kind: 'notSent', requestId: 4, request: 'PATCH /workspace/api-key', message: 'Not sent' });
    const messages: ToWebview[] = [
      {
        type: 'init', profiles: [{ id: 'p1', provider: 'ringg', name: 'dev', tail: '…abcd', active: true }], history: history.list(), strings: { title: 'Request Tester' } as never,
        result: results[0], form: form('ringg.workspace.info'),
        catalogue: {
          providers: PROVIDER_IDS.map(id => ({ id, label: PROVIDERS[id].label, envVar: PROVIDERS[id].envVar })),
          groups: GROUP_ORDER.map(id => ({ id, label: id })), endpoints: ENDPOINTS,
        },
      },
      ...results.map(result => ({ type: 'result' as const, result })),
      { type: 'history', history: history.list() },
      { type: 'sending', requestId: 5, request: 'GET /workspace' },
      { type: 'load', form: form('ringg.workspace.info') },
      { type: 'curl', text: 'curl …', envVar: '$RINGG_API_KEY' },
      { type: 'invalid', errors: ['agent_id is required'] },
      { type: 'confirm', requestId: 6, request: 'POST /calls', message: 'Place a call?', detail: 'spends credits', button: 'Send' },
      { type: 'accountIds', profileId: 'p1', ids: { agent_id: 'agent_01' } },
    ];
    assert.strictEqual(history.list().length, 2);
    for (const m of messages) { assert.ok(isToWebview(m), JSON.stringify(m).slice(0, 300)); }
  });

  it('drops a message of another shape instead of drawing half of it', () => {
    const response = { kind: 'response', response: { requestId: 1, endpointId: 'e', request: 'GET /', profileLabel: 'dev', status: 200, reason: 'OK', ok: true,
      meaning: 'Success', timeMs: 1, size: 2, attempts: 1, headers: [], rateLimit: [], bodyKind: 'json', body: '{}', truncated: false, at: 'now' } };
    assert.ok(isToWebview({ type: 'result', result: response }));
    for (const bad of [
      null, 'result', { type: 'result' }, { type: 'result', result: { ...response, kind: 'html' } },
      { type: 'result', result: { kind: 'response', response: { ...response.response, status: '200' } } },
      { type: 'result', result: { kind: 'response', response: { ...response.response, headers: [['x-api-key']] } } },
      { type: 'result', result: { kind: 'response', response: { ...response.response, body: { api_key: 'x' } } } },
      { type: 'profiles', profiles: [{ id: 'p1', provider: 'openai', name: 'dev', tail: '…abcd', active: true }] },
      { type: 'load', form: { provider: 'ringg', endpointId: 'e', path: { a: 1 }, query: {} } },
      { type: 'invalid', errors: 'agent_id is required' }, { type: 'confirm', requestId: 1, request: 'r', message: 'm', detail: 'd' },
      { type: 'accountIds', profileId: 'p1', ids: { agent_id: 7 } }, { type: 'sending', requestId: Number.NaN, request: 'r' },
      { type: 'refresh' },
    ]) {
      assert.ok(!isToWebview(bad), JSON.stringify(bad));
    }
  });
});
