// Reports of a git scan: text, JSON, SARIF (one result per distinct key, at the commit that first added it,
// with a partial fingerprint that does not change as history grows), GitHub workflow annotations, and the
// advice a blocked push gets. Keys appear masked only. No `vscode` import.
import { RULES, ruleHelpUrl } from '../scanner/rules';
import { toSarif } from '../scanner/sarif';
import type { Finding } from '../scanner/scanner';
import { escapeControls, quoteName } from '../terminalText';
import type { CappedFile, GitScanStats, KeyReport, Occurrence } from './history';

export type GitScanMode = 'history' | 'staged' | 'pre-push';

export function shortHash(h: string): string { return h.slice(0, 12); }

export function isoDate(time: number): string {
  return time ? new Date(time * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
}

export function formatBytes(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

/** The scanner finding a report stands for (for the shared SARIF writer and messages). */
function asFinding(k: KeyReport): Finding {
  return {
    rule: k.rule, provider: k.provider, severity: k.severity, confidence: k.confidence, start: 0, end: k.first.endColumn - k.first.column,
    line: k.first.line - 1, column: k.first.column - 1, masked: k.masked, fingerprint: k.fingerprint, context: k.context,
  };
}

export function keyMessage(k: KeyReport, mode: GitScanMode): string {
  const title = `${RULES[k.rule].title} ${k.masked} (${k.context})`;
  if (mode === 'staged') { return `${title}, staged for commit.`; }
  const where = `first added in commit ${shortHash(k.first.commit)} (${isoDate(k.first.time).slice(0, 10)})`;
  const count = `in ${k.commits} commit${k.commits === 1 ? '' : 's'}`;
  const tree = k.inWorkingTree === undefined ? '' : k.inWorkingTree ? '; still in the working tree' : '; no longer in the working tree, but still in history';
  return `${title}: ${where}, ${count}${tree}.`;
}

/** What was scanned in part, in the file scan's words: `1 too large (scanned in part: 1 line over 16 MiB)`. */
export function cappedText(stats: GitScanStats, maxBytes: number): string {
  if (!stats.capped) { return ''; }
  const mib = `${+(maxBytes / 1048576).toFixed(2)} MiB`;
  const lines = stats.longLines ? `: ${stats.longLines} line(s) over ${mib}` : `: added text over ${mib}`;
  return `${stats.capped} too large (scanned in part${lines})`;
}

export function summaryLine(mode: GitScanMode, stats: GitScanStats, keys: number, extra: { baselined: number; ignored: number; stagedFiles?: number; maxBytes: number }): string {
  const capped = stats.capped ? `, ${cappedText(stats, extra.maxBytes)}` : '';
  const what = mode === 'staged'
    ? `${extra.stagedFiles ?? stats.files} staged file(s), ${stats.files} with added lines (${formatBytes(stats.bytes)} of diff${capped})`
    : `${stats.commits} commit(s), ${stats.files} changed file version(s) (${formatBytes(stats.bytes)} of patches${capped})`;
  return `${keys ? `${keys} distinct key(s)` : 'No keys'} found in ${what}; ${extra.baselined} accepted by the baseline, ${extra.ignored} silenced inline.`;
}

/** The note a file version scanned in part gets (the file scan's words); the path quoted. */
export function cappedNote(c: CappedFile, maxBytes: number): string {
  const where = c.commit ? ` in commit ${shortHash(c.commit)}` : '';
  return `${quoteName(c.path)}: note: scanned only the first ${+(maxBytes / 1048576).toFixed(2)} MiB of this file's added text${where}`;
}

/** One line per key; the path quoted and the message's control characters escaped (JSON and SARIF carry them exactly). */
export function textReport(keys: readonly KeyReport[], mode: GitScanMode, capped: { files: readonly CappedFile[]; count: number; maxBytes: number } = { files: [], count: 0, maxBytes: 0 }): string {
  const lines: string[] = [];
  for (const k of keys) {
    lines.push(`${quoteName(k.first.path)}:${k.first.line}:${k.first.column}: ${k.severity} [${k.rule}] ${escapeControls(keyMessage(k, mode))}`);
  }
  for (const c of capped.files) { lines.push(cappedNote(c, capped.maxBytes)); }
  if (capped.count > capped.files.length) { lines.push(`note: ${capped.count - capped.files.length} more file version(s) scanned in part`); }
  return lines.map(l => `${l}\n`).join('');
}

export function jsonReport(keys: readonly KeyReport[], mode: GitScanMode, stats: GitScanStats, extra: { baselined: number; ignored: number; stagedFiles?: number; capped?: readonly CappedFile[] }): object {
  const { capped, longLines, ...counts } = stats;
  return {
    version: 1,
    mode,
    findings: keys.map(k => ({
      rule: k.rule, severity: k.severity, confidence: k.confidence, provider: k.provider, masked: k.masked, fingerprint: k.fingerprint,
      message: keyMessage(k, mode), help: ruleHelpUrl(k.rule),
      path: k.first.path, line: k.first.line, column: k.first.column, endColumn: k.first.endColumn,
      ...(mode === 'staged' ? {} : { commit: k.first.commit, date: isoDate(k.first.time), commits: k.commits }),
      ...(k.inWorkingTree === undefined ? {} : { inWorkingTree: k.inWorkingTree }),
      occurrences: k.occurrences.map(o => ({ ...(o.commit ? { commit: o.commit, date: isoDate(o.time) } : {}), path: o.path, line: o.line, column: o.column })),
    })),
    capped: (extra.capped ?? []).map(c => ({ ...(c.commit ? { commit: c.commit } : {}), path: c.path })),
    stats: {
      ...counts, ...(extra.stagedFiles === undefined ? {} : { stagedFiles: extra.stagedFiles }), baselined: extra.baselined, ignored: extra.ignored,
      skipped: { capped, longLines },
    },
  };
}

/**
 * SARIF 2.1.0 through the shared writer, one result per key at its first commit. The partial fingerprint is
 * the key's baseline fingerprint, so the same key found again (a later run, more history) is the same alert.
 */
export function sarifReport(keys: readonly KeyReport[], mode: GitScanMode, opts: { baseDir: string; version: string; head?: string }): object {
  const files = keys.map(k => ({ path: k.first.path, findings: [asFinding(k)] }));
  const log = toSarif(files, { baseDir: opts.baseDir, version: opts.version }) as { runs: Array<{ results: Array<Record<string, unknown>>; properties?: object }> };
  const run = log.runs[0];
  run.results.forEach((r, i) => {
    const k = keys[i];
    r.message = { text: keyMessage(k, mode) };
    r.properties = {
      ...(r.properties as object | undefined),
      ...(mode === 'staged' ? {} : { commit: k.first.commit, date: isoDate(k.first.time), commits: k.commits }),
      ...(k.inWorkingTree === undefined ? {} : { inWorkingTree: k.inWorkingTree }),
    };
  });
  run.properties = { mode, ...(opts.head ? { head: opts.head } : {}) };
  return log;
}

/** Escapes a value for a GitHub workflow command (`::error file=…::message`). */
function escapeData(s: string): string { return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'); }
function escapeProperty(s: string): string { return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C'); }

/**
 * GitHub Actions annotations: one error or warning per key, on the line that added it. These lines are a log's
 * text too (GitLab prints them as they are), so a path with control characters is quoted as in the text report
 * (GitHub cannot place that annotation on its file; the SARIF report names the file exactly).
 */
export function githubAnnotations(keys: readonly KeyReport[], mode: GitScanMode): string {
  return keys.map(k => {
    const level = k.severity === 'error' ? 'error' : k.severity === 'warning' ? 'warning' : 'notice';
    return `::${level} file=${escapeProperty(quoteName(k.first.path))},line=${k.first.line},col=${k.first.column},title=${escapeProperty(`Ring Keys: ${RULES[k.rule].title}`)}::${escapeData(escapeControls(keyMessage(k, mode)))}\n`;
  }).join('');
}

/** What a blocked push prints: which commit brought each key in and how to take it out of the commits. */
export function pushAdvice(keys: readonly KeyReport[], pushed: readonly string[]): string {
  if (!keys.length) { return ''; }
  const order = new Map(pushed.map((h, i) => [h, i]));
  const firstOf = (k: KeyReport): Occurrence => [...k.occurrences].sort((a, b) => (order.get(a.commit) ?? 0) - (order.get(b.commit) ?? 0))[0] ?? k.first;
  const earliest = keys.map(firstOf).sort((a, b) => (order.get(a.commit) ?? 0) - (order.get(b.commit) ?? 0))[0];
  const lines = ['', 'Push blocked: these commits would publish a key.'];
  for (const k of keys) {
    const o = firstOf(k);
    lines.push(`  ${escapeControls(k.masked)} (${RULES[k.rule].title}) introduced by commit ${shortHash(o.commit)} in ${quoteName(o.path)}:${o.line}` +
      `${k.commits > 1 ? ` (added again in ${k.commits - 1} later commit(s) of this push)` : ''}`);
  }
  lines.push(
    '',
    'Deleting the key in a newer commit is not enough: the push still carries the commit that added it.',
    'Rewrite the unpushed commits so none of them contains the key, then push again:',
    `  git rebase -i ${shortHash(earliest.commit)}~1     # mark ${shortHash(earliest.commit)} (and any other listed commit) as "edit"`,
    '  # at each stop: remove the key from the file (read it from the environment or a secret store), then',
    '  git add -A && git commit --amend --no-edit && git rebase --continue',
    `(if ${shortHash(earliest.commit)} is the repository's first commit, use: git rebase -i --root)`,
    'Many commits: git filter-repo --replace-text <file listing the key> rewrites them all.',
    'If any of these commits was ever pushed or shared, treat the key as leaked: rotate it.',
    'A key you accept (a test key): ring-keys scan --git --write-baseline .ring-keys-baseline.json, then commit that file.',
    '',
  );
  return lines.join('\n');
}
