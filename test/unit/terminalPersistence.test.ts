// Does a key in a terminal's environment reach disk when desktop VS Code revives terminals? Asked of VS Code's
// own pty host (1.100.3, from the stand-in), started the way VS Code's NodePtyHostStarter starts it
// (bootstrap-fork.js with VSCODE_ESM_ENTRYPOINT=vs/platform/terminal/node/ptyHostMain) and driven over its
// child-process IPC with the calls the workbench makes:
//   createProcess(shellLaunchConfig, cwd, cols, rows, unicodeVersion, env, executableEnv, options, shouldPersist, …)
//     where `env` already holds what extensions' collections add (terminalProcessManager._resolveEnvironment
//     applies the merged collection before the call) and `options.environmentVariableCollections` is the
//     serialized collections themselves, persistent or not;
//   input(id, …), as a user typing, so that the process counts as one to revive (PersistentTerminalProcess.hasWrittenData);
//   serializeTerminalState(ids): the string the workbench stores, on Quit or the last window's close, under
//     `terminal.integrated.bufferState` in the workspace's storage (LocalTerminalBackend.persistTerminalState).
import * as assert from 'node:assert';
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { terminalEntries, terminalsRevivedFromDisk, type EnvEntry, type TerminalRevival } from '../../src/core/env';

const ROOT = path.resolve(__dirname, '../../..');
const STANDIN = process.env.RING_KEYS_STANDIN_DIR ?? path.join(ROOT, '.vscode-test', 'code-server-4.100.3');
const VSCODE_OUT = path.join(STANDIN, 'node_modules', 'code-server', 'lib', 'vscode', 'out');

const KEY = 'rg_live_9f3c2a7b5d1e4f608a9b7c6d5e4f3a2b';
const ENTRIES: EnvEntry[] = [{ name: 'RINGG_API_KEY', value: KEY, provider: 'ringg', profileName: 'Workspace', tail: '…3a2b' }];
const DESKTOP_DEFAULT: TerminalRevival = { desktop: true, persistentSessions: undefined, reviveProcess: undefined };
const DESKTOP_NEVER: TerminalRevival = { desktop: true, persistentSessions: true, reviveProcess: 'never' };

// ---- VS Code's IPC wire format (src/vs/base/parts/ipc/common/ipc.ts: serialize/deserialize; ipc.cp.ts: base64 messages)
function vql(n: number): Buffer {
  const out: number[] = [];
  do { let b = n & 0x7f; n >>>= 7; if (n > 0) { b |= 0x80; } out.push(b); } while (n > 0);
  return Buffer.from(out);
}
function encode(data: unknown): Buffer {
  if (data === undefined) { return Buffer.from([0]); }
  if (typeof data === 'string') { const s = Buffer.from(data); return Buffer.concat([Buffer.from([1]), vql(s.length), s]); }
  if (Array.isArray(data)) { return Buffer.concat([Buffer.from([4]), vql(data.length), ...data.map(encode)]); }
  if (typeof data === 'number' && Number.isInteger(data) && data >= 0) { return Buffer.concat([Buffer.from([6]), vql(data)]); }
  const s = Buffer.from(JSON.stringify(data));
  return Buffer.concat([Buffer.from([5]), vql(s.length), s]);
}
function decode(buf: Buffer, at: { p: number }): unknown {
  const type = buf[at.p++];
  const len = (): number => { let v = 0; for (let n = 0; ; n += 7) { const b = buf[at.p++]; v |= (b & 0x7f) << n; if (!(b & 0x80)) { return v; } } };
  const take = (): Buffer => { const l = len(); const b = buf.subarray(at.p, at.p + l); at.p += l; return b; };
  switch (type) {
    case 0: return undefined;
    case 1: return take().toString();
    case 2: case 3: return take();
    case 4: { const n = len(); return Array.from({ length: n }, () => decode(buf, at)); }
    case 5: return JSON.parse(take().toString()) as unknown;
    case 6: return len();
    default: throw new Error(`unknown IPC data type ${type}`);
  }
}

