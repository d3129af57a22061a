import * as vscode from 'vscode';

/**
 * A modal question. Where the workbench refuses modal dialogs (VS Code does so while extension tests
 * run, and some remote/web hosts may), the same question is asked in a notification with the detail
 * folded into the message, so the choice is never skipped silently.
 */
export async function askModal<T extends string>(kind: 'info' | 'warning' | 'error', message: string, detail: string, ...items: T[]): Promise<T | undefined> {
  const show = kind === 'info' ? vscode.window.showInformationMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  try {
    return await show(message, { modal: true, detail }, ...items);
  } catch {
    return show(detail ? `${message} ${detail}` : message, ...items);
  }
}
