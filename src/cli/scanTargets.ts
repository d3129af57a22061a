// `ring-keys scan`, the middle stages: the PATHs named (a symbolic link named is followed), each one's files
// listed as git sees them and scanned as they are found, then the findings collected in the report's order.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OwnKeyPrint } from '../core/scanner/ownKeys';
import { hasRaisableFindings } from '../core/scanner/project';
import type { FileFindings } from '../core/scanner/sarif';
import { FileFeed, scanFile, scanFiles, type FileScans } from '../core/scanner/scanFiles';
import { listFiles } from '../core/scanner/walk';
import { quoteName } from '../core/terminalText';

/** A PATH as named (`abs`, how the report shows it) and where it is read (`real`). */
export interface ScanTarget {
  readonly abs: string;
  readonly real: string;
  readonly folder: boolean;
}

export interface IgnoredCounts { ignoredFiles: number; ignoredFolders: number }

/** What the scan of the targets found, before it is put in the report's order. */
export interface ScanRun {
  readonly feed: FileFeed;
  readonly scans: FileScans;
  /** The report's order: each file's place in the feed (a file under two overlapping PATHs once). */
  readonly order: readonly number[];
  /** A file's place in the feed → its path as named, where that differs. */
  readonly shownAs: ReadonlyMap<number, string>;
  /** What git's ignore rules left out of the folders. */
  readonly skipped: IgnoredCounts;
}

export interface ScanFileOptions {
  readonly maxBytes: number;
  readonly baseline: Set<string> | undefined;
  readonly ownKeys: readonly OwnKeyPrint[];
  readonly jobs: number;
  /** Every finding of a file, past the cap a report lists (what --write-baseline accepts). */
  readonly uncapped?: boolean;
}

export interface ScanStats {
  scanned: number; bytes: number; binary: number; capped: number; unreadable: number; baselined: number; ignored: number;
  /** Findings past the per-file cap: counted, not listed (each report says how many). */
  omitted: number;
}

/**
 * Each PATH as named and where it is read: a symbolic link named here is followed, as ripgrep does (links met
 * in a folder are not). The first PATH that cannot be read is an error.
 */
export function resolveTargets(roots: readonly string[], cwd: string): { targets: ScanTarget[] } | { error: string } {
  const targets: ScanTarget[] = [];
  for (const root of roots) {
    const abs = path.resolve(cwd, root);
    const t = namedTarget(abs, quoteName(root));
    if ('error' in t) { return t; }
    targets.push({ abs, ...t });
  }
  return { targets };
}

/**
 * Each target's list (git's idea of which files count), then one scan over all of them: the files are scanned
 * as the folders are listed, in the order they are found; the report takes them PATH by PATH, each one's files
 * sorted, a file under two overlapping PATHs once.
 */
export async function scanTargets(targets: readonly ScanTarget[], opts: ScanFileOptions): Promise<ScanRun> {
  const feed = new FileFeed();
  const shownAs = new Map<number, string>();
  const skipped = { ignoredFiles: 0, ignoredFolders: 0 };
  const listing = (async () => {
    const order: number[] = [];
    for (const t of targets) {
      const offset = feed.paths.length;
      if (t.folder) {
        const l = await listFiles(t.real, { onFiles: entries => feed.add(entries.map(f => f.abs)) });
        for (const f of l.files) {
          order.push(offset + f.found);
          if (t.real !== t.abs) { shownAs.set(offset + f.found, path.join(t.abs, ...f.rel.split('/'))); }
        }
        skipped.ignoredFiles += l.skipped.ignoredFiles; skipped.ignoredFolders += l.skipped.ignoredFolders;
      } else {
        feed.add([t.real]);   // a file named on the command line is scanned as given, ignored or not
        order.push(offset);
        if (t.real !== t.abs) { shownAs.set(offset, t.abs); }
      }
    }
    if (targets.length > 1) {
      const seen = new Set<string>();
      return order.filter(at => !seen.has(feed.paths[at]) && !!seen.add(feed.paths[at]));
    }
    return order;
  })();
  void listing.then(() => feed.end(), err => feed.fail(err));
  const scanOpts = fileScanOptions(opts);
  const scans = await scanFiles(feed, { ...scanOpts, lookForRinggHost: true }, { jobs: opts.jobs });
  const order = await listing;
  return { feed, scans, order, shownAs, skipped };
}

