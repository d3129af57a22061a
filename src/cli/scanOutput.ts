// `ring-keys scan`, the last stages: the findings written to a baseline (--write-baseline), or the report in
// its format (text, JSON, SARIF) written to standard output or --output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LiveVerdict } from '../core/liveCheck';
import { parseBaseline, withEntries, type BaselineFile } from '../core/scanner/baseline';
import { ruleHelpUrl } from '../core/scanner/rules';
import { toSarif, type FileFindings } from '../core/scanner/sarif';
import { describe } from '../core/scanner/scanner';
import { UnsafeWriteError, writeFileNoFollow } from '../core/safeWrite';
import { escapeControls, quoteName } from '../core/terminalText';
import { verdictText as describeVerdict } from './messages';
import type { ScanFormat } from './scanOptions';
import type { IgnoredCounts, ScanStats } from './scanTargets';
import { addValidityToSarif, validityOf } from './verifyOptions';
import { VERSION } from './version';

/**
 * Every finding written to the baseline `named` (relative to `cwd`) as accepted, keeping its entries; never
 * through a link. Answers how many findings were written, or the error to print.
 */
export function writeBaselineFile(named: string, cwd: string, files: readonly FileFindings[]): { accepted: number } | { error: string } {
  const target = path.resolve(cwd, named);
  let existing: BaselineFile | undefined;
  try { existing = parseBaseline(fs.readFileSync(target, 'utf8')); } catch { existing = undefined; }
  const entries = files.flatMap(f => f.findings.map(x => ({ rule: x.rule, fingerprint: x.fingerprint, masked: x.masked, path: f.path })));
  try { writeFileNoFollow(target, withEntries(existing, entries)); } catch (err) {
    return { error: `cannot write ${quoteName(named)}: ${err instanceof UnsafeWriteError ? escapeControls(err.message) : (err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  return { accepted: entries.length };
}

export interface ReportInput {
  readonly files: readonly FileFindings[];
  readonly stats: ScanStats;
  readonly skipped: IgnoredCounts;
  /** The live checks' verdicts per finding fingerprint (--verify), and what the summary says of them. */
  readonly verdicts: ReadonlyMap<string, LiveVerdict> | undefined;
  readonly verifyNote: string;
  readonly cwd: string;
  readonly maxMiB: number;
  readonly maxBytes: number;
}

export function formatReport(format: ScanFormat, input: ReportInput): string {
  const { files, stats, skipped, verdicts } = input;
  if (format === 'sarif') {
    const sarif = toSarif(files, { baseDir: input.cwd, version: VERSION, capBytes: input.maxBytes });
    if (verdicts) { addValidityToSarif(sarif, verdicts, describeVerdict); }
    return `${JSON.stringify(sarif, null, 2)}\n`;
  }
  if (format === 'json') {
    return `${JSON.stringify({
      version: 1,
      findings: files.flatMap(f => f.findings.map(x => ({
        path: f.path, line: x.line + 1, column: x.column + 1, endColumn: x.column + 1 + (x.end - x.start),
        rule: x.rule, severity: x.severity, confidence: x.confidence, provider: x.provider, masked: x.masked, fingerprint: x.fingerprint,
        message: describe(x), help: ruleHelpUrl(x.rule),
        ...(verdicts ? { validity: validityOf(verdicts, x.fingerprint), ...(verdicts.get(x.fingerprint) ? { validityReason: describeVerdict(verdicts.get(x.fingerprint)!) } : {}) } : {}),
      }))),
      capped: files.filter(f => f.capped).map(f => f.path),
      truncated: files.filter(f => f.truncated).map(f => f.path),
      omitted: Object.fromEntries(files.filter(f => f.omitted).map(f => [f.path, f.omitted])),
      stats: { files: stats.scanned, bytes: stats.bytes, binary: stats.binary, baselined: stats.baselined, ignored: stats.ignored, omitted: stats.omitted,
        skipped: { ...skipped, binary: stats.binary, capped: stats.capped, unreadable: stats.unreadable } },
    }, null, 2)}\n`;
  }
  // names from the files and the servers with their control characters escaped, so they print as text
  const lines: string[] = [];
  for (const f of files) {
    const shown = quoteName(f.path);
    for (const x of f.findings) {
      const v = verdicts?.get(x.fingerprint);
      lines.push(`${shown}:${x.line + 1}:${x.column + 1}: ${x.severity} [${x.rule}] ${escapeControls(`${describe(x)}${verdicts ? ` [${v ? describeVerdict(v) : 'unchecked'}]` : ''}`)}`);
    }
    if (f.capped) { lines.push(`${shown}: note: scanned only the first ${input.maxMiB} MiB of this file`); }
    if (f.truncated) { lines.push(`${shown}: note: ${f.omitted ? `${f.omitted} more finding(s) not listed (the first ${f.findings.length} are)` : 'more findings than reported'}`); }
  }
  const findings = countFindings(files);
  const errors = files.reduce((n, f) => n + f.findings.filter(x => x.severity === 'error').length, 0);
  const low = files.reduce((n, f) => n + f.findings.filter(x => x.confidence === 'low').length, 0);
  const skips = [`${stats.binary} binary skipped`, ...(stats.capped ? [`${stats.capped} too large (scanned in part)`] : []),
    ...(skipped.ignoredFiles + skipped.ignoredFolders ? [ignoredText(skipped)] : []), ...(stats.unreadable ? [`${stats.unreadable} unreadable`] : [])];
  lines.push(`${findings || stats.omitted ? `${findings} finding(s)${stats.omitted ? ` listed and ${stats.omitted} more not listed` : ''}, ${errors} error(s)${low ? `, ${low} of low confidence (information)` : ''}` : 'No keys found'} in ${stats.scanned} file(s) ` +
    `(${formatBytes(stats.bytes)}, ${skips.join(', ')}); ${stats.baselined} accepted by the baseline, ${stats.ignored} silenced inline.${input.verifyNote}`);
  return `${lines.join('\n')}\n`;
}

/** The report to --output FILE (relative to `cwd`), or to standard output without it. Answers the error to print, if any. */
export function writeReport(report: string, output: string | undefined, cwd: string, stdout: (text: string) => void): { error: string } | undefined {
  if (!output) { stdout(report); return undefined; }
  try { fs.writeFileSync(path.resolve(cwd, output), report); } catch (err) {
    return { error: `cannot write ${output}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  return undefined;
}

export function countFindings(files: readonly FileFindings[]): number {
  return files.reduce((n, f) => n + f.findings.length, 0);
}

export function ignoredText(s: IgnoredCounts): string {
  const parts = [...(s.ignoredFiles ? [`${s.ignoredFiles} file(s)`] : []), ...(s.ignoredFolders ? [`${s.ignoredFolders} folder(s)`] : [])];
  return `${parts.join(' and ')} ignored by git`;
}

function formatBytes(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}
