// Precision and recall of the leak detector on real code, next to a plain keyword regex (part of `npm run bench`):
//   - the planted-key corpus in test/fixtures/corpus (real files, keys planted where people write them);
//   - a clean corpus of public repositories with no key of ours in it, found through RING_KEYS_CLEAN_CORPUS
//     (a folder of checkouts; `node tools/corpus/clean.mjs <dir>` clones the repositories docs/detection.md lists).
//     Every report there is a false report. Without the variable the bench says so and measures the rest.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanBuffer, scanText, type Finding } from '../src/core/scanner/scanner';
import { buildHeldOut, VOICE_REPOS } from './heldOut';

interface Plant { id: string; file: string; format: string; keys: Array<{ value: string; rule: string; confidence: string }> }

/**
 * The reference: a keyword, then within 40 characters on the same line a UUID, an rg_/vb_ key or a long token —
 * what a hand-written secret-scanning rule for "API key near a keyword" looks like.
 */
const KEYWORD_REGEX = /(?:api[_-]?key|apikey|x-api-key|token|secret|bearer|ringg|ringtonic|ringyo)[^\n]{0,40}?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?:rg|vb)_(?:live|test)_[A-Za-z0-9]{16,}|[A-Za-z0-9_|!*.=+/-]{24,})/gi;

function keywordMatches(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  KEYWORD_REGEX.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KEYWORD_REGEX.exec(text)) !== null) {
    const start = m.index + m[0].length - m[1].length;
    out.push({ start, end: start + m[1].length });
  }
  return out;
}

interface Tally { tp: number; tpHigh: number; fp: number; fpHigh: number }
const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(2));

function planted(root: string): { ours: Tally; regex: Tally; keys: number; files: number; formats: number; misses: string[] } {
  const dir = path.join(root, 'test/fixtures/corpus');
  const { plants } = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { plants: Plant[] };
  const ours: Tally = { tp: 0, tpHigh: 0, fp: 0, fpHigh: 0 };
  const regex: Tally = { tp: 0, tpHigh: 0, fp: 0, fpHigh: 0 };
  const misses: string[] = [];
  let keys = 0;
  for (const p of plants) {
    const buf = fs.readFileSync(path.join(dir, p.file));
    const text = buf.toString('utf8');
    const values = new Set(p.keys.map(k => k.value));
    keys += values.size;
    const r = scanBuffer(buf, { fileName: p.file });
    const seen = new Set<string>();
    for (const f of r.findings) {
      const v = text.slice(f.start, f.end);
      if (values.has(v)) { if (!seen.has(v)) { ours.tp++; if (f.confidence === 'high') { ours.tpHigh++; } } seen.add(v); } else { ours.fp++; if (f.confidence === 'high') { ours.fpHigh++; } }
    }
    for (const v of values) { if (!seen.has(v)) { misses.push(`${p.id} (${p.format})`); } }
    const rseen = new Set<string>();
    for (const m of keywordMatches(text)) {
      const v = text.slice(m.start, m.end);
      const hit = [...values].find(k => v.includes(k));
      if (hit) { if (!rseen.has(hit)) { regex.tp++; regex.tpHigh++; } rseen.add(hit); } else { regex.fp++; regex.fpHigh++; }
    }
  }
  return { ours, regex, keys, files: plants.length, formats: new Set(plants.map(p => p.format)).size, misses };
}

function* walk(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name === '.git') { continue; }
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { yield* walk(p); } else if (e.isFile()) { yield p; }
  }
}

/**
 * The held-out plants in voice-AI code (bench/heldOut.ts), built from the clean corpus's checkouts: our keys found
 * (any confidence, and normal when scanned alone), other vendors' credentials reported (alone, and in a project
 * that mentions ringg.ai), other false reports; and the keyword regex on the same files.
 */