/**
 * A Ringg host anywhere in the project makes generic key names Ringg keys in every file (README: Confidence):
 * the few files with such findings are scanned again.
 */
export function rescanRinggProject(run: ScanRun, opts: ScanFileOptions): void {
  const notable = [...run.scans.notable()];
  if (notable.some(([, r]) => r.ringgHost)) {
    for (const [i, r] of notable) {
      if (hasRaisableFindings(r.findings)) { run.scans.set(i, scanFile(run.feed.paths[i], { ...fileScanOptions(opts), ringgProject: true }, opts.baseline)); }
    }
  }
}

/**
 * The files with findings (or scanned in part), in the report's order, with paths relative to `cwd`, and the
 * counts; a file that could not be read is said on `stderr` (a deleted tracked file is no error).
 */
export function collectFindings(run: ScanRun, cwd: string, stderr: (text: string) => void): { files: FileFindings[]; stats: ScanStats } {
  const files: FileFindings[] = [];
  const stats: ScanStats = { scanned: 0, bytes: 0, binary: 0, capped: 0, unreadable: 0, baselined: 0, ignored: 0, omitted: 0 };
  for (const at of run.order) {
    const r = run.scans.get(at)!;
    const abs = run.shownAs.get(at) ?? run.feed.paths[at];
    // the shown path, worked out only for the files the report names
    const rel = () => toPosix(path.relative(cwd, abs)) || path.basename(abs);
    if (r.skipped) {
      if (r.skipped !== 'link' && r.skipped !== 'not-file' && r.skipped !== 'ENOENT') {   // a deleted tracked file is no error
        stats.unreadable++;
        stderr(`ring-keys scan: skipped ${quoteName(rel())}: ${r.skipped}\n`);
      }
      continue;
    }
    stats.scanned++; stats.bytes += r.scannedBytes;
    if (r.binary) { stats.binary++; continue; }
    if (r.capped) { stats.capped++; }
    stats.baselined += r.baselined; stats.ignored += r.ignored;
    stats.omitted += r.omitted ?? 0;
    if (r.findings.length || r.capped || r.truncated) { files.push({ path: rel(), findings: r.findings, capped: r.capped, truncated: r.truncated, omitted: r.omitted ?? 0 }); }
  }
  return { files, stats };
}

function fileScanOptions(opts: ScanFileOptions) {
  return { maxBytes: opts.maxBytes, ...(opts.baseline ? { baseline: opts.baseline } : {}), ...(opts.ownKeys.length ? { ownKeys: opts.ownKeys } : {}),
    ...(opts.uncapped ? { maxFindings: Number.MAX_SAFE_INTEGER } : {}) };
}

/**
 * Where a PATH named on the command line is read: itself, or for a symbolic link what it leads to (a file or
 * a folder), as ripgrep does for the paths it is given. A link that leads nowhere is an error.
 */
function namedTarget(abs: string, shown: string): { real: string; folder: boolean } | { error: string } {
  let st: fs.Stats;
  try { st = fs.statSync(abs); } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    let link: string | undefined;
    try { link = fs.lstatSync(abs).isSymbolicLink() ? fs.readlinkSync(abs) : undefined; } catch { link = undefined; }
    if (link !== undefined) {
      return { error: code === 'ELOOP'
        ? `${shown} is a symbolic link that leads back to itself; nothing to scan`
        : `${shown} is a symbolic link to ${quoteName(link)}, which does not exist; nothing to scan` };
    }
    return { error: code === 'ENOENT' || code === 'ENOTDIR' ? `no such file or folder: ${shown}` : `cannot read ${shown}: ${code ?? String(err)}` };
  }
  if (!st.isDirectory() && !st.isFile()) { return { error: `${shown} is not a file or a folder; nothing to scan` }; }
  let real = abs;
  try { if (fs.lstatSync(abs).isSymbolicLink()) { real = fs.realpathSync(abs); } } catch (err) {
    return { error: `cannot read ${shown}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  return { real, folder: st.isDirectory() };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
