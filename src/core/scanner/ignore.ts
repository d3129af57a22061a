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
