// Credits as numbers are written where they are read. Pure, no I/O: the CLI's scan path loads it without the HTTP layer.

/**
 * Credits as the reader writes numbers: `locale` is the display language (the extension: vscode.env.language;
 * the CLI: en-US, so its output does not depend on the machine). A tag Intl does not know falls back to its default.
 */
export function formatCredits(n: number | undefined, locale: string | undefined): string {
  if (n === undefined) { return '—'; }
  try {
    return n.toLocaleString(locale, { maximumFractionDigits: 2 });
  } catch {
    return n.toLocaleString(undefined, { maximumFractionDigits: 2 });
  }
}
