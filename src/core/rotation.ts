// Ringg key rotation policy, without `vscode`: the extension turns each result into what the user sees.
//
//   journal → PATCH /workspace/api-key (never retried) → store new_api_key first → verify → clear journal
//
// Every step can fail, and each failure ends in a result that says where the key is:
// - before the request (no key, no connection): nothing changed
// - the answer is lost: the old key is checked; 401 means the server rotated and the new key must come
//   from the dashboard, 200 means nothing changed, anything else means it cannot be known yet
// - SecretStorage refuses the new key: the caller gets the new key once to show (masked) with Copy
// - verification of the new key fails: it is stored all the same (the server said it is the key)
// - the window reloads mid-way: the journal survives in global state and the next start checks the old key
import type { KeyRejectedError, RingKeysError } from './http/errors';
import { KeyMissingError, mayHaveReachedServer } from './http/errors';
import type { ProviderClients, VerifyOutcome } from './providers/clients';
import type { KeyVault, StateStore } from './vault';

export type RotationResult =
  /** Done: the new key is stored; `verification` says whether it answered. */
  | { kind: 'rotated'; newTail: string; oldTail: string; verification: VerifyOutcome; oldKey: string }
  /** Nothing was sent or the server refused (401/403/…): the old key is unchanged. */
  | { kind: 'failed'; error: unknown; reachedServer: false }
  /** The answer was lost and the old key is now rejected: the server rotated; the new key is only in the dashboard. */
  | { kind: 'lost'; error: unknown; check: KeyRejectedError }
  /** The answer was lost but the old key still works: the rotation did not happen. */
  | { kind: 'notRotated'; error: unknown }
  /** The answer was lost and the old key could not be checked either. */
  | { kind: 'unknown'; error: unknown; checkError: RingKeysError }
  /** The server rotated, but SecretStorage refused the new key: show it once so it is not lost. */
  | { kind: 'unstored'; newKey: string; storeError: unknown };

export interface RotationJournalEntry {
  profileId: string;
  profileName: string;
  oldTail: string;
  startedAt: number;
}

const JOURNAL = 'ringKeys.rotationJournal';

export interface RotationDeps {
  clients: ProviderClients;
  vault: KeyVault;
  /** Global state: the journal must outlive a window reload. */
  state: StateStore;
  now?: () => number;
}

export async function rotateRingg(deps: RotationDeps, profileId: string): Promise<RotationResult> {
  const { clients, vault, state } = deps;
  const profile = vault.get(profileId);
  if (!profile) { return { kind: 'failed', error: new KeyMissingError('That key profile no longer exists.', { code: 'noProfile' }), reachedServer: false }; }
  let oldKey: string;
  try { oldKey = await vault.getKey(profileId); } catch (error) { return { kind: 'failed', error, reachedServer: false }; }

  await state.update(JOURNAL, { profileId, profileName: profile.name, oldTail: profile.tail, startedAt: (deps.now ?? Date.now)() } satisfies RotationJournalEntry);
  let newKey: string;
  try {
    newKey = await clients.ringgRotate(oldKey);
  } catch (error) {
    if (!mayHaveReachedServer(error)) {
      await state.update(JOURNAL, undefined);
      return { kind: 'failed', error, reachedServer: false };
    }
    const settled = await checkOldKey(deps, profileId, oldKey, error);
    await state.update(JOURNAL, undefined);
    return settled;
  }
  try {
    await vault.replaceKey(profileId, newKey);
  } catch (storeError) {
    await state.update(JOURNAL, undefined);
    return { kind: 'unstored', newKey, storeError };
  }
  await state.update(JOURNAL, undefined);
  await vault.markDead('ringg', oldKey);   // a copy left in a file now says it is dead
  const verification = await clients.verify('ringg', newKey);
  await vault.recordVerification(profileId, verification);
  return { kind: 'rotated', newTail: vault.get(profileId)?.tail ?? '', oldTail: profile.tail, verification, oldKey };
}

async function checkOldKey(deps: RotationDeps, profileId: string, oldKey: string, error: unknown): Promise<RotationResult> {
  const check = await deps.clients.verify('ringg', oldKey);
  if (check.state === 'rejected') {
    await deps.vault.recordVerification(profileId, check);
    return { kind: 'lost', error, check: check.error };
  }
  if (check.state === 'valid') { return { kind: 'notRotated', error }; }
  if (check.state === 'forbidden' || check.state === 'undetermined') { return { kind: 'unknown', error, checkError: check.error }; }
  return { kind: 'unknown', error, checkError: error as RingKeysError };
}

/**
 * At start-up: a journal entry means a rotation was interrupted (the window closed or reloaded between
 * the request and storing its answer). Checks the old key and reports what happened; clears the entry
 * once the outcome is known.
 */
export async function recoverInterruptedRotation(deps: RotationDeps): Promise<
  | { kind: 'none' }
  | { kind: 'lost'; entry: RotationJournalEntry }
  | { kind: 'notRotated'; entry: RotationJournalEntry }
  | { kind: 'unknown'; entry: RotationJournalEntry; error: RingKeysError }> {
  const entry = deps.state.get<RotationJournalEntry>(JOURNAL);
  if (!entry) { return { kind: 'none' }; }
  const profile = deps.vault.get(entry.profileId);
  if (!profile || profile.tail !== entry.oldTail) {
    // the profile was removed, or already holds another key (stored before the reload): nothing is pending
    await deps.state.update(JOURNAL, undefined);
    return { kind: 'none' };
  }
  let oldKey: string;
  try { oldKey = await deps.vault.getKey(entry.profileId); } catch { await deps.state.update(JOURNAL, undefined); return { kind: 'none' }; }
  const check = await deps.clients.verify('ringg', oldKey);
  if (check.state === 'undetermined' || check.state === 'forbidden') { return { kind: 'unknown', entry, error: check.error }; }
  await deps.state.update(JOURNAL, undefined);
  if (check.state === 'rejected') {
    await deps.vault.recordVerification(entry.profileId, check);
    return { kind: 'lost', entry };
  }
  return { kind: 'notRotated', entry };
}

export const ROTATION_JOURNAL_KEY = JOURNAL;
