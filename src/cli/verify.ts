import { parseArgs } from 'node:util';
import { HttpClient } from '../core/http/client';
import { Redactor } from '../core/http/redact';
import { describeError, OriginNotAllowedError, RequestError } from '../core/http/errors';
import { checkKeyFormat, maskKey } from '../core/keys';
import { notFoundHint } from '../core/liveCheck';
import { type Logger, redacting } from '../core/log';
import { isProviderId, PROVIDER_IDS, PROVIDERS, type ProviderId } from '../core/providers/catalog';
import { ProviderClients } from '../core/providers/clients';
import type { CliCommand, CliIo } from './types';
import { escapeControls } from '../core/terminalText';
import { credits, errorText, keyFormatText, notFoundText, UNVERIFIABLE_TEXT, verifyNoteText, verifySummaryText } from './messages';
import { baseUrlEnvVar } from './verifyOptions';

export const VERIFY_EXIT = { valid: 0, rejected: 1, usage: 2, undetermined: 3 } as const;

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'Check a key from the environment against its provider (for CI and scripts)',
  help: `Usage: ring-keys verify --provider ringg|ringyo|ringtonic [--base-url URL] [--timeout SECONDS]
                         [--campaign UUID] [--key-stdin] [--json] [--verbose]

Reads the key from RINGG_API_KEY, RINGYO_API_KEY or RINGTONIC_API_KEY (or from standard input with
--key-stdin), never from the command line, and checks it:
  Ringg AI    GET /workspace (prints the workspace name and available credits)
  Ringyo AI   GET /v1/agents?limit=1 (falls back to calls / phone numbers for keys with fewer scopes)
  Ring Tonic  GET /campaigns/{--campaign}/geo-data (no other endpoint exists to check a key)
The key is never printed; output names it by its last four characters.

Options:
  --provider P      ringg, ringyo or ringtonic (required)
  --base-url URL    another base URL: HTTPS under the provider's domain, or loopback (the sandbox);
                    also RINGKEYS_RINGG_BASE_URL, RINGKEYS_RINGYO_BASE_URL, RINGKEYS_RINGTONIC_BASE_URL
                    (as for \`scan --verify\`; --base-url wins)
  --timeout S       seconds one request may take (default 30)
  --campaign UUID   Ring Tonic campaign used for the check
  --key-stdin       read the key from standard input instead of the environment
  --json            one JSON object on stdout
  --verbose         log requests (redacted) to stderr

Exit status: 0 valid, 1 rejected (401/403, with the fix), 2 usage, 3 undetermined (network, timeout,
5xx or 429 after retries, malformed answer, or a key that cannot be checked).
`,
  async run(args, io) {
    let values: { provider?: string; 'base-url'?: string; timeout?: string; campaign?: string; 'key-stdin'?: boolean; json?: boolean; verbose?: boolean };
    try {
      values = parseArgs({ args, strict: true, allowPositionals: false, options: {
        provider: { type: 'string' }, 'base-url': { type: 'string' }, timeout: { type: 'string' }, campaign: { type: 'string' },
        'key-stdin': { type: 'boolean' }, json: { type: 'boolean' }, verbose: { type: 'boolean' },
      } }).values;
    } catch (err) {
      const msg = (err as Error).message;
      const hint = /--key\b|--api-key/.test(msg) ? ' Keys are never read from the command line (shell history, process lists): use the environment or --key-stdin.' : '';
      return usage(io, `${msg}.${hint}`);
    }
    if (!isProviderId(values.provider)) { return usage(io, `--provider must be one of ${PROVIDER_IDS.join(', ')}`); }
    const provider: ProviderId = values.provider;
    const timeout = values.timeout === undefined ? 30 : Number(values.timeout);
    if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 600) { return usage(io, '--timeout must be a number of seconds from 0 to 600'); }
    const envVar = PROVIDERS[provider].envVar;
    const key = (values['key-stdin'] ? await io.stdin() : io.env[envVar] ?? '').trim();
    if (!key) { return usage(io, values['key-stdin'] ? 'no key on standard input' : `${envVar} is not set (or use --key-stdin)`); }
    const format = checkKeyFormat(provider, key);
    if (format.error) { return usage(io, `the ${envVar} value is not a ${PROVIDERS[provider].label} key: ${keyFormatText(format.error)}`); }

    // the one redaction function for everything this command prints: stdout, stderr and the --verbose log
    const redactor = new Redactor();
    redactor.add(key);
    const logger: Logger | undefined = values.verbose ? redacting(stderrLogger(io), t => redactor.text(t)) : undefined;
    // the option, else RINGKEYS_<PROVIDER>_BASE_URL (as `scan --verify` reads it), else the documented base URL
    const envName = baseUrlEnvVar(provider);
    const fromEnv = values['base-url'] === undefined ? io.env[envName]?.trim() || undefined : undefined;
    const baseUrl = values['base-url'] ?? fromEnv;
    const clients = new ProviderClients({
      http: new HttpClient({ logger, redactor, limits: { attemptTimeoutMs: timeout * 1000, headersTimeoutMs: timeout * 1000, bodyTimeoutMs: timeout * 1000 } }),
      baseUrl: () => baseUrl,
    });
    try { clients.baseUrl(provider); } catch (err) {
      if (err instanceof OriginNotAllowedError) { return usage(io, `${fromEnv !== undefined ? `${envName}: ` : ''}${errorText(describeError(err)).message}`); }
      throw err;
    }
    const outcome = await clients.verify(provider, key, { campaignId: values.campaign });
    const label = PROVIDERS[provider].label;
    const masked = maskKey(key);
    let code: number;
    let line: string;
    let detail: Record<string, unknown> = {};
    switch (outcome.state) {
      case 'valid':
        code = VERIFY_EXIT.valid;
        // the server's words (a workspace name) print as text: their control characters escaped
        line = `valid: ${label} key ${masked}: ${escapeControls(verifySummaryText(outcome.summary))}${outcome.note ? ` (${escapeControls(verifyNoteText(outcome.note))})` : ''}`;
        detail = { summary: verifySummaryText(outcome.summary), mode: outcome.mode, rateLimit: outcome.rateLimit,
          workspace: outcome.workspace && { name: outcome.workspace.name, id: outcome.workspace.id, credits: outcome.workspace.credits,
            lockedCredits: outcome.workspace.lockedCredits, available: outcome.workspace.available } };
        if (outcome.workspace) { line += `\n  workspace ${escapeControls(outcome.workspace.name)}, credits ${credits(outcome.workspace.credits)}, locked ${credits(outcome.workspace.lockedCredits)}`; }
        break;
      case 'unverifiable':
        code = VERIFY_EXIT.undetermined;
        line = `undetermined: ${label} key ${masked}: ${UNVERIFIABLE_TEXT} (pass --campaign UUID)`;
        break;
      case 'rejected':
      case 'forbidden': {
        code = VERIFY_EXIT.rejected;
        const a = errorText(describeError(outcome.error, label));
        line = `rejected: ${label} key ${masked}: ${escapeControls(a.message)}\n  fix: ${a.fix}`;
        detail = { status: outcome.error.status, message: outcome.error.message, fix: a.fix };
        break;
      }
      case 'undetermined': {
        code = VERIFY_EXIT.undetermined;
        if (outcome.error instanceof RequestError && outcome.error.status === 404) {
          // the check's own path is not there: most often a base URL without the API's path
          const hint = notFoundHint(provider, clients.baseUrl(provider), values.campaign);
          line = `undetermined: ${label} key ${masked}: ${escapeControls(notFoundText(label, hint))}` +
            (hint.expected ? `\n  fix: ${fromEnv !== undefined ? `set ${envName}=${hint.expected}` : `pass --base-url ${hint.expected}`}` : '');
          detail = { error: 'notFound', status: 404, tried: hint.tried, ...(hint.expected ? { expectedBaseUrl: hint.expected } : {}) };
          break;
        }
        const a = errorText(describeError(outcome.error, label));
        line = `undetermined: ${label} key ${masked}: ${escapeControls(a.message)}\n  ${a.fix}`;
        detail = { error: outcome.error.kind, message: outcome.error.message };
        break;
      }
    }
    // the HTTP layer redacts; this is the last line of defence for anything printed
    const safe = (s: string) => redactor.text(s);
    if (values.json) {
      io.stdout(safe(JSON.stringify({ provider, key: masked, state: outcome.state, exitCode: code, ...detail })) + '\n');
    } else {
      if (code === 0) { io.stdout(safe(line) + '\n'); } else { io.stderr(safe(line) + '\n'); }
    }
    return code;
  },
};

function usage(io: CliIo, message: string): number {
  io.stderr(`ring-keys verify: ${message}\nRun 'ring-keys verify --help' for usage.\n`);
  return VERIFY_EXIT.usage;
}

function stderrLogger(io: CliIo): Logger {
  const w = (level: string) => (m: string) => io.stderr(`[${level}] ${escapeControls(m)}\n`);
  return { trace: w('trace'), debug: w('debug'), info: w('info'), warn: w('warn'), error: w('error') };
}
