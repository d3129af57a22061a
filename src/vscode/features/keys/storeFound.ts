// Storing a key found in a file (the "Move to SecretStorage" quick fix): verified first, so it is never
// stored unverified, and a key its provider rejects (rotated away, revoked) is not stored at all but
// remembered as dead, so every copy left in a file says so.
import { vaultKeyStore } from '../../../core/scanner/ownKeys';
import { PROVIDERS, type ProviderId } from '../../../core/providers/catalog';
import { outcomeFacts } from '../../../core/providers/clients';
import type { Services } from '../../services';
import type { StoreOutcome } from '../diagnostics/codeActions';

export async function storeFoundKey(services: Services, provider: ProviderId, suggestedName: string, key: string): Promise<StoreOutcome> {
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
  services.keysChanged();
  return { kind: 'stored', name, state: outcome.state, outcome: outcomeFacts(outcome, PROVIDERS[provider].label) };
}
