// Arguments are outside text too: a key pasted as a bare argument must never be echoed back
// ("Unexpected argument '<key>'", "unknown command '<key>'", "no such file or folder: <key>").
import { Redactor } from '../core/http/redact';
import type { CliIo } from './types';

/** Tokens that look like a key: a UUID, a Ringyo / Ring Tonic prefix, or a long mixed-case alphanumeric run. */
const KEY_LIKE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b(?:rg|vb)_(?:live|test)_[A-Za-z0-9]{4,}|\brt_[A-Za-z0-9]{8,}|[A-Za-z0-9]{24,}/gi;

/** The parts of the arguments that look like a key. */
export function keyLikeTokens(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    for (const m of a.match(KEY_LIKE) ?? []) {
      // a long run counts only when it mixes letters and digits (not a word or a number)
      if (/^[A-Za-z0-9]+$/.test(m) && !(/[0-9]/.test(m) && /[A-Za-z]/.test(m))) { continue; }
      out.push(m);
    }
  }
  return out;
}

/**
 * The io a subcommand writes through: when an argument looks like a key, everything printed passes
 * through the one redaction function with that argument as a secret. Otherwise io is returned as is.
 */
export function guardedIo(args: readonly string[], io: CliIo): { io: CliIo; redact: (text: string) => string } {
  const tokens = keyLikeTokens(args);
  if (!tokens.length) { return { io, redact: t => t }; }
  const r = new Redactor();
  for (const t of tokens) { r.add(t); }
  const redact = (t: string) => r.text(t);
  return { io: { ...io, stdout: s => io.stdout(redact(s)), stderr: s => io.stderr(redact(s)) }, redact };
}
