// At start-up: how a rotation that a closed or reloaded window interrupted ended. A function of the vault,
// the clients, the rotation journal's store and the window facade; no `vscode` import at run time.
import { Commands } from '../../../constants';
import { describeError } from '../../../core/http/errors';
import { PROVIDERS } from '../../../core/providers/catalog';
import { recoverInterruptedRotation } from '../../../core/rotation';
import type { StateStore } from '../../../core/vault';
import { errorText } from '../../../words/messages';
import type { KeyDeps } from './keyHandlers';
// Type only: `npm run l10n` extracts the l10n.t strings of a file that imports it.
import type { l10n } from 'vscode';

type L10n = Pick<typeof l10n, 't'>;

/** Tells the user how an interrupted rotation ended; returns its kind ('none' when there was none). */
export async function reportInterruptedRotation(deps: Pick<KeyDeps, 'ui' | 'vault' | 'clients' | 'logger' | 'keysChanged'>, state: StateStore): Promise<string> {
  const { ui } = deps;
  const l10n: L10n = ui.l10n;
  const r = await recoverInterruptedRotation({ clients: deps.clients, vault: deps.vault, state });
  if (r.kind === 'none') { return r.kind; }
  deps.logger.warn(`[rotate] an interrupted rotation of "${r.entry.profileName}" (${r.entry.oldTail}) was found: ${r.kind}`);
  deps.keysChanged();
  if (r.kind === 'lost') {
    const reenter = l10n.t('Re-enter Key');
    const dashboard = l10n.t('Open Dashboard');
    void ui.error(
      l10n.t('A rotation of "{0}" was interrupted before its new key was stored, and Ringg now rejects the old key {1}. Take the new key from the Ringg AI dashboard ({2}) and re-enter it.',
        r.entry.profileName, r.entry.oldTail, PROVIDERS.ringg.dashboardPath), reenter, dashboard).then(async c => {
      if (c === reenter) { await ui.command(Commands.reenterKey, r.entry.profileId); }
      if (c === dashboard) { await ui.openExternal(PROVIDERS.ringg.dashboardUrl); }
    });
  } else if (r.kind === 'notRotated') {
    void ui.info(l10n.t('A rotation of "{0}" was interrupted before Ringg applied it; the key {1} still works.', r.entry.profileName, r.entry.oldTail));
  } else {
    void ui.warn(l10n.t('A rotation of "{0}" was interrupted and Ringg cannot be reached to check whether it happened ({1}). Ring Keys will check again at the next start.',
      r.entry.profileName, errorText(l10n, describeError(r.error, PROVIDERS.ringg.label)).message));
  }
  return r.kind;
}
