// Key commands: add, switch, remove, copy, verify, rotate, re-enter, and the status-bar menu.
import * as vscode from 'vscode';
import { Commands } from '../../../constants';
import { rotateRingg as rotateRinggPolicy } from '../../../core/rotation';
import { checkKeyFormat, keyFingerprint } from '../../../core/keys';
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '../../../core/providers/catalog';
import type { VerifyOutcome } from '../../../core/providers/clients';
import type { KeyProfile } from '../../../core/vault';
import type { Services } from '../../services';
import { askModal } from '../../ui/dialogs';
import { showFailure } from '../../ui/failures';
import { askCampaignId } from './campaign';
import { proposedKeyName } from './naming';
import type { WorkspaceInfo } from './infoPanel';
import { rotateKey, type RotateDeps } from './rotateHandlers';
import { keyUi } from './ui';
import type { Verifier } from './verification';
import { keyFormatWords, noteWords, storedOutcomeWords, summaryWords, unverifiableWords } from '../../ui/words';


export function registerKeyCommands(context: vscode.ExtensionContext, services: Services, verifier: Verifier, info: WorkspaceInfo): void {
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
        detail: p.lastOutcome ? storedOutcomeWords(p.lastOutcome) : p.lastSummary, profile: p }));
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
        if (c.error) { return { message: keyFormatWords(c.error), severity: vscode.InputBoxValidationSeverity.Error }; }
        if (opts.differentFrom && keyFingerprint(value) === keyFingerprint(opts.differentFrom)) {
          return { message: vscode.l10n.t('This is the key already stored.'), severity: vscode.InputBoxValidationSeverity.Error };
        }
        if (c.warning) { return { message: keyFormatWords(c.warning), severity: vscode.InputBoxValidationSeverity.Warning }; }
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
        void vscode.window.showInformationMessage(`${prefix}${vscode.l10n.t('{0} "{1}" ({2}) is valid: {3}', label, profile.name, profile.tail, summaryWords(outcome.summary))}${outcome.note ? ` ${noteWords(outcome.note)}` : ''}`);
        return;
      case 'unverifiable': {
        const set = vscode.l10n.t('Set Campaign…');
        if (await vscode.window.showInformationMessage(`${prefix}${unverifiableWords()}`, set) === set) {
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
    await info.show(profile.id);
  });

  // ---------------------------------------------------------------- rotate

  const ui = keyUi(logger, askKey);
  const rotateDeps: RotateDeps = {
    ui, vault, clients: services.clients, logger, keysChanged: () => services.keysChanged(),
    rotateRingg: id => rotateRinggPolicy({ clients: services.clients, vault, state: context.globalState }, id),
    commands: { reenterKey: Commands.reenterKey, copyKey: Commands.copyKey },
  };

  reg(Commands.rotateKey, async (arg?: unknown) => {
    const profile = await pick(arg, vscode.l10n.t('Choose the key to rotate'));
    if (!profile) { return undefined; }
    return rotateKey(rotateDeps, profile);
  });

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
