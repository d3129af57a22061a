// The sandbox's public types (re-exported by ./server, where tests and the CLI import them from).
import type * as http from 'node:http';

export type SandboxProvider = 'ringg' | 'ringyo' | 'ringtonic';

export interface SandboxKeys {
  ringg: string;
  ringyoLive: string;
  ringyoTest: string;
  /** Accepted too: the `vb_` prefix that several Ringyo pages document. */
  ringyoLegacy: string;
  ringtonic: string;
  /** A Ring Tonic key from an account without the Agency plan: answered 403 "plan required". */
  ringtonicNoPlan: string;
  /** A Ringg key whose workspace role may not read the workspace: 403 (valid key, no permission). */
  ringgRestricted: string;
  /** A Ringyo key without the agents, calls and phone-numbers scopes: 403 "Insufficient permissions". */
  ringyoRestricted: string;
}

/** Keys a test adds, revokes or replaces as a person would in a dashboard (`POST /__sandbox/keys`, …). */
export type SandboxKeyKind = 'live' | 'test' | 'restricted';

export interface SandboxOptions {
  port?: number;
  /** Requests per minute per Ringyo key (the docs give 60 or 300 for Pro; default 60). */
  ringyoRateLimit?: number;
  /** Fixed keys (tests and the demo pass their own; otherwise fresh random ones). */
  keys?: Partial<SandboxKeys>;
  now?: () => number;
}

export interface SandboxRequestRecord {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}
