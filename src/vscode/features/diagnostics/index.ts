// Leak diagnostics: the VS Code edge of the scanner in src/core/scanner.
import * as vscode from 'vscode';
import { Commands } from '../../../constants';
import type { Logger } from '../../../core/log';
import type { OwnKeySource } from '../../../core/scanner/ownKeys';
import { registerCodeActions, type StoreKey, type VariableNotice } from './codeActions';
import { type DeadKeySource, LeakDiagnostics } from './leakDiagnostics';
import { scanWorkspace } from './workspaceScan';

export interface DiagnosticsDeps {
  readonly logger: Logger;
  /** The user's stored keys, for the own-key rule (only their prints are kept). */
  readonly ownKeys: OwnKeySource;
  /** Stores a key found in a file as a profile (the "Move to SecretStorage" quick fix), verified first. */
  readonly storeKey: StoreKey;
  /** Keys known to be dead: their diagnostics say so and offer to delete the literal. */
  readonly deadKeys?: DeadKeySource;
  /** Whether the variable a fixed file reads is set in new terminals (the quick fix says so). */
  readonly variableNotice?: VariableNotice;
}

export function registerDiagnostics(context: vscode.ExtensionContext, deps: DiagnosticsDeps): LeakDiagnostics {
  const diagnostics = new LeakDiagnostics(deps.logger, deps.ownKeys, deps.deadKeys);
  context.subscriptions.push(diagnostics);
  const storeKey: StoreKey = async (provider, name, key) => {
    const stored = await deps.storeKey(provider, name, key);
    await diagnostics.refreshOwnKeys();   // the stored key is now an own key everywhere
    return stored;
  };
  context.subscriptions.push(
    ...registerCodeActions(diagnostics, deps.logger, storeKey, deps.variableNotice),
    vscode.commands.registerCommand(Commands.scanWorkspace, () => scanWorkspace(diagnostics, deps.logger)),
  );
  // The documents already open are scanned right after activate() returns, not during it.
  const initial = setTimeout(() => diagnostics.rescanAll(), 0);
  context.subscriptions.push({ dispose: () => clearTimeout(initial) });
  return diagnostics;
}
