// Before and now, part of `npm run bench`: the scanner of an earlier commit and this tree's, side by side in
// one run. Both are bundled the same way (esbuild, minified, as the extension and the CLI ship them); each is
// measured in child processes of its own whose only thread does the work, the two taking turns; the best CPU
// time of each shape is kept. The bar: no shape slower than before by more than 5%.
//
// The default earlier commit is the last one before multi-vendor attribution and the client-exposure rule
// (issue 27), whose price this measures. `--before <rev>` names another; a clone without it (shallow) skips.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');
export const BEFORE = '71a2e14';

type ScanText = (text: string, opts?: { fileName?: string; maxFindings?: number }) => { findings: unknown[] };
export interface Shape { readonly label: string; readonly files: ReadonlyArray<{ readonly name: string; readonly text: string }> }

/** The scanner of `src` (a tree with src/core/scanner/scanner.ts), bundled into `out`. */
function bundle(src: string, out: string): void {
  buildSync({ entryPoints: [path.join(src, 'src', 'core', 'scanner', 'scanner.ts')], outfile: out, bundle: true, platform: 'node', target: 'node20',
    format: 'cjs', minify: true, logLevel: 'silent', define: { RING_KEYS_VERSION: '"0.0.0"' }, external: ['undici', 'vscode'] });
}

/** The earlier commit's src/ written under `dir`, or why not. */
function checkout(rev: string, dir: string): string | undefined {
  const archive = spawnSync('git', ['-C', ROOT, 'archive', '--format=tar', rev, 'src'], { maxBuffer: 256 * 1024 * 1024 });
  if (archive.status !== 0) { return `git archive ${rev} failed: ${String(archive.stderr).trim().split('\n')[0]}`; }
  fs.mkdirSync(dir, { recursive: true });
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  return untar.status === 0 ? undefined : `tar failed: ${String(untar.stderr).trim()}`;
}

/**
 * One scan of the files, its CPU time. No collection is forced before it: a full collection throws away the
 * compiled regular expressions and the bytecode it takes for unused, and a scan right after one measured up to
 * twice as slow as the scans a user waits for (the same shape, 47 ms without, 87–94 ms with).
 */
function cpuMs(scan: ScanText, files: ReadonlyArray<{ name: string; text: string }>): { ms: number; findings: number } {
  // CPU time of the process, which is one thread's: the child runs with --single-threaded-gc, so the collector
  // has no helper threads to add theirs, and other work on the machine adds none
  const c = process.cpuUsage();
  let findings = 0;
  for (const f of files) { findings += scan(f.text, { fileName: f.name, maxFindings: Number.MAX_SAFE_INTEGER }).findings.length; }
  const u = process.cpuUsage(c);
  return { ms: (u.user + u.system) / 1000, findings };
}

interface Row { label: string; mib: number; before: number; now: number; found: { before: number; now: number } }
interface Measured { mib: number; ms: number; findings: number }

/**
 * In a child: one bundle (`before.js` or `now.js`), every shape (a folder of files each), a warm-up and then
 * `reps` scans of each; the best CPU time of each shape as JSON. One scanner per process, as the CLI and the
 * extension run it: two bundles in one process share the engine's caches of built-ins and one heap, and each
 * makes the other slower by as much as it measured (up to 2×, unevenly).
 */
function measureInChild(dir: string, which: string, reps: number): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const scan = (require(path.join(dir, `${which}.js`)) as { scanText: ScanText }).scanText;
  const labels = JSON.parse(fs.readFileSync(path.join(dir, 'shapes.json'), 'utf8')) as string[];
  const out: Measured[] = labels.map((_label, i) => {
    const sd = path.join(dir, 'shapes', String(i));
    const files = fs.readdirSync(sd).sort().map(n => ({ name: n.replace(/^\d+-/, ''), text: fs.readFileSync(path.join(sd, n), 'utf8') }));
    cpuMs(scan, files);   // warm-up
    let best = Infinity; let findings = 0;
    for (let r = 0; r < reps; r++) { const m = cpuMs(scan, files); best = Math.min(best, m.ms); findings = m.findings; }
    return { mib: files.reduce((n, f) => n + f.text.length, 0) / (1024 * 1024), ms: best, findings };
  });
  process.stdout.write(JSON.stringify(out));
}

