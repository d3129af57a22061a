// Inline suppressions: a marker on the finding's line or on the line above silences it. Ours is
// `ring-keys-ignore`; the markers of other scanners are honoured so a team needs only one comment.
// No `vscode` import.

export const IGNORE_MARKER = 'ring-keys-ignore';

export const FOREIGN_MARKERS = [
  'gitleaks:allow',
  'pragma: allowlist secret',
  'pragma: allowlist nextline secret',
  'secretlint-disable-line',
  'secretlint-disable-next-line',
  'trufflehog:ignore',
  'ggignore',
] as const;

const MARKERS = [IGNORE_MARKER, ...FOREIGN_MARKERS];

/** Does this line carry a suppression marker? (Cheap: one indexOf for the common 'no marker' case.) */
export function hasIgnoreMarker(line: string): boolean {
  if (line.length === 0) { return false; }
  for (const m of MARKERS) {
    if (line.includes(m)) { return true; }
  }
  return false;
}

/**
 * Where markers occur in `text[from, to)`: the start and end of each, in order. One pass per marker over the
 * range, so a long line is searched once, however many candidates it holds.
 */
export function markerSpans(text: string, from: number, to: number): { starts: number[]; ends: number[] } {
  const found: Array<[number, number]> = [];
  for (const m of MARKERS) {
    for (let i = text.indexOf(m, from); i !== -1 && i + m.length <= to; i = text.indexOf(m, i + 1)) { found.push([i, i + m.length]); }
  }
  found.sort((a, b) => a[0] - b[0]);
  return { starts: found.map(f => f[0]), ends: found.map(f => f[1]) };
}

/** Is a whole marker inside `[from, to)`? `spans` from markerSpans (sorted by start). */
export function markerWithin(spans: { starts: number[]; ends: number[] }, from: number, to: number): boolean {
  // the first marker starting at or after `from`, then any that also ends by `to`
  let lo = 0; let hi = spans.starts.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (spans.starts[mid] < from) { lo = mid + 1; } else { hi = mid; } }
  for (let i = lo; i < spans.starts.length && spans.starts[i] < to; i++) {
    if (spans.ends[i] <= to) { return true; }
  }
  return false;
}

export type CommentStyle = { readonly start: string; readonly end?: string } | undefined;

/**
 * How to write a line comment in a language (VS Code language id, or a file name for the CLI).
 * `undefined` where the format has no comments (JSON): only the baseline can accept a finding there.
 */
export function commentStyle(languageId: string): CommentStyle {
  switch (languageId) {
    case 'json': return undefined;
    case 'python': case 'shellscript': case 'yaml': case 'ruby': case 'perl': case 'r': case 'toml': case 'dotenv':
    case 'properties': case 'dockerfile': case 'makefile': case 'powershell': case 'elixir': case 'coffeescript':
    case 'julia': case 'nim': case 'http': case 'ignore': case 'plaintext': case 'graphql': case 'terraform':
    case 'hcl': case 'conf': case 'env':
      return { start: '# ' };
    case 'html': case 'xml': case 'markdown': case 'vue-html': case 'svg': case 'xsl': case 'razor':
      return { start: '<!-- ', end: ' -->' };
    case 'css':
      return { start: '/* ', end: ' */' };
    case 'sql': case 'lua': case 'haskell': case 'elm':
      return { start: '-- ' };
    case 'ini': case 'clojure': case 'lisp': case 'scheme':
      return { start: '; ' };
    case 'bat':
      return { start: 'REM ' };
    case 'vb':
      return { start: "' " };
    case 'latex': case 'tex': case 'erlang': case 'matlab':
      return { start: '% ' };
    default:
      return { start: '// ' };   // javascript, typescript, jsonc, go, java, kotlin, c, cpp, csharp, rust, php, swift, dart, scala, …
  }
}
