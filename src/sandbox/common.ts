// What the sandbox's routes share: reading a request, answering JSON, random ids and keys.
import type * as http from 'node:http';

export function alnum(n: number): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < n; i++) { s += chars[Math.floor(Math.random() * chars.length)]; }
  return s;
}

/** Empties `set` and fills it with `keys` (a provider's keys back to the first state). */
export function refill(set: Set<string>, ...keys: string[]): void {
  set.clear();
  for (const k of keys) { set.add(k); }
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
