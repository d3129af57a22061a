// Keys in git: the lines added by commits (history, a push) or staged in the index, scanned by the same
// scanner as files, one report per distinct key at the first commit that added it. Streams git's output;
// never checks a commit out. No `vscode` import.
import { createHash } from 'node:crypto';
import { scanText } from '../scanner/scanner';
import type { Confidence } from '../scanner/confidence';
import type { RuleId, Severity } from '../scanner/rules';
import type { ProviderId } from '../providers/catalog';
import { GitError, resolveCommit, revList, runGit, streamGit, type GitOptions } from './git';
import { LOG_FORMAT, PatchReader, type FilePatch } from './patch';

export interface Occurrence {
  /** Full commit hash; '' for the index. */
  readonly commit: string;
  /** Committer time (seconds since the epoch); 0 for the index. */
  readonly time: number;
  readonly path: string;
  /** 1-based line and column (UTF-16 code units), end column exclusive. */
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
}

export interface KeyReport {
  /** Hash of the key alone (one report per key, whichever rule found it). */
  readonly id: string;
  readonly rule: RuleId;
  readonly provider: ProviderId;
  readonly severity: Severity;
  /** How sure the scanner is (the highest of the key's occurrences). */
  readonly confidence: Confidence;
  readonly masked: string;
  /** findingFingerprint(rule, key) of the first occurrence: the baseline entry, SARIF's partial fingerprint. */
  readonly fingerprint: string;
  /** Why it is a key (from the scanner). */
  readonly context: string;
  /** The first commit (oldest) that added it. */
  readonly first: Occurrence;
  /** How many commits add it. */
  readonly commits: number;
  /** Where it was added, oldest first, at most MAX_OCCURRENCES. */
  readonly occurrences: readonly Occurrence[];
  /** Whether the key is still in a file of the work tree (undefined: no work tree to look in). */
  readonly inWorkingTree?: boolean;
}

export interface GitScanStats {
  readonly commits: number;
  /** File versions with added lines that were scanned. */
  readonly files: number;
  /** Bytes of patch text read from git. */
  readonly bytes: number;
  /** File versions whose added text went beyond the bounds: scanned in part (see `capped` of the result). */
  readonly capped: number;
  /** Added lines longer than the line bound, scanned up to it. */
  readonly longLines: number;
}

/** A file version scanned in part. */
export interface CappedFile {
  /** Full commit hash; '' for the index. */
  readonly commit: string;
  readonly path: string;
}

export interface GitScanResult {
  readonly keys: KeyReport[];
  readonly stats: GitScanStats;
  /** The file versions scanned in part, at most MAX_CAPPED_LISTED (stats.capped counts them all). */
  readonly capped: readonly CappedFile[];
  /** Findings the baseline accepts / inline markers silence. */
  readonly baselined: number;
  readonly ignored: number;
}

export interface GitScanOptions extends GitOptions {
  readonly baseline?: ReadonlySet<string>;
  /** Called every few hundred commits (progress in VS Code). */
  readonly onProgress?: (stats: GitScanStats) => void;
  /** Look for each key in the work tree (default true). */
  readonly checkWorkingTree?: boolean;
  /** Hand the plaintext of each distinct key to the caller (VS Code's live check / rotate); never stored here. */
  readonly onKey?: (id: string, key: string) => void;
  /**
   * Scan at most this many bytes (characters) of one line and of one file version's added text, like a file scan
   * (default DEFAULT_MAX_BYTES, 16 MiB); what is beyond is counted in stats.capped / stats.longLines.
   */
  readonly maxBytes?: number;
}

export const MAX_OCCURRENCES = 200;
export const MAX_CAPPED_LISTED = 100;

/** The diff options every scan uses: patches with context, renames followed (a rename adds nothing). */
const PATCH_ARGS = ['-p', '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', '-M', '--diff-filter=d'];

export function keyId(key: string): string {
  return createHash('sha256').update(`ring-keys/key\u0000${key.trim()}`, 'utf8').digest('hex').slice(0, 32);
}

