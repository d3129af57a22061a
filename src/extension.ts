// Composition root: create the log channel and the shared services, then hand them to one
// register function per feature. No feature logic lives here.
import * as vscode from 'vscode';
import { Commands } from './constants';
import { vaultKeyStore, vaultOwnKeySource } from './core/scanner/ownKeys';
import { KeyVault } from './core/vault';
import { registerDiagnostics } from './vscode/features/diagnostics';
import { createLogChannel } from './vscode/logging';

export interface RingKeysApi {
  /** For tests: the extension's version string, proving activation returned. */
  readonly version: string;
}

export function activate(context: vscode.ExtensionContext): RingKeysApi {
  const { channel, logger } = createLogChannel();
  context.subscriptions.push(channel);
  context.subscriptions.push(vscode.commands.registerCommand(Commands.showLogs, () => channel.show()));
  const vault = new KeyVault(context.secrets, context.globalState, context.workspaceState);
  registerDiagnostics(context, { logger, ownKeys: vaultOwnKeySource(vault, l => context.secrets.onDidChange(l)), storeKey: vaultKeyStore(vault) });
  logger.info(`Ring Keys ${context.extension.packageJSON.version} activated`);
  return { version: String(context.extension.packageJSON.version) };
}

export function deactivate(): void {
  // every disposable is owned by context.subscriptions
}
