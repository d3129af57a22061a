// The rotate command's flows as functions of their dependencies: the vault, the provider clients, the
// rotation policy and a thin window facade (KeyUi, facade.ts). No `vscode` import at run time: unit tests
// drive every rotation outcome with a fake facade; src/vscode/features/keys/commands.ts wires them.
import { Commands } from '../../../constants';
import { errorMessage } from '../../../core/errorMessage';
import { describeError } from '../../../core/http/errors';
import { maskKey } from '../../../core/keys';
import { PROVIDERS } from '../../../core/providers/catalog';
import { outcomeFacts } from '../../../core/providers/clients';
import type { KeyProfile } from '../../../core/vault';
import { errorText as errorWords, outcomeText, unverifiableText, verifySummaryText } from '../../../words/messages';
import { askKey, type KeyDeps, pickProfile } from './keyHandlers';
// Type only, so that `npm run l10n` (which reads `l10n.t` calls of a file that imports it) extracts the
// strings below; at run time each function's `l10n` is the facade's, and this module loads without VS Code.
import type { l10n } from 'vscode';

type L10n = Pick<typeof l10n, 't'>;

/** The rotate command takes the key dependencies (the Ringg policy among them). */
export type RotateDeps = KeyDeps;

/** What the rotate command returns (the tests and the walkthrough read it). */
export type RotateCommandResult = 'rotated' | 'failed' | 'unstored' | 'lost' | 'not-rotated' | 'unknown' | 'refused' | undefined;

/** Rotate Key: the argument's key (else a pick), by API for Ringg, guided through the dashboard for the others. */
export async function rotateCommand(deps: RotateDeps, arg?: unknown): Promise<RotateCommandResult> {
  const { l10n } = deps.ui;
  const profile = await pickProfile(deps, arg, l10n.t('Choose the key to rotate'));
  return profile ? rotateKey(deps, profile) : undefined;
}

export function rotateKey(deps: RotateDeps, profile: KeyProfile): Promise<RotateCommandResult> {
  return profile.provider === 'ringg' ? rotateRinggKey(deps, profile) : rotateGuided(deps, profile);
}

/** Ringg rotates by API: confirm, rotate (never retried), then say where the key is, whatever happened. */
export async function rotateRinggKey(deps: RotateDeps, profile: KeyProfile): Promise<RotateCommandResult> {
  const { ui, logger } = deps;
  const l10n: L10n = ui.l10n;
  const rotate = l10n.t('Rotate Key');
  const answer = await ui.modal('warning',
    l10n.t('Rotate the Ringg AI key "{0}" ({1})?', profile.name, profile.tail), l10n.t('The old key stops working immediately. Every service, script and deployment that uses it must be updated with the new key. The new key is stored in SecretStorage first. If the connection drops mid-way you will be told where the new key is.'), rotate);
  if (answer !== rotate) { return undefined; }
  logger.info(`[rotate] rotating Ringg key "${profile.name}" (${profile.tail})`);
  // never retried: a second PATCH would rotate again and lose the first new key
  const result = await ui.progress(l10n.t('Rotating "{0}"…', profile.name), () => deps.rotateRingg(profile.id));
  deps.keysChanged();
  const dashboard = l10n.t('Open Dashboard');
  const reenter = l10n.t('Re-enter Key');
  const openDashboard = () => ui.openExternal(PROVIDERS.ringg.dashboardUrl);
  switch (result.kind) {
    case 'failed':
      ui.failure(result.error, { provider: 'ringg', profileId: profile.id, action: l10n.t('Rotate Key (nothing changed)') });
      return 'failed';
    case 'unstored':
      logger.error(`[rotate] the new key for "${profile.name}" could not be stored: ${errorMessage(result.storeError)}`);
      await offerUnstoredKey(deps, profile, result.newKey, result.storeError);
      return 'unstored';
    case 'lost': {
      logger.warn(`[rotate] the answer was lost (${errorMessage(result.error)}) and the old key is now rejected: the server rotated`);
      const choice = await ui.modal('error',
        l10n.t('The rotation of "{0}" happened on Ringg\'s side, but its answer was lost: the old key {1} no longer works and the new key never arrived.', profile.name, profile.tail), l10n.t('Take the new key from the Ringg AI dashboard ({0}: reveal, copy), then choose Re-enter Key to store it. Do not rotate again: that would only replace the key you need to recover.', PROVIDERS.ringg.dashboardPath), reenter, dashboard);
      if (choice === dashboard) { await openDashboard(); }
      if (choice === reenter) { await ui.command(Commands.reenterKey, profile.id); }
      return 'lost';
    }
    case 'notRotated':
      logger.warn(`[rotate] the answer was lost but the old key still works: no rotation happened`);
      void ui.warn(l10n.t('The rotation of "{0}" did not happen: the connection failed before Ringg applied it, and the old key still works. Nothing changed.', profile.name));
      return 'not-rotated';
    case 'unknown':
      logger.warn(`[rotate] the answer was lost and the old key could not be checked: ${result.checkError.message}`);
      void ui.modal('error',
        l10n.t('Could not tell whether "{0}" was rotated: the answer was lost and Ringg cannot be reached to check.', profile.name), l10n.t('Open the Ringg AI dashboard ({0}). If the key shown there differs from {1}, the rotation happened: copy it and use Re-enter Key.', PROVIDERS.ringg.dashboardPath, profile.tail), dashboard)
        .then(async c => { if (c === dashboard) { await openDashboard(); } });
      return 'unknown';
    case 'rotated': {
      logger.info(`[rotate] new key for "${profile.name}" (${result.newTail}) stored; verification: ${result.verification.state}`);
      const copy = l10n.t('Copy New Key');
      const find = l10n.t('Find Old Key in Workspace');
      const verified = result.verification.state === 'valid' ? l10n.t('verified: {0}', verifySummaryText(l10n, result.verification.summary, ui.locale))
        : l10n.t('stored, but verification said: {0}', outcomeText(l10n, outcomeFacts(result.verification, PROVIDERS.ringg.label), ui.locale));
      const oldKey = result.oldKey;
      void ui.info(
        l10n.t('Rotated. "{0}" now holds {1} ({2}). The old key {3} no longer works: update every service that used it.', profile.name, result.newTail, verified, result.oldTail),
        copy, find).then(async choice => {
        if (choice === copy) { await ui.command(Commands.copyKey, profile.id); }
        if (choice === find) { await ui.findInWorkspace(oldKey, l10n.t('old key {0}', result.oldTail)); }
      });
      return 'rotated';
    }
  }
}