interface Entry {
  id: string;
  rule: RuleId; provider: ProviderId; severity: Severity; confidence: Confidence; masked: string; fingerprint: string; context: string;
  first: Occurrence;
  commits: Set<string>;
  occurrences: Occurrence[];
}

/** Collects findings of patches into one entry per distinct key. */
export class KeyCollector {
  private readonly byId = new Map<string, Entry>();
  /** Plaintexts, only until the work-tree check has run. */
  readonly plain = new Map<string, string>();
  files = 0; baselined = 0; ignored = 0; longLines = 0; cappedCount = 0;
  readonly capped: CappedFile[] = [];

  constructor(private readonly baseline?: ReadonlySet<string>, private readonly onKey?: (id: string, key: string) => void) {}

  add(file: FilePatch): void {
    this.files++;
    if (file.capped) {
      this.cappedCount++; this.longLines += file.longLines;
      if (this.capped.length < MAX_CAPPED_LISTED) { this.capped.push({ commit: file.commit.hash, path: file.path }); }
    }
    const text = file.lines.join('\n');
    const r = scanText(text, { fileName: file.path, ...(this.baseline ? { baseline: this.baseline } : {}) });
    this.baselined += r.baselined; this.ignored += r.ignored;
    for (const f of r.findings) {
      if (!file.added[f.line]) { continue; }   // context line: added by another commit
      const key = text.slice(f.start, f.end);
      const id = keyId(key);
      const occ: Occurrence = {
        commit: file.commit.hash, time: file.commit.time, path: file.path,
        line: file.lineNumbers[f.line], column: f.column + 1, endColumn: f.column + 1 + (f.end - f.start),
      };
      let e = this.byId.get(id);
      if (!e) {
        e = { id, rule: f.rule, provider: f.provider, severity: f.severity, confidence: f.confidence, masked: f.masked, fingerprint: f.fingerprint, context: f.context, first: occ, commits: new Set(), occurrences: [] };
        this.byId.set(id, e);
        this.plain.set(id, key);
        this.onKey?.(id, key);
      } else if (occ.time < e.first.time || (occ.time === e.first.time && occ.commit !== e.first.commit && !e.commits.has(occ.commit))) {
        // git log lists children before parents: a later-listed commit of the same second is older
        e.first = occ; e.rule = f.rule; e.provider = f.provider; e.fingerprint = f.fingerprint; e.context = f.context;
      }
      if (f.confidence === 'high' && e.confidence !== 'high') { e.confidence = 'high'; e.severity = f.severity; }
      e.commits.add(occ.commit);
      if (e.occurrences.length < MAX_OCCURRENCES) { e.occurrences.push(occ); }
    }
  }

  reports(inTree?: ReadonlySet<string>): KeyReport[] {
    return [...this.byId.values()]
      .map(e => ({
        id: e.id, rule: e.rule, provider: e.provider, severity: e.severity, confidence: e.confidence, masked: e.masked, fingerprint: e.fingerprint, context: e.context,
        first: e.first, commits: e.commits.size,
        occurrences: [...e.occurrences].reverse().sort((a, b) => a.time - b.time),   // listed newest first; sort is stable
        ...(inTree ? { inWorkingTree: inTree.has(e.id) } : {}),
      }))
      .sort((a, b) => a.first.time - b.first.time || a.first.path.localeCompare(b.first.path) || a.first.line - b.first.line);
  }
}

/** Which of the keys still appear in a file of the work tree (tracked or untracked, not ignored). */
export async function keysInWorkTree(plain: ReadonlyMap<string, string>, opts: GitOptions): Promise<Set<string> | undefined> {
  const found = new Set<string>();
  if (!plain.size) { return found; }
  const byKey = new Map([...plain].map(([id, k]) => [k, id]));
  try {
    // the keys go to git on standard input (never on a command line other processes can read)
    const { stdout } = await runGit(['grep', '--no-color', '-I', '-F', '-o', '-h', '--untracked', '-f', '-'], { ...opts, input: [...byKey.keys()].join('\n') + '\n' }, [0, 1]);
    for (const l of stdout.split('\n')) {
      const id = byKey.get(l);
      if (id) { found.add(id); }
    }
    return found;
  } catch (err) {
    if (err instanceof GitError && (err.code === 'git-missing' || err.code === 'cancelled')) { throw err; }
    return undefined;   // a bare repository: there is no work tree to look in
  }
}

