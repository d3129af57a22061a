// Before and now, part of `npm run bench`: the scanner of an earlier commit and this tree's, side by side in
// one process. Both are bundled the same way (esbuild, minified, as the extension and the CLI ship them); each
// shape is scanned by one and then the other, the order alternating, for several rounds, each after a garbage
// collection; the best time of each is kept (a shared machine only ever adds time). The bar: no shape slower than before by more than 5%.
//
// The default earlier commit is the last one before multi-vendor attribution and the client-exposure rule
// (issue 27), whose price this measures. `--before <rev>` names another; a clone without it (shallow) skips.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import { buildSync } from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');
export const BEFORE = '71a2e14';

type ScanText = (text: string, opts?: { fileName?: string; maxFindings?: number }) => { findings: unknown[] };
export interface Shape { readonly label: string; readonly files: ReadonlyArray<{ readonly name: string; readonly text: string }> }

/** The scanner of `src` (a tree with src/core/scanner/scanner.ts), bundled into `out`. */
function bundle(src: string, out: string): ScanText {
  buildSync({ entryPoints: [path.join(src, 'src', 'core', 'scanner', 'scanner.ts')], outfile: out, bundle: true, platform: 'node', target: 'node20',
    format: 'cjs', minify: true, logLevel: 'silent', define: { RING_KEYS_VERSION: '"0.0.0"' }, external: ['undici', 'vscode'] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(out) as { scanText: ScanText }).scanText;
}

/** The earlier commit's src/ written under `dir`, or why not. */
function checkout(rev: string, dir: string): string | undefined {
  const archive = spawnSync('git', ['-C', ROOT, 'archive', '--format=tar', rev, 'src'], { maxBuffer: 256 * 1024 * 1024 });
  if (archive.status !== 0) { return `git archive ${rev} failed: ${String(archive.stderr).trim().split('\n')[0]}`; }
  fs.mkdirSync(dir, { recursive: true });
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  return untar.status === 0 ? undefined : `tar failed: ${String(untar.stderr).trim()}`;
}

// A collection before each timed scan, so that neither pays for the garbage the other left (floods of findings
// allocate hundreds of MiB): the flag set at run time, the function taken from a fresh context.
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

function cpuMs(scan: ScanText, shape: Shape): { ms: number; findings: number } {
  collect();
  // elapsed time of the one JavaScript thread: process.cpuUsage() would add the collector's helper threads
  const t = performance.now();
  let findings = 0;
  for (const f of shape.files) { findings += scan(f.text, { fileName: f.name, maxFindings: Number.MAX_SAFE_INTEGER }).findings.length; }
  return { ms: performance.now() - t, findings };
}

export function beforeAndNow(shapes: readonly Shape[], argv: readonly string[], rounds = 9): string[] {
  const at = argv.indexOf('--before');
  const rev = at === -1 ? BEFORE : argv[at + 1];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-bench-before-'));
  try {
    const why = checkout(rev, path.join(tmp, 'before'));
    if (why) { return [`before and now: skipped (${why})`]; }
    const before = bundle(path.join(tmp, 'before'), path.join(tmp, 'before.js'));
    const now = bundle(ROOT, path.join(tmp, 'now.js'));
    const rows = shapes.map(shape => {
      const mib = shape.files.reduce((n, f) => n + f.text.length, 0) / (1024 * 1024);
      for (const scan of [before, now]) { cpuMs(scan, { ...shape, files: shape.files.slice(0, 20) }); }   // warm-up
      const best = { before: Infinity, now: Infinity };
      const found = { before: 0, now: 0 };
      for (let r = 0; r < rounds; r++) {
        for (const which of r % 2 ? ['now', 'before'] as const : ['before', 'now'] as const) {
          const m = cpuMs(which === 'now' ? now : before, shape);
          best[which] = Math.min(best[which], m.ms);
          found[which] = m.findings;
        }
      }
      return { shape, mib, best, found, ratio: best.now / best.before };
    });
    const worst = Math.max(...rows.map(r => r.ratio));
    return [
      `before (${rev}) and now, interleaved: scanText of each shape, one bundle then the other, alternating, best time of ${rounds} rounds`,
      '',
      '| shape | size | before | now | now ÷ before | findings before / now |',
      '|---|---:|---:|---:|---:|---:|',
      ...rows.map(r => `| ${r.shape.label} | ${r.mib.toFixed(1)} MiB | ${r.best.before.toFixed(1)} ms | ${r.best.now.toFixed(1)} ms | ${r.ratio.toFixed(3)}× | ${r.found.before} / ${r.found.now} |`),
      `slowest shape: ${worst.toFixed(3)}× before; no shape more than 5% slower: ${worst <= 1.05 ? 'met' : 'NOT met'}`,
    ];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
