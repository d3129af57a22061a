// One build script: bundles the extension and the CLI. `--production` minifies, `--watch` rebuilds.
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  sourcesContent: false,
  minify: production,
  logLevel: 'info',
  // the CLI's --version and SARIF semanticVersion (src/cli/version.ts)
  define: { RING_KEYS_VERSION: JSON.stringify(version) },
  // import() of a lazily loaded bundle becomes require() inside a promise: CommonJS all the way down
  supported: { 'dynamic-import': false },
};

// undici (about three quarters of the code) is a bundle of its own, dist/undici.js, that the extension
// and the CLI require() on their first HTTP request (src/core/http/client.ts imports it dynamically):
// start-up neither parses nor runs it. One copy for both, so its classes stay one identity.
const lazyUndici = {
  name: 'lazy-undici',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

// `import * as vscode from 'vscode'` in each of ~20 modules would copy the whole API object (hundreds of
// properties) once per module at load; one shim module re-exports it once and every module imports the shim.
// That halves the extension's load time.
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, args => args.importer === 'vscode-api'
      ? { path: 'vscode', external: true }
      : { path: 'vscode-api', namespace: 'vscode-api' });
    build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

// The MCP SDK is a bundle of its own too, dist/mcpSdk.js, that only `ring-keys mcp` loads (src/cli/mcpSdk.ts).
const lazyMcpSdk = {
  name: 'lazy-mcp-sdk',
  setup(build) {
    build.onResolve({ filter: /^\.\/mcpSdk$/ }, () => ({ path: './mcpSdk.js', external: true }));
  },
};

// Features the extension does not need at start-up, each a bundle of its own (dist/lazy-<name>.js) that
// dist/main.js require()s on first use: `lazyFeature(() => import('./features/x/lazy'))` (src/vscode/lazy.ts).
// A lazy bundle takes every src/ module dist/main.js already holds from it (module.exports.shared: one
// copy, so one class identity and one state) and carries only the code of its own. A new feature to load on
// first use: a `lazy.ts` that exports its entry points, a line here, and `lazyFeature(() => import('./lazy'))`.
const LAZY = {
  tester: 'src/vscode/features/tester/lazy.ts',
  history: 'src/vscode/features/history/lazy.ts',
  keys: 'src/vscode/features/keys/lazy.ts',
  remediation: 'src/vscode/features/leaks/lazy.ts',
  agents: 'src/vscode/features/agents/lazy.ts',
  httpFiles: 'src/vscode/features/httpFiles/lazy.ts',
};
const lazyPaths = new Map(Object.entries(LAZY).map(([name, file]) => [path.resolve(file), name]));
const lazyImport = {
  name: 'lazy-features',
  setup(build) {
    build.onResolve({ filter: /(^|\/)lazy$/ }, args => {
      const name = lazyPaths.get(path.resolve(args.resolveDir, `${args.path}.ts`));
      return name && { path: `./lazy-${name}.js`, external: true };
    });
  },
};
// dist/main.js exports, next to activate/deactivate, `shared`: the src/ modules of it that a lazy bundle
// imports, by path. Found in two dry runs: the modules of dist/main.js, then the ones of those the lazy
// bundles import.
const dry = { ...common, write: false, metafile: true, logLevel: 'silent' };
const inExtension = Object.keys((await esbuild.build({ ...dry, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js',
  external: ['vscode'], plugins: [lazyUndici, vscodeOnce, lazyImport] })).metafile.inputs)
  .filter(f => f.startsWith('src/') && f.endsWith('.ts') && f !== 'src/extension.ts');
const fromExtension = (used) => ({
  name: 'shared-from-extension',
  setup(build) {
    build.onResolve({ filter: /^\.\/main\.js$/ }, () => ({ path: './main.js', external: true }));
    build.onResolve({ filter: /^\./ }, args => {
      if (args.namespace !== 'file' || args.kind === 'entry-point') { return undefined; }
      const base = path.resolve(args.resolveDir, args.path);
      const file = [`${base}.ts`, path.join(base, 'index.ts'), base].find(f => fs.existsSync(f) && fs.statSync(f).isFile());
      const rel = file && path.relative(process.cwd(), file).split(path.sep).join('/');
      if (!rel || !inExtension.includes(rel)) { return undefined; }
      used.add(rel);
      return { path: rel, namespace: 'shared' };
    });
    build.onLoad({ filter: /.*/, namespace: 'shared' }, args => ({
      loader: 'js', contents: `module.exports = require('./main.js').shared[${JSON.stringify(args.path)}];`,
    }));
  },
});
const sharedSet = new Set();
await Promise.all(Object.values(LAZY).map(file => esbuild.build({ ...dry, entryPoints: [file], outfile: 'dist/lazy.js', external: ['vscode'],
  plugins: [fromExtension(sharedSet), lazyUndici, vscodeOnce, lazyImport] })));
const shared = [...sharedSet].sort();
const extensionEntry = {
  name: 'extension-entry',
  setup(build) {
    build.onResolve({ filter: /^extension-entry$/ }, () => ({ path: 'extension-entry', namespace: 'extension-entry' }));
    build.onLoad({ filter: /.*/, namespace: 'extension-entry' }, () => ({
      resolveDir: process.cwd(), loader: 'js',
      contents: ["export { activate, deactivate } from './src/extension.ts';", "export { handoff } from './src/vscode/handoff.ts';",
        ...shared.map((f, i) => `import * as m${i} from './${f}';`),
        `export const shared = { ${shared.map((f, i) => `${JSON.stringify(f)}: m${i}`).join(', ')} };`].join('\n'),
    }));
  },
};

const builds = [
  { ...common, entryPoints: ['extension-entry'], outfile: 'dist/main.js', external: ['vscode'], plugins: [extensionEntry, lazyUndici, vscodeOnce, lazyImport] },
  // what VS Code loads to activate Ring Keys: stand-ins, then dist/main.js in the next task (src/start.ts)
  { ...common, entryPoints: { extension: 'src/start.ts' }, outdir: 'dist', external: ['vscode', './main.js'] },
  ...Object.entries(LAZY).map(([name, file]) => ({ ...common, entryPoints: [file], outfile: `dist/lazy-${name}.js`, external: ['vscode'],
    plugins: [fromExtension(new Set()), lazyUndici, vscodeOnce, lazyImport] })),
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [lazyUndici, lazyMcpSdk] },
  { ...common, entryPoints: { mcpSdk: 'src/cli/mcpSdk.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { undici: 'undici' }, outdir: 'dist' },
  // the scan worker thread (CLI and workspace scan) loads the scanner only, next to the bundles that start it
  { ...common, entryPoints: ['src/core/scanner/scanWorker.ts'], outfile: 'dist/scanWorker.js' },
  // Webview scripts run in the browser sandbox of the webview; they live under media/ because the
  // webviews' localResourceRoots is media/ only.
  // Source maps inline (development only), so no .map file sits in media/ to be packaged.
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: production ? false : 'inline',
    entryPoints: { tester: 'src/webview/tester/main.ts', info: 'src/webview/info/main.ts' }, outdir: 'media/dist' },
];

// media/dist holds only what this build writes (no stale files from an older build get packaged), and so do the lazy bundles
fs.rmSync('media/dist', { recursive: true, force: true });
for (const f of fs.existsSync('dist') ? fs.readdirSync('dist') : []) { if (/^lazy-/.test(f)) { fs.rmSync(path.join('dist', f)); } }

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map(options => esbuild.build(options)));
}
