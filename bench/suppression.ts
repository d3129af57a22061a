// Ignore markers and baselines, priced per candidate: the shapes that silence or accept every key in a
// flood, next to the same flood reported, and an ordinary file. Each is reported as ms per MiB and as a
// ratio to the reported flood (the common shape with the most candidates). The target: every ratio ≤ 3×.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { baselineSet } from '../src/core/scanner/baseline';
import { IGNORE_MARKER } from '../src/core/scanner/ignore';
import { scanText } from '../src/core/scanner/scanner';

const MiB = 1024 * 1024;

/** One line of distinct keys (Ringyo live keys and Ringg keys in X-API-KEY pairs), about `bytes` long. */
export function keyFlood(bytes: number): string {
  const b62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    let body = '';
    for (let j = 0; j < 24; j++) { body += b62[(i * 7919 + j * 104729 + (i >> 3)) % 62]; }
    const p = i % 2 ? `"X-API-KEY": "${randomUUID()}", ` : `key${i}="rg_live_${body}${i.toString(36)}" `;
    parts.push(p);
    n += p.length;
  }
  return parts.join('');
}

function median(text: string, runs: number, opts: Parameters<typeof scanText>[1]): { ms: number; findings: number; baselined: number; ignored: number } {
  let r = scanText(text, opts);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    r = scanText(text, opts);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], findings: r.findings.length, baselined: r.baselined, ignored: r.ignored };
}

