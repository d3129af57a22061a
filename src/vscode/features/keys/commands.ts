// Key commands: add, switch, remove, copy, verify, rotate, re-enter, and the status-bar menu.
import * as vscode from 'vscode';
import { Commands } from '../../../constants';
import { SecretStorageError } from '../../../core/http/errors';
import { rotateRingg as rotateRinggPolicy } from '../../../core/rotation';
import { checkKeyFormat, keyFingerprint, maskKey } from '../../../core/keys';
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '../../../core/providers/catalog';
import type { VerifyOutcome } from '../../../core/providers/clients';
import type { KeyProfile } from '../../../core/vault';
import type { Services } from '../../services';
import { askModal } from '../../ui/dialogs';
import { showFailure } from '../../ui/failures';
import { findLiteralInWorkspace } from './findKey';
import { askCampaignId } from './campaign';
import { proposedKeyName } from './naming';
import { WorkspaceInfoPanel } from './infoPanel';
import type { Verifier } from './verification';


export function registerKeyCommands(context: vscode.ExtensionContext, services: Services, verifier: Verifier): void {
  const { vault, logger } = services;
  const reg = (id: string, fn: (...args: never[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  // ---------------------------------------------------------------- helpers

  /** The profile a command acts on: the argument, else the only one, else a quick pick (active first). */
  async function pick(arg: unknown, placeHolder: string, filter?: (p: KeyProfile) => boolean): Promise<KeyProfile | undefined> {
    const id = typeof arg === 'string' ? arg : (arg as { id?: string } | undefined)?.id;
    if (id) { return vault.get(id); }
    const all = vault.list().filter(p => !filter || filter(p));
    if (all.length === 0) {
      const add = vscode.l10n.t('Add Key');
      if (await vscode.window.showInformationMessage(vscode.l10n.t('No API key is stored yet.'), add) === add) {
        await vscode.commands.executeCommand(Commands.addKey);
      }
      return undefined;
    }
    if (all.length === 1) { return all[0]; }
    // one active key per provider: each is marked, and the status bar's comes first
    const active = vault.active();
    const isActive = (p: KeyProfile) => vault.active(p.provider)?.id === p.id;
    const items = all
      .sort((a, b) => (a.id === active?.id ? -1 : b.id === active?.id ? 1 : 0))
      .map(p => ({ label: p.name, description: `${PROVIDERS[p.provider].label} ${p.tail}${p.mode === 'test' ? ' · TEST' : ''}${isActive(p) ? ` · ${vscode.l10n.t('active')}` : ''}`,
        detail: p.lastSummary, profile: p }));
    return (await vscode.window.showQuickPick(items, { placeHolder, ignoreFocusOut: true }))?.profile;
  }

  async function askKey(provider: ProviderId, opts: { title: string; prompt?: string; differentFrom?: string }): Promise<string | undefined> {
    const key = await vscode.window.showInputBox({
      title: opts.title,
      prompt: opts.prompt ?? vscode.l10n.t('Paste the {0} API key. It is stored in VS Code SecretStorage, never in settings or files.', PROVIDERS[provider].label),
      password: true,
      ignoreFocusOut: true,
      placeHolder: provider === 'ringg' ? 'xxxxxxxx-xxxx-4xxx-xxxx-xxxxxxxxxxxx' : provider === 'ringyo' ? 'rg_live_… / rg_test_…' : '',
      validateInput: value => {
        const c = checkKeyFormat(provider, value);
        if (c.error) { return { message: c.error, severity: vscode.InputBoxValidationSeverity.Error }; }
        if (opts.differentFrom && keyFingerprint(value) === keyFingerprint(opts.differentFrom)) {
          return { message: vscode.l10n.t('This is the key already stored.'), severity: vscode.InputBoxValidationSeverity.Error };
        }
        if (c.warning) { return { message: c.warning, severity: vscode.InputBoxValidationSeverity.Warning }; }
        return undefined;
      },
    });
    return key?.trim() || undefined;
  }

  async function verifyWithProgress(profile: KeyProfile): Promise<VerifyOutcome> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Verifying {0}…', profile.name) },
      () => verifier.verify(profile.id));
  }

  async function reportOutcome(profile: KeyProfile, outcome: VerifyOutcome, prefix = ''): Promise<void> {
    const label = PROVIDERS[profile.provider].label;
    switch (outcome.state) {
      case 'valid':
        void vscode.window.showInformationMessage(`${prefix}${vscode.l10n.t('{0} "{1}" ({2}) is valid: {3}', label, profile.name, profile.tail, outcome.summary)}${outcome.note ? ` ${outcome.note}` : ''}`);
        return;
      case 'unverifiable': {
        const set = vscode.l10n.t('Set Campaign…');
        if (await vscode.window.showInformationMessage(`${prefix}${outcome.reason}`, set) === set) {
          const campaignId = await askCampaignId(services, profile);
          if (campaignId) {
            await vault.update(profile.id, { campaignId });
            services.keysChanged();
            await reportOutcome(profile, await verifyWithProgress(vault.get(profile.id)!));
          }
        }
        return;
      }
      default:
        showFailure(outcome.error, logger, { provider: profile.provider, profileId: profile.id, action: `${prefix}${vscode.l10n.t('Verify "{0}"', profile.name)}` });
    }
  }

  // ---------------------------------------------------------------- add

  reg(Commands.addKey, async (presetProvider?: unknown) => {
    let provider = typeof presetProvider === 'string' && (PROVIDER_IDS as readonly string[]).includes(presetProvider) ? presetProvider as ProviderId : undefined;
    if (!provider) {
      const choice = await vscode.window.showQuickPick(PROVIDER_IDS.map(id => ({
        label: PROVIDERS[id].label, id,
        description: id === 'ringg' ? vscode.l10n.t('workspace key, a UUID (X-API-KEY)') : id === 'ringyo' ? vscode.l10n.t('rg_live_… / rg_test_… (Bearer)') : vscode.l10n.t('Bearer key (Agency plan)'),
      })), { title: vscode.l10n.t('Add Key (1/3): provider'), placeHolder: vscode.l10n.t('Which platform is the key for?'), ignoreFocusOut: true });
      provider = choice?.id;
    }
    if (!provider) { return undefined; }
    const info = PROVIDERS[provider];
    // the key first, then the name: the proposed name fits the key (a test key is not "Production (live)")
    const key = await askKey(provider, { title: vscode.l10n.t('Add Key (2/3): {0} API key', info.label) });
    if (!key) { return undefined; }
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('Add Key (3/3): name'), prompt: vscode.l10n.t('A name for this {0} key, e.g. the workspace or environment', info.label),
      value: proposedKeyName(provider, key, n => vault.nameTaken(provider, n)), ignoreFocusOut: true,
      validateInput: v => !v.trim() ? vscode.l10n.t('Enter a name.') : vault.nameTaken(provider, v) ? vscode.l10n.t('A {0} key with this name exists already.', info.label) : undefined,
    });
    if (!name) { return undefined; }
    let profile: KeyProfile;
    try {
      profile = await vault.add({ provider, name, key });
    } catch (err) {
      showFailure(err, logger, { provider, action: vscode.l10n.t('Add Key') });
      return undefined;
    }
    logger.info(`[keys] added ${provider} key "${profile.name}" (${profile.tail})`);
    await vault.setActive(profile.id);
    services.keysChanged();
    const outcome = await verifyWithProgress(profile);
    void reportOutcome(vault.get(profile.id) ?? profile, outcome, vscode.l10n.t('Stored in SecretStorage. '));
    return profile.id;
  });

  // ---------------------------------------------------------------- switch / remove / copy / verify / re-enter

  reg(Commands.switchKey, async (arg?: unknown) => {
    const profile = await pick(arg, vscode.l10n.t('Choose the key to make active for its provider in this workspace'));
    if (!profile) { return; }
    await vault.setActive(profile.id);
    services.keysChanged();
  });

  reg(Commands.removeKey, async (arg?: unknown) => {
    const profile = await pick(arg, vscode.l10n.t('Choose the key to remove from SecretStorage'));
    if (!profile) { return; }
    const remove = vscode.l10n.t('Remove');
    const answer = await askModal('warning',
      vscode.l10n.t('Remove the {0} key "{1}" ({2}) from SecretStorage?', PROVIDERS[profile.provider].label, profile.name, profile.tail), vscode.l10n.t('The key is deleted from this machine only; it keeps working at the provider until you revoke it there.'), remove);
    if (answer !== remove) { return; }
    try {
      await vault.remove(profile.id);
    } catch (err) {
      showFailure(err, logger, { provider: profile.provider, action: vscode.l10n.t('Remove Key') });
      return;
    }
    logger.info(`[keys] removed ${profile.provider} key "${profile.name}" (${profile.tail})`);
    services.keysChanged();
  });

  reg(Commands.copyKey, async (arg?: unknown) => {
    const profile = await pick(arg, vscode.l10n.t('Choose the key to copy'));
    if (!profile) { return; }
    const copy = vscode.l10n.t('Copy Key');
    const answer = await askModal('warning', vscode.l10n.t('Copy the key "{0}" ({1}) to the clipboard?', profile.name, profile.tail), vscode.l10n.t('Anything that can read the clipboard can read the key. Paste it only into a secret store.'), copy);
    if (answer !== copy) { return; }
    try {
      await vscode.env.clipboard.writeText(await vault.getKey(profile.id));
    } catch (err) {
      showFailure(err, logger, { provider: profile.provider, profileId: profile.id, action: vscode.l10n.t('Copy Key') });
      return;
    }
    logger.info(`[keys] copied "${profile.name}" (${profile.tail}) to the clipboard at the user's request`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied "{0}" ({1}) to the clipboard.', profile.name, profile.tail));
  });

  reg(Commands.verifyKey, async (arg?: unknown) => {
    const profile = arg ? await pick(arg, '') : (vault.active() ?? await pick(undefined, vscode.l10n.t('Choose the key to verify')));
    if (!profile) { return undefined; }
    const outcome = await verifyWithProgress(profile);
    void reportOutcome(vault.get(profile.id) ?? profile, outcome);   // the notification waits for the user; the command does not
    return outcome.state;
  });

  reg(Commands.reenterKey, async (arg?: unknown) => {
    const profile = arg ? await pick(arg, '') : (vault.active() ?? await pick(undefined, vscode.l10n.t('Choose the key to re-enter')));
    if (!profile) { return; }
    const key = await askKey(profile.provider, { title: vscode.l10n.t('Re-enter "{0}" ({1})', profile.name, PROVIDERS[profile.provider].label) });
    if (!key) { return; }
    try {
      await vault.replaceKey(profile.id, key);
    } catch (err) {
      showFailure(err, logger, { provider: profile.provider, action: vscode.l10n.t('Re-enter Key') });
      return;
    }
    services.keysChanged();
    void reportOutcome(vault.get(profile.id)!, await verifyWithProgress(profile));
  });

  reg(Commands.showWorkspaceInfo, async (arg?: unknown) => {
    const profile = arg ? await pick(arg, '') : (vault.active() ?? await pick(undefined, vscode.l10n.t('Choose a key')));
    if (!profile) { return; }
    WorkspaceInfoPanel.show(context, services, profile.id);
  });

  // ---------------------------------------------------------------- rotate

  reg(Commands.rotateKey, async (arg?: unknown) => {
    const profile = await pick(arg, vscode.l10n.t('Choose the key to rotate'));
    if (!profile) { return undefined; }
    return profile.provider === 'ringg' ? rotateRingg(profile) : rotateGuided(profile);
  });

  async function rotateRingg(profile: KeyProfile): Promise<string | undefined> {
    const rotate = vscode.l10n.t('Rotate Key');
    const answer = await askModal('warning',
      vscode.l10n.t('Rotate the Ringg AI key "{0}" ({1})?', profile.name, profile.tail), vscode.l10n.t('The old key stops working immediately. Every service, script and deployment that uses it must be updated with the new key. The new key is stored in SecretStorage first. If the connection drops mid-way you will be told where the new key is.'), rotate);
    if (answer !== rotate) { return undefined; }
    logger.info(`[rotate] rotating Ringg key "${profile.name}" (${profile.tail})`);
    // never retried: a second PATCH would rotate again and lose the first new key
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Rotating "{0}"…', profile.name) },
      () => rotateRinggPolicy({ clients: services.clients, vault, state: context.globalState }, profile.id));
    services.keysChanged();
    const dashboard = vscode.l10n.t('Open Dashboard');
    const reenter = vscode.l10n.t('Re-enter Key');
    const openDashboard = () => vscode.env.openExternal(vscode.Uri.parse(PROVIDERS.ringg.dashboardUrl));
    switch (result.kind) {
      case 'failed':
        showFailure(result.error, logger, { provider: 'ringg', profileId: profile.id, action: vscode.l10n.t('Rotate Key (nothing changed)') });
        return 'failed';
      case 'unstored':
        logger.error(`[rotate] the new key for "${profile.name}" could not be stored: ${(result.storeError as Error).message}`);
        await offerUnstoredKey(profile, result.newKey, result.storeError);
        return 'unstored';
      case 'lost': {
        logger.warn(`[rotate] the answer was lost (${(result.error as Error).message}) and the old key is now rejected: the server rotated`);
        const choice = await askModal('error',
          vscode.l10n.t('The rotation of "{0}" happened on Ringg\'s side, but its answer was lost: the old key {1} no longer works and the new key never arrived.', profile.name, profile.tail), vscode.l10n.t('Take the new key from the Ringg AI dashboard ({0}: reveal, copy), then choose Re-enter Key to store it. Do not rotate again: that would only replace the key you need to recover.', PROVIDERS.ringg.dashboardPath), reenter, dashboard);
        if (choice === dashboard) { await openDashboard(); }
        if (choice === reenter) { await vscode.commands.executeCommand(Commands.reenterKey, profile.id); }
        return 'lost';
      }
      case 'notRotated':
        logger.warn(`[rotate] the answer was lost but the old key still works: no rotation happened`);
        void vscode.window.showWarningMessage(vscode.l10n.t('The rotation of "{0}" did not happen: the connection failed before Ringg applied it, and the old key still works. Nothing changed.', profile.name));
        return 'not-rotated';
      case 'unknown':
        logger.warn(`[rotate] the answer was lost and the old key could not be checked: ${result.checkError.message}`);
        void askModal('error',
          vscode.l10n.t('Could not tell whether "{0}" was rotated: the answer was lost and Ringg cannot be reached to check.', profile.name), vscode.l10n.t('Open the Ringg AI dashboard ({0}). If the key shown there differs from {1}, the rotation happened: copy it and use Re-enter Key.', PROVIDERS.ringg.dashboardPath, profile.tail), dashboard)
          .then(async c => { if (c === dashboard) { await openDashboard(); } });
        return 'unknown';
      case 'rotated': {
        logger.info(`[rotate] new key for "${profile.name}" (${result.newTail}) stored; verification: ${result.verification.state}`);
        const copy = vscode.l10n.t('Copy New Key');
        const find = vscode.l10n.t('Find Old Key in Workspace');
        const verified = result.verification.state === 'valid' ? vscode.l10n.t('verified: {0}', result.verification.summary) : vscode.l10n.t('stored, but verification said: {0}', result.verification.state);
        const oldKey = result.oldKey;
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Rotated. "{0}" now holds {1} ({2}). The old key {3} no longer works: update every service that used it.', profile.name, result.newTail, verified, result.oldTail),
          copy, find).then(async choice => {
          if (choice === copy) { await vscode.commands.executeCommand(Commands.copyKey, profile.id); }
          if (choice === find) { await findLiteralInWorkspace(oldKey, vscode.l10n.t('old key {0}', result.oldTail), logger); }
        });
        return 'rotated';
      }
    }
  }

  /** SecretStorage refused the new key: the old one is dead, so show the new one once, masked, with Copy. */
  async function offerUnstoredKey(profile: KeyProfile, newKey: string, err: unknown): Promise<void> {
    const copy = vscode.l10n.t('Copy New Key');
    for (;;) {
      const choice = await askModal('error',
        vscode.l10n.t('Ringg rotated "{0}", but SecretStorage could not store the new key {1}. The old key no longer works.', profile.name, maskKey(newKey)), `${err instanceof SecretStorageError ? err.message : String(err)}\n\n${vscode.l10n.t('Copy the new key now and keep it in a secret store; it is not kept anywhere else and will not be shown again.')}`, copy);
      if (choice === copy) {
        await vscode.env.clipboard.writeText(newKey);
        void vscode.window.showInformationMessage(vscode.l10n.t('The new key {0} is on the clipboard.', maskKey(newKey)));
        return;
      }
      const sure = vscode.l10n.t('Discard It');
      if (await askModal('warning', vscode.l10n.t('Discard the new key? Without it you must take the key from the Ringg dashboard.'), '', sure) === sure) { return; }
    }
  }

  /** Ringyo and Ring Tonic rotate in their dashboards: open it, paste, verify before replacing, revoke. */
  async function rotateGuided(profile: KeyProfile): Promise<string | undefined> {
    const info = PROVIDERS[profile.provider];
    const open = vscode.l10n.t('Open Dashboard');
    const have = vscode.l10n.t('I Have the New Key');
    const choice = await askModal('info',
      vscode.l10n.t('{0} keys are rotated in the dashboard ({1}).', info.label, info.dashboardPath), vscode.l10n.t('Create or regenerate the key there, then paste it here. It is verified before it replaces "{0}" ({1}).', profile.name, profile.tail), open, have);
    if (!choice) { return undefined; }
    if (choice === open) { await vscode.env.openExternal(vscode.Uri.parse(info.dashboardUrl)); }
    let oldKey: string | undefined;
    try { oldKey = await vault.getKey(profile.id); } catch { oldKey = undefined; }
    const newKey = await askKey(profile.provider, { title: vscode.l10n.t('New key for "{0}"', profile.name), differentFrom: oldKey });
    if (!newKey) { return undefined; }
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Verifying the new key…') },
      () => services.clients.verify(profile.provider, newKey, { campaignId: profile.campaignId }));
    if (outcome.state === 'rejected' || outcome.state === 'forbidden' || outcome.state === 'undetermined') {
      showFailure(outcome.error, logger, { provider: profile.provider, action: vscode.l10n.t('The new key was not stored ("{0}" keeps {1})', profile.name, profile.tail) });
      return 'refused';
    }
    if (outcome.state === 'unverifiable') {
      const store = vscode.l10n.t('Store It');
      if (await askModal('warning', outcome.reason, vscode.l10n.t('Store the new key without verifying it?'), store) !== store) { return undefined; }
    }
    try {
      await vault.replaceKey(profile.id, newKey);
    } catch (err) {
      showFailure(err, logger, { provider: profile.provider, action: vscode.l10n.t('Rotate Key') });
      return undefined;
    }
    await vault.recordVerification(profile.id, outcome);
    services.keysChanged();
    logger.info(`[rotate] ${profile.provider} key "${profile.name}" replaced: ${profile.tail} → ${maskKey(newKey)}`);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('"{0}" now holds {1}. Revoke the old key {2} in the {3} dashboard: it does not expire on its own.', profile.name, maskKey(newKey), profile.tail, info.label), open)
      .then(async c => { if (c === open) { await vscode.env.openExternal(vscode.Uri.parse(info.dashboardUrl)); } });
    return 'rotated';
  }

  // ---------------------------------------------------------------- status bar menu

  reg(Commands.statusBarMenu, async () => {
    const active = vault.active();
    type Item = vscode.QuickPickItem & { command?: string };
    const items: Item[] = active ? [
      { label: `$(pass) ${vscode.l10n.t('Verify Key')}`, command: Commands.verifyKey },
      { label: `$(info) ${vscode.l10n.t('Show Workspace Info')}`, command: Commands.showWorkspaceInfo },
      { label: `$(refresh) ${vscode.l10n.t('Rotate Key')}`, command: Commands.rotateKey },
      { label: `$(copy) ${vscode.l10n.t('Copy Key')}`, command: Commands.copyKey },
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: `$(arrow-swap) ${vscode.l10n.t('Switch Active Key')}`, command: Commands.switchKey },
      { label: `$(add) ${vscode.l10n.t('Add Key')}`, command: Commands.addKey },
      { label: `$(trash) ${vscode.l10n.t('Remove Key')}`, command: Commands.removeKey },
      { label: `$(output) ${vscode.l10n.t('Show Logs')}`, command: Commands.showLogs },
    ] : [
      { label: `$(add) ${vscode.l10n.t('Add Key')}`, command: Commands.addKey },
      { label: `$(output) ${vscode.l10n.t('Show Logs')}`, command: Commands.showLogs },
    ];
    const title = active ? `${vscode.l10n.t('Ring Keys')}: ${PROVIDERS[active.provider].label} · ${active.name} ${active.tail}${active.mode === 'test' ? ' · TEST' : ''}` : vscode.l10n.t('Ring Keys');
    const choice = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Key actions') });
    if (!choice?.command) { return; }
    const needsActive = [Commands.verifyKey, Commands.showWorkspaceInfo, Commands.rotateKey, Commands.copyKey] as string[];
    await vscode.commands.executeCommand(choice.command, needsActive.includes(choice.command) ? active?.id : undefined);
  });
}
