// The project-level tie to Ringg AI: a project that mentions a Ringg host (`ringg.ai` in any file scanned)
// makes a UUID under a generic key name a Ringg key (high confidence) in all of its files, not only in the
// file with the host. Scanners feed it each file they read and rescan the few files whose findings it
// raises. No `vscode` import.
import type { Finding } from './scanner';

const HOST = 'ringg.ai';
/** The host is searched by its tail: a search looks for the first character with memchr, and `g` is rarer than `r`. */
const TAIL = 'gg.ai';
const TAIL_BYTES = Buffer.from(TAIL);
const HEAD = HOST.slice(0, HOST.length - TAIL.length);

export class RinggProjectTie {
  private seen = false;

  /** Has a scanned file mentioned a Ringg host? (ScanOptions.ringgProject) */
  get mentioned(): boolean { return this.seen; }

  /** Looks at one file; true the first time the project is seen to mention a Ringg host (rescan the low findings). */
  observe(content: string | Uint8Array): boolean {
    if (this.seen) { return false; }
    const hit = mentionsRinggHost(content);
    if (hit) { this.seen = true; }
    return hit;
  }
}

/** Does the text or file mention a Ringg host? */
export function mentionsRinggHost(content: string | Uint8Array): boolean {
  const h = HEAD.length;
  if (typeof content === 'string') {
    for (let i = content.indexOf(TAIL, h); i !== -1; i = content.indexOf(TAIL, i + 1)) {
      if (content.startsWith(HEAD, i - h)) { return true; }
    }
    return false;
  }
  const buf = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  for (let i = buf.indexOf(TAIL_BYTES, h); i !== -1; i = buf.indexOf(TAIL_BYTES, i + 1)) {
    let k = 0;
    while (k < h && buf[i - h + k] === HEAD.charCodeAt(k)) { k++; }
    if (k === h) { return true; }
  }
  return false;
}

/** Findings the project tie would raise: Ringg findings at low confidence under a generic name. */
export function hasRaisableFindings(findings: readonly Finding[]): boolean {
  return findings.some(f => f.rule === 'ringg-api-key' && f.confidence === 'low');
}
