// The fix for a key shipped to clients: a Next.js route handler that holds the key, the client file pointed at it
// and its variable renamed to the server-only name; `.env*` files renamed. Everything else in the file is kept.
import * as assert from 'node:assert';
import * as ts from 'typescript';
import { exposureFix, serverOnlyName, type TextEdit } from '../../src/core/scanner/serverRoute';
import { scanText } from '../../src/core/scanner/scanner';

function apply(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) { out += text.slice(at, e.start) + e.text; at = e.end; }
  return out + text.slice(at);
}

const existing = (...paths: string[]) => (rel: string) => paths.includes(rel);

const CLIENT = `'use client';
import { useEffect, useState } from 'react';

export function Agents() {
  const [agents, setAgents] = useState([]);
  useEffect(() => {
    fetch('https://prod-api.ringg.ai/ca/api/v0/agent/all', { headers: { 'X-API-KEY': process.env.NEXT_PUBLIC_RINGG_API_KEY ?? '' } })
      .then(r => r.json()).then(setAgents);
    fetch(\`https://prod-api.ringg.ai/ca/api/v0/agent/\${id}/calls?page=2\`);
  }, []);
  return agents.length;   // NEXT_PUBLIC_RINGG_API_KEY_HELPER stays
}
`;

describe('server route fix for a key shipped to clients', () => {
  it('names the server-only variable for each client prefix', () => {
    for (const p of ['NEXT_PUBLIC_', 'VITE_', 'REACT_APP_', 'EXPO_PUBLIC_', 'NUXT_PUBLIC_', 'PUBLIC_', 'GATSBY_', 'VUE_APP_']) {
      assert.strictEqual(serverOnlyName(`${p}RINGG_API_KEY`), 'RINGG_API_KEY', p);
    }
    assert.strictEqual(serverOnlyName('RINGG_API_KEY'), undefined);
  });

  it('creates an app-router route handler and points the client component at it, byte-exact elsewhere', () => {
    const [f] = scanText(CLIENT, { fileName: 'app/agents/page.tsx' }).findings.filter(x => x.rule === 'client-exposed-key' && x.name?.startsWith('NEXT'));
    assert.ok(f, 'the finding the fix is for');
    const fix = exposureFix({ text: CLIENT, file: 'app/agents/page.tsx', provider: 'ringg', name: f.name!, exists: existing('app', 'app/agents/page.tsx') });
    assert.ok(fix && fix.kind === 'route');
    assert.strictEqual(fix.route.path, 'app/api/ringg/[...path]/route.ts');
    const after = apply(CLIENT, fix.edits);
    assert.strictEqual(after, CLIENT
      .replace('https://prod-api.ringg.ai/ca/api/v0/agent/all', '/api/ringg/agent/all')
      .replace('https://prod-api.ringg.ai/ca/api/v0/agent/${id}', '/api/ringg/agent/${id}')
      .replace("process.env.NEXT_PUBLIC_RINGG_API_KEY ??", 'process.env.RINGG_API_KEY ??'));
    // the key leaves the client: nothing left to report in the component
    assert.deepStrictEqual(scanText(after, { fileName: 'app/agents/page.tsx' }).findings.filter(x => x.rule === 'client-exposed-key'), []);
    // the route forwards only the paths the component called, with the server-only variable, and is a server file
    assert.match(fix.route.text, /const ALLOWED: readonly string\[\] = \['agent\/\*\/calls', 'agent\/all'\]/);
    assert.match(fix.route.text, /process\.env\.RINGG_API_KEY;/);
    assert.match(fix.route.text, /'X-API-KEY': key,/);
    assert.match(fix.route.text, /export \{ forward as GET, forward as POST/);
    assert.doesNotMatch(fix.route.text, /NEXT_PUBLIC_|use client/);
    assert.deepStrictEqual(scanText(fix.route.text, { fileName: fix.route.path }).findings, []);
  });

  it('uses the pages router (pages/api) when the project has no app folder, and Bearer for Ringyo', () => {
    const text = `const r = await fetch('https://api.ringyo.ai/v1/agents', { headers: { Authorization: 'Bearer ' + process.env.NEXT_PUBLIC_RINGYO_API_KEY } });\n`;
    const fix = exposureFix({ text, file: 'web/src/pages/index.tsx', provider: 'ringyo', name: 'NEXT_PUBLIC_RINGYO_API_KEY', exists: existing('web/src/pages') });
    assert.ok(fix && fix.kind === 'route');
    assert.strictEqual(fix.route.path, 'web/src/pages/api/ringyo/[...path].ts');
    assert.match(fix.route.text, /export default async function handler\(req: NextApiRequest/);
    assert.match(fix.route.text, /Authorization: `Bearer \$\{key\}`/);
    assert.strictEqual(apply(text, fix.edits), text.replace('https://api.ringyo.ai/v1', '/api/ringyo').replace('NEXT_PUBLIC_RINGYO_API_KEY', 'RINGYO_API_KEY'));
  });

  it('offers no route over an existing file or folder (never overwritten)', () => {
    for (const taken of ['app/api/ringg/[...path]/route.ts', 'app/api/ringg/[...path]', 'app/api/ringg', 'app/api']) {
      assert.strictEqual(exposureFix({ text: CLIENT, file: 'app/page.tsx', provider: 'ringg', name: 'NEXT_PUBLIC_RINGG_API_KEY', exists: existing('app', taken) })?.kind, taken === 'app/api' ? 'route' : undefined, taken);
    }
  });

  it('offers no route through a symbolic link on the way (app/ linked elsewhere)', () => {
    const fix = exposureFix({ text: CLIENT, file: 'app/page.tsx', provider: 'ringg', name: 'NEXT_PUBLIC_RINGG_API_KEY', exists: existing('app'), isLink: r => r === 'app' });
    assert.strictEqual(fix, undefined);
  });

  it('a \'use client\' component calling the API with a key gets the route too; other frameworks\' code gets none', () => {
    const text = `"use client";\nfetch('https://prod-api.ringg.ai/ca/api/v0/workspace/credits', { headers: { 'X-API-KEY': key } });\n`;
    const fix = exposureFix({ text, file: 'src/app/credits.tsx', provider: 'ringg', name: 'ringg.ai', exists: existing('src/app') });
    assert.ok(fix && fix.kind === 'route');
    assert.strictEqual(fix.route.path, 'src/app/api/ringg/[...path]/route.ts');
    assert.strictEqual(fix.serverName, 'RINGG_API_KEY');
    assert.strictEqual(apply(text, fix.edits), text.replace('https://prod-api.ringg.ai/ca/api/v0', '/api/ringg'));
    for (const name of ['PUBLIC_RINGG_API_KEY', 'NUXT_PUBLIC_RINGG_API_KEY', 'GATSBY_RINGG_API_KEY', 'EXPO_PUBLIC_RINGG_API_KEY']) {
      assert.strictEqual(exposureFix({ text: `const k = env.${name};`, file: 'src/main.ts', provider: 'ringg', name, exists: () => false }), undefined, name);
    }
  });

  const VITE = `const api = 'https://prod-api.ringg.ai/ca/api/v0';
export async function credits(): Promise<number> {
  const r = await fetch(\`\${api}/workspace/credits\`, { headers: { 'X-API-KEY': import.meta.env.VITE_RINGG_API_KEY } });
  return (await r.json()).credits;
}
`;

  it('a Vite app gets an Express router (server/ringgProxy.ts) to mount at /api/ringg, and its client calls it', () => {
    const fix = exposureFix({ text: VITE, file: 'web/src/api.ts', provider: 'ringg', name: 'VITE_RINGG_API_KEY', exists: existing('web/src/api.ts', 'web/server') });
    assert.ok(fix && fix.kind === 'route');
    assert.strictEqual(fix.route.path, 'web/server/ringgProxy.ts');
    assert.strictEqual(apply(VITE, fix.edits), VITE.replace('https://prod-api.ringg.ai/ca/api/v0', '/api/ringg').replace('VITE_RINGG_API_KEY', 'RINGG_API_KEY'));
    assert.deepStrictEqual(scanText(apply(VITE, fix.edits), { fileName: 'web/src/api.ts' }).findings, []);
    assert.match(fix.route.text, /app\.use\('\/api\/ringg', ringgProxy\)/);
    assert.match(fix.route.text, /import express, \{ type Request, type Response \} from 'express';/);
    assert.match(fix.route.text, /const key = process\.env\.RINGG_API_KEY;/);
    assert.match(fix.route.text, /'X-API-KEY': key,/);
    // the template literal's base is one call the client makes: it is forwarded, nothing else
    assert.match(fix.route.text, /const ALLOWED: readonly string\[\] = \[\];/);
    assert.deepStrictEqual(scanText(fix.route.text, { fileName: fix.route.path }).findings, []);
  });

  it('a Create React App or Vue CLI app in JavaScript gets an ES module router (.mjs), Bearer for Ringyo; never over a file or through a link', () => {
    const text = `fetch('https://api.ringyo.ai/v1/calls/' + id, { headers: { Authorization: 'Bearer ' + process.env.REACT_APP_RINGYO_API_KEY } });\n`;
    const fix = exposureFix({ text, file: 'src/calls.jsx', provider: 'ringyo', name: 'REACT_APP_RINGYO_API_KEY', exists: existing('src/calls.jsx') });
    assert.ok(fix && fix.kind === 'route');
    assert.strictEqual(fix.route.path, 'server/ringyoProxy.mjs');
    assert.match(fix.route.text, /^import express from 'express';$/m);
    assert.match(fix.route.text, /Authorization: `Bearer \$\{key\}`/);
    assert.match(fix.route.text, /const ALLOWED = \['calls\/\*'\];/, 'the id appended to the literal is one more segment');
    assert.doesNotMatch(fix.route.text, /: Request|: Response|readonly string|: boolean/, 'plain JavaScript');
    assert.strictEqual(apply(text, fix.edits), text.replace('https://api.ringyo.ai/v1', '/api/ringyo').replace('REACT_APP_RINGYO_API_KEY', 'RINGYO_API_KEY'));
    assert.strictEqual(exposureFix({ text, file: 'src/calls.jsx', provider: 'ringyo', name: 'REACT_APP_RINGYO_API_KEY', exists: existing('server/ringyoProxy.mjs') }), undefined);
    assert.strictEqual(exposureFix({ text, file: 'src/calls.jsx', provider: 'ringyo', name: 'REACT_APP_RINGYO_API_KEY', exists: () => false, isLink: r => r === 'server' }), undefined);
    const vue = exposureFix({ text: text.replace('REACT_APP_', 'VUE_APP_'), file: 'app/src/calls.js', provider: 'ringyo', name: 'VUE_APP_RINGYO_API_KEY', exists: () => false });
    assert.strictEqual(vue?.kind === 'route' && vue.route.path, 'app/server/ringyoProxy.mjs');
  });

  it('an app\'s entry point that calls the API with a key gets the Express router; a browser extension\'s script gets no route', () => {
    const main = `import { createRoot } from 'react-dom/client';\nfetch('https://prod-api.ringg.ai/ca/api/v0/agent/all', { headers: { 'X-API-KEY': key } });\ncreateRoot(document.getElementById('root')!).render(<App />);\n`;
    const fix = exposureFix({ text: main, file: 'src/main.tsx', provider: 'ringg', name: 'ringg.ai', exists: existing('src/main.tsx') });
    assert.ok(fix && fix.kind === 'route');
    assert.strictEqual(fix.route.path, 'server/ringgProxy.ts');
    assert.strictEqual(fix.serverName, 'RINGG_API_KEY');
    assert.match(fix.route.text, /const ALLOWED: readonly string\[\] = \['agent\/all'\];/);
    assert.strictEqual(apply(main, fix.edits), main.replace('https://prod-api.ringg.ai/ca/api/v0', '/api/ringg'));
    assert.deepStrictEqual(scanText(apply(main, fix.edits), { fileName: 'src/main.tsx' }).findings, []);
    // the extension has no server of its own: the message says to call yours, and no file is made up for it
    const ext = `chrome.runtime.onMessage.addListener(() => fetch('https://prod-api.ringg.ai/ca/api/v0/agent/all', { headers: { 'X-API-KEY': key } }));\n`;
    assert.strictEqual(exposureFix({ text: ext, file: 'extension/background.js', provider: 'ringg', name: 'ringg.ai', exists: () => false }), undefined);
  });

  it('every route it writes is valid TypeScript or JavaScript (Next.js app and pages routers, Express in both)', () => {
    const routes = [
      exposureFix({ text: CLIENT, file: 'app/agents/page.tsx', provider: 'ringg', name: 'NEXT_PUBLIC_RINGG_API_KEY', exists: existing('app') }),
      exposureFix({ text: CLIENT, file: 'pages/index.tsx', provider: 'ringtonic', name: 'NEXT_PUBLIC_RINGTONIC_API_KEY', exists: existing('pages') }),
      exposureFix({ text: VITE, file: 'src/api.ts', provider: 'ringg', name: 'VITE_RINGG_API_KEY', exists: () => false }),
      exposureFix({ text: VITE, file: 'src/api.js', provider: 'ringyo', name: 'VITE_RINGYO_API_KEY', exists: () => false }),
    ];
    for (const fix of routes) {
      assert.ok(fix && fix.kind === 'route');
      const out = ts.transpileModule(fix.route.text, { fileName: fix.route.path.replace(/\.mjs$/, '.js'), reportDiagnostics: true,
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, allowJs: true, checkJs: false } });
      assert.deepStrictEqual((out.diagnostics ?? []).map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [], fix.route.path);
    }
  });

  it('renames the variable in a .env file (only its definition), not when the server-only name is already defined', () => {
    const env = '# keys\nAPP=1\nexport NEXT_PUBLIC_RINGG_API_KEY = abc\r\nOTHER=${NEXT_PUBLIC_RINGG_API_KEY}\n';
    const fix = exposureFix({ text: env, file: 'web/.env.local', provider: 'ringg', name: 'NEXT_PUBLIC_RINGG_API_KEY', exists: () => true });
    assert.ok(fix && fix.kind === 'rename');
    assert.strictEqual(apply(env, fix.edits), env.replace('export NEXT_PUBLIC_', 'export '));
    assert.strictEqual(exposureFix({ text: 'RINGG_API_KEY=x\nVITE_RINGG_API_KEY=x\n', file: '.env', provider: 'ringg', name: 'VITE_RINGG_API_KEY', exists: () => true }), undefined);
  });
});
