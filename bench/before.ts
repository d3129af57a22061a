// Before and now, part of `npm run bench`: the scanner of an earlier commit and this tree's, side by side in
// one process. Both are bundled the same way (esbuild, minified, as the extension and the CLI ship them); each
// shape is scanned by one and then the other, the order alternating, for several rounds, each after a garbage
// collection, in a child process whose only thread does the work; the best CPU time of each is kept. The bar:
// no shape slower than before by more than 5%.
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

function cpuMs(scan: ScanText, files: ReadonlyArray<{ name: string; text: string }>, collect: () => void): { ms: number; findings: number } {
  collect();
  // CPU time of the process, which is one thread's: the child runs with --single-threaded-gc, so the collector
  // has no helper threads to add theirs, and other work on the machine adds none
  const c = process.cpuUsage();
  let findings = 0;
  for (const f of files) { findings += scan(f.text, { fileName: f.name, maxFindings: Number.MAX_SAFE_INTEGER }).findings.length; }
  const u = process.cpuUsage(c);
  return { ms: (u.user + u.system) / 1000, findings };
}

interface Row { label: string; mib: number; before: number; now: number; found: { before: number; now: number } }

/** In the child: both bundles, every shape (a folder of files each), interleaved rounds; the rows as JSON. */
function measureInChild(dir: string, rounds: number): void {
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = (f: string) => (require(path.join(dir, f)) as { scanText: ScanText }).scanText;
  const scans = { before: load('before.js'), now: load('now.js') };
  const labels = JSON.parse(fs.readFileSync(path.join(dir, 'shapes.json'), 'utf8')) as string[];
  const rows: Row[] = labels.map((label, i) => {
    const sd = path.join(dir, 'shapes', String(i));
    const files = fs.readdirSync(sd).sort().map(n => ({ name: n.replace(/^\d+-/, ''), text: fs.readFileSync(path.join(sd, n), 'utf8') }));
    for (const scan of [scans.before, scans.now]) { cpuMs(scan, files.slice(0, 20), collect); }   // warm-up
    const best = { before: Infinity, now: Infinity };
    const found = { before: 0, now: 0 };
    for (let r = 0; r < rounds; r++) {
      for (const which of r % 2 ? ['now', 'before'] as const : ['before', 'now'] as const) {
        const m = cpuMs(scans[which], files, collect);
        best[which] = Math.min(best[which], m.ms);
        found[which] = m.findings;
      }
    }
    return { label, mib: files.reduce((n, f) => n + f.text.length, 0) / (1024 * 1024), ...best, found };
  });
  process.stdout.write(JSON.stringify(rows));
}

export function beforeAndNow(shapes: readonly Shape[], argv: readonly string[], rounds = 9): string[] {
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
    const child = spawnSync(process.execPath, ['--single-threaded-gc', '--expose-gc', __filename, '--measure', tmp, String(rounds)],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (child.status !== 0) { return [`before and now: the measuring process failed (exit ${child.status}): ${child.stderr.trim().split('\n').slice(-3).join(' ')}`]; }
    const rows = JSON.parse(child.stdout) as Row[];
    const ratio = (r: Row) => r.now / r.before;
    const worst = Math.max(...rows.map(ratio));
    return [
      `before (${rev}) and now, interleaved: scanText of each shape, one bundle then the other, alternating, after a collection each; best CPU time of ${rounds} rounds (one thread: --single-threaded-gc)`,
      '',
      '| shape | size | before | now | now ÷ before | findings before / now |',
      '|---|---:|---:|---:|---:|---:|',
      ...rows.map(r => `| ${r.label} | ${r.mib.toFixed(1)} MiB | ${r.before.toFixed(1)} ms | ${r.now.toFixed(1)} ms | ${ratio(r).toFixed(3)}× | ${r.found.before} / ${r.found.now} |`),
      `slowest shape: ${worst.toFixed(3)}× before; no shape more than 5% slower: ${worst <= 1.05 ? 'met' : 'NOT met'}`,
    ];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module && process.argv[2] === '--measure') { measureInChild(process.argv[3], Number(process.argv[4])); }
