// The files git would track under a folder: .gitignore files at every level (deeper ones win, `!` negations
// work), .git/info/exclude, never .git itself, symbolic links not followed. No `vscode` import.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

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
      try { content = fs.readFileSync(f, 'utf8'); } catch { continue; }
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
  readonly size: number;
}

/** Every file git would track under `root` (a directory), in a stable order. */
export async function* walkFiles(root: string, opts: { signal?: AbortSignal } = {}): AsyncGenerator<WalkEntry> {
  // inside a git work tree, the rules of the folders above `root` apply too (as `git status sub/` sees them)
  const top = gitTopLevel(root);
  const filter = new GitIgnoreFilter(top ?? root);
  const prefix = top ? path.relative(top, root).split(path.sep).filter(Boolean) : [];
  if (prefix.length && filter.isIgnored(prefix.join('/'), true)) { return; }
  const ignored = (rel: string, isDir: boolean) => filter.test([...prefix, ...rel.split('/')], isDir);
  const stack: string[] = [''];
  while (stack.length) {
    if (opts.signal?.aborted) { return; }
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(path.join(root, dir), { withFileTypes: true });
    } catch {
      continue;   // unreadable folder: skip it, as git status would warn and go on
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const e of entries) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name === '.git' || ignored(rel, true)) { continue; }
        subdirs.push(rel);
      } else if (e.isFile()) {
        if (ignored(rel, false)) { continue; }
        let size = 0;
        try { size = (await fs.promises.stat(path.join(root, rel))).size; } catch { continue; }
        yield { abs: path.join(root, rel), rel, size };
      }
    }
    for (let i = subdirs.length - 1; i >= 0; i--) { stack.push(subdirs[i]); }
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