/**
 * Both bundles measured in turns: `rounds` child processes each, alternating (before, now, now, before, …), so a
 * change in the machine's load falls on both; the best of each shape over all of its rounds.
 */
function measureInTurns(tmp: string, labels: readonly string[], rounds: number, reps: number): Row[] | string {
  const best = { before: labels.map(() => Infinity), now: labels.map(() => Infinity) };
  const found = { before: labels.map(() => 0), now: labels.map(() => 0) };
  const mib = labels.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    for (const which of r % 2 ? ['now', 'before'] as const : ['before', 'now'] as const) {
      const child = spawnSync(process.execPath, ['--single-threaded-gc', __filename, '--measure', tmp, which, String(reps)],
        { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      if (child.status !== 0) { return `the measuring process failed (exit ${child.status}): ${child.stderr.trim().split('\n').slice(-3).join(' ')}`; }
      (JSON.parse(child.stdout) as Measured[]).forEach((m, i) => {
        best[which][i] = Math.min(best[which][i], m.ms);
        found[which][i] = m.findings;
        mib[i] = m.mib;
      });
    }
  }
  return labels.map((label, i) => ({ label, mib: mib[i], before: best.before[i], now: best.now[i], found: { before: found.before[i], now: found.now[i] } }));
}

export function beforeAndNow(shapes: readonly Shape[], argv: readonly string[], rounds = 10, reps = 5): string[] {
  const at = argv.indexOf('--before');
  const rev = at === -1 ? BEFORE : argv[at + 1];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-bench-before-'));
  try {
    const why = checkout(rev, path.join(tmp, 'before'));
    if (why) { return [`before and now: skipped (${why})`]; }
    bundle(path.join(tmp, 'before'), path.join(tmp, 'before.js'));
    bundle(ROOT, path.join(tmp, 'now.js'));
    fs.writeFileSync(path.join(tmp, 'shapes.json'), JSON.stringify(shapes.map(s => s.label)));
    shapes.forEach((shape, i) => {
      const sd = path.join(tmp, 'shapes', String(i));
      fs.mkdirSync(sd, { recursive: true });
      // the file's name is the scanner's fileName (some rules read the extension); a prefix keeps them apart
      shape.files.forEach((f, k) => fs.writeFileSync(path.join(sd, `${String(k).padStart(5, '0')}-${path.basename(f.name)}`), f.text));
    });
    const rows = measureInTurns(tmp, shapes.map(s => s.label), rounds, reps);
    if (typeof rows === 'string') { return [`before and now: ${rows}`]; }
    const ratio = (r: Row) => r.now / r.before;
    const worst = Math.max(...rows.map(ratio));
    return [
      `before (${rev}) and now, interleaved: scanText of each shape, each bundle in a process of its own, ${rounds} processes each in turns (before, now, now, before, …), ${reps} scans of each shape after a warm-up in each; best CPU time (one thread: --single-threaded-gc)`,
      '',
      '| shape | size | before | now | now ÷ before | findings before / now |',
      '|---|---:|---:|---:|---:|---:|',
      ...rows.map(r => `| ${r.label} | ${r.mib.toFixed(1)} MiB | ${r.before.toFixed(1)} ms | ${r.now.toFixed(1)} ms | ${ratio(r).toFixed(3)}× | ${r.found.before} / ${r.found.now} |`),
      `slowest shape: ${worst.toFixed(3)}× before; no shape more than 5% slower: ${worst <= 1.05 ? 'met' : 'NOT met'}`,
    ];
  } finally {
    // --keep: the bundles and shapes stay, to profile one shape (`node --cpu-prof`) with what was measured
    if (argv.includes('--keep')) { process.stderr.write(`before and now: kept ${tmp}\n`); } else { fs.rmSync(tmp, { recursive: true, force: true }); }
  }
}

if (require.main === module && process.argv[2] === '--measure') { measureInChild(process.argv[3], process.argv[4], Number(process.argv[5])); }