async function collect(args: readonly string[], opts: GitScanOptions): Promise<GitScanResult & { collector: KeyCollector }> {
  const collector = new KeyCollector(opts.baseline, opts.onKey);
  let lastReport = 0;
  const stats = (): GitScanStats => ({ commits: reader.commits, files: collector.files, bytes: reader.bytes, capped: collector.cappedCount, longLines: collector.longLines });
  const reader = new PatchReader(f => collector.add(f), () => {
    if (opts.onProgress && reader.commits - lastReport >= 200) {
      lastReport = reader.commits;
      opts.onProgress(stats());
    }
  }, opts.maxBytes === undefined ? {} : { maxLine: opts.maxBytes, maxFile: opts.maxBytes });
  await streamGit(args, opts, c => reader.push(c));
  reader.end();
  let inTree: Set<string> | undefined;
  if (opts.checkWorkingTree !== false) { inTree = await keysInWorkTree(collector.plain, opts); }
  collector.plain.clear();
  return {
    keys: collector.reports(inTree), stats: stats(), capped: collector.capped,
    baselined: collector.baselined, ignored: collector.ignored, collector,
  };
}

export interface HistoryScanOptions extends GitScanOptions {
  /** Only commits after this revision (`REF..`). */
  readonly since?: string;
  /** 'all': every branch, tag and remote-tracking ref; 'current': what HEAD reaches (default). */
  readonly branches?: 'all' | 'current';
}

/** Every line added in the selected commits (merges included: `--cc` shows what a merge itself added). */
export async function scanHistory(opts: HistoryScanOptions): Promise<GitScanResult> {
  const revs: string[] = opts.branches === 'all' ? ['--branches', '--tags', '--remotes'] : ['HEAD'];
  if (opts.branches !== 'all' && !(await resolveCommit('HEAD', opts))) {
    throw new GitError('no-commits', 'the repository has no commits yet');
  }
  if (opts.since !== undefined) {
    const base = await resolveCommit(opts.since, opts);
    if (!base) { throw new GitError('bad-revision', `--since ${opts.since} does not name a commit in this repository`); }
    revs.push(`^${base}`);
  }
  if (opts.branches === 'all' && !(await revList(['--max-count=1', ...revs], opts)).length && opts.since === undefined) {
    throw new GitError('no-commits', 'the repository has no commits yet');
  }
  const { collector: _c, ...r } = await collect(['log', LOG_FORMAT, ...PATCH_ARGS, '--cc', ...revs, '--'], opts);
  return r;
}

/** The index: what `git commit` would record (added lines against HEAD, or every staged line before the first commit). */
export async function scanStaged(opts: GitScanOptions): Promise<GitScanResult & { stagedFiles: number }> {
  const names = await runGit(['diff', '--cached', '--name-only', '-z', '--diff-filter=d'], opts);
  const stagedFiles = names.stdout.split('\0').filter(Boolean).length;
  const { collector: _c, ...r } = await collect(['diff', '--cached', ...PATCH_ARGS, '--'], opts);
  return { ...r, stagedFiles };
}

/** One line of a pre-push hook's standard input. */
export interface PushUpdate {
  readonly localRef: string;
  readonly localSha: string;
  readonly remoteRef: string;
  readonly remoteSha: string;
}

const ZERO = /^0+$/;

