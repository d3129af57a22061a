// A local stand-in for the three providers' documented APIs, for tests and the demo.
// Plain Node `http`, loopback only. It follows ../docs (providers research): paths, auth headers,
// response shapes and error bodies as documented; where the docs disagree, it answers one documented
// variant and the clients accept every one.
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { errorMessage } from '../core/errorMessage';
import { alnum, readBody, send } from './common';
import { controlRoute } from './control';
import { injectFault, type SandboxFaults } from './faults';
import { RinggSandbox } from './ringg';
import { RingtonicSandbox } from './ringtonic';
import { RingyoSandbox } from './ringyo';
import type { SandboxKeyKind, SandboxKeys, SandboxOptions, SandboxProvider, SandboxRequestRecord } from './types';

export type { SandboxFaults } from './faults';
export { SANDBOX_CAMPAIGN_ID } from './ringtonic';
export type { SandboxKeyKind, SandboxKeys, SandboxOptions, SandboxProvider, SandboxRequestRecord } from './types';

export class SandboxServer {
  readonly keys: SandboxKeys;
  faults: SandboxFaults = {};
  /** Every provider request, newest last (headers included: tests assert where keys went). */
  readonly requests: SandboxRequestRecord[] = [];
  private readonly ringg: RinggSandbox;
  private readonly ringyo: RingyoSandbox;
  private readonly ringtonic = new RingtonicSandbox();
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: http.Server, opts: SandboxOptions) {
    const now = opts.now ?? Date.now;
    this.ringg = new RinggSandbox(now);
    this.ringyo = new RingyoSandbox(opts.ringyoRateLimit ?? 60, now);
    this.keys = {
      ringg: opts.keys?.ringg ?? randomUUID(),
      ringyoLive: opts.keys?.ringyoLive ?? `rg_live_${alnum(24)}`,
      ringyoTest: opts.keys?.ringyoTest ?? `rg_test_${alnum(24)}`,
      ringyoLegacy: opts.keys?.ringyoLegacy ?? `vb_live_${alnum(24)}`,
      ringtonic: opts.keys?.ringtonic ?? `rt_${alnum(32)}`,
      ringtonicNoPlan: opts.keys?.ringtonicNoPlan ?? `rt_${alnum(32)}`,
      ringgRestricted: opts.keys?.ringgRestricted ?? randomUUID(),
      ringyoRestricted: opts.keys?.ringyoRestricted ?? `rg_live_${alnum(24)}`,
    };
    this.reset();
  }

  static async start(opts: SandboxOptions = {}): Promise<SandboxServer> {
    const server = http.createServer((req, res) => { void sandbox.handle(req, res); });
    const sandbox = new SandboxServer(server, opts);
    server.on('connection', s => { sandbox.sockets.add(s); s.on('close', () => sandbox.sockets.delete(s)); });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    return sandbox;
  }

  get port(): number { return (this.server.address() as AddressInfo).port; }
  get origin(): string { return `http://127.0.0.1:${this.port}`; }
  get baseUrls(): { ringg: string; ringyo: string; ringtonic: string } {
    return { ringg: `${this.origin}/ca/api/v0`, ringyo: `${this.origin}/v1`, ringtonic: `${this.origin}/api/v1` };
  }
  /** The Ringg key the sandbox accepts now (it changes on rotation; a test may plant its own, as the canary audit does). */
  get ringgKey(): string { return this.ringg.key; }
  set ringgKey(key: string) { this.ringg.key = key; }
  get ringgCredits(): number { return this.ringg.credits; }
  /** Every Ringg workspace's name and the key it accepts now. */
  get ringgWorkspaces(): Array<{ name: string; key: string }> { return this.ringg.workspaces; }

  /** Back to the first state: the original Ringg key, full credits, no faults, no request log. */
  reset(): void {
    this.faults = {};
    this.requests.length = 0;
    this.ringg.reset(this.keys.ringg, this.keys.ringgRestricted);
    this.ringyo.reset([this.keys.ringyoLive, this.keys.ringyoTest, this.keys.ringyoLegacy], [this.keys.ringyoRestricted]);
    this.ringtonic.reset([this.keys.ringtonic], [this.keys.ringtonicNoPlan]);
  }

  // ------------------------------------------------------------------ keys, as the dashboards manage them

  /**
   * A new key the provider accepts from now on: a Ringg key opens another workspace (named `name`), a Ringyo
   * key is live (`rg_live_`), test or restricted (no scopes), a Ring Tonic key is on the Agency plan or
   * restricted (no plan). Returns the key.
   */
  addKey(provider: SandboxProvider, opts: { kind?: SandboxKeyKind; name?: string; key?: string } = {}): string {
    const kind = opts.kind ?? 'live';
    if (provider === 'ringg') { return this.ringg.add(kind, opts.name, opts.key); }
    if (provider === 'ringyo') { return this.ringyo.add(kind, opts.key); }
    return this.ringtonic.add(kind, opts.key);
  }

  /**
   * Revokes a key: the provider rejects it (401) from now on. A Ringg workspace's key is replaced by one
   * nobody knows (Ringg documents no revoke; its dashboard's Regenerate has the same effect for the old key).
   * Returns whether the key was accepted before.
   */
  revokeKey(key: string): boolean {
    if (this.ringg.revoke(key)) { return true; }
    const ringyo = this.ringyo.revoke(key);
    const ringtonic = this.ringtonic.revoke(key);
    return ringyo || ringtonic;
  }

  /**
   * What a person does in a dashboard to replace a key: Ringyo "Regenerate" (a new key of the same mode; the
   * old one is disabled at once, as its API Keys page says), Ring Tonic "create" (a new key; the old one works
   * until it is revoked: there is no regenerate), Ringg "Regenerate" (the rotation). Returns the new key, or
   * undefined when `key` is not accepted now.
   */
  dashboardReplace(provider: SandboxProvider, key: string): string | undefined {
    return this[provider].replace(key);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) { s.destroy(); }
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  // ------------------------------------------------------------------ dispatch

  /**
   * Loopback is not a boundary for a browser: any web page can send requests to 127.0.0.1, and a DNS-rebound
   * name reaches it with a foreign Host. The sandbox answers only requests addressed to its own loopback
   * name and port, and takes control requests only from clients that are not browsers (no Origin header).
   */
  private refusal(req: http.IncomingMessage, control: boolean): string | undefined {
    const host = (req.headers.host ?? '').toLowerCase();
    const allowed = ['127.0.0.1', 'localhost', '[::1]'].map(h => `${h}:${this.port}`);
    if (!allowed.includes(host)) { return `Host ${JSON.stringify(host.slice(0, 100))} is not this sandbox (${allowed.join(', ')})`; }
    if (control && req.headers.origin !== undefined) { return 'control requests are not accepted from web pages (Origin header present)'; }
    return undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    try {
      const refused = this.refusal(req, url.pathname.startsWith('/__sandbox/'));
      if (refused) { req.resume(); return send(res, 403, { detail: refused }); }
      const body = await readBody(req);
      if (url.pathname.startsWith('/__sandbox/')) { return controlRoute(this, req.method ?? 'GET', url, body, res); }
      this.requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, headers: req.headers });
      if (await injectFault(this.faults, req, url, res)) { return; }
      if (url.pathname.startsWith('/ca/api/v0/')) { return this.ringg.route(req, url, body, res, this.faults); }
      if (url.pathname.startsWith('/v1/')) { return this.ringyo.route(req, url, body, res); }
      if (url.pathname.startsWith('/api/v1/')) { return this.ringtonic.route(req, url, res); }
      return send(res, 404, { error: { code: 'not_found', message: `No sandbox route for ${url.pathname}` } });
    } catch (err) {
      if (!res.headersSent) { send(res, 400, { detail: errorMessage(err) }); }
    }
  }
}
