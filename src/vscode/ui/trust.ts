// Restricted Mode and git: a folder the user has not trusted chooses nothing we run. Ring Keys starts no git
// process there at all (VS Code's own git extension does the same): the editor decides which files count from
// the folder's .gitignore files, read in-process, and the git features say why they are off.
import * as vscode from 'vscode';

/** Whether git may run for this window's folders (only in a trusted workspace). */
export function gitAllowed(): boolean {
  return vscode.workspace.isTrusted;
}

/** The sentence that says why a git feature is off; the history view's welcome text says the same. */
export function restrictedGitReason(): string {
  return vscode.l10n.t('Ring Keys runs no git in Restricted Mode: a folder you have not trusted could make git run its own programs. Trust the folder to scan its git history.');
}

/** Says why a git feature is unavailable, with a way to trust the folder. */
export async function explainGitRestricted(): Promise<void> {
  const manage = vscode.l10n.t('Manage Workspace Trust');
  const choice = await vscode.window.showWarningMessage(restrictedGitReason(), manage);
  if (choice === manage) { await vscode.commands.executeCommand('workbench.trust.manage'); }
}
