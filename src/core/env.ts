// Keys in the environment of the programs a user runs: which variable each active key goes into, and how a
// debug launch configuration gets them. No `vscode` import: the extension hands in plain objects.
import { isRecord } from './guards';
import { PROVIDERS, type ProviderId } from './providers/catalog';

/** A variable name a shell, a task and every debugger accept: letters, digits, underscore, not a digit first. */
export const ENV_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** Names no key may take: the process would break (or load code) if they held a key. */
const RESERVED = new Set(['PATH', 'HOME', 'SHELL', 'USER', 'PWD', 'TERM', 'LANG', 'TMPDIR', 'TEMP', 'TMP', 'NODE_OPTIONS',
  'LD_PRELOAD', 'LD_LIBRARY_PATH', 'DYLD_INSERT_LIBRARIES', 'PYTHONPATH', 'PYTHONSTARTUP', 'GOPATH', 'JAVA_TOOL_OPTIONS',
  'DOTNET_STARTUP_HOOKS', 'COMSPEC', 'SYSTEMROOT', 'PATHEXT']);

/** The variable a profile's key goes into: the name the profile was given, else its provider's default. */
export function envNameOf(profile: { provider: ProviderId; envName?: string }): string {
  return profile.envName && ENV_NAME_RE.test(profile.envName) ? profile.envName : PROVIDERS[profile.provider].envVar;
}

/** Why a name cannot hold a key, or undefined when it can. `taken` lists the names other providers' keys use. */
export function envNameProblem(name: string, taken: readonly string[] = []): string | undefined {
  if (!ENV_NAME_RE.test(name)) { return 'letters, digits and _ only, not starting with a digit'; }
  if (RESERVED.has(name.toUpperCase()) || /^(VSCODE|ELECTRON)_/i.test(name)) { return `${name} is used by the system or by VS Code`; }
  if (taken.some(t => t.toUpperCase() === name.toUpperCase())) { return `${name} already holds another provider's key`; }
  return undefined;
}

/** What the extension puts into environments: one entry per provider with a key. Never logged as a whole. */
export interface EnvEntry {
  readonly name: string;
  readonly value: string;
  readonly provider: ProviderId;
  readonly profileName: string;
  /** The masked tail (`…9f7a`), the only part of the value ever shown. */
  readonly tail: string;
}

/**
 * Every debugger we know the launch configuration of, by the `type` in launch.json, and how it takes an
 * environment. All of them take `env` as an object of strings on "launch":
 *   js-debug: node, pwa-node, node-terminal, extensionHost, pwa-extensionHost (`env`, values may be null)
 *   Python (debugpy): python, debugpy (`env`)
 *   Go (Delve): go (`env`)
 *   Java: java (`env`)
 *   .NET: coreclr, clr, and the C# Dev Kit's dotnet (`env`)
 *   C/C++ (cpptools): cppdbg, cppvsdbg take `environment` as [{ name, value }] instead.
 * Browser debuggers (chrome, msedge, pwa-chrome) start no local program of ours: left alone.
 */
export const DEBUG_TYPES: Readonly<Record<string, 'env' | 'environment'>> = {
  node: 'env', 'pwa-node': 'env', 'node-terminal': 'env', extensionHost: 'env', 'pwa-extensionHost': 'env',
  python: 'env', debugpy: 'env',
  go: 'env',
  java: 'env',
  coreclr: 'env', clr: 'env', dotnet: 'env',
  cppdbg: 'environment', cppvsdbg: 'environment',
};

/** The debugger types the keys are added for. */
export const SUPPORTED_DEBUG_TYPES = Object.keys(DEBUG_TYPES);

/** What happened to one launch configuration, for the log (names only). */
export interface DebugEnvResult<C> {
  readonly config: C;
  readonly added: string[];
  /** Names the launch (or its env file) sets itself: the user's value wins. */
  readonly kept: string[];
  readonly skipped?: 'opted-out' | 'unknown-type' | 'not-launch' | 'no-keys';
}

type Config = { type?: unknown; request?: unknown; ringKeys?: unknown; env?: unknown; environment?: unknown; [k: string]: unknown };

/**
 * Adds the keys to a launch configuration (a copy; the original and launch.json stay as they are).
 * A variable the configuration sets itself, or that its env file sets (`fileNames`), is left to the user;
 * `"ringKeys": false` opts a configuration out; "attach" starts no process and gets nothing.
 */