function heldOut(dir: string) {
  const { plants, missing } = buildHeldOut(dir);
  let keys = 0; let found = 0; let normal = 0; let others = 0; let othersReported = 0; let othersInRingg = 0; let falseReports = 0; let regexFound = 0; let regexOthers = 0; let regexFalse = 0;
  const misses: string[] = [];
  for (const b of plants) {
    const valueOf = (f: Finding) => (f.rule === 'client-exposed-key' ? f.name : b.text.slice(f.start, f.end));
    const alone = scanText(b.text, { fileName: b.fileName }).findings;
    const inRingg = scanText(b.text, { fileName: b.fileName, ringgProject: true }).findings;
    keys += b.keys.length; others += b.others.length;
    for (const k of b.keys) {
      const f = alone.find(x => x.rule === k.rule && valueOf(x) === k.value);
      if (f) { found++; if (f.confidence === 'high') { normal++; } } else { misses.push(b.plant.id); }
    }
    othersReported += b.others.filter(v => alone.some(x => valueOf(x) === v)).length;
    othersInRingg += b.others.filter(v => inRingg.some(x => valueOf(x) === v)).length;
    falseReports += alone.filter(x => !b.keys.some(k => k.value === valueOf(x)) && !b.others.includes(valueOf(x) ?? '')).length;
    const matched = keywordMatches(b.text).map(m => b.text.slice(m.start, m.end));
    regexFound += b.keys.filter(k => matched.some(v => v.includes(k.value))).length;
    regexOthers += b.others.filter(o => matched.some(v => v.includes(o))).length;
    regexFalse += matched.filter(v => !b.keys.some(k => v.includes(k.value)) && !b.others.some(o => v.includes(o))).length;
  }
  return { plants: plants.length, repos: new Set(plants.map(b => b.plant.repo)).size, classes: new Set(plants.map(b => b.plant.klass)).size, missing,
    keys, found, normal, others, othersReported, othersInRingg, falseReports, regexFound, regexOthers, regexFalse, misses };
}

function clean(dir: string) {
  let files = 0; let bytes = 0; let regex = 0;
  const reports: Array<{ file: string; f: Finding }> = [];
  // the voice-AI repositories also scanned as part of a project that mentions ringg.ai (the worst case for attribution)
  const voice = { files: 0, bytes: 0, reports: 0, high: 0, inRingg: 0, inRinggHigh: 0, regex: 0 };
  const repos = fs.readdirSync(dir, { withFileTypes: true }).filter(e => e.isDirectory()).length;
  for (const file of walk(dir)) {
    const buf = fs.readFileSync(file);
    const r = scanBuffer(buf, { fileName: file });
    if (r.binary) { continue; }
    files++; bytes += r.scannedBytes;
    for (const f of r.findings) { reports.push({ file: path.relative(dir, file), f }); }
    const matches = keywordMatches(buf.subarray(0, r.scannedBytes).toString('utf8')).length;
    regex += matches;
    if (VOICE_REPOS.has(path.relative(dir, file).split(path.sep)[0].replace('+', '/'))) {
      const p = scanBuffer(buf, { fileName: file, ringgProject: true });
      voice.files++; voice.bytes += r.scannedBytes; voice.regex += matches;
      voice.reports += r.findings.length; voice.high += r.findings.filter(f => f.confidence === 'high').length;
      voice.inRingg += p.findings.length; voice.inRinggHigh += p.findings.filter(f => f.confidence === 'high').length;
      for (const f of p.findings) { if (!r.findings.some(x => x.start === f.start)) { reports.push({ file: `${path.relative(dir, file)} (in a Ringg project)`, f }); } }
    }
  }
  return { files, bytes, repos, regex, reports, voice };
}

