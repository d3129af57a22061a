// A client-side rate limiter per key: a token bucket per bucket name (provider + key fingerprint),
// refilled continuously at `perMinute`. It also honours what the server reported: when a response says
// X-RateLimit-Remaining: 0, the bucket waits until X-RateLimit-Reset.
import { RateLimitedError } from './errors';
import type { Clock } from './client';

interface Bucket { tokens: number; updated: number; blockedUntil: number }

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(private readonly clock: Clock) {}

  /** Waits for a token. If that would take longer than `maxWaitMs`, throws RateLimitedError instead. */
  async acquire(name: string, perMinute: number, maxWaitMs: number, signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    const b = this.buckets.get(name) ?? { tokens: perMinute, updated: now, blockedUntil: 0 };
    this.buckets.set(name, b);
    b.tokens = Math.min(perMinute, b.tokens + ((now - b.updated) * perMinute) / 60_000);
    b.updated = now;
    let wait = Math.max(0, b.blockedUntil - now);
    if (b.tokens < 1) { wait = Math.max(wait, Math.ceil(((1 - b.tokens) * 60_000) / perMinute)); }
    if (wait > maxWaitMs) {
      throw new RateLimitedError(`Held back by the client-side limit of ${perMinute} requests per minute for this key.`, wait);
    }
    b.tokens -= 1;   // reserve now so concurrent callers queue behind this one
    if (wait > 0) { await this.clock.sleep(wait, signal); }
  }

  /** Learns from the server's rate-limit headers. */
  observe(name: string, headers: Record<string, string>): void {
    const remaining = headers['x-ratelimit-remaining'];
    const reset = headers['x-ratelimit-reset'];
    if (remaining === undefined || reset === undefined || Number(remaining) > 0) { return; }
    const until = Number(reset) * 1000;
    const b = this.buckets.get(name);
    if (b && Number.isFinite(until) && until - this.clock.now() <= 3_600_000) { b.blockedUntil = Math.max(b.blockedUntil, until); }
  }
}
