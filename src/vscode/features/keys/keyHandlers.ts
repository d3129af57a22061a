// The key commands' flows as functions of their dependencies: the vault, the provider clients, a verifier
// and a thin window facade (KeyUi, facade.ts). No `vscode` import at run time: unit tests drive every flow
// with a fake facade (test/unit/keyCommands.test.ts); commands.ts only wires these to command ids.
import { Commands } from '../../../constants';
import { checkKeyFormat, keyFingerprint, keyMode } from '../../../core/keys';
import type { Logger } from '../../../core/log';
import { errorMessage } from '../../../core/errorMessage';
import { campaignIdFrom } from '../../../core/providers/campaign';
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '../../../core/providers/catalog';
import { outcomeOf, type ProviderClients, type VerifyOutcome } from '../../../core/providers/clients';
import type { RotationResult } from '../../../core/rotation';
import type { KeyProfile, KeyVault } from '../../../core/vault';
import { keyFormatText, outcomeText, unverifiableText, verifyNoteText, verifySummaryText } from '../../../words/messages';
import type { InputProblem, KeyUi, PickItem } from './facade';
// Type only, so that `npm run l10n` (which reads the `l10n.t` calls of a file that imports it) extracts the
// strings below; at run time each function's `l10n` is the facade's.
import type { l10n } from 'vscode';

/** What every key command receives. */
export interface KeyDeps {
  ui: KeyUi;
  vault: KeyVault;
  clients: ProviderClients;
  logger: Logger;
  /** Tell the status bar, the Keys view and the diagnostics that keys changed. */
  keysChanged(): void;
  /** Verify a stored key and record the outcome (the extension's Verifier: one check per key at a time). */
  verify(profileId: string): Promise<VerifyOutcome>;
  /** Ringg's rotation policy (src/core/rotation.ts), bound to its clients, vault and journal. */
  rotateRingg(profileId: string): Promise<RotationResult>;
  /** Open the workspace-info view for a key. */
  showWorkspaceInfo(profileId: string): Promise<void> | void;
}

type L10n = Pick<typeof l10n, 't'>;

// ---------------------------------------------------------------- shared steps

/**
 * The profile a command acts on: the argument's (an id or `{ id }`), else (with `preferActive`) the active
 * key, else the only one, else a quick pick with the active key first. With no key stored, the user is
 * offered Add Key.
 */
export async function pickProfile(deps: KeyDeps, arg: unknown, placeHolder: string, opts: { preferActive?: boolean } = {}): Promise<KeyProfile | undefined> {
  const { ui, vault } = deps;
  const { l10n } = ui;
  const id = typeof arg === 'string' ? arg : (arg as { id?: unknown } | undefined)?.id;
  if (typeof id === 'string' && id) { return vault.get(id); }
  if (opts.preferActive) {
    const active = vault.active();
    if (active) { return active; }
  }
  const all = vault.list();
  if (all.length === 0) {
    const add = l10n.t('Add Key');
    if (await ui.info(l10n.t('No API key is stored yet.'), add) === add) { await addKey(deps); }
    return undefined;
  }
  if (all.length === 1) { return all[0]; }
  // one active key per provider: each is marked, and the status bar's comes first
  const active = vault.active();
  const isActive = (p: KeyProfile) => vault.active(p.provider)?.id === p.id;
  const items = all
    .sort((a, b) => (a.id === active?.id ? -1 : b.id === active?.id ? 1 : 0))
    .map(p => ({
      label: p.name,
      description: `${PROVIDERS[p.provider].label} ${p.tail}${p.mode === 'test' ? ` · ${l10n.t('TEST')}` : ''}${isActive(p) ? ` · ${l10n.t('active')}` : ''}`,
      detail: p.lastOutcome ? outcomeText(l10n, p.lastOutcome, ui.locale) : p.lastSummary, profile: p,
    }));
  return (await ui.pick(items, { placeHolder }))?.profile;
}

/** What the key box says about what is typed: the format check, and (on rotation) that it is a new key. */
export function keyInputProblem(l10n: L10n, provider: ProviderId, value: string, differentFrom?: string): InputProblem | undefined {
  const c = checkKeyFormat(provider, value);
  if (c.error) { return { message: keyFormatText(l10n, c.error), severity: 'error' }; }
  if (differentFrom && keyFingerprint(value) === keyFingerprint(differentFrom)) {
    return { message: l10n.t('This is the key already stored.'), severity: 'error' };
  }
  if (c.warning) { return { message: keyFormatText(l10n, c.warning), severity: 'warning' }; }
  return undefined;
}

