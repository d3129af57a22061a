// Composition root: create the log channel and the shared services, then hand them to one
// register function per feature. No feature logic lives here.
import * as vscode from 'vscode';
import { Commands } from './constants';
import { vaultOwnKeySource } from './core/scanner/ownKeys';
import { registerDiagnostics } from './vscode/features/diagnostics';
import { registerHistory } from './vscode/features/history';
import { registerHttpFiles } from './vscode/features/httpFiles';
import { registerEnvironment, variableNotice, type EnvironmentView } from './vscode/features/env';
import { registerKeys } from './vscode/features/keys';
import { registerLeakRemediation } from './vscode/features/leaks';
import { storeFoundKey } from './vscode/features/keys/storeFound';
import { askMakeMovedKeyActive } from './vscode/features/keys/askActive';
import { registerRequestTester } from './vscode/features/tester';
import { type AgentToolsView, registerAgentTools } from './vscode/features/agents';
import type { TesterSnapshot } from './vscode/features/tester/panel';
import { createLogChannel } from './vscode/logging';
import { createServices } from './vscode/services';
import type { HostStats } from './vscode/webview/host';

/** What activate() returns: read-only views for tests (what the user sees), nothing that holds a key. */
export interface RingKeysApi {
  readonly version: string;
  /** The status-bar item: its state, its text and its tooltip's Markdown source. */
  status(): { kind: string; text: string; tooltip: string };
  /** Profile metadata (names, providers, masked tails, states): never a key. */
  profiles(): ReadonlyArray<{ id: string; name: string; provider: string; tail: string; lastState?: string }>;
  workspaceInfo(): unknown;
  /**
   * The webview panels (each open or not, how many were opened, the listeners the open one holds) and how many
   * disposables the extension holds: opening and closing a panel must not add to them.
   */
  webviews(): { subscriptions: number; info: HostStats; tester: HostStats };
  /** The Request Tester's last result and its history (redacted; never a key). */
  tester(): TesterSnapshot;
  /** The agent tools' confirmations so far (count and last wording; never a key). */
  agentTools(): AgentToolsView;
  /** The answers to request files shown so far (redacted text, newest last). */
  httpFiles(): readonly string[];
  /** The variables new terminals, tasks and debug sessions get (names and masked tails; never a value). */
  environment(): EnvironmentView;
  /**
   * Start-up facts (Date.now() times): when activate() returned and when the first finding showed; how long this
   * activate() took (ms, after VS Code's activation) and its parts, how long loading its bundle took, and how
   * long the entry's activate() took (src/start.ts: what Show Running Extensions counts after the entry's code).
   */
  startup(): { activatedAt: number; firstReportAt?: number; activateMs: number; entryMs: number; loadMs: number; phases: Readonly<Record<string, number>> };
  /**
   * Only when VS Code runs the extension's own tests (ExtensionMode.Test): the VS Code tier's reset between
   * suites removes every stored key without the confirmation a person gets (which a busy runner can lose), and
   * a failed test prints the extension's log lines since it began (`recentLog`: of the last 200, never a key).
   */
  readonly testing?: { removeAllKeys(): Promise<number>; recentLog(since?: number): string[] };
}

/**
 * Called by the start-up entry (src/start.ts) in the extension host's task after VS Code activated Ring Keys;
 * `entry`: how long the entry's own activate() took, and the loading of this bundle (ms).
 */
export function activate(context: vscode.ExtensionContext, entry: { ms: number; loadMs: number } = { ms: 0, loadMs: 0 }): RingKeysApi {
  const called = performance.now();
  // how long each part of activate() took (ms), for the start-up bench
  const phases: Record<string, number> = {};
  let lap = called;
  const done = (name: string) => { const now = performance.now(); phases[name] = Math.round((now - lap) * 10) / 10; lap = now; };
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const { channel, logger, tail } = createLogChannel(testMode ? 200 : 0);
  context.subscriptions.push(channel);
  context.subscriptions.push(vscode.commands.registerCommand(Commands.showLogs, () => channel.show()));
  const services = createServices(context, logger);
  done('services');
  const keys = registerKeys(context, services);
  done('keys');
  const env = registerEnvironment(context, services);
  done('environment');
  const diagnostics = registerDiagnostics(context, {
    logger: services.logger, ownKeys: vaultOwnKeySource(services.vault, l => services.onDidChangeKeys(l)),
    storeKey: (p, n, k) => storeFoundKey(services, p, n, k, askMakeMovedKeyActive),
    deadKeys: { find: fp => services.vault.deadKey(fp), onDidChange: l => keys.verifier.onDidChange(e => { if (e.outcome?.state === 'rejected') { l(); } }) },
    variableNotice: (p, v) => variableNotice(env, services, p, v),
  });
  done('diagnostics');
  registerLeakRemediation(context, services, diagnostics);
  done('leaks');
  const tester = registerRequestTester(context, services, id => { void keys.verifier.verify(id); });
  done('tester');
  const agents = registerAgentTools(context, services, id => { void keys.verifier.verify(id); });
  done('agents');
  registerHistory(context, { logger: services.logger });
  done('history');
  const httpFiles = registerHttpFiles(context, services);
  done('httpFiles');
  const version = String((context.extension.packageJSON as { version?: unknown }).version);
  services.logger.info(`Ring Keys ${version} activated`);
  const activatedAt = Date.now();
  const activateMs = Math.round(performance.now() - called);
  return {
    version,
    status: () => ({ kind: keys.statusBar.current.kind, text: keys.statusBar.text, tooltip: keys.statusBar.tooltip }),
    workspaceInfo: () => keys.info.shown(),
    webviews: () => ({ subscriptions: context.subscriptions.length, info: keys.info.stats(), tester: tester.stats() }),
    profiles: () => services.vault.list().map(({ id, name, provider, tail, lastState }) => ({ id, name, provider, tail, lastState })),
    tester: () => tester.snapshot(),
    agentTools: () => ({ ...agents }),
    httpFiles: () => httpFiles.shown(),
    environment: () => env.current,
    startup: () => ({ activatedAt, firstReportAt: diagnostics.firstReportAt, activateMs, entryMs: Math.round(entry.ms * 10) / 10, loadMs: Math.round(entry.loadMs), phases }),
    ...(testMode ? {
      testing: {
        recentLog: tail,
        removeAllKeys: async () => {
          const ids = services.vault.list().map(p => p.id);
          for (const id of ids) { await services.vault.remove(id); }
          services.keysChanged();
          return ids.length;
        },
      },
    } : {}),
  };
}

export function deactivate(): void {
  // every disposable is owned by context.subscriptions
}
