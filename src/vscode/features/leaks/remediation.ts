// From "this key leaked" to "that key is dead and the code reads the new one", in one flow.
//
// Ringg AI (rotation by API):
//   check → list the occurrences (confirm) → confirm naming the workspace → store the found key as a profile
//   (unless one holds it) → rotateRingg (journal, PATCH never retried, new key stored first, lost-answer
//   recovery) → replace the occurrences with the environment reference → check the old key is rejected → summary
// Ringyo AI / Ring Tonic (rotation in the dashboard):
//   open the dashboard → take the new key → verify it → store it → list and replace the occurrences →
//   after the user says the old key is revoked, check it is rejected (until then the finding says "still live")
import * as vscode from 'vscode';
import { Commands } from '../../../constants';
import { checkKeyFormat, keyFingerprint, maskKey } from '../../../core/keys';
import { checkFoundKey, type LiveVerdict } from '../../../core/liveCheck';
import { scoped, type Logger } from '../../../core/log';
import { PROVIDERS, type ProviderId } from '../../../core/providers/catalog';
import type { VerifyOutcome } from '../../../core/providers/clients';
import { rotateRingg, type RotationResult } from '../../../core/rotation';
import { findingFingerprint } from '../../../core/scanner/baseline';
import { RULE_IDS } from '../../../core/scanner/rules';
import type { StateStore } from '../../../core/vault';
import type { Services } from '../../services';
import { askModal } from '../../ui/dialogs';
import { showFailure } from '../../ui/failures';
import type { FoundKey, LiveChecks } from './liveChecks';
import { confirmOccurrences, findOccurrences, placesSentence, replaceOccurrences, showFilesButton, showPlaces, type ReplaceSummary } from './occurrences';
import { verdictSentence } from './verdictText';
import { credits, keyFormatWords, outcomeWords, unverifiableWords } from '../../ui/words';
import { errorMessage } from '../../../core/errorMessage';

export interface RemediationDeps {
  readonly services: Services;
  readonly checks: LiveChecks;
  /** Global state: the rotation journal must outlive a window reload. */
  readonly globalState: StateStore;
  readonly logger: Logger;
}

/** What the flow ended in (the command returns it; tests read it). */
export type RemediationResult = 'rotated' | 'replaced' | 'cancelled' | 'not-live' | 'refused' | 'failed' | 'lost' | 'not-rotated' | 'unknown' | 'unstored';

export async function remediate(deps: RemediationDeps, found: FoundKey): Promise<RemediationResult> {
  const { provider } = found.finding;
  const verdict = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking the key {0}…', found.finding.masked) },
    () => deps.checks.check(found));
  if (verdict.validity === 'rejected') {
    return offerReplaceOnly(found, verdict, deps.logger);
  }
  return provider === 'ringg' ? rotateFoundRingg(deps, found, verdict) : replaceThroughDashboard(deps, found, verdict);
}

// ------------------------------------------------------------------ Ringg: rotation by API