export function suppressionBench(ordinary: string, mib = 2, runs = 3): string[] {
  const flood = keyFlood(mib * MiB);
  const all = scanText(flood, { maxFindings: Number.MAX_SAFE_INTEGER }).findings;
  const baseline = baselineSet({ version: 1, entries: all.map(f => ({ rule: f.rule, fingerprint: f.fingerprint })) });
  const markedLine = `// ${'x'.repeat(64 * 1024 - 40)} ${IGNORE_MARKER}\n`;
  const shapes: Array<[string, string, Parameters<typeof scanText>[1]]> = [
    ['ordinary source files (the corpus), reported', ordinary, {}],
    [`${mib} MiB line of ${all.length} distinct keys, reported (common shape)`, flood, {}],
    ['the same line ending in an ignore marker', `${flood} // ${IGNORE_MARKER}`, {}],
    ['a 64 KiB line ending in an ignore marker, then the line (worst marker shape)', markedLine + flood, {}],
    ['the line with a marker after every key', flood.replace(/" /g, `" /* ${IGNORE_MARKER} */ `), {}],
    ['the line with a baseline that accepts every key (worst baseline shape)', flood, { baseline }],
  ];
  const rows = shapes.map(([label, text, opts]) => ({ label, mib: text.length / MiB, r: median(text, runs, { fileName: 'flood.txt', ...opts }) }));
  const ref = rows[1].r.ms / rows[1].mib;
  const worst = Math.max(...rows.slice(2).map(x => (x.r.ms / x.mib) / ref));
  return [
    '| ignore markers and baselines (scanText, median of 3) | size | ms | ms per MiB | ÷ reported flood | reported / ignored / baselined |',
    '|---|---:|---:|---:|---:|---|',
    ...rows.map(x => `| ${x.label} | ${x.mib.toFixed(1)} MiB | ${x.r.ms.toFixed(1)} | ${(x.r.ms / x.mib).toFixed(1)} | ${((x.r.ms / x.mib) / ref).toFixed(2)}× | ${x.r.findings} / ${x.r.ignored} / ${x.r.baselined} |`),
    `worst silenced or baselined shape ÷ reported flood: ${worst.toFixed(2)}× (target ≤ 3×: ${worst <= 3 ? 'met' : 'NOT met'})`,
  ];
}

// ------------------------------------------------------------------ the same shapes, whole process

/** The CLI under test (as bench/whole.ts: RING_KEYS_BENCH_CLI names another build, e.g. an older one). */
const CLI = process.env.RING_KEYS_BENCH_CLI ?? path.join(__dirname, '..', '..', 'dist', 'cli.js');
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** `ring-keys scan --format json --jobs 1` over one file, as a user runs it: wall and CPU (user + system) time, ms. */
function runScan(dir: string, extra: string[]): { wall: number; cpu: number; listed: number; omitted: number; ignored: number; baselined: number } {
  const stamp = path.join(os.tmpdir(), `ring-keys-bench-floods-${process.pid}.txt`);
  const argv = [CLI, 'scan', '--format', 'json', '--jobs', '1', ...extra, '.'];
  const [exe, args] = GNU_TIME ? [GNU_TIME, ['-f', '%U %S', '-o', stamp, process.execPath, ...argv]] : [process.execPath, argv];
  const t = performance.now();
  const r = spawnSync(exe, args, { cwd: dir, maxBuffer: 256 * MiB, encoding: 'utf8' });
  const wall = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) { throw new Error(`ring-keys scan exited ${r.status}: ${r.stderr}`); }
  let cpu = NaN;
  if (GNU_TIME) {
    const [u, sys] = fs.readFileSync(stamp, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    cpu = (u + sys) * 1000;
    fs.rmSync(stamp, { force: true });
  }
  const j = JSON.parse(r.stdout) as { findings: unknown[]; stats: { omitted?: number; ignored: number; baselined: number } };
  return { wall, cpu, listed: j.findings.length, omitted: j.stats.omitted ?? 0, ignored: j.stats.ignored, baselined: j.stats.baselined };
}

/** One UUID key after another on one line (the shape of issue 28): `api_key="<uuid>";` × ~180k. */
export function uuidFlood(bytes: number): string {
  const parts: string[] = [];
  for (let n = 0; n < bytes;) { const p = `api_key="${randomUUID()}";`; parts.push(p); n += p.length; }
  return parts.join('');
}

/** X-API-KEY lines, each silenced with another scanner's marker. */
export function silencedLines(bytes: number): string {
  const parts: string[] = [];
  for (let n = 0; n < bytes;) { const p = `X-API-KEY: ${randomUUID()} # gitleaks:allow`; parts.push(p); n += p.length + 1; }
  return parts.join('\n');
}

/**
 * The flood shapes as `ring-keys scan` meets them in a file (start-up, read, scan, report), next to the common
 * shape of the same size (ordinary source), in the same run: best of `rounds` interleaved runs (the machine may be
 * shared). The target: every flood within 3× of the ordinary file, findings included. A shape scanned with the
 * baseline is compared with the ordinary file scanned with the same baseline: reading a baseline of every key
 * of the flood (25 MiB) is paid by any scan that names it, whatever the files hold.
 */
export function wholeProcessFloods(ordinary: string, mib = 8, rounds = 3): string[] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-bench-floods-'));
  try {
    const bytes = mib * MiB;
    const fill = (text: string) => { let s = text; while (s.length < bytes) { s += `\n${text}`; } return s.slice(0, bytes); };
    const flood = keyFlood(bytes);
    const markedLine = `// ${'x'.repeat(64 * 1024 - 40)} ${IGNORE_MARKER}\n`;
    const shapes: Array<{ label: string; common?: true; text: string; baseline?: true }> = [
      { label: `${mib} MiB of ordinary source files (the corpus), reported`, common: true, text: fill(ordinary) },
      { label: 'the same ordinary files with the baseline below (every key of the flood accepted)', common: true, text: fill(ordinary), baseline: true },
      { label: `${mib} MiB line of distinct keys (rg_live_ and X-API-KEY pairs), reported`, text: flood },
      { label: `${mib} MiB line of api_key="<uuid>"; (every one a key), reported`, text: uuidFlood(bytes) },
      { label: `${mib} MiB of X-API-KEY: <uuid> # gitleaks:allow lines`, text: silencedLines(bytes) },
      { label: 'that line ending in an ignore marker', text: `${flood} // ${IGNORE_MARKER}` },
      { label: 'a 64 KiB line ending in an ignore marker, then that line', text: markedLine + flood },
      { label: 'that line with a marker after every key', text: flood.replace(/" /g, `" /* ${IGNORE_MARKER} */ `) },
      { label: 'that line with a baseline that accepts every key (--write-baseline)', text: flood, baseline: true },
    ];
    const dirs = shapes.map((shape, i) => {
      const dir = path.join(root, `shape${i}`);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'flood.txt'), shape.text);
      return dir;
    });
    const baselineFile = path.join(root, 'baseline.json');
    const accepted = spawnSync(process.execPath, [CLI, 'scan', '--no-baseline', '--write-baseline', baselineFile, '.'], { cwd: dirs[shapes.findIndex(x => x.baseline && !x.common)], encoding: 'utf8' });
    if (accepted.status !== 0) { throw new Error(`--write-baseline failed: ${accepted.stderr}`); }
    const best = shapes.map(() => ({ wall: Infinity, cpu: Infinity, listed: 0, omitted: 0, ignored: 0, baselined: 0 }));
    for (let r = 0; r < rounds; r++) {
      shapes.forEach((shape, i) => {
        const m = runScan(dirs[i], shape.baseline ? ['--baseline', baselineFile] : ['--no-baseline']);
        best[i] = { ...m, wall: Math.min(best[i].wall, m.wall), cpu: Math.min(best[i].cpu, m.cpu) };
      });
    }
    const cpuKnown = Number.isFinite(best[0].cpu);
    // each shape's reference: the ordinary files scanned the same way (with the baseline or without)
    const refOf = (i: number) => shapes.findIndex(x => x.common && !!x.baseline === !!shapes[i].baseline);
    const ratio = (i: number, k: 'wall' | 'cpu') => best[i][k] / best[refOf(i)][k];
    const worst = (k: 'wall' | 'cpu') => Math.max(...best.map((_, i) => (shapes[i].common ? 0 : ratio(i, k))));
    const plain = shapes.findIndex(x => x.common && !x.baseline);
    const f = (x: number) => (Number.isFinite(x) ? `${(x / 1000).toFixed(2)} s` : 'n/a');
    return [
      `| the same shapes, whole process (\`ring-keys scan --format json --jobs 1\`, ${mib} MiB file, best of ${rounds}) | wall | CPU | ÷ ordinary (wall) | ÷ ordinary (CPU) | ÷ ordinary without a baseline (CPU) | listed / more not listed / silenced / baselined |`,
      '|---|---:|---:|---:|---:|---:|---|',
      ...shapes.map((shape, i) => `| ${shape.label} | ${f(best[i].wall)} | ${f(best[i].cpu)} | ${ratio(i, 'wall').toFixed(2)}× | ` +
        `${cpuKnown ? `${ratio(i, 'cpu').toFixed(2)}×` : 'n/a'} | ${cpuKnown ? `${(best[i].cpu / best[plain].cpu).toFixed(2)}×` : 'n/a'} | ${best[i].listed} / ${best[i].omitted} / ${best[i].ignored} / ${best[i].baselined} |`),
      `worst flood ÷ ordinary source scanned the same way, whole process: ${worst('wall').toFixed(2)}× wall${cpuKnown ? `, ${worst('cpu').toFixed(2)}× CPU` : ''} ` +
        `(target ≤ 3×: ${(cpuKnown ? worst('cpu') : worst('wall')) <= 3 ? 'met' : 'NOT met'}${cpuKnown ? ', by CPU time: steadier on a shared machine' : ''})`,
    ];
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  // `node out/bench/suppression.js [--mib N] [--rounds N]`: this section alone (the ordinary text: a generated source file)
  const argv = process.argv.slice(2);
  const arg = (name: string, d: number) => { const i = argv.indexOf(name); return i === -1 ? d : Number(argv[i + 1]); };
  const lines: string[] = [];
  for (let i = 0; i < 4000; i++) {
    lines.push(`export function handler${i}(agentId: string, retry = ${i % 7}): Promise<void> {`, `  const callId = '${randomUUID()}';`,
      `  if (!agentId) { throw new Error('missing agent ${i}'); }`, '  return client.get(`/agent/${agentId}/calls`, { timeout: 3000 });', '}', '');
  }
  console.log(wholeProcessFloods(lines.join('\n'), arg('--mib', 8), arg('--rounds', 3)).join('\n'));
}
