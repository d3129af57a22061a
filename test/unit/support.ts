// Shared fixtures for the unit tier: in-memory stand-ins for VS Code's SecretStorage and Memento, and
// provider clients pointed at a sandbox with backoff short enough for tests.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/types';
import { HttpClient, type HttpLimits } from '../../src/core/http/client';
import type { ProviderId } from '../../src/core/providers/catalog';
import { ProviderClients } from '../../src/core/providers/clients';
import type { SandboxServer } from '../../src/sandbox/server';
import type { SecretStore, StateStore } from '../../src/core/vault';

export function memoryState(): StateStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: <T>(k: string) => data.get(k) as T | undefined, update: async (k, v) => { data.set(k, v); } };
}
export function memorySecrets(): SecretStore & { data: Map<string, string>; failStore?: boolean } {
  const s = {
    data: new Map<string, string>(),
    failStore: false,
    get: async (k: string) => s.data.get(k),
    store: async (k: string, v: string) => { if (s.failStore) { throw new Error('no keyring'); } s.data.set(k, v); },
    delete: async (k: string) => { s.data.delete(k); },
  };
  return s;
}

/** Clients for every provider against `sb`, retrying with millisecond backoff. */
export function sandboxClients(sb: SandboxServer, limits: Partial<HttpLimits> = {}): ProviderClients {
  const base = sb.baseUrls;
  return new ProviderClients({ http: new HttpClient({ limits: { baseDelayMs: 1, maxDelayMs: 5, ...limits } }), baseUrl: (p: ProviderId) => base[p] });
}

/** A temporary folder holding `files` (relative path → content). */
export function tmpTree(files: Record<string, string | Buffer>, prefix = 'ring-keys-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** Runs the `ring-keys` CLI in-process, as a user would from `cwd`, and collects what it printed. */
export async function runCli(args: string[], cwd: string, opts: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<{ code: number; out: string; err: string }> {
  let out = ''; let err = '';
  const io: CliIo = { stdout: s => { out += s; }, stderr: s => { err += s; }, env: opts.env ?? {}, stdin: async () => opts.stdin ?? '', cwd, onSignal: () => undefined };
  const code = await main(args, io);
  return { code, out, err };
}

/** vscode.l10n.t as it behaves with no bundle (English): the CLI's. */
export { english } from '../../src/cli/messages';
