// The fix for a key shipped to clients (rule client-exposed-key): the call moves behind a server route that
// holds the key. For Next.js, a route handler is created (app router `app/api/<provider>/[...path]/route.ts`, or
// `pages/api/<provider>/[...path].ts` in a pages-router project) that forwards the paths the client file calls
// to the provider with a server-only variable; the client file then calls that route, and its read of
// `NEXT_PUBLIC_RINGG_API_KEY` becomes the server-only name (which Next.js does not inline: the key leaves the
// bundle). For a single-page app built by Vite, Create React App or Vue CLI (`VITE_`, `REACT_APP_`, `VUE_APP_`),
// the route is an Express router (`server/<provider>Proxy.ts`, or `.mjs` beside JavaScript) to mount at
// `/api/<provider>` (also for an app's entry point that calls the API with a key), and the client is pointed at
// it the same way. In a `.env*` file the variable is renamed to
// its server-only name. Plain data in, plain edits out: the editor turns them into a WorkspaceEdit the user
// previews. No `vscode` import.
import { PROVIDERS, type ProviderId } from '../providers/catalog';
import { BROWSER_ENTRY, isUseClient } from './scanner';

/** The client-inlined prefixes, longest first (`NEXT_PUBLIC_` before `PUBLIC_`). */
const PREFIXES = ['NEXT_PUBLIC_', 'EXPO_PUBLIC_', 'NUXT_PUBLIC_', 'REACT_APP_', 'VUE_APP_', 'GATSBY_', 'VITE_', 'PUBLIC_'];
/** The prefixes of single-page apps whose server is commonly an Express app (Vite, Create React App, Vue CLI). */
const EXPRESS_PREFIXES = ['VITE_', 'REACT_APP_', 'VUE_APP_'];

export interface ExposureFixInput {
  /** The file's text. */
  readonly text: string;
  /** The file's path relative to its workspace folder, with `/`. */
  readonly file: string;
  readonly provider: ProviderId;
  /** The finding's name: the variable (`NEXT_PUBLIC_RINGG_API_KEY`) or the API host a client component calls. */
  readonly name: string;
  /** Whether a path relative to the workspace folder exists (a file, folder or link: never written over). */
  readonly exists: (rel: string) => boolean;
  /** Whether a path relative to the workspace folder is a symbolic link (no file is created through one). */
  readonly isLink?: (rel: string) => boolean;
}

/** A replacement in the file, by offsets into its text. */
export interface TextEdit { readonly start: number; readonly end: number; readonly text: string }

export type ExposureFix =
  | { readonly kind: 'route'; readonly route: { readonly path: string; readonly text: string }; readonly serverName: string; readonly edits: readonly TextEdit[] }
  | { readonly kind: 'rename'; readonly serverName: string; readonly edits: readonly TextEdit[] };

/** The variable's server-only name: `NEXT_PUBLIC_RINGG_API_KEY` → `RINGG_API_KEY`; undefined for a name without a client prefix. */
export function serverOnlyName(name: string): string | undefined {
  const p = PREFIXES.find(x => name.startsWith(x));
  return p && /^[A-Z][A-Z0-9_]*$/.test(name.slice(p.length)) ? name.slice(p.length) : undefined;
}

const ENV_FILE = /(?:^|\/)\.env(?:\.[\w.-]+)?$/;

