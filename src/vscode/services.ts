// The shared services every feature receives: built once in activate(), VS Code objects passed in.
import * as vscode from 'vscode';
import { Settings } from '../constants';
import { HttpClient } from '../core/http/client';
import { resolveBaseUrl } from '../core/http/origin';
import { Redactor } from '../core/http/redact';
import { type Logger, redacting, scoped } from '../core/log';
import { PROVIDER_IDS, type ProviderId } from '../core/providers/catalog';
import { ProviderClients } from '../core/providers/clients';
import { KeyVault, profileIdOfSecret } from '../core/vault';

export interface Services {
  readonly logger: Logger;
  readonly vault: KeyVault;
  readonly clients: ProviderClients;
  /** Fires when any key or profile changed, in this window or another (idempotent listeners only). */
  readonly onDidChangeKeys: vscode.Event<void>;
  /** Tell every listener that keys changed (after this window changed the vault). */
  keysChanged(): void;
}

/**
 * The base URL override for a provider, or undefined for the documented default. Only the user's own
 * machine-level value counts, and none in an untrusted workspace: a folder can never redirect a key
 * (see resolveBaseUrl).
 */
export function baseUrlOverride(provider: ProviderId, logger: Logger): string | undefined {
  const inspected = vscode.workspace.getConfiguration().inspect<string>(Settings.baseUrl(provider));
  try {
    const r = resolveBaseUrl(provider, {
      trusted: vscode.workspace.isTrusted,
      userValue: inspected?.globalValue,
      workspaceValue: inspected?.workspaceFolderValue ?? inspected?.workspaceValue,
    });
    if (r.ignored) { warnOnce(logger, `${Settings.baseUrl(provider)}: ${r.ignored}`); }
    return r.url;
  } catch (err) {
    warnOnce(logger, `${Settings.baseUrl(provider)} refused: ${(err as Error).message}`);
    throw err;
  }
}

const warned = new Set<string>();
function warnOnce(logger: Logger, message: string): void {
  if (!warned.has(message)) { warned.add(message); logger.warn(message); }
}

export function createServices(context: vscode.ExtensionContext, channelLogger: Logger): Services {
  // one redactor for the window: told every key stored, read or sent; every log line passes through it
  const redactor = new Redactor();
  const logger = redacting(channelLogger, t => redactor.text(t));
  const vault = new KeyVault(context.secrets, context.globalState, context.workspaceState, Date.now, redactor);
  const config = () => vscode.workspace.getConfiguration(Settings.section);
  const clients = new ProviderClients({
    http: new HttpClient({ logger, redactor }),
    baseUrl: p => baseUrlOverride(p, logger),
    get perMinute() { return { ringyo: config().get<number>('ringyo.requestsPerMinute', 60) }; },
    get limits() { return { attemptTimeoutMs: Math.max(1, config().get<number>('http.timeoutSeconds', 30)) * 1000 }; },
  });
  const emitter = new vscode.EventEmitter<void>();
  context.subscriptions.push(emitter);
  const log = scoped(logger, 'vault');
  context.subscriptions.push(context.secrets.onDidChange(e => {
    // SecretStorage is shared by every window; this may fire twice for one change.
    if (profileIdOfSecret(e.key)) {
      log.debug('a stored key changed (this or another window)');
      reconcile();
      emitter.fire();
    }
  }));
  // Another window may have written the key list from an older copy and dropped a key added or removed here:
  // the vault writes it again (nothing is written when nothing was dropped). Global state has no change event,
  // so look when a key changes anywhere and when this window gets the focus back.
  function reconcile(): void {
    vault.reconcile().then(undefined, (err: unknown) => log.warn(`the key list could not be merged with another window's: ${(err as Error).message}`));
  }
  context.subscriptions.push(vscode.window.onDidChangeWindowState(s => { if (s.focused) { reconcile(); } }));
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(e => {
    if (PROVIDER_IDS.some(p => e.affectsConfiguration(Settings.baseUrl(p)))) { emitter.fire(); }
  }));
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => emitter.fire()));
  return { logger, vault, clients, onDidChangeKeys: emitter.event, keysChanged: () => emitter.fire() };
}