/** A password box for a key of `provider`, checked as it is typed. */
export async function askKey(ui: KeyUi, provider: ProviderId, opts: { title: string; differentFrom?: string }): Promise<string | undefined> {
  const { l10n } = ui;
  const key = await ui.input({
    title: opts.title,
    prompt: l10n.t('Paste the {0} API key. It is stored in VS Code SecretStorage, never in settings or files.', PROVIDERS[provider].label),
    password: true,
    placeHolder: provider === 'ringg' ? 'xxxxxxxx-xxxx-4xxx-xxxx-xxxxxxxxxxxx' : provider === 'ringyo' ? 'rg_live_… / rg_test_…' : '',
    validate: value => keyInputProblem(l10n, provider, value, opts.differentFrom),
  });
  return key?.trim() || undefined;
}

/**
 * The name Add Key proposes, chosen once the key is known: a Ringyo rg_test_/vb_test_ key is never offered
 * "Production (live)". Unique among the provider's keys ("Dev (test) 2" when "Dev (test)" exists).
 */
export function proposedKeyName(l10n: L10n, provider: ProviderId, key: string, taken: (name: string) => boolean): string {
  const base = provider === 'ringg' ? l10n.t('Workspace key')
    : provider === 'ringyo' ? (keyMode(provider, key) === 'test' ? l10n.t('Dev (test)') : l10n.t('Production (live)'))
      : l10n.t('Main');
  if (!taken(base)) { return base; }
  for (let n = 2; ; n++) { if (!taken(`${base} ${n}`)) { return `${base} ${n}`; } }
}

/** Verifies a stored key with its provider and records the outcome on the profile (the Verifier's one check). */
export async function verifyStoredKey(deps: Pick<KeyDeps, 'vault' | 'clients' | 'logger'>, profile: KeyProfile): Promise<VerifyOutcome> {
  const { vault, clients, logger } = deps;
  let outcome: VerifyOutcome;
  try {
    const key = await vault.getKey(profile.id);
    outcome = await clients.verify(profile.provider, key, { campaignId: profile.campaignId });
  } catch (err) {
    outcome = outcomeOf(err);
  }
  logger.info(`[verify] ${profile.provider} "${profile.name}" (${profile.tail}): ${outcome.state}${outcome.state === 'valid' ? ` — ${JSON.stringify(outcome.summary)}` : ''}`);
  await vault.recordVerification(profile.id, outcome);
  return outcome;
}

function verifyWithProgress(deps: KeyDeps, profile: KeyProfile): Promise<VerifyOutcome> {
  const { l10n } = deps.ui;
  return deps.ui.progress(l10n.t('Verifying {0}…', profile.name), () => deps.verify(profile.id), 'statusBar');
}

/**
 * Tells the user what verification found: valid (an information message), unverifiable (what is missing,
 * with "Set Campaign…" for Ring Tonic), anything else through the one failure path (message, fix, Re-enter
 * Key where that is the fix, Show Logs).
 */
export async function reportOutcome(deps: KeyDeps, profile: KeyProfile, outcome: VerifyOutcome, prefix = '', offerActive = false): Promise<void> {
  const { ui, vault } = deps;
  const { l10n } = ui;
  const label = PROVIDERS[profile.provider].label;
  switch (outcome.state) {
    case 'valid': {
      const text = `${prefix}${l10n.t('{0} "{1}" ({2}) is valid: {3}', label, profile.name, profile.tail, verifySummaryText(l10n, outcome.summary, ui.locale))}${outcome.note ? ` ${verifyNoteText(l10n, outcome.note)}` : ''}`;
      const active = vault.active(profile.provider);
      if (!offerActive || active?.id === profile.id) { void ui.info(text); return; }
      // a second key of the provider: the active one stays until the user chooses this one
      const make = l10n.t('Make Active');
      const choice = await ui.info(`${text} ${l10n.t('Programs still get "{0}" ({1}), the active {2} key.', active?.name ?? '', active?.tail ?? '', label)}`, make);
      if (choice === make) {
        await vault.setActive(profile.id);
        deps.keysChanged();
      }
      return;
    }
    case 'unverifiable': {
      const set = l10n.t('Set Campaign…');
      if (await ui.info(`${prefix}${unverifiableText(l10n)}`, set) === set) {
        const campaignId = await askCampaignId(deps, profile);
        if (campaignId) {
          await vault.update(profile.id, { campaignId });
          deps.keysChanged();
          const updated = vault.get(profile.id);
          if (updated) { await reportOutcome(deps, updated, await verifyWithProgress(deps, updated)); }
        }
      }
      return;
    }
    default:
      ui.failure(outcome.error, { provider: profile.provider, profileId: profile.id, action: `${prefix}${l10n.t('Verify "{0}"', profile.name)}` });
  }
}