/** The fix for a client-exposed-key finding, or undefined when none applies safely here. */
export function exposureFix(input: ExposureFixInput): ExposureFix | undefined {
  const { text, file, name } = input;
  const serverName = serverOnlyName(name);
  if (ENV_FILE.test(file)) {
    // the definition renamed; a file that already defines the server-only name keeps both (no choice is made for the user)
    if (!serverName || definesInEnv(text, serverName)) { return undefined; }
    const edits = wordsOf(text, name).filter(s => isEnvDefinition(text, s)).map(s => ({ start: s, end: s + name.length, text: serverName }));
    return edits.length ? { kind: 'rename', serverName, edits } : undefined;
  }
  // a route handler for Next.js: the variable's prefix says so, or a 'use client' component calls the API; an
  // Express router for a Vite, Create React App or Vue CLI app
  const nextJs = serverName ? name.startsWith('NEXT_PUBLIC_') : isUseClient(text);
  // a host a single-page app's entry point calls (createRoot(document…), createApp().mount): Express too
  const express = serverName ? EXPRESS_PREFIXES.some(p => name.startsWith(p)) : !nextJs && /\.[cm]?[jt]sx?$/.test(file) && BROWSER_ENTRY.test(text);
  if (!nextJs && !express) { return undefined; }
  const provider = PROVIDERS[input.provider];
  const server = serverName ?? provider.envVar;
  const route = nextJs ? routeFile(input) : expressFile(input);
  if (!route) { return undefined; }
  const edits: TextEdit[] = [];
  const paths = new Set<string>();
  const base = provider.defaultBaseUrl;
  for (let i = text.indexOf(base); i !== -1; i = text.indexOf(base, i + base.length)) {
    edits.push({ start: i, end: i + base.length, text: route.url });
    const tail = /^\/([^'"`?#\s]*)/.exec(text.slice(i + base.length, i + base.length + 512));
    if (tail) { paths.add(pathPattern(tail[1])); }
  }
  for (const n of new Set([name, ...PREFIXES.map(p => p + server)])) {
    if (n === server || !serverOnlyName(n)) { continue; }   // a host finding names no variable
    for (const s of wordsOf(text, n)) { edits.push({ start: s, end: s + n.length, text: server }); }
  }
  edits.sort((a, b) => a.start - b.start);
  return { kind: 'route', route: { path: route.path, text: route.make(input.provider, server, [...paths].filter(Boolean).sort()) }, serverName: server, edits };
}

/** Where the route goes: beside the project's router (app/, src/app/, pages/, src/pages/); undefined when that file exists. */
function routeFile(input: ExposureFixInput): { path: string; url: string; make: typeof appRoute } | undefined {
  const p = input.provider;
  // the project root: the folder above the router folder the file lives in, else the workspace folder
  const m = /^(.*?\/)?(?:src\/)?(?:app|pages|components|lib|hooks|utils)\//.exec(input.file);
  const root = m?.[1] ?? '';
  const has = (rel: string) => input.exists(root + rel);
  const router = has('app') ? 'app' : has('src/app') ? 'src/app' : has('pages') ? 'pages' : has('src/pages') ? 'src/pages' : 'app';
  const appRouter = router.endsWith('app');
  const rel = appRouter ? `${router}/api/${p}/[...path]/route.ts` : `${router}/api/${p}/[...path].ts`;
  // never over an existing file: nor over a folder or a link on the way there
  const parts = (root + rel).split('/');
  const fresh = root.split('/').length - 1 + router.split('/').length + 2;   // from app/api/<provider> on: must not exist
  for (let i = 1; i <= parts.length; i++) {
    const sub = parts.slice(0, i).join('/');
    if ((i >= fresh && input.exists(sub)) || input.isLink?.(sub)) { return undefined; }
  }
  return { path: root + rel, url: `/api/${p}`, make: appRouter ? appRoute : pagesRoute };
}

/**
 * Where the Express router goes: `server/<provider>Proxy.ts` (`.mjs` beside JavaScript, an ES module whatever the
 * package's type) in the project root (the folder above `src/`, else the workspace folder); undefined when that
 * file exists or a link is on the way.
 */
function expressFile(input: ExposureFixInput): { path: string; url: string; make: typeof appRoute } | undefined {
  const p = input.provider;
  const root = /^(.*?\/)?src\//.exec(input.file)?.[1] ?? '';
  const ts = /\.(?:[cm]?ts|tsx)$/.test(input.file);
  const rel = `${root}server/${p}Proxy.${ts ? 'ts' : 'mjs'}`;
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const sub = parts.slice(0, i).join('/');
    if ((i === parts.length && input.exists(sub)) || input.isLink?.(sub)) { return undefined; }
  }
  return { path: rel, url: `/api/${p}`, make: (provider, server, paths) => expressRoute(provider, server, paths, ts) };
}

/**
 * A path the client calls, with `${…}` and `{…}` segments as `*` (one segment); a literal that ends in `/` has
 * a segment appended to it (`'…/calls/' + id`), which is `*` too.
 */
function pathPattern(p: string): string {
  const open = /\/$/.test(p);
  const path = p.replace(/\/+$/, '').split('/').map(s => (/[${}]/.test(s) ? '*' : s)).join('/');
  return open && path ? `${path}/*` : path;
}

function header(provider: ProviderId, server: string, paths: readonly string[]): string {
  const info = PROVIDERS[provider];
  return [
    `// Calls ${info.label} from the server, so the key (${server}, a server-only variable) never reaches the browser.`,
    `// The client calls /api/${provider}/<path> instead of ${info.defaultBaseUrl}/<path>. Only the paths in ALLOWED are`,
    `// forwarded${paths.length ? '' : ' (none yet: add the ones your client calls)'}; check here who may call them (a session, a role) before going live.`,
    `// Set ${server} where the server runs (.env.local, the host's settings); remove the client-side variable.`,
  ].join('\n');
}

function authLine(provider: ProviderId, indent: string): string {
  return PROVIDERS[provider].auth === 'x-api-key' ? `${indent}'X-API-KEY': key,` : `${indent}Authorization: \`Bearer \${key}\`,`;
}

function allowed(paths: readonly string[]): string {
  return `const ALLOWED: readonly string[] = [${paths.map(p => `'${p}'`).join(', ')}];   // '*' stands for one segment`;
}

const MATCHES = `function isAllowed(path: string[]): boolean {
  return ALLOWED.some(p => {
    const want = p.split('/');
    return want.length === path.length && want.every((s, i) => s === '*' || s === path[i]);
  });
}`;

function appRoute(provider: ProviderId, server: string, paths: readonly string[]): string {
  return `${header(provider, server, paths)}
import { NextResponse, type NextRequest } from 'next/server';

const BASE = '${PROVIDERS[provider].defaultBaseUrl}';
${allowed(paths)}

${MATCHES}

async function forward(req: NextRequest, context: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await context.params;
  if (!isAllowed(path)) { return NextResponse.json({ error: 'not found' }, { status: 404 }); }
  const key = process.env.${server};
  if (!key) { return NextResponse.json({ error: '${server} is not set on the server' }, { status: 500 }); }
  const res = await fetch(\`\${BASE}/\${path.map(encodeURIComponent).join('/')}\${req.nextUrl.search}\`, {
    method: req.method,
    headers: {
${authLine(provider, '      ')}
      'Content-Type': req.headers.get('content-type') ?? 'application/json',
    },
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.text(),
  });
  return new NextResponse(res.body, { status: res.status, headers: { 'Content-Type': res.headers.get('content-type') ?? 'application/json' } });
}

export { forward as GET, forward as POST, forward as PUT, forward as PATCH, forward as DELETE };
`;
}

function expressRoute(provider: ProviderId, server: string, paths: readonly string[], ts: boolean): string {
  const name = `${provider}Proxy`;
  const t = (type: string) => (ts ? `: ${type}` : '');
  return `${header(provider, server, paths)}
// Mount it in your Express app (Express 4 or 5): app.use('/api/${provider}', ${name}). In development, let the dev
// server pass /api to that app (Vite: server.proxy; Create React App: "proxy" in package.json; Vue CLI: devServer.proxy).
import express${ts ? ', { type Request, type Response }' : ''} from 'express';

const BASE = '${PROVIDERS[provider].defaultBaseUrl}';
${ts ? allowed(paths) : allowed(paths).replace(': readonly string[]', '')}

${ts ? MATCHES : MATCHES.replace('(path: string[]): boolean', '(path)')}

export const ${name} = express.Router();

${name}.use(express.raw({ type: () => true, limit: '1mb' }), async (req${t('Request')}, res${t('Response')}) => {
  const path = req.path.split('/').filter(Boolean).map(decodeURIComponent);
  if (!isAllowed(path)) { res.status(404).json({ error: 'not found' }); return; }
  const key = process.env.${server};
  if (!key) { res.status(500).json({ error: '${server} is not set on the server' }); return; }
  const search = new URL(req.originalUrl, 'http://localhost').search;
  const upstream = await fetch(\`\${BASE}/\${path.map(encodeURIComponent).join('/')}\${search}\`, {
    method: req.method,
    headers: {
${authLine(provider, '      ')}
      'Content-Type': req.get('content-type') ?? 'application/json',
    },
    body: Buffer.isBuffer(req.body) && req.body.length ? req.body : undefined,
  });
  res.status(upstream.status).type(upstream.headers.get('content-type') ?? 'application/json');
  res.send(Buffer.from(await upstream.arrayBuffer()));
});
`;
}

function pagesRoute(provider: ProviderId, server: string, paths: readonly string[]): string {
  return `${header(provider, server, paths)}
import type { NextApiRequest, NextApiResponse } from 'next';

const BASE = '${PROVIDERS[provider].defaultBaseUrl}';
${allowed(paths)}

${MATCHES}

export default async function handler(req: NextApiRequest, res: NextApiResponse): Promise<void> {
  const q = req.query.path;
  const path = Array.isArray(q) ? q : q ? [q] : [];
  if (!isAllowed(path)) { res.status(404).json({ error: 'not found' }); return; }
  const key = process.env.${server};
  if (!key) { res.status(500).json({ error: '${server} is not set on the server' }); return; }
  const search = new URL(req.url ?? '/', 'http://localhost').search;
  const upstream = await fetch(\`\${BASE}/\${path.map(encodeURIComponent).join('/')}\${search}\`, {
    method: req.method,
    headers: {
${authLine(provider, '      ')}
      'Content-Type': String(req.headers['content-type'] ?? 'application/json'),
    },
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : JSON.stringify(req.body),
  });
  res.status(upstream.status).setHeader('Content-Type', upstream.headers.get('content-type') ?? 'application/json');
  res.send(Buffer.from(await upstream.arrayBuffer()));
}
`;
}

// ------------------------------------------------------------------ helpers

function isNameChar(c: number): boolean { return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 36; }

/** Where `word` stands alone (not inside a longer identifier). */
function wordsOf(text: string, word: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + word.length)) {
    if ((i === 0 || !isNameChar(text.charCodeAt(i - 1))) && !isNameChar(text.charCodeAt(i + word.length))) { out.push(i); }
  }
  return out;
}

/** `NAME=` at the start of a line (after `export ` and spaces). */
function isEnvDefinition(text: string, at: number): boolean {
  const before = text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
  return /^[ \t]*(?:export[ \t]+)?$/.test(before) && /^[A-Za-z0-9_]+[ \t]*=/.test(text.slice(at, at + 256));
}

function definesInEnv(text: string, name: string): boolean {
  return wordsOf(text, name).some(s => isEnvDefinition(text, s));
}
