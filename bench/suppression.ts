// Ignore markers and baselines, priced per candidate: the shapes that silence or accept every key in a
// flood, next to the same flood reported, and an ordinary file. Each is reported as ms per MiB and as a
// ratio to the reported flood (the common shape with the most candidates). The target: every ratio ≤ 3×.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { baselineSet } from '../src/core/scanner/baseline';
import { IGNORE_MARKER } from '../src/core/scanner/ignore';
import { scanText } from '../src/core/scanner/scanner';

const MiB = 1024 * 1024;

/** One line of distinct keys (Ringyo live keys and Ringg keys in X-API-KEY pairs), about `bytes` long. */
function keyFlood(bytes: number): string {
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
