// The project-level tie to Ringg AI: a project that mentions a Ringg host (`ringg.ai` in any file scanned)
// makes a UUID under a generic key name a Ringg key (normal confidence) in all of its files, not only in the
// file with the host. Scanners feed it each file they read and rescan the few files whose findings it
// raises. No `vscode` import.
import type { Finding } from './scanner';

const HOST = 'ringg.ai';
const HOST_BYTES = Buffer.from(HOST);

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
  return typeof content === 'string' ? content.includes(HOST) : Buffer.from(content.buffer, content.byteOffset, content.byteLength).includes(HOST_BYTES);
}

/** Findings the project tie would raise: Ringg findings at low confidence under a generic name. */
export function hasRaisableFindings(findings: readonly Finding[]): boolean {
  return findings.some(f => f.rule === 'ringg-api-key' && f.confidence === 'low');
}
