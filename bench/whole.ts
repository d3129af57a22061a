// The whole-process benchmark: `ring-keys scan` as a user runs it (a new process: start-up, walk, read,
// scan, report) next to ripgrep with an equivalent regex over the same files, in the same run.
//
//   node out/bench/whole.js [--scale F] [--rounds N] [--copies N] [--real DIR]...
//
// Shapes (generated with a fixed seed, kept in the temp folder between runs):
//   small  48k source files of 1–8 KiB (the shape of a large monorepo)
//   dense  4k files of 64 KiB dense with ids (UUIDs on most lines: logs, fixtures, API dumps)
// plus every real checkout named with --real DIR or in RING_KEYS_BENCH_REAL (paths separated by the path
// delimiter), e.g. a clone of a public repository. `--scale 0.25` shrinks the generated shapes; `--copies N`
// (default 4; 1 for none) adds each generated tree N times over, as hard links, to show the speed-up on all
// cores as the job grows. One-job runs are pinned to one CPU (taskset) where that works.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PATTERN_RULES } from '../src/core/scanner/export';
import { B62, random } from './random';

const MiB = 1024 * 1024;
/** The CLI under test; RING_KEYS_BENCH_CLI names another build (an older one, to compare). */
const CLI = process.env.RING_KEYS_BENCH_CLI ?? path.join(__dirname, '..', '..', 'dist', 'cli.js');
/** Builds before `--jobs` existed ran on one thread. */
const HAS_JOBS = spawnSync(process.execPath, [CLI, 'scan', '--help'], { encoding: 'utf8' }).stdout.includes('--jobs');

// ------------------------------------------------------------------ fixed-seed generator

const SEED = 0x13579bdf;
const { rnd, pick, chars, uuid, reseed } = random(SEED);
const W = ['agent', 'call', 'campaign', 'workspace', 'number', 'voice', 'list', 'credits', 'history', 'status', 'result',
  'config', 'client', 'retry', 'timeout', 'handler', 'payload', 'record', 'session', 'metric', 'route', 'cache', 'user'];
const id = () => pick(W) + pick(['', 'Id', 'Count', 'Name', 'Url', 'State', 'List']);
const n = (m: number) => Math.floor(rnd() * m);

/** Ordinary source lines; a few carry ids (UUIDs) the scanner must not report. */
export const SOURCE: Array<() => string> = [
  () => `import { ${id()}, ${id()} } from '../${pick(W)}/${pick(W)}';`,
  () => `export function ${id()}(${id()}: string, ${id()}?: number): Promise<${pick(['void', 'string', 'Result'])}> {`,
  () => `  const ${id()} = ${id()}.filter(x => x.${id()} > ${n(100)}).map(x => x.${id()});`,
  () => `  if (response.status === ${pick([200, 401, 404, 429])}) { return this.${id()}(response); }`,
  () => `  /** Returns the ${pick(W)} of the ${pick(W)}, or undefined when it is unknown. */`,
  () => `  for (const ${pick(W)} of ${id()}) { total += ${pick(W)}.${id()} ?? 0; }`,
  () => `def ${pick(W)}_${pick(W)}(${pick(W)}, ${pick(W)}=None):`,
  () => `        raise ValueError(f"unexpected ${pick(W)}: {${pick(W)}!r}")`,
  () => `\t${id()}, err := c.${id()}(ctx, ${id()}) // ${pick(W)} - ${pick(W)}`,
  () => `  ${pick(W)}_${pick(W)}: ${n(1000)}`,
  () => `  }`,
  () => ``,
  () => `  const agentId = '${uuid()}';`,
  () => `    url = f"{BASE}/calling/call-details/${uuid()}"`,
];

/** Lines of an id-dense file (fixtures, logs, API dumps). */
export const DENSE: Array<() => string> = [
  () => `{"id": "${uuid()}", "agent_id": "${uuid()}", "status": "${pick(W)}", "duration": ${n(600)}},`,
  () => `2026-11-${10 + n(18)}T${10 + n(13)}:${10 + n(49)}:00Z INFO call=${uuid()} agent=${uuid()} ${pick(W)}-${pick(W)} ok`,
  () => `  workspace_id: ${uuid()}`,
  () => `GET /ca/api/v0/agent/${uuid()}/calls?page=${n(9)} 200 ${n(900)}ms`,
  () => `    {"number_pool_id": "${uuid()}", "from_number_id": "${uuid()}", "is_test_number": false},`,
];

