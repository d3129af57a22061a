// Ring Tonic (/api/v1) as the sandbox answers it: Bearer keys on the Agency plan (or without it: 403),
// and one known campaign's geo-data for verification.
import type * as http from 'node:http';
import { alnum, header, refill, send } from './common';
import type { SandboxKeyKind } from './types';

/** A known Ring Tonic campaign, for verification through geo-data. */
export const SANDBOX_CAMPAIGN_ID = '5f0c8a4e-2b1d-4c3e-9a7f-6d5e4c3b2a19';

export class RingtonicSandbox {
  /** Accepted keys now, on the Agency plan (a revoked key leaves its set). */
  private readonly keys = new Set<string>();
  /** Keys of accounts without the Agency plan: answered 403 "plan required". */
  private readonly noPlanKeys = new Set<string>();

  /** Back to the first state: these keys. */
  reset(keys: string[], noPlanKeys: string[]): void {
    refill(this.keys, ...keys);
    refill(this.noPlanKeys, ...noPlanKeys);
  }

  /** A new key, on the Agency plan or (`restricted`) without it. Returns the key. */
  add(kind: SandboxKeyKind, key: string = `rt_${alnum(32)}`): string {
    (kind === 'restricted' ? this.noPlanKeys : this.keys).add(key);
    return key;
  }

  /** `key` is rejected from now on. Whether it was accepted. */
  revoke(key: string): boolean {
    const planned = this.keys.delete(key);
    const noPlan = this.noPlanKeys.delete(key);
    return planned || noPlan;
  }

  /** "Create": a new key of the same plan; the old one works until it is revoked. Undefined when `key` is not accepted now. */
  replace(key: string): string | undefined {
    if (!this.keys.has(key) && !this.noPlanKeys.has(key)) { return undefined; }
    return this.add(this.keys.has(key) ? 'live' : 'restricted');
  }

  route(req: http.IncomingMessage, url: URL, res: http.ServerResponse): void {
    const m = /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '');
    if (!m || !(this.keys.has(m[1]) || this.noPlanKeys.has(m[1]))) {
      return send(res, 401, { message: 'Unauthenticated.' });
    }
    if (this.noPlanKeys.has(m[1])) {
      return send(res, 403, { message: 'API access requires the Agency plan (plan required).' });
    }
    const g = /^\/api\/v1\/campaigns\/([^/]+)\/geo-data$/.exec(url.pathname);
    if (req.method === 'GET' && g) {
      if (g[1] !== SANDBOX_CAMPAIGN_ID) { return send(res, 404, { message: 'Campaign not found.' }); }
      return send(res, 200, { data: [
        { city: 'Austin', state: 'TX', country: 'US', calls: 42, visitors: 310 },
        { city: 'Denver', state: 'CO', country: 'US', calls: 17, visitors: 120 },
      ] });
    }
    return send(res, 404, { message: 'Not Found' });
  }
}
