// Which files under a folder count: git's own list in a repository (tracked, plus untracked not ignored); a
// folder walk elsewhere, with .gitignore files at every level (deeper ones win, `!` negations work),
// .git/info/exclude, never .git itself, symbolic links not followed. No `vscode` import.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { runGit } from '../git/git';

/** Answers "would git ignore this path?" for paths under `root`, loading .gitignore files lazily. */
export class GitIgnoreFilter {
  private readonly levels = new Map<string, Ignore | null>();

  constructor(readonly root: string) {}

  /** `rel` is relative to root with `/` separators; a directory is tested with isDir = true. */
  isIgnored(rel: string, isDir = false): boolean {
    const parts = rel.split('/').filter(Boolean);
    if (parts.includes('.git')) { return true; }
    // a path is ignored when any directory above it is
    for (let i = 1; i < parts.length; i++) {
      if (this.test(parts.slice(0, i), true)) { return true; }
    }
    return this.test(parts, isDir);
  }

  /** Ignored by the rules of the directories above it (not looking at its parents' own state). */
  test(parts: string[], isDir: boolean): boolean {
    let ignored = false;
    for (let depth = 0; depth < parts.length; depth++) {
      const dir = parts.slice(0, depth).join('/');
      const ig = this.level(dir);
      if (!ig) { continue; }
      const rel = parts.slice(depth).join('/') + (isDir ? '/' : '');
      const r = ig.test(rel);
      if (r.ignored) { ignored = true; } else if (r.unignored) { ignored = false; }
    }
    return ignored;
  }

  /**
   * The rules that apply to the entries of one folder (`dirParts`: its path below root), outermost first, with
   * how many of its parts each one's folder has: what test() would consult for each entry, looked up once.
   */
  rulesFor(dirParts: readonly string[]): Array<{ depth: number; ig: Ignore }> {
    const out: Array<{ depth: number; ig: Ignore }> = [];
    for (let depth = 0; depth <= dirParts.length; depth++) {
      const ig = this.level(dirParts.slice(0, depth).join('/'));
      if (ig) { out.push({ depth, ig }); }
    }
    return out;
  }

  /** test() for `name` in the folder whose rules rulesFor gave (no rules: not ignored, and nothing to compute). */
  static testWith(rules: ReadonlyArray<{ depth: number; ig: Ignore }>, dirParts: readonly string[], name: string, isDir: boolean): boolean {
    let ignored = false;
    for (const { depth, ig } of rules) {
      const r = ig.test([...dirParts.slice(depth), name].join('/') + (isDir ? '/' : ''));
      if (r.ignored) { ignored = true; } else if (r.unignored) { ignored = false; }
    }
    return ignored;
  }

  /** A folder read by a walk has no `.gitignore` entry: no need to look for the file (the root has more sources). */
  noIgnoreFileIn(dir: string): void {
    if (dir !== '' && !this.levels.has(dir)) { this.levels.set(dir, null); }
  }

  /** Forget cached rules (a .gitignore changed). */
  clear(): void { this.levels.clear(); }

  private level(dir: string): Ignore | null {
    let ig = this.levels.get(dir);
    if (ig !== undefined) { return ig; }
    const abs = path.join(this.root, dir);
    const sources = [path.join(abs, '.gitignore')];
    if (dir === '') { sources.push(path.join(abs, '.git', 'info', 'exclude')); }
    ig = null;
    for (const f of sources) {
      let content: string;
      // as git does, a .gitignore that is a symbolic link is not followed (it could lead out of the folder)
      try { if (fs.lstatSync(f).isSymbolicLink()) { continue; } content = fs.readFileSync(f, 'utf8'); } catch { continue; }
      ig ??= ignore();
      ig.add(content);
    }
    this.levels.set(dir, ig);
    return ig;
  }
}

export interface WalkEntry {
  readonly abs: string;
  /** Relative to the walk's root, `/` separators. */
  readonly rel: string;
  /** Its place in the order the files were found (the order ListOptions.onFiles passes them), from 0. */
  readonly found: number;
}