async function rotateFoundRingg(deps: RemediationDeps, found: FoundKey, verdict: LiveVerdict): Promise<RemediationResult> {
  const { services, checks } = deps;
  const log = scoped(deps.logger, 'rotate-leak');
  const envVar = PROVIDERS.ringg.envVar;
  const old = found.finding.masked;
  if (verdict.validity !== 'live') {
    const anyway = vscode.l10n.t('Rotate Anyway');
    if (await askModal('warning', vscode.l10n.t('Ring Keys could not confirm that the key {0} works.', old), verdictSentence(verdict), anyway) !== anyway) { return 'cancelled'; }
  }
  const search = await findOccurrences(found.key);
  const { occurrences } = search;
  const chosen = await confirmOccurrences(occurrences, vscode.l10n.t('Rotate {0}: after the rotation, replace these {1} occurrence(s) with {2}', old, occurrences.length, envVar));
  if (!chosen) { return 'cancelled'; }
  const profile = await checks.profileFor('ringg', found.key);
  const workspace = verdict.workspace?.name;
  const profileName = profile?.name ?? freeName(services, 'ringg', workspace ?? PROVIDERS.ringg.label);
  const rotate = vscode.l10n.t('Rotate Key');
  const question = workspace
    ? vscode.l10n.t('Rotate the leaked Ringg AI key {0} of workspace "{1}"?', old, workspace)
    : vscode.l10n.t('Rotate the leaked Ringg AI key {0}?', old);
  const detail = vscode.l10n.t('The old key stops working at once, for everything that uses it. The new key is stored in SecretStorage first, as "{0}"; then {1} occurrence(s) in {2} file(s) are replaced by {3}, and Ring Keys checks that Ringg rejects the old key.',
    profileName, chosen.length, new Set(chosen.map(o => o.uri.toString())).size, envVar);
  const notCovered = search.left.length ? ` ${vscode.l10n.t('{0} other place(s) may hold the key and are not changed; the summary lists them.', search.left.length)}` : '';
  if (await askModal('warning', question, detail + notCovered, rotate) !== rotate) { return 'cancelled'; }

  // the found key becomes a profile first, so the rotation's journal and recovery cover it
  let profileId = profile?.id;
  if (!profileId) {
    try {
      profileId = (await services.vault.add({ provider: 'ringg', name: profileName, key: found.key })).id;
    } catch (err) {
      showFailure(err, deps.logger, { provider: 'ringg', action: vscode.l10n.t('Rotate the leaked key (nothing changed)') });
      return 'failed';
    }
    services.keysChanged();
  }
  log.info(`rotating the leaked Ringg key ${old} (${found.finding.rule}) as "${profileName}"; ${chosen.length} occurrence(s) to replace`);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Rotating {0}…', old) },
    () => rotateRingg({ clients: services.clients, vault: services.vault, state: deps.globalState }, profileId));
  services.keysChanged();
  if (result.kind !== 'rotated') { return reportRotationProblem(deps, result, profileName, profileId); }

  const replaced = await replaceOccurrences(search, chosen, found.key, envVar);
  logPlaces(log, replaced);
  const oldCheck = await checkFoundKey(services.clients, 'ringg', found.key);
  checks.record(found, fingerprintsOf(found), oldCheck);
  deps.checks.diagnostics.rescanAll();
  log.info(`"${profileName}" now holds ${result.newTail} (verification: ${result.verification.state}); ${replaced.replaced} occurrence(s) replaced in ${replaced.files} file(s); the old key ${old}: ${oldCheck.validity}`);
  showRotationSummary({ old, newTail: result.newTail, profileName, profileId, workspace, verification: result.verification, replaced, oldCheck });
  return 'rotated';
}

function showRotationSummary(s: { old: string; newTail: string; profileName: string; profileId: string; workspace?: string;
  verification: VerifyOutcome; replaced: ReplaceSummary; oldCheck: LiveVerdict }): void {
  const envVar = PROVIDERS.ringg.envVar;
  const verified = s.verification.state === 'valid' && s.verification.workspace?.available !== undefined
    ? vscode.l10n.t('verified: {0} credits available', credits(s.verification.workspace.available))
    : s.verification.state === 'valid' ? vscode.l10n.t('verified') : vscode.l10n.t('not verified yet: {0}', outcomeWords(s.verification, PROVIDERS.ringg.label));
  // the new key's tail in the first sentence: a long notification shows its first line until it is expanded
  const parts = [
    s.workspace
      ? vscode.l10n.t('Rotated the leaked key {0} of "{1}": the new key {2} is in SecretStorage as "{3}" ({4}).', s.old, s.workspace, s.newTail, s.profileName, verified)
      : vscode.l10n.t('Rotated the leaked key {0}: the new key {1} is in SecretStorage as "{2}" ({3}).', s.old, s.newTail, s.profileName, verified),
    replacedSentence(s.replaced, envVar),
    s.oldCheck.validity === 'rejected'
      ? vscode.l10n.t('Ringg rejects the old key (401).')
      : vscode.l10n.t('The old key was not confirmed dead: {0}', verdictSentence(s.oldCheck)),
    vscode.l10n.t('Set {0} wherever the code runs.', envVar),
  ];
  const copy = vscode.l10n.t('Copy New Key');
  const files = showFilesButton();
  const show = s.oldCheck.validity === 'rejected' && !s.replaced.left.length ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(parts.join(' '), copy, ...(s.replaced.left.length ? [files] : [])).then(async c => {
    if (c === copy) { await vscode.commands.executeCommand(Commands.copyKey, s.profileId); }
    if (c === files) { await showPlaces(s.replaced.left); }
  });
}

