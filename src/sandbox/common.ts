// What the sandbox's routes share: reading a request, answering JSON, random ids and keys.
import type * as http from 'node:http';

export function alnum(n: number): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < n; i++) { s += chars[Math.floor(Math.random() * chars.length)]; }
  return s;
}

/** A provider's accepted keys now: full ones and restricted ones (a revoked key leaves its set). */
export class KeySets {
  readonly full = new Set<string>();
  readonly restricted = new Set<string>();

  /** Back to these keys only. */
  reset(full: readonly string[], restricted: readonly string[]): void {
    this.full.clear();
    this.restricted.clear();
    for (const k of full) { this.full.add(k); }
    for (const k of restricted) { this.restricted.add(k); }
  }

  add(key: string, restricted: boolean): string {
    (restricted ? this.restricted : this.full).add(key);
    return key;
  }

  /** Whether `key` is accepted now, fully or restricted. */
  has(key: string): boolean { return this.full.has(key) || this.restricted.has(key); }

  /** The set `key` is in now, if any. */
  setOf(key: string): Set<string> | undefined {
    return this.full.has(key) ? this.full : this.restricted.has(key) ? this.restricted : undefined;
  }

  /** `key` is rejected from now on. Whether it was accepted. */
  revoke(key: string): boolean {
    const full = this.full.delete(key);
    const restricted = this.restricted.delete(key);
    return full || restricted;
  }
}

export function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function reqId(): string { return 'req_' + alnum(12); }

export function parseJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

export function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 1_000_000) { throw new Error('request body too large'); }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