/** Why paths under a root were left out of its file list. */
export interface ListSkips {
  /** Ignored by git's rules (.gitignore, .git/info/exclude, the global excludes file): files, and folders counted once. */
  ignoredFiles: number;
  ignoredFolders: number;
}

export interface FileList {
  /** The files to scan, sorted by `rel` (code-unit order), so output never depends on timing. */
  readonly files: WalkEntry[];
  readonly skipped: ListSkips;
  /**
   * `git`: git's own list (tracked files plus untracked ones not ignored);
   * `folder`: a folder outside any repository, or one its repository ignores (its own .gitignore files apply).
   */
  readonly source: 'git' | 'folder';
}

export interface ListOptions {
  readonly signal?: AbortSignal;
  /**
   * `false`: never ask git (an untrusted workspace: the folder is walked and its .gitignore files read here).
   * Otherwise git answers through the one hardened runner (src/core/git/git.ts).
   */
  readonly git?: boolean;
  /**
   * Called with files as they are found, before the sorted list is complete (a folder walk: each folder's
   * files; git: the whole list at once), so that a scan can start on them. Every file of the result is
   * passed exactly once. The array is lent for the call (git's list is sorted in place afterwards): copy what
   * is to be kept.
   */
  readonly onFiles?: (files: readonly WalkEntry[]) => void;
}

/**
 * The files under `root` that count, as git sees them: in a work tree, every tracked file plus the untracked
 * files that are not ignored (`git ls-files --cached --others --exclude-standard`, so the global excludes
 * file counts too); a tracked file is listed even when an ignore pattern matches it. A folder with no
 * repository of its own (none above it, or one that ignores it) is walked as a folder, its own .gitignore
 * files applied. One `git` process lists a whole repository; the walk never waits on one file at a time.
 */
export async function listFiles(root: string, opts: ListOptions = {}): Promise<FileList> {
  const top = gitTopLevel(root);
  if (top && opts.git !== false) {
    const rel = toPosix(path.relative(top, root));
    // a folder the enclosing repository ignores is "a folder of its own" (tracked files in it are listed by git)
    const ignoredRoot = rel !== '' && (await run(['check-ignore', '-q', `${rel}/`], top, opts.signal)).code === 0;
    if (!ignoredRoot) {
      // both lists at once: git walks the ignored folders (listed once each) while it lists the files
      const [listed, ignored] = await Promise.all([
        run(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], root, opts.signal),
        run(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory'], root, opts.signal),
      ]);
      if (listed.code === 0) {
        const seen = new Set<string>();
        const files: WalkEntry[] = [];
        for (const r of listed.out.split('\0')) {
          if (!r || seen.has(r)) { continue; }   // a conflicted file is listed once per stage
          seen.add(r);
          files.push({ abs: path.join(root, ...r.split('/')), rel: r, found: files.length });
        }
        opts.onFiles?.(files);
        files.sort(byRel);
        const skipped: ListSkips = { ignoredFiles: 0, ignoredFolders: 0 };
        for (const r of ignored.code === 0 ? ignored.out.split('\0') : []) {
          if (!r) { continue; }
          if (r.endsWith('/')) { skipped.ignoredFolders++; } else { skipped.ignoredFiles++; }
        }
        return { files, skipped, source: 'git' };
      }
      // git missing or failing: the folder walk below, with the repository's rules read by us
    } else {
      return walkFolder(root, new GitIgnoreFilter(root), [], opts);
    }
  }
  if (top) {
    const prefix = toPosix(path.relative(top, root)).split('/').filter(Boolean);
    const filter = new GitIgnoreFilter(top);
    if (!(prefix.length && filter.isIgnored(prefix.join('/'), true))) { return walkFolder(root, filter, prefix, opts); }
  }
  return walkFolder(root, new GitIgnoreFilter(root), [], opts);
}

/**
 * The files git tracks under `root` (relative to it, `/` separators), or undefined outside a repository or
 * without git. A tracked file counts even when an ignore pattern matches it.
 */