/**
 * "Set Campaign…" for a Ring Tonic key: says where the campaign id is (the campaign's address in the Ring
 * Tonic dashboard), takes the UUID or the whole address, and checks with Ring Tonic that the key can read
 * that campaign before it is saved. A campaign Ring Tonic does not know is refused in the box itself.
 */
export async function askCampaignId(deps: Pick<KeyDeps, 'ui' | 'vault' | 'clients' | 'logger'>, profile: KeyProfile): Promise<string | undefined> {
  const { ui } = deps;
  const { l10n } = ui;
  const notAnId = l10n.t('No campaign UUID in this: paste the id (xxxxxxxx-xxxx-…) or the campaign\'s address from the Ring Tonic dashboard.');
  const answer = await ui.input({
    title: l10n.t('Ring Tonic campaign for verifying "{0}"', profile.name),
    prompt: l10n.t('Open the campaign in the Ring Tonic dashboard: its id is the UUID in the page\'s address. Paste the UUID or the whole address.'),
    placeHolder: 'https://ringtonic.app/…/campaigns/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
    value: profile.campaignId ?? '',
    validate: v => (v.trim() && !campaignIdFrom(v) ? { message: notAnId, severity: 'error' } : undefined),
    accept: async v => {
      const id = campaignIdFrom(v);
      if (!id) { return { message: notAnId, severity: 'error' }; }
      // found, or not checkable now (the verification that follows says why): accepted
      return await campaignExists(deps, profile, id) === false
        ? { message: l10n.t('Ring Tonic has no campaign {0} for this key (404). Check the id in the campaign\'s address.', id), severity: 'error' }
        : undefined;
    },
  });
  return answer === undefined ? undefined : campaignIdFrom(answer);
}

/** true: the key reads the campaign; false: Ring Tonic answers 404; undefined: it could not be told (the verification reports it). */
async function campaignExists(deps: Pick<KeyDeps, 'vault' | 'clients' | 'logger'>, profile: KeyProfile, id: string): Promise<boolean | undefined> {
  try {
    const key = await deps.vault.getKey(profile.id);
    const res = await deps.clients.call('ringtonic', key, 'GET', `/campaigns/${encodeURIComponent(id)}/geo-data`);
    return res.status === 404 ? false : res.status >= 200 && res.status < 300 ? true : undefined;
  } catch (err) {
    deps.logger.info(`[keys] campaign ${id} not checked: ${errorMessage(err)}`);
    return undefined;
  }
}

// ---------------------------------------------------------------- the commands

