import type * as vscode from 'vscode';
import type { Services } from '../../services';
import { keyDeps, registerKeyCommands } from './commands';
import { registerWorkspaceInfo, type WorkspaceInfo } from './infoPanel';
import { StatusBar } from './statusBar';
import { KeysTree } from './treeView';
import { reportInterruptedRotation } from './interrupted';
import { checkSecretStorage } from './keyring';
import { Verifier } from './verification';

/** Keys feature: the vault commands, verification and the status-bar indicator. */
export function registerKeys(context: vscode.ExtensionContext, services: Services): { statusBar: StatusBar; verifier: Verifier; tree: KeysTree; info: WorkspaceInfo } {
  const verifier = new Verifier(services);
  context.subscriptions.push(verifier);
  const info = registerWorkspaceInfo(context, services);
  const deps = keyDeps(context, services, verifier, info);
  registerKeyCommands(context, deps);
  const statusBar = new StatusBar(services, verifier);
  context.subscriptions.push(statusBar);
  void checkSecretStorage(context.secrets, services.logger).then(ok => { if (ok) { void reportInterruptedRotation(deps, context.globalState); } });
  const tree = new KeysTree(services, verifier);
  context.subscriptions.push(tree);
  return { statusBar, verifier, tree, info };
}
