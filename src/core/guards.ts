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

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** Absent, or a string. */
export const isOptionalString = (v: unknown): v is string | undefined => v === undefined || typeof v === 'string';

/** An array whose every item passes `item`. */
export function isArrayOf<T>(v: unknown, item: (x: unknown) => x is T): v is T[] {
  return Array.isArray(v) && v.every(x => item(x));
}

/** `[string, string]` */
export function isStringPair(v: unknown): v is [string, string] {
  return Array.isArray(v) && v.length === 2 && isString(v[0]) && isString(v[1]);
}
