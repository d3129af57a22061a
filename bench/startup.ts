// Start-up cost, part of `npm run bench`: starts the VS Code stand-in several times (a fresh window each time,
// the VS Code tier's start-up test alone) with the production bundle, and in each window reads what
// "Developer: Show Running Extensions" shows ("Activation: N ms": VS Code's code loading plus the activate()
// call, from the extension host's activation times) for Ring Keys and for the built-in Merge Conflict extension,
// which activates on the same onStartupFinished. It prints every start, the medians and their ratio. VS Code's
// performance marks (code loading and activate() until its promise settles) follow, and all of Ring Keys' start-up
// work on the extension host's thread (its entry, then dist/main.js loaded in the next task: src/start.ts).
//
//   node out/bench/startup.js [--starts N]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const args = process.argv.slice(2);
const at = args.indexOf('--starts');
const STARTS = at === -1 ? 7 : Math.max(1, Number(args[at + 1]));
const OURS = 'ring-keys.ring-keys';
const REFERENCE = 'vscode.merge-conflict';
const REFERENCES = [REFERENCE, 'vscode.git'];

type Marks = { load: number; activate: number; willLoad?: number; didLoad?: number };
/** `view`: the milliseconds Show Running Extensions showed, by extension id (Ring Keys and the reference). */
interface Start { extensions: Record<string, Marks>; view?: Record<string, number | undefined>; activateMs?: number; entryMs?: number; loadMs?: number; phases?: Record<string, number>; logLineToActivated?: number }

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

function oneStart(i: number): Start | undefined {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-startup-')), 'startup.json');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'out', 'test', 'vscode', 'runTest.js')], {
    encoding: 'utf8',
    env: { ...process.env, RING_KEYS_TEST_GREP: 'start-up:', RING_KEYS_STARTUP_OUT: out },
  });
  if (!fs.existsSync(out)) {
    console.log(`  start ${i}: no measurement (exit ${r.status}) ${(r.stderr || r.stdout).split('\n').slice(-5).join(' ')}`);
    return undefined;
  }
  const s = JSON.parse(fs.readFileSync(out, 'utf8')) as Start;
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return s;
}

function main(): void {
  if (process.env.RING_KEYS_DESKTOP !== '1') {
    const inst = spawnSync('bash', [path.join(ROOT, 'tools', 'standin', 'install.sh')], { stdio: 'inherit' });
    if (inst.status !== 0) { console.log('start-up: the VS Code stand-in could not be installed; skipped'); return; }
  }
  // what users run: the minified bundles (the development build is restored afterwards)
  const build = (production: boolean) => spawnSync(process.execPath, [path.join(ROOT, 'esbuild.mjs'), ...(production ? ['--production'] : [])], { cwd: ROOT, encoding: 'utf8' });
  if (build(true).status !== 0) { console.log('start-up: the production build failed; skipped'); return; }
  try { measure(); } finally { build(false); }
}

