import { parseArgs } from 'node:util';
import { SANDBOX_CAMPAIGN_ID, SandboxServer } from '../sandbox/server';
import { PROVIDER_IDS } from '../core/providers/catalog';
import type { CliCommand } from './types';
import { baseUrlEnvVar } from './verifyOptions';

/** The variables that point the CLI (`verify`, `scan --verify`) at these base URLs, as it reads them. */
export function sandboxCliEnv(baseUrls: { ringg: string; ringyo: string; ringtonic: string }): Record<string, string> {
  return Object.fromEntries(PROVIDER_IDS.map(p => [baseUrlEnvVar(p), baseUrls[p]]));
}

/** One `export` line a POSIX shell can paste (the URLs are loopback URLs: nothing to quote). */
export function exportLine(env: Record<string, string>): string {
  return `export ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')}`;
}

export const sandboxCommand: CliCommand = {
  name: 'sandbox',
  summary: 'Run a local server that behaves like the three providers\' APIs',
  help: `Usage: ring-keys sandbox [--port N] [--ringyo-rate-limit N] [--json]

Starts a loopback-only server that answers like the documented APIs of Ringg AI (/ca/api/v0),
Ringyo AI (/v1) and Ring Tonic (/api/v1), and prints the base URLs and the keys it accepts.
Stop it with Ctrl-C.

Options:
  --port N               listen on 127.0.0.1:N (default: a free port)
  --ringyo-rate-limit N  Ringyo requests per minute per key before 429 (default 60)
  --json                 print the URLs, keys and the CLI's variables (cliEnv) as one JSON line (for scripts)

Environment: RING_KEYS_SANDBOX_RINGG_KEY fixes the Ringg key the sandbox starts with.

Test controls (loopback): POST /__sandbox/faults {"latencyMs","failNext","failStatus",
"malformedNext","dropAfterRotate"}, POST /__sandbox/reset, GET /__sandbox/state; keys as a dashboard
manages them: POST /__sandbox/keys {"provider","kind":"live|test|restricted","name"} (answers the new key),
POST /__sandbox/revoke {"key"}, POST /__sandbox/dashboard/replace {"provider","key"} (Ringyo regenerate:
the old key stops at once; Ring Tonic: a new key, the old one works until revoked).
`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: {
      port: { type: 'string' }, 'ringyo-rate-limit': { type: 'string' }, json: { type: 'boolean' },
    }, strict: true });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.stderr(`ring-keys sandbox: --port must be a number from 0 to 65535\n`);
      return 2;
    }
    const rate = values['ringyo-rate-limit'] === undefined ? 60 : Number(values['ringyo-rate-limit']);
    if (!Number.isInteger(rate) || rate < 1) {
      io.stderr(`ring-keys sandbox: --ringyo-rate-limit must be a positive whole number\n`);
      return 2;
    }
    const server = await SandboxServer.start({ port, ringyoRateLimit: rate,
      keys: { ringg: io.env.RING_KEYS_SANDBOX_RINGG_KEY || undefined } });
    const k = server.keys;
    const cliEnv = sandboxCliEnv(server.baseUrls);
    if (values.json) {
      io.stdout(JSON.stringify({ origin: server.origin, baseUrls: server.baseUrls, keys: k, campaignId: SANDBOX_CAMPAIGN_ID, cliEnv }) + '\n');
    } else {
      io.stdout([
        `Ring Keys sandbox listening on ${server.origin} (loopback only; these keys are fake)`,
        '',
        `  Ringg AI    ${server.baseUrls.ringg}`,
        `              X-API-KEY: ${k.ringg}`,
        `  Ringyo AI   ${server.baseUrls.ringyo}`,
        `              Bearer ${k.ringyoLive}  (live)`,
        `              Bearer ${k.ringyoTest}  (test)`,
        `              Bearer ${k.ringyoLegacy}  (vb_ prefix)`,
        `  Ring Tonic  ${server.baseUrls.ringtonic}`,
        `              Bearer ${k.ringtonic}  (campaign ${SANDBOX_CAMPAIGN_ID})`,
        '',
        'For ring-keys verify and scan --verify in another shell:',
        `  ${exportLine(cliEnv)}`,
        '',
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'));
    }
    await new Promise<void>(resolve => io.onSignal(resolve));
    await server.close();
    return 0;
  },
};
