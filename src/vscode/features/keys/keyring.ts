import * as vscode from 'vscode';
import { Commands } from '../../../constants';
import { SecretStorageError } from '../../../core/http/errors';
import type { Logger } from '../../../core/log';
import { errorMessage } from '../../../core/errorMessage';
import { errorWords } from '../../ui/words';

/**
 * At start-up, one harmless read from SecretStorage. On Linux without a working keyring it throws; the user
 * then hears it now, with the fix, rather than when a key is lost. Nothing is ever written to a file instead.
 */
export async function checkSecretStorage(secrets: vscode.SecretStorage, logger: Logger): Promise<boolean> {
  try {
    await secrets.get('ringKeys.keyringCheck');
    return true;
  } catch (err) {
    const detail = errorMessage(err).slice(0, 160);
    const e = new SecretStorageError(`VS Code cannot use the system keyring, so Ring Keys cannot store or read keys (${detail}).`, { code: 'keyring', detail });
    const advice = errorWords(e);
    logger.error(`[keyring] ${e.message}`);
    const logs = vscode.l10n.t('Show Logs');
    void vscode.window.showErrorMessage(`${advice.message} ${advice.fix}`, logs).then(c => {
      if (c === logs) { void vscode.commands.executeCommand(Commands.showLogs); }
    });
    return false;
  }
}