/** Add Key: provider, key (format-checked), name; stored in SecretStorage, made active, verified. Returns the new id. */
export async function addKey(deps: KeyDeps, presetProvider?: unknown): Promise<string | undefined> {
  const { ui, vault, logger } = deps;
  const { l10n } = ui;
  let provider = typeof presetProvider === 'string' && (PROVIDER_IDS as readonly string[]).includes(presetProvider) ? presetProvider as ProviderId : undefined;
  if (!provider) {
    const choice = await ui.pick(PROVIDER_IDS.map(id => ({
      label: PROVIDERS[id].label, id,
      description: id === 'ringg' ? l10n.t('workspace key, a UUID (X-API-KEY)') : id === 'ringyo' ? l10n.t('rg_live_… / rg_test_… (Bearer)') : l10n.t('Bearer key (Agency plan)'),
    })), { title: l10n.t('Add Key (1/3): provider'), placeHolder: l10n.t('Which platform is the key for?') });
    provider = choice?.id;
  }
  if (!provider) { return undefined; }
  const p = provider;
  const info = PROVIDERS[p];
  // the key first, then the name: the proposed name fits the key (a test key is not "Production (live)")
  const key = await askKey(ui, p, { title: l10n.t('Add Key (2/3): {0} API key', info.label) });
  if (!key) { return undefined; }
  const name = await ui.input({
    title: l10n.t('Add Key (3/3): name'), prompt: l10n.t('A name for this {0} key, e.g. the workspace or environment', info.label),
    value: proposedKeyName(l10n, p, key, n => vault.nameTaken(p, n)),
    validate: v => !v.trim() ? { message: l10n.t('Enter a name.'), severity: 'error' }
      : vault.nameTaken(p, v) ? { message: l10n.t('A {0} key with this name exists already.', info.label), severity: 'error' } : undefined,
  });
  if (!name?.trim()) { return undefined; }
  let profile: KeyProfile;
  try {
    profile = await vault.add({ provider: p, name, key });
  } catch (err) {
    ui.failure(err, { provider: p, action: l10n.t('Add Key') });
    return undefined;
  }
  logger.info(`[keys] added ${p} key "${profile.name}" (${profile.tail})`);
  // The rule for "active" (docs/features.md, "Which key a program gets"): a provider's first key becomes its active key;
  // a later one only when the user says so (the report offers Make Active), and never one its provider rejects.
  const first = vault.list(p).length === 1;
  if (first) { await vault.setActive(profile.id); }
  deps.keysChanged();
  const outcome = await verifyWithProgress(deps, profile);
  void reportOutcome(deps, vault.get(profile.id) ?? profile, outcome, l10n.t('Stored in SecretStorage. '), !first);
  return profile.id;
}

/** Switch Active Key: the chosen key becomes its provider's active one in this workspace. */
export async function switchKey(deps: KeyDeps, arg?: unknown): Promise<string | undefined> {
  const { l10n } = deps.ui;
  const profile = await pickProfile(deps, arg, l10n.t('Choose the key to make active for its provider in this workspace'));
  if (!profile) { return undefined; }
  await deps.vault.setActive(profile.id);
  deps.keysChanged();
  return profile.id;
}

/** Remove Key: after a modal warning (the key keeps working at the provider), deleted from SecretStorage. */
export async function removeKey(deps: KeyDeps, arg?: unknown): Promise<'removed' | undefined> {
  const { ui, vault, logger } = deps;
  const { l10n } = ui;
  const profile = await pickProfile(deps, arg, l10n.t('Choose the key to remove from SecretStorage'));
  if (!profile) { return undefined; }
  const remove = l10n.t('Remove');
  const answer = await ui.modal('warning',
    l10n.t('Remove the {0} key "{1}" ({2}) from SecretStorage?', PROVIDERS[profile.provider].label, profile.name, profile.tail), l10n.t('The key is deleted from this machine only; it keeps working at the provider until you revoke it there.'), remove);
  if (answer !== remove) { return undefined; }
  try {
    await vault.remove(profile.id);
  } catch (err) {
    ui.failure(err, { provider: profile.provider, action: l10n.t('Remove Key') });
    return undefined;
  }
  logger.info(`[keys] removed ${profile.provider} key "${profile.name}" (${profile.tail})`);
  deps.keysChanged();
  return 'removed';
}

/** Copy Key: after a modal warning (anything can read the clipboard), the full key to the clipboard. */
export async function copyKey(deps: KeyDeps, arg?: unknown): Promise<'copied' | undefined> {
  const { ui, vault, logger } = deps;
  const { l10n } = ui;
  const profile = await pickProfile(deps, arg, l10n.t('Choose the key to copy'));
  if (!profile) { return undefined; }
  const copy = l10n.t('Copy Key');
  const answer = await ui.modal('warning', l10n.t('Copy the key "{0}" ({1}) to the clipboard?', profile.name, profile.tail), l10n.t('Anything that can read the clipboard can read the key. Paste it only into a secret store.'), copy);
  if (answer !== copy) { return undefined; }
  try {
    await ui.copy(await vault.getKey(profile.id));
  } catch (err) {
    ui.failure(err, { provider: profile.provider, profileId: profile.id, action: l10n.t('Copy Key') });
    return undefined;
  }
  logger.info(`[keys] copied "${profile.name}" (${profile.tail}) to the clipboard at the user's request`);
  void ui.info(l10n.t('Copied "{0}" ({1}) to the clipboard.', profile.name, profile.tail));
  return 'copied';
}

