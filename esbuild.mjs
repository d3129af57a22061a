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
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Webview scripts run in the browser sandbox of the webview; they live under media/ because the
  // webviews' localResourceRoots is media/ only.
  // Source maps inline (development only), so no .map file sits in media/ to be packaged.
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: production ? false : 'inline',
    entryPoints: ['src/webview/tester/main.ts'], outfile: 'media/dist/tester.js' },
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