/** SecretStorage refused the new key: the old one is dead, so show the new one once, masked, with Copy. */
async function offerUnstoredKey(deps: RotateDeps, profile: KeyProfile, newKey: string, err: unknown): Promise<void> {
  const { ui } = deps;
  const l10n: L10n = ui.l10n;
  const copy = l10n.t('Copy New Key');
  for (;;) {
    const choice = await ui.modal('error',
      l10n.t('Ringg rotated "{0}", but SecretStorage could not store the new key {1}. The old key no longer works.', profile.name, maskKey(newKey)), `${errorWords(l10n, describeError(err)).message}\n\n${l10n.t('Copy the new key now and keep it in a secret store; it is not kept anywhere else and will not be shown again.')}`, copy);
    if (choice === copy) {
      await ui.copy(newKey);
      void ui.info(l10n.t('The new key {0} is on the clipboard.', maskKey(newKey)));
      return;
    }
    const sure = l10n.t('Discard It');
    if (await ui.modal('warning', l10n.t('Discard the new key? Without it you must take the key from the Ringg dashboard.'), '', sure) === sure) { return; }
  }
}

/** Ringyo and Ring Tonic rotate in their dashboards: open it, paste, verify before replacing, revoke. */
export async function rotateGuided(deps: RotateDeps, profile: KeyProfile): Promise<RotateCommandResult> {
  const { ui, vault, logger } = deps;
  const l10n: L10n = ui.l10n;
  const info = PROVIDERS[profile.provider];
  const open = l10n.t('Open Dashboard');
  const have = l10n.t('I Have the New Key');
  const choice = await ui.modal('info',
    l10n.t('{0} keys are rotated in the dashboard ({1}).', info.label, info.dashboardPath), l10n.t('Create or regenerate the key there, then paste it here. It is verified before it replaces "{0}" ({1}).', profile.name, profile.tail), open, have);
  if (!choice) { return undefined; }
  if (choice === open) { await ui.openExternal(info.dashboardUrl); }
  let oldKey: string | undefined;
  try { oldKey = await vault.getKey(profile.id); } catch { oldKey = undefined; }
  const newKey = await askKey(ui, profile.provider, { title: l10n.t('New key for "{0}"', profile.name), differentFrom: oldKey });
  if (!newKey) { return undefined; }
  const outcome = await ui.progress(l10n.t('Verifying the new key…'),
    () => deps.clients.verify(profile.provider, newKey, { campaignId: profile.campaignId }));
  if (outcome.state === 'rejected' || outcome.state === 'forbidden' || outcome.state === 'undetermined') {
    ui.failure(outcome.error, { provider: profile.provider, action: l10n.t('The new key was not stored ("{0}" keeps {1})', profile.name, profile.tail) });
    return 'refused';
  }
  if (outcome.state === 'unverifiable') {
    const store = l10n.t('Store It');
    if (await ui.modal('warning', unverifiableText(l10n), l10n.t('Store the new key without verifying it?'), store) !== store) { return undefined; }
  }
  try {
    await vault.replaceKey(profile.id, newKey);
  } catch (err) {
    ui.failure(err, { provider: profile.provider, action: l10n.t('Rotate Key') });
    return undefined;
  }
  await vault.recordVerification(profile.id, outcome);
  deps.keysChanged();
  logger.info(`[rotate] ${profile.provider} key "${profile.name}" replaced: ${profile.tail} → ${maskKey(newKey)}`);
  void ui.info(
    l10n.t('"{0}" now holds {1}. Revoke the old key {2} in the {3} dashboard: it does not expire on its own.', profile.name, maskKey(newKey), profile.tail, info.label), open)
    .then(async c => { if (c === open) { await ui.openExternal(info.dashboardUrl); } });
  return 'rotated';
}