/** The stand-in's pty host as a child process, with `call` for the "ptyHost" channel's methods. */
class PtyHost {
  private readonly child: ChildProcess;
  private next = 0;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  readonly ready: Promise<void>;
  private output = '';

  constructor(logsPath: string) {
    this.child = fork(path.join(VSCODE_OUT, 'bootstrap-fork.js'), ['--type=ptyHost', '--logsPath', logsPath], {
      env: {
        ...process.env,
        VSCODE_ESM_ENTRYPOINT: 'vs/platform/terminal/node/ptyHostMain',
        VSCODE_NLS_CONFIG: JSON.stringify({ userLocale: 'en', osLocale: 'en', resolvedLanguage: 'en', locale: 'en', availableLanguages: {}, defaultMessagesFile: path.join(VSCODE_OUT, 'nls.messages.json') }),
        VSCODE_RECONNECT_GRACE_TIME: '60000', VSCODE_RECONNECT_SHORT_GRACE_TIME: '6000', VSCODE_RECONNECT_SCROLLBACK: '100',
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child.stdout?.on('data', (d: Buffer) => { this.output += d.toString(); });
    this.child.stderr?.on('data', (d: Buffer) => { this.output += d.toString(); });
    this.ready = new Promise((resolve, reject) => {
      this.child.once('exit', code => reject(new Error(`the pty host exited (${code}): ${this.output}`)));
      this.child.on('message', (m: string) => {
        const buf = Buffer.from(m, 'base64');
        const at = { p: 0 };
        const header = decode(buf, at) as number[];
        const body = decode(buf, at);
        if (header[0] === 200) { resolve(); return; }   // ResponseType.Initialize
        const p = this.pending.get(header[1]);
        if (!p) { return; }
        this.pending.delete(header[1]);
        if (header[0] === 201) { p.resolve(body); } else { p.reject(new Error(`pty host: ${JSON.stringify(body)}`)); }
      });
    });
  }

  call<T>(method: string, args: unknown[]): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: v => resolve(v as T), reject });
      // RequestType.Promise on channel "ptyHost"; ProxyChannel.fromService applies the args to PtyService[method]
      this.child.send(Buffer.concat([encode([100, id, 'ptyHost', method]), encode(args)]).toString('base64'));
    });
  }

  dispose(): void { this.child.kill(); }
}

/**
 * A terminal opened the way desktop VS Code opens one while Ring Keys' collection holds `entries`, and typed
 * into. `shellEnv` is the terminal's own env (createTerminal's `env`). Returns its pty id.
 */
async function openTerminal(host: PtyHost, entries: readonly EnvEntry[], shellEnv?: Record<string, string>): Promise<number> {
  // the collection as the extension host hands it to the workbench (replace, at process creation only)
  const collection = entries.map(e => [e.name, { value: e.value, type: 1, variable: e.name, options: { applyAtProcessCreation: true, applyAtShellIntegration: false } }]);
  // terminalProcessManager._resolveEnvironment: the base env, the terminal's own env, then the merged collection applied
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.tmpdir(), ...shellEnv };
  for (const e of entries) { env[e.name] = e.value; }
  const options = {
    shellIntegration: { enabled: false, suggestEnabled: false, nonce: 'n' },
    windowsEnableConpty: true, windowsUseConptyDll: false,
    environmentVariableCollections: entries.length ? [['ring-keys.ring-keys', collection, []]] : undefined,
  };
  const shellLaunchConfig = { executable: '/bin/sh', args: [], name: 'sh', ...(shellEnv ? { env: shellEnv } : {}) };
  const id = await host.call<number>('createProcess', [shellLaunchConfig, os.tmpdir(), 80, 24, '11', env, { PATH: env.PATH }, options, true, 'workspace-1', 'Workspace']);
  await host.call('start', [id]);
  await host.call('input', [id, 'echo ready\r']);
  return id;
}

interface SerializedTerminal { id: number; processLaunchConfig: { env: Record<string, string>; options: { environmentVariableCollections?: unknown } } }

