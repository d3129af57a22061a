// Shape checks for values from outside (webview messages, saved state, settings): plain TypeScript, used by
// the extension host and the webview scripts alike.

/** A plain object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An object whose every value is a string. */
export function isStringMap(v: unknown): v is Record<string, string> {
  return isRecord(v) && Object.values(v).every(x => typeof x === 'string');
}
