// `{0}`, `{1}`… in a message replaced by the arguments, as vscode.l10n.t does in the extension host: what the
// CLI's English and the webviews' localised strings go through. A placeholder without its argument stays.
export function fillPlaceholders(template: string, ...args: readonly unknown[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}