function replacedSentence(r: ReplaceSummary, envVar: string): string {
  const out = r.replaced
    ? vscode.l10n.t('{0} occurrence(s) in {1} file(s) now read {2}.', r.replaced, r.files, envVar)
    : vscode.l10n.t('No occurrence was replaced.');
  const places = placesSentence(r.left);
  return places ? `${out} ${places}` : out;
}

/** Every place the key may still be, by name, in the log (the summary counts them and lists them on request). */
function logPlaces(log: Logger, r: ReplaceSummary): void {
  for (const p of r.left) { log.warn(`the key may still be in ${vscode.workspace.asRelativePath(p.uri)} (${p.reason})`); }
}

/** Every outcome but "rotated": where the keys are now, and what to do. */
async function reportRotationProblem(deps: RemediationDeps, result: Exclude<RotationResult, { kind: 'rotated' }>, profileName: string, profileId: string): Promise<RemediationResult> {
  const log = scoped(deps.logger, 'rotate-leak');
  const dashboard = vscode.l10n.t('Open Dashboard');
  const reenter = vscode.l10n.t('Re-enter Key');
  switch (result.kind) {
    case 'failed':
      showFailure(result.error, deps.logger, { provider: 'ringg', profileId, action: vscode.l10n.t('Rotate the leaked key (nothing changed)') });
      return 'failed';
    case 'notRotated':
      log.warn('the answer was lost but the old key still works: no rotation happened');
      void vscode.window.showWarningMessage(vscode.l10n.t('The rotation did not happen: the connection failed before Ringg applied it, and the leaked key still works. Nothing in the workspace changed.'));
      return 'not-rotated';
    case 'lost': {
      log.warn('the answer was lost and the old key is now rejected: the server rotated');
      const c = await askModal('error', vscode.l10n.t('Ringg rotated the leaked key, but its answer was lost: the old key no longer works and the new key never arrived.'),
        vscode.l10n.t('Take the new key from the Ringg AI dashboard ({0}) and store it with Re-enter Key on "{1}". Nothing in the workspace was changed yet.', PROVIDERS.ringg.dashboardPath, profileName), reenter, dashboard);
      if (c === dashboard) { await vscode.env.openExternal(vscode.Uri.parse(PROVIDERS.ringg.dashboardUrl)); }
      if (c === reenter) { await vscode.commands.executeCommand(Commands.reenterKey, profileId); }
      return 'lost';
    }
    case 'unknown':
      log.warn(`the answer was lost and the old key could not be checked: ${result.checkError.message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not tell whether the leaked key was rotated: the answer was lost and Ringg cannot be reached. Open the dashboard ({0}); if its key differs, use Re-enter Key on "{1}".', PROVIDERS.ringg.dashboardPath, profileName));
      return 'unknown';
    case 'unstored': {
      log.error(`the new key could not be stored: ${errorMessage(result.storeError)}`);
      const copy = vscode.l10n.t('Copy New Key');
      if (await askModal('error', vscode.l10n.t('Ringg rotated the leaked key, but SecretStorage could not store the new key {0}.', maskKey(result.newKey)),
        vscode.l10n.t('Copy it now and keep it in a secret store: it is not kept anywhere else. Nothing in the workspace was changed.'), copy) === copy) {
        await vscode.env.clipboard.writeText(result.newKey);
      }
      return 'unstored';
    }
  }
}

// ------------------------------------------------------------------ Ringyo / Ring Tonic: the dashboard

async function replaceThroughDashboard(deps: RemediationDeps, found: FoundKey, verdict: LiveVerdict): Promise<RemediationResult> {
  const { services, checks } = deps;
  const provider = found.finding.provider;
  const info = PROVIDERS[provider];
  const log = scoped(deps.logger, 'replace-leak');
  const old = found.finding.masked;
  const how = provider === 'ringyo'
    ? vscode.l10n.t('Regenerate it there (the old key is disabled at once)')
    : vscode.l10n.t('Create a new key there (Ring Tonic has no regenerate; you revoke the old one afterwards)');
  const open = vscode.l10n.t('Open Dashboard');
  const have = vscode.l10n.t('I Have the New Key');
  const choice = await askModal('warning', vscode.l10n.t('Replace the leaked {0} key {1}: {2}', info.label, old, verdictSentence(verdict)),
    vscode.l10n.t('{0} keys are replaced in the dashboard ({1}). {2}, then paste the new key here. Ring Keys verifies it, stores it in SecretStorage, replaces the occurrences of the old key with {3}, and checks that the old key is rejected once you have revoked it.',
      info.label, info.dashboardPath, how, info.envVar), open, have);
  if (!choice) { return 'cancelled'; }
  if (choice === open) { await vscode.env.openExternal(vscode.Uri.parse(info.dashboardUrl)); }
  const profile = await checks.profileFor(provider, found.key);
  const newKey = await askNewKey(provider, found.key, profile?.name);
  if (!newKey) { return 'cancelled'; }
  const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Verifying the new key…') },
    () => services.clients.verify(provider, newKey, { campaignId: profile?.campaignId }));
  if (outcome.state === 'rejected' || outcome.state === 'forbidden' || outcome.state === 'undetermined') {
    showFailure(outcome.error, deps.logger, { provider, action: vscode.l10n.t('The new key was not stored, and nothing was replaced') });
    return 'refused';
  }
  if (outcome.state === 'unverifiable') {
    const store = vscode.l10n.t('Store It');
    if (await askModal('warning', unverifiableWords(), vscode.l10n.t('Store the new key without verifying it?'), store) !== store) { return 'cancelled'; }
  }
  let profileId: string;
  let profileName: string;
  try {
    if (profile) {
      await services.vault.replaceKey(profile.id, newKey);
      profileId = profile.id; profileName = profile.name;
    } else {
      profileName = freeName(services, provider, vscode.l10n.t('{0} (replaces {1})', info.label, old));
      profileId = (await services.vault.add({ provider, name: profileName, key: newKey })).id;
    }
    await services.vault.recordVerification(profileId, outcome);
  } catch (err) {
    showFailure(err, deps.logger, { provider, action: vscode.l10n.t('The new key was not stored, and nothing was replaced') });
    return 'failed';
  }
  services.keysChanged();
  log.info(`${provider} key ${old} replaced by ${maskKey(newKey)} in "${profileName}"`);

  const search = await findOccurrences(found.key);
  const chosen = await confirmOccurrences(search.occurrences, vscode.l10n.t('Replace these {0} occurrence(s) of {1} with {2}', search.occurrences.length, old, info.envVar));
  const replaced = chosen ? await replaceOccurrences(search, chosen, found.key, info.envVar) : undefined;
  if (replaced) { logPlaces(log, replaced); }
  if (replaced?.left.length) {
    const files = showFilesButton();
    void vscode.window.showWarningMessage(placesSentence(replaced.left), files).then(async c => { if (c === files) { await showPlaces(replaced.left); } });
  }
  // until the user says the old key is revoked, whatever still holds it says "still live"
  checks.record(found, fingerprintsOf(found), { ...verdict, validity: 'live', reason: 'accepted' }, { awaitingRevoke: true });
  return askRevoked(deps, found, { newTail: maskKey(newKey), profileName, replaced });
}

async function askRevoked(deps: RemediationDeps, found: FoundKey, s: { newTail: string; profileName: string; replaced?: ReplaceSummary }): Promise<RemediationResult> {
  const provider = found.finding.provider;
  const info = PROVIDERS[provider];
  const old = found.finding.masked;
  const revoked = vscode.l10n.t('I Revoked It');
  const open = vscode.l10n.t('Open Dashboard');
  const stored = vscode.l10n.t('The new key {0} is in SecretStorage as "{1}".', s.newTail, s.profileName);
  const replaced = s.replaced ? replacedSentence(s.replaced, info.envVar) : vscode.l10n.t('No occurrence was replaced.');
  for (;;) {
    const c = await askModal('warning', vscode.l10n.t('{0} {1} Now revoke the old key {2} in the {3} dashboard.', stored, replaced, old, info.label),
      vscode.l10n.t('It keeps working until it is revoked ({0}). Ring Keys then checks that {1} rejects it.', info.dashboardPath, info.label), revoked, open);
    if (c === open) { await vscode.env.openExternal(vscode.Uri.parse(info.dashboardUrl)); continue; }
    if (c !== revoked) { return 'replaced'; }   // the findings say "still live" until the user comes back
    const profile = await deps.checks.profileFor(provider, found.key);
    const v = await checkFoundKey(deps.services.clients, provider, found.key, { campaignId: profile?.campaignId });
    deps.checks.record(found, fingerprintsOf(found), v, { awaitingRevoke: v.validity === 'live' });
    scoped(deps.logger, 'replace-leak').info(`the old ${provider} key ${old} after revocation: ${v.validity} (${v.reason})`);
    if (v.validity === 'rejected') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Done: {0} rejects the old key {1} (401). {2} {3}', info.label, old, stored, replaced));
      return 'rotated';
    }
    if (v.validity === 'live') {
      const again = vscode.l10n.t('Check Again');
      if (await vscode.window.showWarningMessage(vscode.l10n.t('The old key {0} still works: revoke it in the {1} dashboard ({2}).', old, info.label, info.dashboardPath), again) === again) { continue; }
      return 'replaced';
    }
    void vscode.window.showWarningMessage(vscode.l10n.t('Could not confirm that the old key {0} is revoked: {1}', old, verdictSentence(v)));
    return 'replaced';
  }
}

// ------------------------------------------------------------------ a key that is already dead

async function offerReplaceOnly(found: FoundKey, verdict: LiveVerdict, logger: Logger): Promise<RemediationResult> {
  const envVar = PROVIDERS[found.finding.provider].envVar;
  const replace = vscode.l10n.t('Replace with {0}', envVar);
  const c = await vscode.window.showInformationMessage(vscode.l10n.t('Nothing to rotate: {0} You can still replace the literal {1} with {2}.', verdictSentence(verdict), found.finding.masked, envVar), replace);
  if (c !== replace) { return 'not-live'; }
  const search = await findOccurrences(found.key);
  const chosen = await confirmOccurrences(search.occurrences, vscode.l10n.t('Replace these {0} occurrence(s) of {1} with {2}', search.occurrences.length, found.finding.masked, envVar));
  if (!chosen) { return 'not-live'; }
  const r = await replaceOccurrences(search, chosen, found.key, envVar);
  logPlaces(scoped(logger, 'replace-leak'), r);
  const files = showFilesButton();
  const show = r.left.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(replacedSentence(r, envVar), ...(r.left.length ? [files] : [])).then(async c => { if (c === files) { await showPlaces(r.left); } });
  return 'not-live';
}

// ------------------------------------------------------------------ helpers

/** The finding fingerprints this key has under every rule that can report it (the verdict follows the key). */
function fingerprintsOf(found: FoundKey): string[] {
  return RULE_IDS.map(rule => findingFingerprint(rule, found.key));
}

function freeName(services: Services, provider: ProviderId, base: string): string {
  let name = base;
  for (let n = 2; services.vault.nameTaken(provider, name); n++) { name = `${base} ${n}`; }
  return name;
}

async function askNewKey(provider: ProviderId, oldKey: string, profileName?: string): Promise<string | undefined> {
  const info = PROVIDERS[provider];
  const key = await vscode.window.showInputBox({
    title: profileName ? vscode.l10n.t('New {0} key for "{1}"', info.label, profileName) : vscode.l10n.t('New {0} key', info.label),
    prompt: vscode.l10n.t('Paste the new key from the {0} dashboard. It is verified, then stored in SecretStorage, never in settings or files.', info.label),
    password: true, ignoreFocusOut: true,
    validateInput: value => {
      const c = checkKeyFormat(provider, value);
      if (c.error) { return { message: keyFormatWords(c.error), severity: vscode.InputBoxValidationSeverity.Error }; }
      if (keyFingerprint(value) === keyFingerprint(oldKey)) {
        return { message: vscode.l10n.t('This is the leaked key: paste the new one.'), severity: vscode.InputBoxValidationSeverity.Error };
      }
      return c.warning ? { message: keyFormatWords(c.warning), severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
    },
  });
  return key?.trim() || undefined;
}
