// Paths built from outside text (a workspace setting, a file name a repository chooses) stay inside their
// folder: `..`, absolute paths and symlinks that lead out are refused with a message that says why.
// Plain Node, no `vscode` import.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Confined = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

/** The real path of `p`, or of its deepest existing ancestor with the rest appended (for a file not yet written). */
function realPathOf(p: string): string {
  const rest: string[] = [];
  let cur = p;
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(cur), ...rest.reverse());
    } catch {
      const up = path.dirname(cur);
      if (up === cur) { return p; }
      rest.push(path.basename(cur));
      cur = up;
    }
  }
}

const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * `relative` (from a setting or a file name) resolved inside `folder`, following `..` and every symlink
 * on the way, or the reason it is refused. The returned path is the real one: write and read that.
 */
export function confineToFolder(folder: string, relative: string, what = 'The path'): Confined {
  if (!relative || /\0/.test(relative)) { return { ok: false, reason: `${what} is empty or not a file name.` }; }
  if (path.isAbsolute(relative) || path.win32.isAbsolute(relative) || /^[a-z]:/i.test(relative)) {
    return { ok: false, reason: `${what} "${relative}" is absolute; only a path inside the folder is used.` };
  }
  const folderReal = realPathOf(path.resolve(folder));
  const joined = path.resolve(folder, relative);
  if (!inside(joined, path.resolve(folder))) {
    return { ok: false, reason: `${what} "${relative}" leads out of the folder; only a path inside it is used.` };
  }
  const real = realPathOf(joined);
  if (!inside(real, folderReal)) {
    return { ok: false, reason: `${what} "${relative}" leads out of the folder through a symbolic link; only a path inside it is used.` };
  }
  return { ok: true, path: real };
}
