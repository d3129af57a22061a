// `npm run bench` (git part): `ring-keys scan --git` over a generated repository of ≥ 5,000 commits, timed as
// a user waits for it (the whole process), next to `git log -p | rg` with an equivalent regex in the same run;
// then a repository of one commit adding one 50 MB line (a minified bundle), next to `git log -p` of it.
//
//   node out/bench/git.js [--commits N] [--runs N] [--keep] [--long-line-mb N] [--long-line-only]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import * as path from 'node:path';
import { PATTERN_RULES } from '../src/core/scanner/export';
import { bigRepo, CLI, gitEnv, Repo } from '../test/unit/gitRepo';

const args = process.argv.slice(2);
const arg = (name: string, d: number) => { const i = args.indexOf(name); return i === -1 ? d : Number(args[i + 1]); };
const COMMITS = Math.max(5000, arg('--commits', 5000));
const RUNS = arg('--runs', 3);
const LONG_LINE_MB = arg('--long-line-mb', 50);

function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }

/** GNU time, when installed: the peak resident memory of a command (KiB on its last stderr line). */
const GNU_TIME = fs.existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;

function time(label: string, cmd: string, argv: string[], cwd: string): { ms: number; stdout: string; rssMiB?: number } {
  const times: number[] = []; let stdout = ''; let rss: number | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = GNU_TIME
      ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...argv], { cwd, env: gitEnv(), encoding: 'utf8', maxBuffer: 1 << 28 })
      : spawnSync(cmd, argv, { cwd, env: gitEnv(), encoding: 'utf8', maxBuffer: 1 << 28 });
    times.push(performance.now() - t);
    if (r.status !== 0 && r.status !== 1) { throw new Error(`${label} failed (${r.status}): ${r.stderr}`); }
    stdout = r.stdout;
    if (GNU_TIME) { rss = Math.max(rss ?? 0, Number(r.stderr.trim().split('\n').pop()) / 1024); }
  }
  return { ms: median(times), stdout, ...(rss === undefined ? {} : { rssMiB: rss }) };
}

/**
 * One commit adding one line of LONG_LINE_MB MB (a minified bundle with a key near its start): the history scan
 * reads the whole patch once (linear), scans the first 16 MiB of the line like a file scan and reports the rest
 * as skipped. The reference is `git log -p` of the same repository, the patch text the scan reads.
 */
function longLine(): void {
  const load = os.loadavg()[0].toFixed(1);
  const repo = Repo.init();
  const bytes = LONG_LINE_MB * 1_000_000;
  const unit = 'function a(b){return b.map(function(c){return c*2})}var d=a([1,2,3]);';
  const head = `var headers={"X-API-KEY":"3f6d2c1a-9b7e-4c2d-8e5f-a1b2c3d4e5f6"};`;
  fs.writeFileSync(path.join(repo.dir, 'app.min.js'), `${head}${unit.repeat(Math.ceil((bytes - head.length) / unit.length))}\n`);
  repo.commit('bundle');
  console.log(`\n== git history: one commit adding one ${LONG_LINE_MB} MB line (load ${load}, median of ${RUNS})`);
  const ours = time('ring-keys scan --git (long line)', process.execPath, [CLI, 'scan', '--git', '--format', 'json', '--no-baseline'], repo.dir);
  const found = JSON.parse(ours.stdout) as { findings: unknown[]; stats: { bytes: number; skipped: { capped: number; longLines: number } } };
  const gitOnly = time('git log -p (long line)', 'sh', ['-c', 'git log -p --cc -M HEAD > /dev/null'], repo.dir);
  const mem = (r: { rssMiB?: number }) => (r.rssMiB === undefined ? '' : `, peak RSS ${r.rssMiB.toFixed(0)} MiB`);
  const row = (name: string, ms: number, note: string) => console.log(`| ${name.padEnd(44)} | ${(ms / 1000).toFixed(2).padStart(7)} s | ${note}`);
  console.log(`| ${'command (whole process)'.padEnd(44)} | ${'time'.padStart(9)} | result`);
  row('ring-keys scan --git (JSON)', ours.ms, `${found.findings.length}/1 key, ${(found.stats.bytes / 1048576).toFixed(1)} MiB of patch read, ` +
    `${found.stats.skipped.capped} too large (scanned in part: ${found.stats.skipped.longLines} line)${mem(ours)}`);
  row('git log -p --cc -M (the reference)', gitOnly.ms, `the same patch text${mem(gitOnly)}`);
  console.log(`ratio: ring-keys / git log -p = ${(ours.ms / gitOnly.ms).toFixed(2)}×`);
  if (!args.includes('--keep')) { fs.rmSync(repo.dir, { recursive: true, force: true }); } else { console.log(`kept ${repo.dir}`); }
}

