import * as vscode from 'vscode';
import { PROVIDERS } from '../../../core/providers/catalog';
import { recoverInterruptedRotation } from '../../../core/rotation';
import type { Services } from '../../services';
import { Commands } from '../../../constants';
import { errorWords } from '../../ui/words';

/** At start-up: tells the user how a rotation that a closed or reloaded window interrupted ended. */
export async function reportInterruptedRotation(context: vscode.ExtensionContext, services: Services): Promise<string> {
  const r = await recoverInterruptedRotation({ clients: services.clients, vault: services.vault, state: context.globalState });
  if (r.kind === 'none') { return r.kind; }
    services.logger.warn(`[rotate] an interrupted rotation of "${r.entry.profileName}" (${r.entry.oldTail}) was found: ${r.kind}`);
  services.keysChanged();
  if (r.kind === 'lost') {
    const reenter = vscode.l10n.t('Re-enter Key');
    const dashboard = vscode.l10n.t('Open Dashboard');
    void vscode.window.showErrorMessage(
      vscode.l10n.t('A rotation of "{0}" was interrupted before its new key was stored, and Ringg now rejects the old key {1}. Take the new key from the Ringg AI dashboard ({2}) and re-enter it.',
        r.entry.profileName, r.entry.oldTail, PROVIDERS.ringg.dashboardPath), reenter, dashboard).then(async c => {
      if (c === reenter) { await vscode.commands.executeCommand(Commands.reenterKey, r.entry.profileId); }
      if (c === dashboard) { await vscode.env.openExternal(vscode.Uri.parse(PROVIDERS.ringg.dashboardUrl)); }
    });
  } else if (r.kind === 'notRotated') {
    void vscode.window.showInformationMessage(vscode.l10n.t('A rotation of "{0}" was interrupted before Ringg applied it; the key {1} still works.', r.entry.profileName, r.entry.oldTail));
  } else {
    void vscode.window.showWarningMessage(vscode.l10n.t('A rotation of "{0}" was interrupted and Ringg cannot be reached to check whether it happened ({1}). Ring Keys will check again at the next start.',
      r.entry.profileName, errorWords(r.error, PROVIDERS.ringg.label).message));
  }
  return r.kind;
}
