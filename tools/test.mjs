// `npm test`: both tiers, then one summary line per tier (with why tests skipped). `npm run pretest` (type
// check, bundle, compile) runs first.
//   1. unit tier: plain mocha over out/test/unit/**/*.test.js (no VS Code)
//   2. VS Code tier: out/test/vscode/runTest.js (installs the VS Code stand-in once, if needed)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const only = process.argv[2];   // "unit" | "vscode" | undefined (both)
const t0 = Date.now();
const secs = t => `${((Date.now() - t) / 1000).toFixed(1)}s`;

async function unitTier() {
  const Mocha = require('mocha');
  const mocha = new Mocha({ reporter: 'spec', timeout: 10000 });
  const files = [];
  const walk = d => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) { walk(p); } else if (e.name.endsWith('.test.js')) { files.push(p); }
  } };
  walk(path.join(ROOT, 'out', 'test', 'unit'));
  files.sort().forEach(f => mocha.addFile(f));
  const t = Date.now();
  const failures = [];
  const stats = await new Promise(resolve => {
    const r = mocha.run(() => resolve(r.stats));
    r.on('fail', (test, err) => failures.push({ title: test.fullTitle(), message: err?.message ?? String(err) }));
  });
  return { passed: stats.passes, failed: stats.failures, pending: stats.pending, failures, time: secs(t) };
}

function vscodeTier() {
  const t = Date.now();
  // screenshots are this run's only: an old FAILED picture must not outlive its fix
  fs.rmSync(path.join(ROOT, 'artifacts', 'screenshots'), { recursive: true, force: true });
  if (process.env.RING_KEYS_DESKTOP !== '1') {
    const inst = spawnSync('bash', [path.join(ROOT, 'tools', 'standin', 'install.sh')], { stdio: 'inherit' });
    if (inst.status !== 0) { return { passed: 0, failed: 1, pending: 0, time: secs(t), error: 'stand-in install failed' }; }
  }
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-results-')), 'results.json');
  const run = spawnSync(process.execPath, [path.join(ROOT, 'out', 'test', 'vscode', 'runTest.js')],
    { stdio: 'inherit', env: { ...process.env, RING_KEYS_TEST_RESULTS_OUT: out } });
  const r = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : undefined;
  if (!r) { return { passed: 0, failed: 1, pending: 0, time: secs(t), error: 'the VS Code test run reported no results' }; }
  if (run.status !== 0 && r.failed === 0) { r.failed = 1; r.error = `runTest exited with ${run.status}`; }
  return { ...r, time: secs(t) };
}

const tiers = [];
if (only !== 'vscode') { tiers.push(['unit', await unitTier()]); }
if (only !== 'unit') { tiers.push(['vscode', vscodeTier()]); }
console.log('');
for (const [name, r] of tiers) {
  const reasons = Object.entries(r.skipReasons ?? {}).map(([why, n]) => `${why} ×${n}`).join('; ');
  console.log(`${name}: ${r.passed} passed, ${r.failed} failed, ${r.pending} skipped${reasons ? ` (${reasons})` : ''} (${r.time})${r.error ? ` — ${r.error}` : ''}`);
  for (const b of r.badSkips ?? []) { console.log(`  not allowed: ${b}`); }
  // what failed, last, where a log cut to its tail still shows it (the message's first line, at most 400 characters)
  for (const f of r.failures ?? []) {
    const first = String(f.message ?? '').split('\n')[0];
    console.log(`  failed: ${f.title}: ${first.length > 400 ? `${first.slice(0, 400)}…` : first}`);
  }
}
const total = tiers.reduce((a, [, r]) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, pending: a.pending + r.pending }), { passed: 0, failed: 0, pending: 0 });
console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.pending} skipped`);
console.log(`(npm test finished in ${secs(t0)})`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
