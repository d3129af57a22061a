// Glob patterns as VS Code settings write them (`**/*.min.js`, `{dist,out}/**`, `**/.git`), matched against
// '/'-separated paths relative to a workspace folder, by picomatch (the matcher behind micromatch, chokidar
// and fast-glob). Our part is only what settings need on top: a leading `./` or `/` means the folder's root,
// names starting with a dot match like any other (as in files.exclude), an excluded folder excludes what is
// inside it, and a pattern picomatch refuses (a workspace setting is outside input) matches nothing.
// No `vscode` import.
import picomatch from 'picomatch';

type Matcher = (path: string) => boolean;
const cache = new Map<string, Matcher>();
const NOTHING: Matcher = () => false;

/**
 * A compiled, cached matcher for one glob. `windows: false`: paths and globs use '/' on every platform.
 * `posix: true` makes `[!a]` a negated class as in VS Code's globs and bash (without it picomatch 4.0 reads
 * the `!` as a class member: micromatch/picomatch#187), and allows `[[:alpha:]]`.
 */
export function globMatcher(glob: string): Matcher {
  let m = cache.get(glob);
  if (!m) {
    try {
      m = picomatch(glob.replace(/^\.\//, '').replace(/^\//, ''), { dot: true, windows: false, posix: true });
    } catch {
      m = NOTHING;
    }
    cache.set(glob, m);
  }
  return m;
}

/** Does a glob match the path or one of the folders above it (how files.exclude treats `**\/node_modules`)? */
export function matchesPathOrParent(rel: string, globs: readonly string[]): boolean {
  if (!globs.length) { return false; }
  const parts = rel.split('/');
  for (let n = parts.length; n >= 1; n--) {
    const p = parts.slice(0, n).join('/');
    if (globs.some(g => globMatcher(g)(p))) { return true; }
  }
  return false;
}

/** Include/exclude decision for one relative path. */
export function isIncluded(rel: string, include: readonly string[], exclude: readonly string[]): boolean {
  if (include.length && !include.some(g => globMatcher(g)(rel))) { return false; }
  return !matchesPathOrParent(rel, exclude);
}
