// The key commands, wired: each command id to its handler (keyHandlers.ts, rotateHandlers.ts), which
// receives the vault, the clients, the verifier, the workspace-info view and the real window (ui.ts). No
// flow lives here.
import * as vscode from 'vscode';
import { Commands } from '../../../constants';
import { rotateRingg } from '../../../core/rotation';
import { lazyFeature } from '../../lazy';
import type { Services } from '../../services';
import type { WorkspaceInfo } from './infoPanel';
import { addKey, copyKey, type KeyDeps, reenterKey, removeKey, showWorkspaceInfo, statusBarMenu, switchKey, verifyKey } from './keyHandlers';
import { keyUi } from './ui';
import type { Verifier } from './verification';

/** The key handlers' dependencies in the extension: the services, the verifier and VS Code's window. */
export function keyDeps(context: vscode.ExtensionContext, services: Services, verifier: Verifier, info: WorkspaceInfo): KeyDeps {
  const { vault, clients, logger } = services;
  return {
    ui: keyUi(logger), vault, clients, logger,
    keysChanged: () => services.keysChanged(),
    verify: id => verifier.verify(id),
    rotateRingg: id => rotateRingg({ clients, vault, state: context.globalState }, id),
    showWorkspaceInfo: id => info.show(id),
  };
}

/** Rotate Key's flows (rotateHandlers.ts) load on first use: dist/lazy-keys.js. */
const rotation = lazyFeature(() => import('./lazy'));

export function registerKeyCommands(context: vscode.ExtensionContext, deps: KeyDeps): void {
  const handlers: Record<string, (deps: KeyDeps, arg?: unknown) => unknown> = {
    [Commands.addKey]: addKey,
    [Commands.switchKey]: switchKey,
    [Commands.removeKey]: removeKey,
    [Commands.copyKey]: copyKey,
    [Commands.verifyKey]: verifyKey,
    [Commands.reenterKey]: reenterKey,
    [Commands.showWorkspaceInfo]: showWorkspaceInfo,
    [Commands.rotateKey]: async (d, arg) => (await rotation()).rotateCommand(d, arg),
    [Commands.statusBarMenu]: statusBarMenu,
  };
  for (const [id, handler] of Object.entries(handlers)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (arg?: unknown) => handler(deps, arg)));
  }
}
