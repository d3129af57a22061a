// The manifest and the package: what a user installs.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Commands, HIDDEN_FROM_PALETTE } from '../../src/constants';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));

describe('manifest (package.json)', () => {
  it('contributes exactly the commands the code registers, each in the "Ring Keys" category', () => {
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepStrictEqual(contributed, Object.values(Commands).sort());
    for (const c of pkg.contributes.commands) {
      assert.strictEqual(c.category, 'Ring Keys', c.command);
      assert.match(c.command, /^ringKeys\.[a-z][A-Za-z]+$/);
    }
  });

  it('hides context-only commands from the palette', () => {
    const hidden = (pkg.contributes.menus?.commandPalette ?? []).filter((m: { when?: string }) => m.when === 'false').map((m: { command: string }) => m.command);
    assert.deepStrictEqual(hidden.sort(), [...HIDDEN_FROM_PALETTE].sort());
  });

  it('gives every setting an explicit scope; settings that decide where a key goes are machine-scoped and restricted', () => {
    const props = pkg.contributes.configuration.properties as Record<string, { scope?: string }>;
    for (const [name, p] of Object.entries(props)) { assert.ok(p.scope, `${name} has no scope`); }
    for (const name of Object.keys(props).filter(n => /baseUrl$/.test(n))) {
      assert.ok(['machine', 'application'].includes(props[name].scope!), `${name} must be machine/application scoped`);
      assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(name), `${name} is not restricted in untrusted workspaces`);
    }
  });

  it('declares limited untrusted-workspace support with a reason, and activates on startup finished (not "*")', () => {
    assert.strictEqual(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(pkg.capabilities.untrustedWorkspaces.description);
    // plus one event per webview panel serializer, so a panel open at reload is restored
    // (the Request Tester and Workspace Info: both come back after a window reload)
    assert.deepStrictEqual(pkg.activationEvents, ['onStartupFinished', 'onWebviewPanel:ringKeys.requestTester', 'onWebviewPanel:ringKeys.workspaceInfo']);
  });

  it('has a package.nls.json entry for every %placeholder%', () => {
    const placeholders = JSON.stringify(pkg).match(/%[\w.]+%/g) ?? [];
    assert.ok(placeholders.length > 5);
    for (const p of placeholders) { assert.ok(nls[p.slice(1, -1)], `missing ${p} in package.nls.json`); }
  });
});

describe('packaged extension (.vsix contents)', () => {
  it('holds the bundle and the docs, and no sources, tests, fixtures, maps or node_modules', function () {
    this.timeout(30_000);
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    const files = r.stdout.split('\n').map(s => s.trim()).filter(Boolean);
    for (const needed of ['package.json', 'package.nls.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/extension.js', 'dist/main.js', 'dist/scanWorker.js', 'media/icon.png',
      'media/dist/tester.js', 'media/tester.css', 'media/dist/info.js', 'media/info.css', 'l10n/bundle.l10n.de.json', 'package.nls.de.json']) {
      assert.ok(files.includes(needed), `${needed} is not packaged: ${files.join(', ')}`);
    }
    // what VS Code loads (dist/extension.js) loads the extension (dist/main.js) after activation, and that the
    // bundles of features on first use (require("./x.js")): each ships
    const requires = (f: string) => [...fs.readFileSync(path.join(ROOT, 'dist', f), 'utf8').matchAll(/require\("\.\/([\w.-]+\.js)"\)/g)].map(m => m[1]);
    assert.deepStrictEqual(requires('extension.js'), ['main.js'], 'the start-up entry loads the extension and nothing else');
    assert.ok(fs.statSync(path.join(ROOT, 'dist', 'extension.js')).size < 8 * 1024, 'the start-up entry holds stand-ins only');
    const lazy = ['main.js', ...requires('main.js')].map(f => `dist/${f}`);
    assert.ok(lazy.includes('dist/undici.js'), 'the HTTP library is expected to load lazily from dist/undici.js');
    // the features not needed at start-up are bundles of their own (esbuild.mjs, LAZY), each loaded on first use
    for (const feature of ['tester', 'history', 'keys', 'remediation', 'agents', 'httpFiles']) {
      assert.ok(lazy.includes(`dist/lazy-${feature}.js`), `dist/main.js does not load dist/lazy-${feature}.js: is that feature in the extension's bundle again?`);
    }
    const built = fs.readdirSync(path.join(ROOT, 'dist')).filter(f => /^lazy-.*\.js$/.test(f)).map(f => `dist/${f}`);
    for (const needed of new Set([...lazy, ...built])) { assert.ok(files.includes(needed), `${needed} is loaded by the extension but not packaged`); }
    for (const f of files) {
      assert.ok(!/^(src|test|tools|out|bench|node_modules|\.vscode-test|artifacts)\//.test(f) && !/\.(ts|map)$/.test(f), `${f} must not be packaged`);
      assert.ok(f === 'dist/extension.js' || f === 'dist/scanWorker.js' || lazy.includes(f) || !f.startsWith('dist/'),
        `${f}: only the extension's bundles and its scan worker ship (the CLI is not part of the .vsix)`);
    }
  });
});

describe('localisation', () => {
  it('l10n/bundle.l10n.json holds every runtime string (run `npm run l10n` after changing one)', function () {
    this.timeout(30_000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-l10n-'));
    const cli = path.join(ROOT, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
    const r = spawnSync(process.execPath, [cli, 'export', '--outDir', tmp, path.join(ROOT, 'src')], { cwd: ROOT, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    // the Request Tester's catalogue is data: `npm run l10n` adds its strings after the export (tools/l10n-catalog.cjs)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const catalogue = (require(path.join(ROOT, 'tools', 'l10n-catalog.cjs')) as { catalogueStrings(): string[] }).catalogueStrings();
    assert.ok(catalogue.length > 80, `${catalogue.length} catalogue strings`);
    const fresh = [...new Set([...Object.keys(JSON.parse(fs.readFileSync(path.join(tmp, 'bundle.l10n.json'), 'utf8'))), ...catalogue])].sort();
    const committed = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8'))).sort();
    fs.rmSync(tmp, { recursive: true, force: true });
    assert.ok(fresh.length > 50, `only ${fresh.length} strings found: is vscode.l10n.t used directly?`);
    assert.deepStrictEqual(committed, fresh);
    assert.strictEqual(pkg.l10n, './l10n');
  });
});