/** Verify Key: the argument's key, else the active one; the verdict is reported, the state returned. */
export async function verifyKey(deps: KeyDeps, arg?: unknown): Promise<VerifyOutcome['state'] | undefined> {
  const { l10n } = deps.ui;
  const profile = await pickProfile(deps, arg, l10n.t('Choose the key to verify'), { preferActive: true });
  if (!profile) { return undefined; }
  const outcome = await verifyWithProgress(deps, profile);
  void reportOutcome(deps, deps.vault.get(profile.id) ?? profile, outcome);   // the notification waits for the user; the command does not
  return outcome.state;
}

/** Re-enter Key: a new copy of the key (format-checked) replaces the stored one, then it is verified. */
export async function reenterKey(deps: KeyDeps, arg?: unknown): Promise<VerifyOutcome['state'] | undefined> {
  const { ui, vault } = deps;
  const { l10n } = ui;
  const profile = await pickProfile(deps, arg, l10n.t('Choose the key to re-enter'), { preferActive: true });
  if (!profile) { return undefined; }
  const key = await askKey(ui, profile.provider, { title: l10n.t('Re-enter "{0}" ({1})', profile.name, PROVIDERS[profile.provider].label) });
  if (!key) { return undefined; }
  try {
    await vault.replaceKey(profile.id, key);
  } catch (err) {
    ui.failure(err, { provider: profile.provider, action: l10n.t('Re-enter Key') });
    return undefined;
  }
  deps.keysChanged();
  const outcome = await verifyWithProgress(deps, profile);
  void reportOutcome(deps, vault.get(profile.id) ?? profile, outcome);
  return outcome.state;
}

/** Show Workspace Info: the argument's key, else the active one. */
export async function showWorkspaceInfo(deps: KeyDeps, arg?: unknown): Promise<void> {
  const { l10n } = deps.ui;
  const profile = await pickProfile(deps, arg, l10n.t('Choose a key'), { preferActive: true });
  if (profile) { await deps.showWorkspaceInfo(profile.id); }
}

/** The status-bar menu: the active key's actions (acting on that key), or Add Key when there is none. */
export async function statusBarMenu(deps: KeyDeps): Promise<string | undefined> {
  const { ui, vault } = deps;
  const { l10n } = ui;
  const active = vault.active();
  type Item = PickItem & { command?: string };
  const items: Item[] = active ? [
    { label: `$(pass) ${l10n.t('Verify Key')}`, command: Commands.verifyKey },
    { label: `$(info) ${l10n.t('Show Workspace Info')}`, command: Commands.showWorkspaceInfo },
    { label: `$(refresh) ${l10n.t('Rotate Key')}`, command: Commands.rotateKey },
    { label: `$(copy) ${l10n.t('Copy Key')}`, command: Commands.copyKey },
    { label: '', separator: true },
    { label: `$(arrow-swap) ${l10n.t('Switch Active Key')}`, command: Commands.switchKey },
    { label: `$(add) ${l10n.t('Add Key')}`, command: Commands.addKey },
    { label: `$(trash) ${l10n.t('Remove Key')}`, command: Commands.removeKey },
    { label: `$(output) ${l10n.t('Show Logs')}`, command: Commands.showLogs },
  ] : [
    { label: `$(add) ${l10n.t('Add Key')}`, command: Commands.addKey },
    { label: `$(output) ${l10n.t('Show Logs')}`, command: Commands.showLogs },
  ];
  const title = active ? `${l10n.t('Ring Keys')}: ${PROVIDERS[active.provider].label} · ${active.name} ${active.tail}${active.mode === 'test' ? ' · TEST' : ''}` : l10n.t('Ring Keys');
  const choice = await ui.pick(items, { title, placeHolder: l10n.t('Key actions'), menu: true });
  if (!choice?.command) { return undefined; }
  const onActive: string[] = [Commands.verifyKey, Commands.showWorkspaceInfo, Commands.rotateKey, Commands.copyKey];
  await ui.command(choice.command, onActive.includes(choice.command) ? active?.id : undefined);
  return choice.command;
}
