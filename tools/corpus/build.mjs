// Rebuilds test/fixtures/corpus from tools/corpus/plants.mjs: takes each excerpt from a checkout of its public
// repository, plants fresh keys (seeded, so a rebuild is byte-identical), writes the file and a manifest.
//
//   node tools/corpus/build.mjs <dir>     (<dir>/<owner>+<name>/ holds each repository at the listed commit)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLANTS, REPOS } from './plants.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'test/fixtures/corpus');
const src = process.argv[2];
if (!src) { console.error('usage: node tools/corpus/build.mjs <dir with <owner>+<name> checkouts>'); process.exit(2); }

let seed = 0x5eed1234;
const rnd = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) / 4294967296; };
const chars = (set, n) => Array.from({ length: n }, () => set[Math.floor(rnd() * set.length)]).join('');
const HEX = '0123456789abcdef';
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const uuid = () => `${chars(HEX, 8)}-${chars(HEX, 4)}-4${chars(HEX, 3)}-${'89ab'[Math.floor(rnd() * 4)]}${chars(HEX, 3)}-${chars(HEX, 12)}`;
// Ring Tonic documents no format: a Sanctum-style id|token with punctuation beyond the base64 alphabet
const tonic = () => `${1 + Math.floor(rnd() * 900)}|${chars(B62, 18)}!${chars(B62, 12)}*${chars(B62, 6)}`;
const ringyo = () => `rg_live_${chars(B62, 28)}`;

fs.rmSync(out, { recursive: true, force: true });
const manifest = [];
for (const p of PLANTS) {
  const commit = REPOS[p.repo];
  if (!commit) { throw new Error(`${p.id}: no commit for ${p.repo}`); }
  const file = path.join(src, p.repo.replace('/', '+'), p.path);
  let text = fs.readFileSync(file, 'utf8');
  if (p.lines) { text = text.split('\n').slice(p.lines[0] - 1, p.lines[1]).join('\n') + '\n'; }
  const keys = [];
  const fill = s => s.replace(/\{(RINGG2?|TONIC|RINGYO)\}/g, (_, k) => {
    const v = k === 'TONIC' ? tonic() : k === 'RINGYO' ? ringyo() : uuid();
    keys.push(v);
    return v;
  });
  for (const [from, to, optional] of p.edits) {
    const before = text;
    text = typeof from === 'string' ? text.replace(from, () => fill(to)) : text.replace(from, (...m) => fill(to).replace(/\$(\d)/g, (_, d) => m[Number(d)] ?? ''));
    if (text === before && !optional) { throw new Error(`${p.id}: edit not applied: ${String(from).slice(0, 60)}`); }
  }
  if (keys.length !== p.expect.length) { throw new Error(`${p.id}: ${keys.length} keys planted, ${p.expect.length} expected`); }
  const name = path.basename(p.path);
  fs.mkdirSync(path.join(out, p.id), { recursive: true });
  fs.writeFileSync(path.join(out, p.id, name), text);
  manifest.push({
    id: p.id, file: `${p.id}/${name}`, format: p.format ?? formatOf(name), repo: p.repo, commit, path: p.path,
    ...(p.lines ? { lines: p.lines } : {}), bytes: Buffer.byteLength(text),
    keys: keys.map((value, i) => ({ value, ...p.expect[i] })),
  });
}
fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify({
  about: 'Excerpts of real files from public repositories (repository, commit, path, lines), each with made-up keys planted where a person would write them. Built by tools/corpus/build.mjs; the keys are random and belong to no account.',
  plants: manifest,
}, null, 2)}\n`);
console.log(`${manifest.length} files, ${new Set(manifest.map(m => m.format)).size} formats, ${manifest.reduce((n, m) => n + m.keys.length, 0)} keys`);

function formatOf(name) {
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
  return ({ py: 'Python', js: 'JavaScript', ts: 'TypeScript', go: 'Go', java: 'Java', kt: 'Kotlin', cs: 'C#', php: 'PHP', rb: 'Ruby',
    rs: 'Rust', swift: 'Swift', m: 'Objective-C', ml: 'OCaml', clj: 'Clojure', c: 'C', r: 'R', cr: 'Crystal', ps1: 'PowerShell',
    sh: 'Shell', headers: 'HTTP request' })[ext] ?? ext;
}
