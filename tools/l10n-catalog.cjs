// The Request Tester's catalogue (src/core/tester/catalog.ts) is data — endpoints with the docs' words for
// what each does — so `vscode-l10n-dev export` (which reads literal vscode.l10n.t calls) cannot see its text.
// `npm run l10n` runs this after the export: every summary, note, effect, parameter description and
// placeholder of the catalogue joins l10n/bundle.l10n.json, and the extension shows each through
// vscode.l10n.t (src/vscode/features/tester/words.ts: catalogueView).
//
//   node tools/l10n-catalog.cjs     adds the catalogue's strings to l10n/bundle.l10n.json
//
// CommonJS, so that the unit tests can require() it (test/unit/manifest.test.ts).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.json');

/** The catalogue module, compiled from its TypeScript source on the fly. */
function loadCatalogue() {
  const file = path.join(ROOT, 'src', 'core', 'tester', 'catalog.ts');
  const out = esbuild.buildSync({ entryPoints: [file], bundle: true, write: false, format: 'cjs', platform: 'node', logLevel: 'silent' });
  const m = new Module(file);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  m._compile(out.outputFiles[0].text, file);
  return m.exports;
}

/** Every string of the catalogue a person reads, in catalogue order, once each. */
function catalogueStrings() {
  const { ENDPOINTS } = loadCatalogue();
  const out = new Set();
  for (const e of ENDPOINTS) {
    for (const s of [e.summary, e.note, e.effect, ...e.params.flatMap(p => [p.description, p.placeholder])]) {
      if (typeof s === 'string' && s.trim()) { out.add(s); }
    }
  }
  return [...out];
}

function addToBundle() {
  const bundle = JSON.parse(fs.readFileSync(BUNDLE, 'utf8'));
  let added = 0;
  for (const s of catalogueStrings()) {
    if (!(s in bundle)) { bundle[s] = s; added++; }
  }
  fs.writeFileSync(BUNDLE, JSON.stringify(bundle, null, 2) + '\n');
  return added;
}

module.exports = { catalogueStrings, addToBundle };

if (require.main === module) {
  console.log(`l10n/bundle.l10n.json: ${addToBundle()} strings of the Request Tester's catalogue added`);
}
