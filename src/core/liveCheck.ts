// "Does this found key still work?" A key found in a file is checked against its provider's own API, through
// the one HTTP layer (the provider's checked origin only, the per-key limiter, retries for GET), and the answer
// becomes a verdict: live, rejected (revoked or never valid), restricted (accepted, but 403) or unknown.
// No `vscode` import: the extension and `ring-keys scan --verify` share it; each words a verdict itself
// (src/cli/messages.ts, src/vscode/features/leaks/verdictText.ts). A verdict never holds the key.
import { keyFingerprint } from './keys';
import { PROVIDERS, type ProviderId } from './providers/catalog';
import type { ProviderClients, VerifyOutcome, VerifySummary } from './providers/clients';

export type Validity = 'live' | 'rejected' | 'restricted' | 'unknown';

export const VALIDITIES: readonly Validity[] = ['live', 'rejected', 'restricted', 'unknown'];

/** Why a verdict is what it is: a code each front end turns into its own words. */
export type VerdictReason =
  | 'accepted'        // 200
  | 'rejected'        // 401
  | 'forbidden'       // 403
  | 'rateLimited'     // 429 after the retries allowed
  | 'providerError'   // 5xx after the retries allowed
  | 'network'         // no answer: DNS, refused, reset
  | 'timeout'
  | 'malformed'       // an answer that is not what the API documents
  | 'noCampaign'      // Ring Tonic documents no endpoint to check a key without a campaign
  | 'notAllowed'      // the base URL or a redirect would take the key elsewhere: not sent
  | 'notFound'        // 404 for the check itself: most often a base URL without the API's path
  | 'other';

export interface LiveVerdict {
  readonly validity: Validity;
  readonly reason: VerdictReason;
  readonly provider: ProviderId;
  /** HTTP status behind the verdict, when there was one. */
  readonly status?: number;
  /** The provider's own words (already redacted by the HTTP layer), for the log and the hover. */
  readonly detail?: string;
  /** Ringg: the workspace the key opens. */
  readonly workspace?: { readonly name: string; readonly credits?: number; readonly available?: number };
  /** Ringyo: test or live key; the summary line of a live check. */
  readonly mode?: 'live' | 'test';
  readonly summary?: VerifySummary;
  /** `notFound`: the URL the check asked, and the base URL to use instead (when the base URL lacks the API's path). */
  readonly notFound?: NotFoundHint;
  readonly checkedAt: number;
}

/** Which URL answered 404 to a key check, and what the provider's base URL should look like. */
export interface NotFoundHint {
  /** The method and URL asked (e.g. `GET http://127.0.0.1:8751/workspace`); never holds a key. */
  readonly tried: string;
  /** The base URL with the documented API path (e.g. `http://127.0.0.1:8751/ca/api/v0`); undefined when it has it already. */
  readonly expected?: string;
}

/** The path under the base URL that a key check asks first (Ring Tonic: only with a campaign). */
export function checkPath(provider: ProviderId, campaignId?: string): string {
  switch (provider) {
    case 'ringg': return '/workspace';
    case 'ringyo': return '/agents?limit=1';
    case 'ringtonic': return `/campaigns/${encodeURIComponent(campaignId ?? '{campaign}')}/geo-data`;
  }
}

/**
 * What to say about a 404 from a key check against `baseUrl`: the URL asked, and the same origin with the
 * documented API path (`/ca/api/v0`, `/v1`, `/api/v1`) unless the base URL already ends in it.
 */
export function notFoundHint(provider: ProviderId, baseUrl: string, campaignId?: string): NotFoundHint {
  const base = baseUrl.replace(/\/+$/, '');
  const apiPath = new URL(PROVIDERS[provider].defaultBaseUrl).pathname.replace(/\/+$/, '');
  let expected: string | undefined;
  try {
    const u = new URL(base);
    expected = u.pathname.replace(/\/+$/, '') === apiPath ? undefined : `${u.origin}${apiPath}`;
  } catch { expected = undefined; }
  return { tried: `GET ${base}${checkPath(provider, campaignId)}`, ...(expected ? { expected } : {}) };
}