/** Every form of the key a scan of state.vscdb would find: as is, JSON-escaped is the same here, and base64. */
function holdsKey(state: string): boolean {
  return state.includes(KEY) || state.includes(Buffer.from(KEY).toString('base64'));
}

describe('terminal persistence: what desktop VS Code writes to disk to revive terminals (the stand-in\'s pty host)', function () {
  this.timeout(30_000);
  let host: PtyHost;
  let logs: string;
  const opened = { control: 0, ownEnv: 0, desktopDefault: 0 };
  /** Each terminal's part of the serialized state, as the text VS Code stores (the serialization is plain JSON). */
  const states = new Map<number, string>();


  before(async function () {
    // the stand-in is installed by the VS Code tier (tools/standin/install.sh); node-pty needs a POSIX shell here
    if (!fs.existsSync(path.join(VSCODE_OUT, 'bootstrap-fork.js')) || process.platform === 'win32') { this.skip(); }
    logs = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-ptyhost-'));
    host = new PtyHost(logs);
    await host.ready;
    // one serialization for all three: the pty host asks each process whether a window still holds it (4 s)
    opened.control = await openTerminal(host, ENTRIES);
    opened.ownEnv = await openTerminal(host, [], { RINGG_API_KEY: KEY });
    opened.desktopDefault = await openTerminal(host, terminalEntries(ENTRIES, DESKTOP_DEFAULT));
    const stored = await host.call<string>('serializeTerminalState', [Object.values(opened)]);
    for (const t of (JSON.parse(stored) as { version: number; state: SerializedTerminal[] }).state) { states.set(t.id, JSON.stringify(t)); }
  });
  after(() => {
    host?.dispose();
    if (logs) { fs.rmSync(logs, { recursive: true, force: true }); }
  });

  it('control: a value in the collection is in the serialized state (launch env and the collection both), so VS Code would write it to state.vscdb', () => {
    const state = states.get(opened.control);
    assert.ok(state, 'the terminal was not serialized');
    assert.ok(holdsKey(state), 'the pty host serialized the terminal without the injected value');
    const t = JSON.parse(state) as SerializedTerminal;
    assert.strictEqual(t.processLaunchConfig.env.RINGG_API_KEY, KEY, 'processLaunchConfig.env holds the value');
    assert.ok(JSON.stringify(t.processLaunchConfig.options.environmentVariableCollections).includes(KEY), 'processLaunchConfig.options holds the collection with the value');
    assert.strictEqual(state.split(KEY).length - 1, 3, 'launch env, launch options and processDetails each hold it');
  });

  it('control: a terminal\'s own env (createTerminal({ env }), as "Open Terminal with Key" used) is in the serialized state too', () => {
    const state = states.get(opened.ownEnv);
    assert.ok(state && holdsKey(state));
  });

  it('a desktop window with VS Code\'s defaults (revive on exit): Ring Keys puts no value in the collection, and none is in the state', () => {
    assert.strictEqual(terminalsRevivedFromDisk(DESKTOP_DEFAULT), true);
    const state = states.get(opened.desktopDefault);
    assert.ok(state, 'the terminal itself was serialized');
    assert.ok(!holdsKey(state), 'the key would be written to the workspace\'s state.vscdb');
  });

  it('with reviving turned off (or persistent sessions off, or the web workbench) the keys go into terminals: VS Code writes no terminal state then', () => {
    assert.deepStrictEqual(terminalEntries(ENTRIES, DESKTOP_NEVER), ENTRIES);
    assert.deepStrictEqual(terminalEntries(ENTRIES, { desktop: true, persistentSessions: false, reviveProcess: 'onExit' }), ENTRIES);
    assert.deepStrictEqual(terminalEntries(ENTRIES, { desktop: false, persistentSessions: true, reviveProcess: 'onExitAndWindowClose' }), ENTRIES);
    assert.deepStrictEqual(terminalEntries(ENTRIES, { desktop: true, persistentSessions: true, reviveProcess: 'onExitAndWindowClose' }), []);
  });
});
