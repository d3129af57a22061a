// The one way a name from outside (a file path, a commit subject, an author, a server's words) reaches text
// output that a terminal or a CI log renders: control characters are written as C-style escapes, as git does
// with core.quotePath, so a name cannot move the cursor, erase a line, retitle the window, start a line of its
// own ("No keys found …") or reorder what follows it (bidi controls). JSON and SARIF carry names exactly and do
// not use this. No `vscode` import.

/**
 * What a terminal acts on instead of printing: C0 controls (with TAB, LF, CR, ESC), DEL, C1 controls
 * (U+0080–U+009F, CSI and OSC among them) and the bidi embedding, override and isolate controls
 * (U+202A–U+202E, U+2066–U+2069).
 */
function isControl(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/** `"` and `\` are quoted too (git's rule), so that a quoted name reads back as one. */
function isQuoted(c: number): boolean { return isControl(c) || c === 34 || c === 92; }

const SHORT: Readonly<Record<string, string>> = {
  '\u0007': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\',
};

/** One character as git writes it in a quoted path: a short escape, else each UTF-8 byte as `\ooo`. */
function escapeChar(c: string): string {
  return SHORT[c] ?? [...Buffer.from(c, 'utf8')].map(b => `\\${b.toString(8).padStart(3, '0')}`).join('');
}

/**
 * A name for text output, quoted the way git quotes a path: unchanged when it holds nothing a terminal would
 * act on (and no `"` or `\`); else in double quotes with `\n`, `\t`, `\"`, `\\` … and `\ooo` octal bytes
 * (`\033` for ESC, `\302\233` for U+009B). `unquotePath` (git/patch.ts) reads it back exactly.
 */
export function quoteName(name: string): string {
  for (let i = 0; i < name.length; i++) {
    if (isQuoted(name.charCodeAt(i))) { return `"${escapeWhere(name, isQuoted)}"`; }
  }
  return name;
}

/**
 * Free text for one line of output (a message that quotes words from outside): each control character
 * escaped as in quoteName, no quotes added, `"` and `\` kept.
 */
export function escapeControls(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (isControl(text.charCodeAt(i))) { return escapeWhere(text, isControl); }
  }
  return text;
}

function escapeWhere(text: string, escaped: (c: number) => boolean): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (escaped(text.charCodeAt(i))) { out += text.slice(from, i) + escapeChar(text[i]); from = i + 1; }
  }
  return out + text.slice(from);
}
