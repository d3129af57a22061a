// The options of `ring-keys scan --verify` and how its verdicts join the reports. Light on purpose: scan.ts
// imports it always, the HTTP client (verifyStage.ts) only when --verify is given. Where keys may go is decided
// here, once: the provider's documented origin, or a base URL from --<provider>-base-url or
// RINGKEYS_<PROVIDER>_BASE_URL that passes the same origin rules as everywhere else (HTTPS under the
// provider's domain, or loopback).
import { checkBaseUrl } from '../core/http/origin';
import type { LiveVerdict, Validity } from '../core/liveCheck';
import { PROVIDER_IDS, type ProviderId } from '../core/providers/catalog';
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

/**
 * `--fail-on`: which findings make the exit status 1. `high` (the default): findings of high confidence (a
 * low-confidence one is information); `low` (or `any`): every finding; `live`: a key its provider accepts.
 */
export type FailOn = 'high' | 'low' | 'live';

export function parseFailOn(raw: string | undefined, verify: boolean): FailOn {
  if (raw === undefined) { return 'high'; }
  if (raw === 'any') { return 'low'; }
  if (raw !== 'high' && raw !== 'low' && raw !== 'live') { throw new UsageError(`--fail-on must be high, low (or any) or live, not '${raw}'`); }
  if (raw === 'live' && !verify) { throw new UsageError('--fail-on live needs --verify (the keys must be checked to know which are live)'); }
  return raw;
}

/** Does this finding make `ring-keys scan` exit 1 under `failOn`? (`live` is decided by the verdicts.) */
export function failsOn(failOn: Exclude<FailOn, 'live'>, finding: { readonly confidence: 'high' | 'low' }): boolean {
  return failOn === 'low' || finding.confidence === 'high';
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
