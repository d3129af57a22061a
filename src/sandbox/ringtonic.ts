// Ring Tonic (/api/v1) as the sandbox answers it: Bearer keys on the Agency plan (or without it: 403),
// and one known campaign's geo-data for verification.
import type * as http from 'node:http';
import { alnum, header, KeySets, send } from './common';
import type { SandboxKeyKind } from './types';

/** A known Ring Tonic campaign, for verification through geo-data. */
export const SANDBOX_CAMPAIGN_ID = '5f0c8a4e-2b1d-4c3e-9a7f-6d5e4c3b2a19';

export class RingtonicSandbox {
  /** Accepted keys now; the restricted ones are of accounts without the Agency plan (403 "plan required"). */
  private readonly accepted = new KeySets();

  /** Back to the first state: these keys. */
  reset(keys: string[], noPlanKeys: string[]): void {
    this.accepted.reset(keys, noPlanKeys);
  }

  /** A new key, on the Agency plan or (`restricted`) without it. Returns the key. */
  add(kind: SandboxKeyKind, key: string = `rt_${alnum(32)}`): string {
    return this.accepted.add(key, kind === 'restricted');
  }

  /** `key` is rejected from now on. Whether it was accepted. */
  revoke(key: string): boolean { return this.accepted.revoke(key); }

  /** "Create": a new key of the same plan; the old one works until it is revoked. Undefined when `key` is not accepted now. */
  replace(key: string): string | undefined {
    const set = this.accepted.setOf(key);
    return set ? this.add(set === this.accepted.full ? 'live' : 'restricted') : undefined;
  }

  route(req: http.IncomingMessage, url: URL, res: http.ServerResponse): void {
    const m = /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '');
    if (!m || !this.accepted.has(m[1])) {
      return send(res, 401, { message: 'Unauthenticated.' });
    }
    if (this.accepted.restricted.has(m[1])) {
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
