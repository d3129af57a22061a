// Fault injection: what a test asks the sandbox to do wrong (slow, failing, malformed, redirecting,
// hostile or leaking answers) before any provider route sees the request.
import type * as http from 'node:http';
import { header, send } from './common';

export interface SandboxFaults {
  /** Added before every answer (ms). */
  latencyMs?: number;
  /** The next N provider requests answer 503 (Ringg/Ringyo error shapes). */
  failNext?: number;
  /** The status `failNext` answers with (default 503). */
  failStatus?: number;
  /** The next N provider requests answer a truncated JSON body with status 200. */
  malformedNext?: number;
  /** The next Ringg rotation is applied, then the connection is destroyed before any answer. */
  dropAfterRotate?: boolean;
  /** Every provider request is answered 302 to this URL (another origin: the key must never arrive there). */
  redirectTo?: string;
  /**
   * A hostile server for every provider request until reset:
   * endless-body (200 with a body that never ends), stall-headers (accepts, never answers),
   * stall-body (headers, then silence), html (a 200 HTML page where JSON was promised),
   * truncated (200 with JSON cut off), rate-limit-forever (429 with Retry-After: 1),
   * unavailable-forever (503).
   */
  hostile?: 'endless-body' | 'stall-headers' | 'stall-body' | 'html' | 'truncated' | 'rate-limit-forever' | 'unavailable-forever';
  /**
   * A server that echoes the key it was sent back in one disguise, for every provider request until reset
   * (the clients must redact every form):
   * preview (a 200 text body where an 80-character preview cuts the key one character short),
   * case (a 401 whose message holds the key upper- and lower-cased),
   * urlencoded (a 400 whose message holds the key with every character %-encoded),
   * host (a redirect to a host whose name is the key), name (a 200 whose workspace name is the key; a 403
   * that names it for providers without a workspace).
   */
  leak?: 'preview' | 'case' | 'urlencoded' | 'host' | 'name';
  /** The name Ringg's GET /workspace answers with (a hostile name: Markdown, links, command URIs). */
  workspaceName?: string;
  /** The shape of Ringg's rotation answer (default: the documented `{"new_api_key": "<uuid>"}`). */
  rotationShape?: 'single-quotes' | 'form' | 'non-uuid' | 'text' | 'nested';
}

/**
 * Answers a provider request as the faults say, before any route: true when the faults answered it (or
 * chose never to), false when the provider route should. `failNext` and `malformedNext` count down on `faults`.
 */
export async function injectFault(faults: SandboxFaults, req: http.IncomingMessage, url: URL, res: http.ServerResponse): Promise<boolean> {
  if (faults.latencyMs) { await new Promise(r => setTimeout(r, faults.latencyMs)); }
  if (faults.redirectTo) {
    res.writeHead(302, { location: faults.redirectTo + url.pathname + url.search, 'content-length': 0 });
    res.end();
    return true;
  }
  if (faults.hostile) { hostileAnswer(faults.hostile, res); return true; }
  if (faults.leak) { leakyAnswer(faults.leak, req, url, res); return true; }
  if (faults.failNext && faults.failNext > 0) {
    faults.failNext--;
    const status = faults.failStatus ?? 503;
    send(res, status, { error: { code: 'service_unavailable', message: `Sandbox fault: ${status}` } });
    return true;
  }
  if (faults.malformedNext && faults.malformedNext > 0) {
    faults.malformedNext--;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"workspace_info": {"name": "trunc');
    return true;
  }
  return false;
}

function hostileAnswer(mode: NonNullable<SandboxFaults['hostile']>, res: http.ServerResponse): void {
  switch (mode) {
    case 'endless-body': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => { while (!res.destroyed && res.write(chunk)) { /* until the socket pushes back */ } };
      res.on('drain', pump);
      res.write('{"workspace_info": ');
      pump();
      return;
    }
    case 'stall-headers': return;   // the connection stays open, nothing is ever sent
    case 'stall-body':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"workspace_info": {');
      return;
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    case 'truncated':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"workspace_info": {"id": "d079bcb3", "na');
      return;
    case 'rate-limit-forever':
      return send(res, 429, { error: { code: 'rate_limit_exceeded', message: 'Rate limit exceeded' } }, { 'retry-after': '1' });
    case 'unavailable-forever':
      return send(res, 503, { detail: 'Service Unavailable' });
  }
}

function leakyAnswer(mode: NonNullable<SandboxFaults['leak']>, req: http.IncomingMessage, url: URL, res: http.ServerResponse): void {
  const key = header(req, 'x-api-key') ?? header(req, 'authorization')?.replace(/^Bearer\s+/i, '') ?? '';
  switch (mode) {
    case 'preview': {
      // the key starts so that the first 80 characters hold all of it but its last character
      const lead = 'Upstream said: '.padEnd(Math.max(0, 80 - (key.length - 1)), '.');
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`${lead}${key} and more text after it`);
      return;
    }
    case 'case':
      return send(res, 401, { error: { code: 'unauthorized', message: `Key ${key.toUpperCase()} (also seen as ${key.toLowerCase()}) is not valid` } });
    case 'urlencoded':
      return send(res, 400, { detail: `bad request for ?key=${[...key].map(c => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')).join('')}` });
    case 'host':
      res.writeHead(302, { location: `http://${key}.leak.example${url.pathname}`, 'content-length': 0 });
      res.end();
      return;
    case 'name':
      if (url.pathname.startsWith('/ca/api/v0/workspace')) {
        return send(res, 200, { workspace_info: { id: 'd079bcb3-72a3-42dc-9586-edf0328e2973', name: `Team ${key}`, created_at: '2025-01-15T09:30:00Z', credits: 10, locked_credits: 0 } });
      }
      return send(res, 403, { error: { code: 'forbidden', message: `Workspace "Team ${key}" may not do this` } });
  }
}
