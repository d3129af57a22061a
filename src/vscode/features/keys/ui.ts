// The real window behind KeyUi (rotateHandlers.ts): VS Code's notifications, modal dialogs, progress,
// clipboard and commands.
import * as vscode from 'vscode';
import type { Logger } from '../../../core/log';
import type { ProviderId } from '../../../core/providers/catalog';
import { askModal } from '../../ui/dialogs';
import { showFailure } from '../../ui/failures';
import { findLiteralInWorkspace } from './findKey';
import type { KeyUi } from './rotateHandlers';

export function keyUi(logger: Logger, askKey: (provider: ProviderId, opts: { title: string; differentFrom?: string }) => Promise<string | undefined>): KeyUi {
  return {
    l10n: vscode.l10n,
    info: (message, ...items) => Promise.resolve(vscode.window.showInformationMessage(message, ...items)),
    warn: (message, ...items) => Promise.resolve(vscode.window.showWarningMessage(message, ...items)),
    modal: (kind, message, detail, ...items) => askModal(kind, message, detail, ...items),
    askKey,
    progress: (title, task) => Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task)),
    openExternal: url => Promise.resolve(vscode.env.openExternal(vscode.Uri.parse(url))),
    copy: text => Promise.resolve(vscode.env.clipboard.writeText(text)),
    command: (id, ...args) => Promise.resolve(vscode.commands.executeCommand(id, ...args)),
    failure: (err, ctx) => showFailure(err, logger, ctx),
    findInWorkspace: async (literal, label) => { await findLiteralInWorkspace(literal, label, logger); },
  };
}