export function detectionBench(root: string, verbose: boolean): string {
  const p = planted(root);
  const out = [
    '',
    `Detection on real code: planted-key corpus (${p.files} excerpts of public repositories, ${p.formats} languages and formats, ${p.keys} planted keys)`,
    '',
    '| detector | recall (any confidence) | recall at normal confidence | false reports | precision |',
    '|---|---:|---:|---:|---:|',
    `| Ring Keys | ${ratio(p.ours.tp, p.keys)} (${p.ours.tp}/${p.keys}) | ${ratio(p.ours.tpHigh, p.keys)} (${p.ours.tpHigh}/${p.keys}) | ${p.ours.fp} | ${ratio(p.ours.tp, p.ours.tp + p.ours.fp)} |`,
    `| keyword regex (key/token/secret/bearer, then a UUID or long token within 40 characters) | ${ratio(p.regex.tp, p.keys)} (${p.regex.tp}/${p.keys}) | n/a | ${p.regex.fp} | ${ratio(p.regex.tp, p.regex.tp + p.regex.fp)} |`,
    ...(p.misses.length ? [`missed: ${p.misses.join(', ')}`] : []),
  ];
  const dir = process.env.RING_KEYS_CLEAN_CORPUS;
  if (!dir || !fs.existsSync(dir)) {
    out.push('', `clean real-code corpus: ABSENT (${dir ? `${dir} does not exist` : 'RING_KEYS_CLEAN_CORPUS is not set'}); ` +
      'set RING_KEYS_CLEAN_CORPUS to a folder of public repositories (node tools/corpus/clean.mjs <dir> clones the ones docs/detection.md lists) to measure false reports on clean code.');
    return out.join('\n');
  }
  const h = heldOut(dir);
  out.push('', `Held-out plants in voice-AI code (${h.plants} files of ${h.repos} repositories of the clean corpus, ${h.classes} classes: ${h.keys} keys of ours, ${h.others} other vendors' UUID credentials)`, '',
    '| detector | recall (any confidence) | recall at normal confidence | other vendors\' credentials reported (alone / in a Ringg project) | other false reports |',
    '|---|---:|---:|---:|---:|',
    `| Ring Keys | ${ratio(h.found, h.keys)} (${h.found}/${h.keys}) | ${ratio(h.normal, h.keys)} (${h.normal}/${h.keys}) | ${h.othersReported}/${h.others} / ${h.othersInRingg}/${h.others} | ${h.falseReports} |`,
    `| keyword regex | ${ratio(h.regexFound, h.keys)} (${h.regexFound}/${h.keys}) | n/a | ${h.regexOthers}/${h.others} | ${h.regexFalse} |`,
    ...(h.misses.length ? [`missed: ${h.misses.join(', ')}`] : []),
    ...(h.missing.length ? [`not built (repository or file missing): ${h.missing.join(', ')}`] : []));
  const c = clean(dir);
  const high = c.reports.filter(r => r.f.confidence === 'high' && !r.file.endsWith('(in a Ringg project)')).length;
  const low = c.reports.filter(r => r.f.confidence === 'low' && !r.file.endsWith('(in a Ringg project)')).length;
  const alone = high + low;
  const mib = c.bytes / 1048576;
  const tpAll = p.ours.tp; const fpAll = p.ours.fp + alone;
  const tpHigh = p.ours.tpHigh; const fpHigh = p.ours.fpHigh + high;
  out.push('', `clean real-code corpus: ${c.repos} public repositories, ${c.files} text files, ${mib.toFixed(1)} MiB, no key of ours in it (every report is false)`, '',
    '| detector | reports at normal confidence | reports at low confidence | per 100 MiB (all) | precision, both corpora (all reports) | precision, both corpora (normal confidence) |',
    '|---|---:|---:|---:|---:|---:|',
    `| Ring Keys | ${high} | ${low} | ${(alone / mib * 100).toFixed(1)} | ${ratio(tpAll, tpAll + fpAll)} | ${ratio(tpHigh, tpHigh + fpHigh)} |`,
    `| keyword regex | ${c.regex} | n/a | ${(c.regex / mib * 100).toFixed(1)} | ${ratio(p.regex.tp, p.regex.tp + p.regex.fp + c.regex)} | n/a |`);
  const v = c.voice; const vmib = v.bytes / 1048576;
  if (v.files) {
    out.push('', `of which voice-AI repositories (${[...VOICE_REPOS].length} listed in bench/heldOut.ts): ${v.files} text files, ${vmib.toFixed(1)} MiB; ` +
      `Ring Keys ${v.reports} report(s) (${v.high} normal), ${(v.reports / vmib * 100).toFixed(1)} per 100 MiB; in a project that mentions ringg.ai ${v.inRingg} (${v.inRinggHigh} normal); ` +
      `keyword regex ${v.regex}, ${(v.regex / vmib * 100).toFixed(1)} per 100 MiB`);
  }
  if (verbose || c.reports.length <= 40) {
    out.push('', 'reports on the clean corpus (all false):');
    for (const { file, f } of c.reports) { out.push(`- ${file}:${f.line + 1} ${f.rule} (${f.confidence}) ${f.context} ${f.masked}`); }
  }
  return out.join('\n');
}