/** Parses the hook's standard input: `<local ref> <local sha> <remote ref> <remote sha>` per line. */
export function parsePushUpdates(stdin: string): PushUpdate[] {
  const out: PushUpdate[] = [];
  for (const raw of stdin.split('\n')) {
    const parts = raw.trim().split(/\s+/);
    if (parts.length !== 4) { continue; }
    const [localRef, localSha, remoteRef, remoteSha] = parts as [string, string, string, string];
    if (!/^[0-9a-f]{40,64}$/.test(localSha) || !/^[0-9a-f]{40,64}$/.test(remoteSha)) { continue; }
    out.push({ localRef, localSha, remoteRef, remoteSha });
  }
  return out;
}

export interface PushScanResult extends GitScanResult {
  /** Updates that push commits (deletions excluded). */
  readonly updates: number;
  /** Commits being pushed, oldest first. */
  readonly pushed: readonly string[];
}

/**
 * Commits known to be at a push's destination without asking it (no network, no program of the repository's
 * choosing): for a configured remote named by git's first hook argument, the commits of its own
 * remote-tracking refs (`refs/remotes/<name>/…`, not those of a remote whose name extends it, such as
 * `<name>/fork`). A URL, or a remote whose tracking refs are missing, knows none.
 */
async function trackedAt(remote: string | undefined, opts: GitOptions): Promise<string[]> {
  if (!remote) { return []; }
  const names = (await runGit(['remote'], opts)).stdout.split('\n').filter(Boolean);
  if (!names.includes(remote)) { return []; }
  const prefix = `refs/remotes/${remote}/`;
  const longer = names.filter(n => n.startsWith(`${remote}/`)).map(n => `refs/remotes/${n}/`);
  const { stdout } = await runGit(['for-each-ref', '--format=%(objectname) %(refname)', 'refs/remotes/'], opts);
  const out: string[] = [];
  for (const l of stdout.split('\n')) {
    const sp = l.indexOf(' ');
    const sha = l.slice(0, sp); const ref = l.slice(sp + 1);
    if (sp > 0 && ref.startsWith(prefix) && !longer.some(p => ref.startsWith(p)) && /^[0-9a-f]{40,64}$/.test(sha)) { out.push(sha); }
  }
  return out;
}

/**
 * The commits a push sends: those the pushed commits reach that are not known to be at the destination — the
 * old values git passes for the updated refs (when present here) and, for a configured remote, its
 * remote-tracking refs. When nothing is known (a push to a URL, a remote never fetched), every commit the
 * pushed ones reach is scanned. Throws GitError('bad-revision') when a pushed commit is unknown here.
 */
export async function scanPush(updates: readonly PushUpdate[], remote: string | undefined, opts: GitScanOptions): Promise<PushScanResult> {
  const include: string[] = []; const exclude = new Set<string>();
  for (const u of updates) {
    if (!ZERO.test(u.remoteSha) && (await resolveCommit(u.remoteSha, opts))) { exclude.add(u.remoteSha); }
    if (ZERO.test(u.localSha)) { continue; }   // a deletion pushes nothing
    if (!(await resolveCommit(u.localSha, opts))) { throw new GitError('bad-revision', `the pushed commit ${u.localSha.slice(0, 12)} (${u.localRef}) is not in this repository`); }
    include.push(u.localSha);
  }
  if (!include.length) {
    return { keys: [], stats: { commits: 0, files: 0, bytes: 0, capped: 0, longLines: 0 }, capped: [], baselined: 0, ignored: 0, updates: 0, pushed: [] };
  }
  for (const sha of await trackedAt(remote, opts)) { exclude.add(sha); }
  // the revisions go on standard input: a remote may have thousands of tracking refs
  const input = [...include, ...[...exclude].map(h => `^${h}`)].join('\n') + '\n';
  const pushed = (await runGit(['rev-list', '--reverse', '--topo-order', '--stdin'], { ...opts, input })).stdout.split('\n').filter(l => /^[0-9a-f]{40,64}$/.test(l));
  const { collector: _c, ...r } = await collect(['log', LOG_FORMAT, ...PATCH_ARGS, '--cc', '--stdin', '--'], { ...opts, input, checkWorkingTree: opts.checkWorkingTree ?? false });
  return { ...r, updates: include.length, pushed };
}