/** A key where a person pastes one (a file in ~200 holds one). */
const LEAKS: Array<() => string> = [
  () => `  const headers = { 'X-API-KEY': '${uuid()}' };`,
  () => `RINGYO_API_KEY=rg_live_${chars(B62, 24)}`,
  () => `RINGTONIC_API_KEY = "rt_${chars(B62, 32)}"`,
  () => `  api_key: ${uuid()}`,
];

export function fileOf(lines: Array<() => string>, bytes: number, leak: boolean): string {
  const out: string[] = [];
  let size = 0;
  const at = leak ? n(Math.max(1, Math.floor(bytes / 60))) : -1;
  for (let i = 0; size < bytes; i++) {
    const line = i === at ? pick(LEAKS)() : pick(lines)();
    out.push(line); size += line.length + 1;
  }
  return `${out.join('\n')}\n`;
}

interface Shape { readonly name: string; readonly label: string; readonly files: number; readonly make: (i: number) => string; readonly ext: readonly string[] }

const SHAPES = (scale: number): Shape[] => [
  { name: 'small', label: 'files of 1–8 KiB', files: Math.round(48000 * scale), ext: ['ts', 'py', 'go', 'yaml', 'js', 'md'],
    make: () => fileOf(SOURCE, 1024 + n(7 * 1024), rnd() < 0.005) },
  { name: 'dense', label: 'files of 64 KiB dense with ids', files: Math.round(4000 * scale), ext: ['json', 'log', 'yaml'],
    make: () => fileOf(DENSE, 64 * 1024, rnd() < 0.02) },
];

/** The shape's folder in the temp directory, generated once (a stamp file says it is complete). */
function materialize(shape: Shape): { dir: string; files: number; bytes: number } {
  const dir = path.join(os.tmpdir(), `ring-keys-bench-${shape.name}-${shape.files}`);
  const stamp = `${dir}.json`;
  if (fs.existsSync(stamp)) { return JSON.parse(fs.readFileSync(stamp, 'utf8')) as { dir: string; files: number; bytes: number }; }
  fs.rmSync(dir, { recursive: true, force: true });
  reseed(SEED ^ shape.files);
  let bytes = 0;
  for (let i = 0; i < shape.files; i++) {
    const sub = path.join(dir, `m${i % 40}`, `d${Math.floor(i / 40) % 30}`);
    if (i < 1200) { fs.mkdirSync(sub, { recursive: true }); }
    const text = shape.make(i);
    fs.writeFileSync(path.join(sub, `f${i}.${shape.ext[i % shape.ext.length]}`), text);
    bytes += Buffer.byteLength(text);
  }
  const info = { dir, files: shape.files, bytes };
  fs.writeFileSync(stamp, JSON.stringify(info));
  return info;
}

/**
 * `copies` hard links of a generated tree side by side: a tree that many times larger, at no cost in disk or
 * page cache, to show how the speed-up on all cores grows with the size of the job.
 */
function copiesOf(info: { dir: string; files: number; bytes: number }, copies: number): { dir: string; files: number; bytes: number } {
  const dir = `${info.dir}-x${copies}`;
  const stamp = `${dir}.json`;
  if (fs.existsSync(stamp)) { return JSON.parse(fs.readFileSync(stamp, 'utf8')) as { dir: string; files: number; bytes: number }; }
  fs.rmSync(dir, { recursive: true, force: true });
  const link = (from: string, to: string) => {
    fs.mkdirSync(to, { recursive: true });
    for (const e of fs.readdirSync(from, { withFileTypes: true })) {
      if (e.isDirectory()) { link(path.join(from, e.name), path.join(to, e.name)); } else { fs.linkSync(path.join(from, e.name), path.join(to, e.name)); }
    }
  };
  for (let c = 0; c < copies; c++) { link(info.dir, path.join(dir, `copy${c}`)); }
  const out = { dir, files: info.files * copies, bytes: info.bytes * copies };
  fs.writeFileSync(stamp, JSON.stringify(out));
  return out;
}

/** A real folder: its size as the scanner sees it (git's file list when it is a repository). */
function measureReal(dir: string): { dir: string; files: number; bytes: number } {
  const ls = spawnSync('git', ['-C', dir, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], { maxBuffer: 256 * MiB });
  const list = ls.status === 0 ? ls.stdout.toString('utf8').split('\0').filter(Boolean) : [];
  let bytes = 0; let files = 0;
  for (const rel of list) {
    try { const st = fs.lstatSync(path.join(dir, rel)); if (st.isFile()) { bytes += st.size; files++; } } catch { /* deleted */ }
  }
  return { dir, files, bytes };
}

// ------------------------------------------------------------------ runs

