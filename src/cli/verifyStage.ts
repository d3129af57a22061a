// `ring-keys scan --verify`: a stage after the scan. It takes the scan's findings (paths, positions, finding
// fingerprints: never keys), reads each key back from its file, checks each distinct key once with its
// provider, and answers a verdict per finding fingerprint. Keys go only to the base URLs verifyOptions.ts
// resolved (the provider's documented origin, or an override that passes the origin rules). Loaded only when
// a scan is asked to verify: a plain scan never loads the HTTP client.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HttpClient } from '../core/http/client';
import { keyFingerprint } from '../core/keys';
import { checkDistinctKeys, type KeyToCheck, type LiveVerdict } from '../core/liveCheck';
import type { Logger } from '../core/log';
import type { ProviderId } from '../core/providers/catalog';
import { ProviderClients } from '../core/providers/clients';
import { findingFingerprint } from '../core/scanner/baseline';
import type { FileFindings } from '../core/scanner/sarif';

export interface VerifyStageOptions {
  readonly cwd: string;
  readonly baseUrls: Partial<Record<ProviderId, string>>;
  /** Seconds one request may take. */
  readonly timeoutSeconds?: number;
  /** Distinct keys checked at once (default 4). */
  readonly concurrency?: number;
  /** Ring Tonic: the campaign its keys are checked through. */
  readonly ringtonicCampaign?: string;
  readonly logger?: Logger;
  /** Tests pass their own clients (a sandbox with short backoff). */
  readonly clients?: ProviderClients;
}

export interface VerifyStageResult {
  /** Verdict per finding fingerprint (the same key under the same rule has one). */
  readonly verdicts: ReadonlyMap<string, LiveVerdict>;
  /** Distinct keys checked. */
  readonly checked: number;
  /** Findings whose key could not be read back (the file changed since the scan). */
  readonly unreadable: number;
}

export async function verifyFindings(files: readonly FileFindings[], opts: VerifyStageOptions): Promise<VerifyStageResult> {
  const timeoutMs = (opts.timeoutSeconds ?? 30) * 1000;
  const clients = opts.clients ?? new ProviderClients({
    http: new HttpClient({ logger: opts.logger, limits: { attemptTimeoutMs: timeoutMs, headersTimeoutMs: timeoutMs, bodyTimeoutMs: timeoutMs } }),
    baseUrl: p => opts.baseUrls[p],
  });
  const items: Array<KeyToCheck & { fingerprint: string }> = [];
  let unreadable = 0;
  for (const f of files) {
    if (!f.findings.length) { continue; }
    let text: string;
    try { text = fs.readFileSync(path.resolve(opts.cwd, f.path)).toString('utf8'); } catch { unreadable += f.findings.length; continue; }
    const starts = lineStarts(text, Math.max(...f.findings.map(x => x.line)));
    for (const x of f.findings) {
      const at = starts[x.line];
      const key = at === undefined ? '' : text.slice(at + x.column, at + x.column + (x.end - x.start));
      // the key read back must be the one the scan found (same rule, same value), or it is not checked
      if (!key || findingFingerprint(x.rule, key) !== x.fingerprint) { unreadable++; continue; }
      items.push({ provider: x.provider, key, fingerprint: x.fingerprint,
        ...(x.provider === 'ringtonic' && opts.ringtonicCampaign ? { campaignId: opts.ringtonicCampaign } : {}) });
    }
  }
  const results = await checkDistinctKeys(clients, items, { concurrency: opts.concurrency });
  const verdicts = new Map<string, LiveVerdict>();
  items.forEach((it, i) => verdicts.set(it.fingerprint, results[i]));
  const checked = new Set(items.map(i => `${i.provider}:${keyFingerprint(i.key)}`)).size;
  return { verdicts, checked, unreadable };
}

/** Offsets where lines 0..last begin (`\n` ends a line, as the scanner counts). */
function lineStarts(text: string, last: number): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1 && out.length <= last; i = text.indexOf('\n', i + 1)) { out.push(i + 1); }
  return out;
}
