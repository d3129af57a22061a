// One build script: bundles the extension and the CLI. `--production` minifies, `--watch` rebuilds.
import fs from 'node:fs';
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

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [lazyUndici, vscodeOnce] },
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

// media/dist holds only what this build writes (no stale files from an older build get packaged)
fs.rmSync('media/dist', { recursive: true, force: true });

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map(options => esbuild.build(options)));
}