export function withDebugEnv<C extends Config>(config: C, entries: readonly EnvEntry[], fileNames: ReadonlySet<string> = new Set()): DebugEnvResult<C> {
  const shape = typeof config.type === 'string' ? DEBUG_TYPES[config.type] : undefined;
  if (config.ringKeys === false) { return { config, added: [], kept: [], skipped: 'opted-out' }; }
  if (!shape) { return { config, added: [], kept: [], skipped: 'unknown-type' }; }
  if (config.request !== undefined && config.request !== 'launch') { return { config, added: [], kept: [], skipped: 'not-launch' }; }
  if (entries.length === 0) { return { config, added: [], kept: [], skipped: 'no-keys' }; }
  const added: string[] = [];
  const kept: string[] = [];
  if (shape === 'env') {
    const own = isRecord(config.env) ? config.env : {};
    const env: Record<string, unknown> = { ...own };
    for (const e of entries) {
      // present in the launch at all (even null, js-debug's "unset this") means the user decided
      if (Object.prototype.hasOwnProperty.call(own, e.name) || fileNames.has(e.name)) { kept.push(e.name); continue; }
      env[e.name] = e.value;
      added.push(e.name);
    }
    return { config: added.length ? { ...config, env } : config, added, kept };
  }
  const own = Array.isArray(config.environment) ? config.environment as unknown[] : [];
  const names = new Set(own.map(v => (isRecord(v) && typeof v.name === 'string' ? v.name : undefined)).filter(Boolean));
  const environment = [...own];
  for (const e of entries) {
    if (names.has(e.name) || fileNames.has(e.name)) { kept.push(e.name); continue; }
    environment.push({ name: e.name, value: e.value });
    added.push(e.name);
  }
  return { config: added.length ? { ...config, environment } : config, added, kept };
}

/** The env file a launch reads, as the debugger would find it (`envFile`; Python reads the folder's .env unless told otherwise). */
export function envFileOf(config: Config, folderPath: string | undefined): string | undefined {
  if (typeof config.envFile === 'string' && config.envFile.trim()) { return config.envFile; }
  if ((config.type === 'python' || config.type === 'debugpy') && folderPath) { return `${folderPath.replace(/[\\/]+$/, '')}/.env`; }
  return undefined;
}

/** The variable names a dotenv file sets (`NAME=…`, `export NAME=…`); values are never kept. */
export function envFileNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
    if (m) { out.add(m[1]); }
  }
  return out;
}

/** The terminal's environment indicator: where each variable comes from, never a value. */
export function describeEntries(entries: readonly EnvEntry[]): string {
  return entries.map(e => `${e.name} ← ${PROVIDERS[e.provider].label} "${e.profileName}" (${e.tail})`).join('; ');
}

/** The terminal settings and window kind that decide whether VS Code writes a terminal's environment to disk. */
export interface TerminalRevival {
  /** A desktop window (local or remote folder); the web workbench never persists terminal processes. */
  desktop: boolean;
  /** `terminal.integrated.enablePersistentSessions` (default true). */
  persistentSessions: boolean | undefined;
  /** `terminal.integrated.persistentSessionReviveProcess` (default "onExit"). */
  reviveProcess: string | undefined;
}

/**
 * Whether desktop VS Code would write the environment of a terminal (every variable an extension's collection
 * put into it, and the collection itself) to the workspace's storage when the window closes, to revive its
 * process later: its pty host's `serializeTerminalState` keeps each process's launch `env` and options, and
 * the workbench stores that under `terminal.integrated.bufferState` in the workspace's `state.vscdb`.
 * "onExit" (the default) does so when the last window closes (Windows, Linux) or on Quit.
 */
export function terminalsRevivedFromDisk(r: TerminalRevival): boolean {
  return r.desktop && r.persistentSessions !== false && r.reviveProcess !== 'never';
}

/** The entries that may go into terminals: none while terminals are revived from disk (see above). */
export function terminalEntries<E extends EnvEntry>(entries: readonly E[], revival: TerminalRevival): E[] {
  return terminalsRevivedFromDisk(revival) ? [] : [...entries];
}

/**
 * Whether a launch runs its program in VS Code's integrated terminal (through the debugger's `runInTerminal`),
 * whose environment is then a terminal's: explicit `console: "integratedTerminal"`, js-debug's JavaScript
 * Debug Terminal, and Python and Java, whose debuggers default to the integrated terminal.
 */
export function debugRunsInTerminal(config: Config): boolean {
  if (typeof config.console === 'string') { return config.console === 'integratedTerminal'; }
  return config.type === 'node-terminal' || config.type === 'python' || config.type === 'debugpy' || config.type === 'java';
}

/** Variables of the editor's own processes that a shell must not inherit (VS Code leaves them out of terminals too). */
const EDITOR_PRIVATE = /^(ELECTRON_.+|VSCODE_(?!(PORTABLE|SHELL_LOGIN|ENV_REPLACE|ENV_APPEND|ENV_PREPEND)).+|SNAP(_.*)?|GDK_PIXBUF_.+)$/;

/**
 * The whole environment of a terminal that holds one chosen key (VS Code's `strictEnv`: the terminal gets exactly
 * this, and no extension's environment collection is applied to it, so a later change to the collection cannot
 * mark it for relaunch). Built as VS Code builds an ordinary terminal's: the editor's environment without its
 * private variables, then the user's `terminal.integrated.env.<platform>` (null removes a variable; `${env:NAME}`
 * reads the environment), then the keys.
 */
export function strictTerminalEnv(base: Readonly<Record<string, string | undefined>>, entries: readonly EnvEntry[], configured: unknown = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) { if (v !== undefined && !EDITOR_PRIVATE.test(k)) { env[k] = v; } }
  if (isRecord(configured)) {
    for (const [k, v] of Object.entries(configured)) {
      if (v === null) { delete env[k]; } else if (typeof v === 'string') { env[k] = v.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, n: string) => base[n] ?? ''); }
    }
  }
  for (const e of entries) { env[e.name] = e.value; }
  return env;
}