function measure(): void {
  const bundle = (f: string) => { const p = path.join(ROOT, 'dist', f); return fs.existsSync(p) ? `${(fs.statSync(p).size / 1024).toFixed(0)} KiB` : 'absent'; };
  const lazy = fs.readdirSync(path.join(ROOT, 'dist')).filter(f => /^(lazy-.*|undici)\.js$/.test(f)).sort();
  console.log(`\nStart-up: ${STARTS} fresh starts of the VS Code stand-in (after one not counted), load average ${os.loadavg().map(l => l.toFixed(1)).join(' ')}`);
  console.log(`  bundles: dist/extension.js ${bundle('extension.js')} loaded at start-up; loaded on first use: ${lazy.map(f => `${f} ${bundle(f)}`).join(', ')}`);
  const starts: Start[] = [];
  // one start first, not counted: the first window after a build reads the new bundles from a cold start (each
  // extension is measured in the same windows either way)
  oneStart(0);
  for (let i = 1; i <= STARTS; i++) {
    const s = oneStart(i);
    if (s) { starts.push(s); }
  }
  if (!starts.length) { console.log('  no start was measured'); return; }
  // what Show Running Extensions showed, both extensions from the same windows
  const shown = starts.filter(s => typeof s.view?.[OURS] === 'number' && typeof s.view?.[REFERENCE] === 'number');
  if (shown.length) {
    const ours = shown.map(s => s.view![OURS]!);
    const ref = shown.map(s => s.view![REFERENCE]!);
    console.log('  "Developer: Show Running Extensions" (Activation: code loading + activate() call), production bundle:');
    console.log('  | extension | windows | median | each window |');
    console.log('  |---|---:|---:|---|');
    console.log(`  | Ring Keys | ${shown.length} | ${median(ours)} ms | ${ours.join(', ')} ms |`);
    console.log(`  | Merge Conflict (built-in, same windows) | ${shown.length} | ${median(ref)} ms | ${ref.join(', ')} ms |`);
    console.log(`  Ring Keys / Merge Conflict: ${(median(ours) / median(ref)).toFixed(2)}× (medians); Ring Keys at most Merge Conflict's median: ${median(ours) <= median(ref) ? 'yes' : 'NO'}`);
    // VS Code starts the clock of every extension activated by onStartupFinished at once, then loads their code
    // one after the other: the figure of each includes the code loading of the ones before it
    const before = shown.filter(s => typeof s.entryMs === 'number' && s.extensions[OURS]?.willLoad !== undefined && s.extensions[REFERENCE]?.didLoad !== undefined);
    if (before.length) {
      const part = (f: (s: Start) => number) => Math.round(median(before.map(f)) * 10) / 10;
      console.log(`  Ring Keys' figure in parts (medians): code of the extensions loaded before it ${part(s => s.view![OURS]! - s.extensions[OURS].load - s.entryMs!)} ms`
        + ` (Merge Conflict's own ${part(s => s.extensions[REFERENCE].load)} ms, which ends ${part(s => s.extensions[OURS].willLoad! - s.extensions[REFERENCE].didLoad!)} ms before Ring Keys' starts),`
        + ` the entry's code ${part(s => s.extensions[OURS].load)} ms, the entry's activate() ${part(s => s.entryMs!)} ms`);
    }
    // what the figure leaves out: the extension itself loads in the host's next task (src/start.ts). All of Ring
    // Keys' start-up work on the extension host's thread, next to Merge Conflict's (its code and activate() until
    // its promise settles), in the same windows
    const whole = starts.filter(s => typeof s.entryMs === 'number' && typeof s.loadMs === 'number' && typeof s.activateMs === 'number' && s.extensions[OURS] && s.extensions[REFERENCE]);
    if (whole.length) {
      const ourWork = whole.map(s => Math.round(s.extensions[OURS].load + s.entryMs! + s.loadMs! + s.activateMs!));
      const refWork = whole.map(s => Math.round(s.extensions[REFERENCE].load + s.extensions[REFERENCE].activate));
      console.log(`  All start-up work on the extension host's thread (medians): Ring Keys ${median(ourWork)} ms (entry ${median(whole.map(s => s.extensions[OURS].load + s.entryMs!)).toFixed(1)} ms,`
        + ` then dist/main.js ${median(whole.map(s => s.loadMs!))} ms and its activate() ${median(whole.map(s => s.activateMs!))} ms), Merge Conflict ${median(refWork)} ms;`
        + ` Ring Keys / Merge Conflict ${(median(ourWork) / median(refWork)).toFixed(2)}× (each window: ${ourWork.join(', ')} vs ${refWork.join(', ')} ms)`);
    }
    const phased = starts.filter(s => s.phases);
    if (phased.length) {
      const names = Object.keys(phased[0].phases!);
      console.log(`  Ring Keys' activate() by part (medians, ms): ${names.map(n => `${n} ${median(phased.map(s => s.phases![n] ?? 0))}`).join(', ')}`);
    }
  } else {
    console.log('  no window showed both activation times in Show Running Extensions');
  }
  console.log('  VS Code\'s performance marks in the same windows (code loading; activate() until its promise settles):');
  const row = (id: string) => {
    const ms = starts.map(s => s.extensions[id]).filter((m): m is Marks => !!m);
    if (!ms.length) { return undefined; }
    return { id, n: ms.length, load: median(ms.map(m => m.load)), activate: median(ms.map(m => m.activate)),
      total: median(ms.map(m => m.load + m.activate)), best: Math.min(...ms.map(m => m.load + m.activate)), all: ms.map(m => m.load + m.activate) };
  };
  const ours = row(OURS);
  console.log('  | extension | starts | load (median) | activate() (median) | load + activate (median) | best | each start |');
  console.log('  |---|---:|---:|---:|---:|---:|---|');
  for (const r of [ours, ...REFERENCES.map(row)]) {
    if (r) { console.log(`  | ${r.id} | ${r.n} | ${r.load} ms | ${r.activate} ms | ${r.total} ms | ${r.best} ms | ${r.all.join(', ')} ms |`); }
  }
  const logged = starts.map(s => s.logLineToActivated).filter((x): x is number => typeof x === 'number');
  if (logged.length) {
    console.log(`  Ring Keys, from the host's "_doActivateExtension" log line to activate() returned: median ${median(logged)} ms (${logged.join(', ')})`);
  }
  for (const ref of REFERENCES) {
    const r = row(ref);
    if (ours && r && r.total > 0 && r.best > 0) {
      console.log(`  Ring Keys / ${ref}: ${(ours.total / r.total).toFixed(2)}× (medians), ${(ours.best / r.best).toFixed(2)}× (best starts)`);
    }
  }
}

main();
