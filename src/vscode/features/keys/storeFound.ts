// Storing a key found in a file (the "Move to SecretStorage" quick fix): verified first, so it is never
// stored unverified, and a key its provider rejects (rotated away, revoked) is not stored at all but
// remembered as dead, so every copy left in a file says so.
//
// The rule for "active" (docs/features.md, "Which key a program gets"): the key a program gets is the key the user last
// chose for it. Moving a key out of a file is such a choice: the code that held the key will read the
// provider's variable, so the moved key becomes the provider's active key. When another key is active, the
// user is asked (switching it would change what other programs get); a "no" leaves the other key active and
// the fix's notification says which key the variable now holds. Never a silent switch either way.
import { vaultKeyStore } from '../../../core/scanner/ownKeys';
import { PROVIDERS, type ProviderId } from '../../../core/providers/catalog';
import { outcomeFacts } from '../../../core/providers/clients';
import type { KeyVault } from '../../../core/vault';
import type { Services } from '../../services';
import type { StoreOutcome } from '../diagnostics/codeActions';

/** Asks whether the moved key should replace the provider's active one (true: make it active). */
export type AskMakeActive = (question: { provider: ProviderId; moved: { name: string; tail: string }; active: { name: string; tail: string } }) => Promise<boolean>;

/**
 * After a found key was stored as profile `id`: makes it its provider's active key when no other key is active
 * (or the active one is this key), else asks. Returns whether the moved key is now the active one.
 */
export async function keepProgramOnMovedKey(vault: Pick<KeyVault, 'get' | 'active' | 'setActive'>, id: string, ask: AskMakeActive): Promise<boolean> {
  const moved = vault.get(id);
  if (!moved) { return false; }
  const active = vault.active(moved.provider);
  if (active && active.id !== id && active.lastState !== 'rejected') {
    if (!(await ask({ provider: moved.provider, moved: { name: moved.name, tail: moved.tail }, active: { name: active.name, tail: active.tail } }))) { return false; }
  }
  await vault.setActive(id);
  return true;
}

export async function storeFoundKey(services: Services, provider: ProviderId, suggestedName: string, key: string, ask: AskMakeActive): Promise<StoreOutcome> {
  const { vault, clients, logger } = services;
  const outcome = await clients.verify(provider, key);
  if (outcome.state === 'rejected') {
    await vault.markDead(provider, key);
    services.keysChanged();
    logger.info(`[quick-fix] a ${provider} key found in a file is rejected by the provider: not stored, remembered as dead`);
    return { kind: 'dead' };
  }
  const { id, name } = await vaultKeyStore(vault)(provider, suggestedName, key);
  await vault.recordVerification(id, outcome);
  const active = await keepProgramOnMovedKey(vault, id, ask);
  logger.info(`[quick-fix] the moved ${provider} key "${name}" is ${active ? 'now the active key' : 'stored; the user kept another key active'}`);
  services.keysChanged();
  return { kind: 'stored', name, state: outcome.state, outcome: outcomeFacts(outcome, PROVIDERS[provider].label) };
}
