// The real window behind KeyUi (facade.ts): VS Code's notifications, modal dialogs, input box, quick pick,
// progress, clipboard and commands. No decisions here: the handlers make them.
import * as vscode from 'vscode';
import type { Logger } from '../../../core/log';
import { askModal } from '../../ui/dialogs';
import { showFailure } from '../../ui/failures';
import type { InputOptions, InputProblem, KeyUi, PickItem } from './facade';
import { findLiteralInWorkspace } from './findKey';

export function keyUi(logger: Logger): KeyUi {
  return {
    l10n: vscode.l10n,
    locale: vscode.env.language,
    info: (message, ...items) => Promise.resolve(vscode.window.showInformationMessage(message, ...items)),
    warn: (message, ...items) => Promise.resolve(vscode.window.showWarningMessage(message, ...items)),
    error: (message, ...items) => Promise.resolve(vscode.window.showErrorMessage(message, ...items)),
    modal: (kind, message, detail, ...items) => askModal(kind, message, detail, ...items),
    input: showInput,
    pick: showPick,
    progress: (title, task, where = 'notification') => Promise.resolve(vscode.window.withProgress(
      { location: where === 'statusBar' ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification, title }, task)),
    openExternal: url => Promise.resolve(vscode.env.openExternal(vscode.Uri.parse(url))),
    copy: text => Promise.resolve(vscode.env.clipboard.writeText(text)),
    command: (id, ...args) => Promise.resolve(vscode.commands.executeCommand(id, ...args)),
    failure: (err, ctx) => showFailure(err, logger, ctx),
    findInWorkspace: async (literal, label) => { await findLiteralInWorkspace(literal, label, logger); },
  };
}

const severity = (p: InputProblem | undefined): vscode.InputBoxValidationMessage | undefined =>
  p && { message: p.message, severity: p.severity === 'error' ? vscode.InputBoxValidationSeverity.Error : vscode.InputBoxValidationSeverity.Warning };

/** One input box for every question: checked as the user types, and (if asked) once more on Enter. */
function showInput(opts: InputOptions): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = opts.title;
  box.prompt = opts.prompt;
  box.placeholder = opts.placeHolder;
  box.password = opts.password ?? false;
  box.ignoreFocusOut = true;
  box.value = opts.value ?? '';
  const check = (v: string) => { box.validationMessage = severity(opts.validate?.(v)); };
  if (box.value) { check(box.value); }
  return new Promise(resolve => {
    let done = false;
    const finish = (v: string | undefined) => { if (!done) { done = true; resolve(v); box.dispose(); } };
    box.onDidChangeValue(check);
    box.onDidAccept(() => void (async () => {
      const value = box.value;
      const problem = opts.validate?.(value);
      if (problem?.severity === 'error') { box.validationMessage = severity(problem); return; }
      if (opts.accept) {
        box.busy = true;
        box.enabled = false;
        const refused = await opts.accept(value);
        box.busy = false;
        box.enabled = true;
        if (refused) { box.validationMessage = severity(refused); return; }
      }
      finish(value);
    })());
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}

async function showPick<T extends PickItem>(items: readonly T[], opts: { title?: string; placeHolder?: string; menu?: boolean }): Promise<T | undefined> {
  const shown = items.map(item => ({
    label: item.label, description: item.description, detail: item.detail, item,
    ...(item.separator ? { kind: vscode.QuickPickItemKind.Separator } : {}),
  }));
  return (await vscode.window.showQuickPick(shown, { title: opts.title, placeHolder: opts.placeHolder, ignoreFocusOut: !opts.menu }))?.item;
}
