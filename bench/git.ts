// `npm run bench` (git part): `ring-keys scan --git` over a generated repository of ≥ 5,000 commits, timed as
// a user waits for it (the whole process), next to `git log -p | rg` with an equivalent regex in the same run.
//
//   node out/bench/git.js [--commits N] [--runs N] [--keep]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { PATTERN_RULES } from '../src/core/scanner/export';
import { bigRepo, CLI, gitEnv } from '../test/unit/gitRepo';

const args = process.argv.slice(2);
const arg = (name: string, d: number) => { const i = args.indexOf(name); return i === -1 ? d : Number(args[i + 1]); };
const COMMITS = Math.max(5000, arg('--commits', 5000));
const RUNS = arg('--runs', 3);

function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }

function time(label: string, cmd: string, argv: string[], cwd: string): { ms: number; stdout: string } {
  const times: number[] = []; let stdout = '';
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = spawnSync(cmd, argv, { cwd, env: gitEnv(), encoding: 'utf8', maxBuffer: 1 << 28 });
    times.push(performance.now() - t);
    if (r.status !== 0 && r.status !== 1) { throw new Error(`${label} failed (${r.status}): ${r.stderr}`); }
    stdout = r.stdout;
  }
  return { ms: median(times), stdout };
}

function main(): void {
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
}

main();
