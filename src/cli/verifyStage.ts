// `ring-keys scan --verify`: a stage after the scan. It takes the scan's findings (paths, positions, finding
// fingerprints: never keys), reads each key back from its file, checks each distinct key once with its
// provider, and answers a verdict per finding fingerprint. Where keys may go is decided here, once: the
// provider's documented origin, or a base URL from --<provider>-base-url / RINGKEYS_<PROVIDER>_BASE_URL that
// passes the same origin rules as everywhere else (HTTPS under the provider's domain, or loopback).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HttpClient } from '../core/http/client';
import { checkBaseUrl } from '../core/http/origin';
import { keyFingerprint } from '../core/keys';
import { checkDistinctKeys, type KeyToCheck, type LiveVerdict, type Validity } from '../core/liveCheck';
import type { Logger } from '../core/log';
import { PROVIDER_IDS, type ProviderId } from '../core/providers/catalog';
import { ProviderClients } from '../core/providers/clients';
import { findingFingerprint } from '../core/scanner/baseline';
import type { FileFindings } from '../core/scanner/sarif';
import { UsageError } from './types';

/** The environment variable that points a provider at another base URL (e.g. the sandbox). */
export const baseUrlEnvVar = (p: ProviderId) => `RINGKEYS_${p.toUpperCase()}_BASE_URL`;

/** The option that does the same on the command line. */
export const baseUrlOption = (p: ProviderId) => `${p}-base-url`;

/**
 * The base URL per provider: the option, else the environment variable, else the documented default
 * (undefined). A URL that may not receive keys is a usage error, never a silent fallback.
 */
export function resolveBaseUrls(options: Partial<Record<string, unknown>>, env: NodeJS.ProcessEnv): Partial<Record<ProviderId, string>> {
  const out: Partial<Record<ProviderId, string>> = {};
  for (const p of PROVIDER_IDS) {
    const fromOption = options[baseUrlOption(p)];
    const raw = typeof fromOption === 'string' ? fromOption : env[baseUrlEnvVar(p)];
    if (raw === undefined || raw.trim() === '') { continue; }
    try {
      out[p] = checkBaseUrl(p, raw);
    } catch (err) {
      throw new UsageError(`${fromOption !== undefined ? `--${baseUrlOption(p)}` : baseUrlEnvVar(p)}: ${(err as Error).message}`);
    }
  }
  return out;
}

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
  items.forEach((it, i) => verdicts.set(it.fingerprint, results[i]!));
  const checked = new Set(items.map(i => `${i.provider}:${keyFingerprint(i.key)}`)).size;
  return { verdicts, checked, unreadable };
}

/** Offsets where lines 0..last begin (`\n` ends a line, as the scanner counts). */
function lineStarts(text: string, last: number): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1 && out.length <= last; i = text.indexOf('\n', i + 1)) { out.push(i + 1); }
  return out;
}

/** `--fail-on`: which findings make the exit status 1. */
export type FailOn = 'any' | 'live';

export function parseFailOn(raw: string | undefined, verify: boolean): FailOn {
  if (raw === undefined) { return 'any'; }
  if (raw !== 'any' && raw !== 'live') { throw new UsageError(`--fail-on must be live or any, not '${raw}'`); }
  if (raw === 'live' && !verify) { throw new UsageError('--fail-on live needs --verify (the keys must be checked to know which are live)'); }
  return raw;
}

/** The validity of a finding for reports (`unchecked` when its key could not be read back). */
export function validityOf(verdicts: ReadonlyMap<string, LiveVerdict> | undefined, fingerprint: string): Validity | 'unchecked' | undefined {
  if (!verdicts) { return undefined; }
  return verdicts.get(fingerprint)?.validity ?? 'unchecked';
}

/** Adds `properties.validity` (and the reason) to each SARIF result, matched by its partial fingerprint. */
export function addValidityToSarif(sarif: object, verdicts: ReadonlyMap<string, LiveVerdict>, describe: (v: LiveVerdict) => string): void {
  const runs = (sarif as { runs?: Array<{ results?: Array<Record<string, unknown>> }> }).runs ?? [];
  for (const run of runs) {
    for (const r of run.results ?? []) {
      const fp = (r.partialFingerprints as Record<string, string> | undefined)?.['ringKeys/v1'];
      if (!fp) { continue; }
      const v = verdicts.get(fp);
      const props = (r.properties ?? {}) as Record<string, unknown>;
      props.validity = v?.validity ?? 'unchecked';
      if (v) { props.validityReason = describe(v); }
      r.properties = props;
    }
  }
}