export async function trackedFiles(root: string, opts: ListOptions = {}): Promise<Set<string> | undefined> {
  if (opts.git === false || !gitTopLevel(root)) { return undefined; }
  const r = await run(['ls-files', '-z', '--cached'], root, opts.signal);
  return r.code === 0 ? new Set(r.out.split('\0').filter(Boolean)) : undefined;
}

/** Readdir with file types (no stat per file), many folders at once, .git never entered, links not followed. */
async function walkFolder(root: string, filter: GitIgnoreFilter, prefix: string[], opts: ListOptions): Promise<FileList> {
  const { signal, onFiles } = opts;
  const files: WalkEntry[] = [];
  const skipped: ListSkips = { ignoredFiles: 0, ignoredFolders: 0 };
  const queue: string[] = [''];
  let active = 0;
  await new Promise<void>(resolve => {
    const next = (): void => {
      while (active < 16 && queue.length && !signal?.aborted) {
        const dir = queue.pop()!;
        const dirAbs = path.join(root, dir);
        // the folder's entries are `dirAbs` + separator + name (readdir names hold no separator, `.` or `..`)
        const base = dirAbs.endsWith(path.sep) ? dirAbs : dirAbs + path.sep;
        active++;
        fs.readdir(dirAbs, { withFileTypes: true }, (err, entries) => {
          active--;
          if (!err) {   // an unreadable folder is skipped, as git status would warn and go on
            const dirParts = [...prefix, ...(dir ? dir.split('/') : [])];
            if (!entries.some(e => e.name === '.gitignore')) { filter.noIgnoreFileIn(dirParts.join('/')); }
            // the rules that apply here, looked up once per folder (most folders add none of their own)
            const rules = filter.rulesFor(dirParts);
            const ignored = (name: string, isDir: boolean) => rules.length !== 0 && GitIgnoreFilter.testWith(rules, dirParts, name, isDir);
            const before = files.length;
            for (const e of entries) {
              const rel = dir ? `${dir}/${e.name}` : e.name;
              if (e.isDirectory()) {
                if (e.name === '.git') { continue; }
                if (ignored(e.name, true)) { skipped.ignoredFolders++; continue; }
                queue.push(rel);
              } else if (e.isFile()) {
                if (ignored(e.name, false)) { skipped.ignoredFiles++; continue; }
                files.push({ abs: base + e.name, rel, found: files.length });
              }
            }
            if (onFiles && files.length > before) { onFiles(files.slice(before)); }
          }
          next();
        });
      }
      if (active === 0 && (!queue.length || signal?.aborted)) { resolve(); }
    };
    next();
  });
  files.sort(byRel);
  return { files, skipped, source: 'folder' };
}

function byRel(a: WalkEntry, b: WalkEntry): number { return a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0; }

function toPosix(p: string): string { return p.split(path.sep).join('/'); }

/** Asks git through the hardened runner; resolves with its exit code (-1 when it could not run) and output. */
async function run(args: string[], cwd: string, signal?: AbortSignal): Promise<{ code: number; out: string }> {
  try {
    const r = await runGit(args, { cwd, ...(signal ? { signal } : {}) }, [0, 1]);
    return { code: r.status, out: r.status === 0 ? r.stdout : '' };
  } catch {
    return { code: -1, out: '' };
  }
}

/** Every file under `root` that counts (see listFiles), in a stable order. */
export async function* walkFiles(root: string, opts: ListOptions = {}): AsyncGenerator<WalkEntry> {
  for (const f of (await listFiles(root, opts)).files) {
    if (opts.signal?.aborted) { return; }
    yield f;
  }
}

/** The nearest folder at or above `dir` that holds `.git` (a folder, or a file in a linked work tree). */
export function gitTopLevel(dir: string): string | undefined {
  let d = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(path.join(d, '.git'))) { return d; }
    const up = path.dirname(d);
    if (up === d) { return undefined; }
    d = up;
  }
}
