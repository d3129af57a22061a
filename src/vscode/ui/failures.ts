import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { type Logger, redactionOf } from '../../core/log';
import { PROVIDERS, type ProviderId } from '../../core/providers/catalog';
import { errorWords } from './words';
import { errorMessage } from '../../core/errorMessage';

/**
 * The one way an error reaches the user: the typed error's message and the fix from the provider's
 * docs, with "Re-enter Key" where that is the likely fix and always "Show Logs". Error texts come from
 * the HTTP layer, already redacted; the notification passes through the logger's redaction once more.
 */
export function showFailure(err: unknown, logger: Logger, ctx: { provider?: ProviderId; profileId?: string; action?: string } = {}): void {
  const label = ctx.provider ? PROVIDERS[ctx.provider].label : undefined;
  const advice = errorWords(err, label);
  logger.error(`${ctx.action ? ctx.action + ': ' : ''}${errorMessage(err)}`);
  const reenter = vscode.l10n.t('Re-enter Key');
  const logs = vscode.l10n.t('Show Logs');
  const buttons = [...(advice.reenter && ctx.profileId ? [reenter] : []), logs];
  const text = redactionOf(logger)(ctx.action ? `${ctx.action}: ${advice.message} ${advice.fix}` : `${advice.message} ${advice.fix}`);
  // the notification waits for the user; the command that failed does not
  void vscode.window.showErrorMessage(text, ...buttons).then(async pick => {
    if (pick === reenter) { await vscode.commands.executeCommand(Commands.reenterKey, ctx.profileId); }
    if (pick === logs) { await vscode.commands.executeCommand(Commands.showLogs); }
  });
}
