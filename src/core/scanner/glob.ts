// Glob patterns as VS Code settings write them (`**/*.min.js`, `{dist,out}/**`, `**/.git`), matched against
// paths relative to a workspace folder. Paths are short, so the regular expressions here run on bounded
// input. No `vscode` import.

const cache = new Map<string, RegExp>();

/** `**` any number of folders, `*` and `?` within one name, `{a,b}` alternatives (nestable), `[abc]` classes. */
export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    re = new RegExp(`^${translate(glob.replace(/^\.\//, '').replace(/^\//, ''))}$`);
    cache.set(glob, re);
  }
  return re;
}

function translate(g: string): string {
  let out = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slashAfter = g[i + 2] === '/';
        const slashBefore = i === 0 || g[i - 1] === '/';
        if (slashBefore && slashAfter) { out += '(?:[^/]*(?:/[^/]*)*/)?'; i += 2; } else { out += '.*'; i += 1; }
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '{') {
      const end = closing(g, i);
      if (end === -1) { out += '\\{'; continue; }
      out += `(?:${split(g.slice(i + 1, end)).map(translate).join('|')})`;
      i = end;
    } else if (c === '[') {
      const end = g.indexOf(']', i + 1);
      if (end === -1) { out += '\\['; continue; }
      const body = g.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
      out += `[${body}]`;
      i = end;
    } else {
      out += /[.+^$()|\\]/.test(c) ? `\\${c}` : c;
    }
  }
  return out;
}

function closing(g: string, open: number): number {
  let depth = 0;
  for (let i = open; i < g.length; i++) {
    if (g[i] === '{') { depth++; } else if (g[i] === '}') { depth--; if (depth === 0) { return i; } }
  }
  return -1;
}

function split(body: string): string[] {
  const parts: string[] = [];
  let depth = 0; let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') { depth++; } else if (body[i] === '}') { depth--; } else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i)); start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/** Does a glob match the path or one of the folders above it (how files.exclude treats `**\/node_modules`)? */
export function matchesPathOrParent(rel: string, globs: readonly string[]): boolean {
  if (!globs.length) { return false; }
  const parts = rel.split('/');
  for (let n = parts.length; n >= 1; n--) {
    const p = parts.slice(0, n).join('/');
    for (const g of globs) {
      if (globToRegExp(g).test(p)) { return true; }
    }
  }
  return false;
}

/** Include/exclude decision for one relative path. */
export function isIncluded(rel: string, include: readonly string[], exclude: readonly string[]): boolean {
  if (include.length && !include.some(g => globToRegExp(g).test(rel))) { return false; }
  return !matchesPathOrParent(rel, exclude);
}
