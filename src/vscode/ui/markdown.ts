// Untrusted text (API answers, profile metadata, file names) inside Markdown we build. Tooltips allow
// a few exact `command:` links of our own, so a string from outside must never become syntax there:
// no link, no image, no emphasis, no theme icon, no autolinked URL.

/**
 * `text` as Markdown that renders as exactly that text: every ASCII punctuation character becomes a
 * numeric character reference (Markdown never reads a reference as syntax, and a URL or `command:`
 * scheme broken by one is not autolinked), line breaks become spaces.
 */
export function markdownText(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(/[!-/:-@[-`{-~]/g, c => `&#${c.charCodeAt(0)};`);
}

/** `text` for a status-bar label or other icon-aware plain text: `$(name)` shows as written, not as an icon. */
export function iconSafe(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}