/** The verdict a verify outcome amounts to. */
export function verdictOf(provider: ProviderId, outcome: VerifyOutcome, now: number): LiveVerdict {
  switch (outcome.state) {
    case 'valid':
      return { validity: 'live', reason: 'accepted', provider, status: 200, checkedAt: now, summary: outcome.summary,
        ...(outcome.mode ? { mode: outcome.mode } : {}),
        ...(outcome.workspace ? { workspace: { name: outcome.workspace.name, credits: outcome.workspace.credits, available: outcome.workspace.available } } : {}) };
    case 'rejected':
      return { validity: 'rejected', reason: 'rejected', provider, status: 401, detail: outcome.error.message, checkedAt: now };
    case 'forbidden':
      return { validity: 'restricted', reason: 'forbidden', provider, status: 403, detail: outcome.error.message, checkedAt: now };
    case 'unverifiable':
      return { validity: 'unknown', reason: 'noCampaign', provider, checkedAt: now };
    case 'undetermined': {
      const e = outcome.error;
      const reason: VerdictReason = e.kind === 'rateLimited' ? 'rateLimited' : e.kind === 'providerError' ? 'providerError'
        : e.kind === 'network' ? 'network' : e.kind === 'timeout' ? 'timeout' : e.kind === 'malformed' || e.kind === 'tooLarge' ? 'malformed'
          : e.kind === 'redirectBlocked' || e.kind === 'originNotAllowed' ? 'notAllowed'
            : e.kind === 'requestError' && e.status === 404 ? 'notFound' : 'other';
      return { validity: 'unknown', reason, provider, ...(e.status ? { status: e.status } : {}), detail: e.message, checkedAt: now };
    }
  }
}

export interface CheckOptions {
  /** Ring Tonic: a campaign to check through (its key has no other endpoint). */
  readonly campaignId?: string;
  readonly now?: () => number;
}

/**
 * Checks one found key with its provider. Never throws for anything the provider or the network does:
 * every failure is a verdict. The key goes only where `clients` sends keys (the provider's checked origin).
 */
export async function checkFoundKey(clients: ProviderClients, provider: ProviderId, key: string, opts: CheckOptions = {}): Promise<LiveVerdict> {
  const now = opts.now ?? Date.now;
  let outcome: VerifyOutcome;
  try {
    // verify() turns every provider and network failure into an outcome; what still throws is a bug
    outcome = await clients.verify(provider, key.trim(), { campaignId: opts.campaignId });
  } catch (err) {
    return { validity: 'unknown', reason: 'other', provider, detail: err instanceof Error ? err.name : 'error', checkedAt: now() };
  }
  const v = verdictOf(provider, outcome, now());
  // a 404 for the check: name the URL asked and the base URL it should have been (a path left out, most often)
  return v.reason === 'notFound' ? { ...v, notFound: notFoundHint(provider, clients.baseUrl(provider), opts.campaignId) } : v;
}

/**
 * Verdicts by fingerprint for a while (so a hover, a code action and a rescan do not ask the provider again).
 * Entries expire after `ttlMs`; an unknown verdict expires sooner, since trying again may tell.
 */
export class VerdictCache {
  private readonly entries = new Map<string, LiveVerdict>();
  constructor(private readonly ttlMs = 15 * 60_000, private readonly now: () => number = Date.now, private readonly unknownTtlMs = 60_000) {}

  get(fingerprint: string): LiveVerdict | undefined {
    const v = this.entries.get(fingerprint);
    if (!v) { return undefined; }
    if (this.now() - v.checkedAt > (v.validity === 'unknown' ? this.unknownTtlMs : this.ttlMs)) {
      this.entries.delete(fingerprint);
      return undefined;
    }
    return v;
  }

  set(fingerprint: string, verdict: LiveVerdict): void { this.entries.set(fingerprint, verdict); }
  delete(fingerprint: string): void { this.entries.delete(fingerprint); }
  clear(): void { this.entries.clear(); }
  get size(): number { return this.entries.size; }
}

/** A found key to check (many findings may share one key: it is checked once). */
export interface KeyToCheck {
  readonly provider: ProviderId;
  readonly key: string;
  readonly campaignId?: string;
}

/**
 * Checks each distinct key (provider + key) once, at most `concurrency` at a time, and returns the verdict for
 * every input in input order. Keys of one provider share the client's per-key limiter; distinct keys go out in
 * parallel up to the bound.
 */
export async function checkDistinctKeys(clients: ProviderClients, items: readonly KeyToCheck[],
  opts: { concurrency?: number; now?: () => number } = {}): Promise<LiveVerdict[]> {
  const distinct = new Map<string, KeyToCheck>();
  const idOf = (i: KeyToCheck) => `${i.provider}:${keyFingerprint(i.key)}`;
  for (const i of items) { if (!distinct.has(idOf(i))) { distinct.set(idOf(i), i); } }
  const queue = [...distinct.values()];
  const limit = Math.max(1, Math.min(opts.concurrency ?? 4, 16));
  const results = new Map<string, LiveVerdict>();
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      results.set(idOf(next), await checkFoundKey(clients, next.provider, next.key, { campaignId: next.campaignId, now: opts.now }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
  return items.map(i => results.get(idOf(i))!);
}