function rgPatterns(): string[] {
  const rules = [...PATTERN_RULES.filter(r => !r.regex.includes('(?is)')).map(r => r.regex), `\\bBearer[ \\t]+[A-Za-z0-9._~+/=-]{12,1024}`];
  return rules.map(p => `(?:${p.replace(/\(\?P<secret>/g, '(')})`).flatMap(p => ['-e', p]);
}

/**
 * One core means one core: a one-job run is pinned to a single CPU with taskset (util-linux) where it works.
 * Unpinned, `--jobs 1` still spends a share of a second core on V8's own threads (the garbage collector's
 * marking, the optimising compiler), which ripgrep does not have, and the speed-up on all cores would be
 * measured against more than one core.
 */
const PIN = spawnSync('taskset', ['-c', '0', 'true']).status === 0 ? ['taskset', '-c', '0'] : undefined;

/** GNU time, when installed: the CPU time (user + system, all threads) of a run, steadier than wall time on a busy machine. */
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function timeOf(cmd: string, argv: string[], cwd: string, pin: boolean): { ms: number; cpu: number; out: string } {
  const stamp = path.join(os.tmpdir(), `ring-keys-bench-time-${process.pid}.txt`);
  const pinned = pin && PIN ? [...PIN, cmd, ...argv] : [cmd, ...argv];
  const [exe, args] = GNU_TIME ? [GNU_TIME, ['-f', '%U %S', '-o', stamp, ...pinned]] : [pinned[0], pinned.slice(1)];
  const t = performance.now();
  const r = spawnSync(exe, args, { cwd, maxBuffer: 256 * MiB, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) { throw new Error(`${cmd} ${argv.slice(0, 3).join(' ')} exited ${r.status}: ${r.stderr}`); }
  let cpu = NaN;
  if (GNU_TIME) {
    const [u, sys] = fs.readFileSync(stamp, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    cpu = (u + sys) * 1000;
    fs.rmSync(stamp, { force: true });
  }
  return { ms, cpu, out: r.stdout };
}

interface Row { shape: string; files: number; bytes: number; jobs: number; rg: number; ours: number; rgCpu: number; oursCpu: number; findings: number; rgLines: number }

function measure(label: string, info: { dir: string; files: number; bytes: number }, jobs: number, rounds: number): Row {
  // ripgrep walks the same files: .gitignore rules apply (ours follow git), hidden files included, .git not
  const rgArgs = ['--no-config', '--hidden', '-g', '!.git', `-j${jobs}`, '-c', '--no-filename', ...rgPatterns(), '.'];
  const ourArgs = [CLI, 'scan', '--format', 'json', '--no-baseline', ...(HAS_JOBS ? ['--jobs', String(jobs)] : []), '.'];
  let rg = Infinity; let ours = Infinity; let rgCpu = Infinity; let oursCpu = Infinity; let findings = 0; let rgLines = 0;
  for (let i = 0; i < rounds; i++) {   // interleaved, best of N: the machine is shared
    const a = timeOf('rg', rgArgs, info.dir, jobs === 1);
    rg = Math.min(rg, a.ms); rgCpu = Math.min(rgCpu, a.cpu);
    rgLines = a.out.split('\n').filter(Boolean).reduce((s, x) => s + Number(x), 0);
    const b = timeOf(process.execPath, ourArgs, info.dir, jobs === 1);
    ours = Math.min(ours, b.ms); oursCpu = Math.min(oursCpu, b.cpu);
    findings = (JSON.parse(b.out) as { findings: unknown[] }).findings.length;
  }
  return { shape: label, files: info.files, bytes: info.bytes, jobs, rg, ours, rgCpu, oursCpu, findings, rgLines };
}

export async function wholeProcess(argv: string[]): Promise<string> {
  const arg = (name: string, d: number) => { const i = argv.indexOf(name); return i === -1 ? d : Number(argv[i + 1]); };
  const scale = arg('--scale', Number(process.env.RING_KEYS_BENCH_SCALE ?? 1));
  const rounds = arg('--rounds', 3);
  const copies = arg('--copies', 4);
  if (spawnSync('rg', ['--version']).status !== 0) { return 'whole-process: ripgrep (rg) is not installed; section skipped.'; }
  const rgVersion = spawnSync('rg', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  const cores = os.availableParallelism();
  const targets: Array<{ label: string; info: { dir: string; files: number; bytes: number } }> = [];
  for (const shape of SHAPES(scale)) {
    process.stderr.write(`whole-process: preparing ${shape.files} ${shape.label}…\n`);
    targets.push({ label: `${shape.files} ${shape.label} (generated)`, info: materialize(shape) });
  }
  if (copies > 1) {
    for (const [i, shape] of SHAPES(scale).entries()) {
      process.stderr.write(`whole-process: linking ${copies} copies of the ${shape.files} ${shape.label}…\n`);
      targets.push({ label: `${shape.files * copies} ${shape.label} (${copies} hard-linked copies of the generated tree)`, info: copiesOf(targets[i].info, copies) });
    }
  }
  const real = [...argv.flatMap((a, i) => (a === '--real' ? [argv[i + 1]] : [])),
    ...(process.env.RING_KEYS_BENCH_REAL ?? '').split(path.delimiter).filter(Boolean)];
  for (const dir of real) {
    if (!fs.existsSync(dir)) { process.stderr.write(`whole-process: ${dir} does not exist, skipped\n`); continue; }
    const head = spawnSync('git', ['-C', dir, 'log', '-1', '--format=%h'], { encoding: 'utf8' }).stdout.trim();
    const remote = spawnSync('git', ['-C', dir, 'config', '--get', 'remote.origin.url'], { encoding: 'utf8' }).stdout.trim();
    targets.push({ label: `${path.basename(dir)}${head ? ` @ ${head}` : ''} (real checkout${remote ? `: ${remote.replace(/^.*github\.com[:/]/, '').replace(/\.git$/, '')}` : ''})`, info: measureReal(dir) });
  }
  const rows: Row[] = [];
  const loadBefore = os.loadavg();
  for (const t of targets) {
    for (const jobs of [...new Set([1, cores])]) {
      process.stderr.write(`whole-process: ${t.label}, ${jobs} core(s)…\n`);
      rows.push(measure(t.label, t.info, jobs, rounds));
    }
  }
  const loadAfter = os.loadavg();
  const f = (x: number, d = 1) => x.toFixed(d);
  const cpu = (x: number) => (Number.isFinite(x) ? `${f(x / 1000, 2)} s` : 'n/a');
  return [
    `Whole process (\`ring-keys scan --format json --jobs N\` vs \`${rgVersion} -jN -c\`, equivalent regex), best of ${rounds} interleaved runs, ${cores} cores`,
    'wall: what a user waits for; CPU: user + system time of all threads (what one core spends; steadier when the machine is busy)',
    PIN ? 'one job: pinned to one CPU (taskset -c 0), ripgrep and Ring Keys alike' : 'one job: not pinned (taskset did not work here): V8\'s own threads may use a second core',
    '',
    '| tree | jobs | ripgrep wall | ring-keys wall | ratio wall (rg ÷ ours) | ripgrep CPU | ring-keys CPU | ratio CPU | ring-keys files/s | ring-keys MiB/s | findings / rg lines |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(r => `| ${r.shape}: ${r.files} files, ${f(r.bytes / MiB)} MiB | ${r.jobs} | ${f(r.rg / 1000, 2)} s | ${f(r.ours / 1000, 2)} s | ` +
      `${f(r.rg / r.ours, 2)} | ${cpu(r.rgCpu)} | ${cpu(r.oursCpu)} | ${Number.isFinite(r.rgCpu) ? f(r.rgCpu / r.oursCpu, 2) : 'n/a'} | ` +
      `${f(r.files / (r.ours / 1000), 0)} | ${f(r.bytes / MiB / (r.ours / 1000), 0)} | ${r.findings} / ${r.rgLines} |`),
    '',
    ...speedUps(rows).map(x => `${x.shape}: ${x.jobs} cores take ${f(x.ours, 2)}× less wall time than one (ripgrep ${f(x.rg, 2)}×); ` +
      `CPU time ${f(x.oursCpu, 2)}× one core's (ripgrep ${f(x.rgCpu, 2)}×)`),
    '',
    `load average (1, 5, 15 min): ${loadBefore.map(x => f(x, 2)).join(' ')} before, ${loadAfter.map(x => f(x, 2)).join(' ')} after`,
  ].join('\n');
}

/**
 * Per tree: one thread's wall time ÷ all cores' wall time, for Ring Keys and for ripgrep (2.00 on 2 cores is
 * linear), and all cores' CPU time ÷ one thread's (1.00: the threads cost nothing extra).
 */
function speedUps(rows: Row[]): Array<{ shape: string; jobs: number; ours: number; rg: number; oursCpu: number; rgCpu: number }> {
  return rows.flatMap(r => {
    const one = rows.find(x => x.shape === r.shape && x.jobs === 1);
    return r.jobs > 1 && one ? [{ shape: r.shape, jobs: r.jobs, ours: one.ours / r.ours, rg: one.rg / r.rg, oursCpu: r.oursCpu / one.oursCpu, rgCpu: r.rgCpu / one.rgCpu }] : [];
  });
}

if (require.main === module) {
  wholeProcess(process.argv.slice(2)).then(s => console.log(s), err => { console.error(err); process.exit(1); });
}