function main(): void {
  if (args.includes('--long-line-only')) { longLine(); return; }
  const load = os.loadavg()[0].toFixed(1);
  const t0 = performance.now();
  const { dir, keys } = bigRepo(COMMITS);
  const genMs = performance.now() - t0;
  const patchBytes = spawnSync('sh', ['-c', 'git log -p HEAD | wc -c'], { cwd: dir, env: gitEnv(), encoding: 'utf8' }).stdout.trim();
  console.log(`\n== git history: ${COMMITS} commits generated in ${(genMs / 1000).toFixed(1)} s, ${(Number(patchBytes) / 1048576).toFixed(1)} MiB of patches, ${keys} keys planted (load ${load}, median of ${RUNS})`);

  const ours = time('ring-keys scan --git', process.execPath, [CLI, 'scan', '--git', '--format', 'json', '--no-baseline'], dir);
  const found = (JSON.parse(ours.stdout) as { findings: unknown[]; stats: { commits: number } });
  const gitOnly = time('git log -p', 'sh', ['-c', 'git log -p --cc -M HEAD > /dev/null'], dir);

  const rg = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  let ref: { ms: number; lines: number } | undefined;
  if (rg.status === 0) {
    const patterns = [...PATTERN_RULES.filter(r => !r.regex.includes('(?is)')).map(r => r.regex), `\\bBearer[ \\t]+[A-Za-z0-9._~+/=-]{12,1024}`]
      .map(p => `(?:${p.replace(/\(\?P<secret>/g, '(')})`);
    const quoted = patterns.map(p => `-e '${p.replace(/'/g, `'\\''`)}'`).join(' ');
    const r = time('git log -p | rg', 'sh', ['-c', `git log -p HEAD | rg --no-config -j1 -c ${quoted}`], dir);
    ref = { ms: r.ms, lines: Number(r.stdout.trim() || 0) };
  }

  const row = (name: string, ms: number, note: string) => console.log(`| ${name.padEnd(44)} | ${(ms / 1000).toFixed(2).padStart(7)} s | ${note}`);
  console.log(`| ${'command (whole process)'.padEnd(44)} | ${'time'.padStart(9)} | result`);
  row('ring-keys scan --git (distinct keys, JSON)', ours.ms, `${found.findings.length}/${keys} keys, ${found.stats.commits} commits`);
  if (ref) {
    row('git log -p | rg -c (equivalent regex)', ref.ms, `${ref.lines} matching lines (one per commit that adds a key, no dedupe, no context)`);
    console.log(`ratio: ring-keys / (git log -p | rg) = ${(ours.ms / ref.ms).toFixed(2)}×`);
  } else {
    console.log('(rg is not installed: no reference)');
  }
  row('git log -p --cc -M alone (the floor)', gitOnly.ms, `git's share of ours: ${Math.round((100 * gitOnly.ms) / ours.ms)}%`);
  if (!args.includes('--keep')) { fs.rmSync(dir, { recursive: true, force: true }); } else { console.log(`kept ${dir}`); }
  longLine();
}

main();
