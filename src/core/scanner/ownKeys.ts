// The own-key rule's input. The scanner never holds a stored key: it gets a print of each one (SHA-256
// fingerprint, length, and the last four characters that maskKey shows anyway) and the profile's name.
// No `vscode` import.
import { keyFingerprint, maskKey } from '../keys';
import type { ProviderId } from '../providers/catalog';

/** Where the user's stored keys come from (the vault, adapted by the extension). */
export interface OwnKeySource {
  list(): Promise<Array<{ name: string; provider: ProviderId; key: string }>>;
  onDidChange(listener: () => void): { dispose(): void };
}

export interface OwnKeyPrint {
  readonly name: string;
  readonly provider: ProviderId;
  /** keyFingerprint(key): SHA-256 hex of the trimmed key. */
  readonly fingerprint: string;
  readonly length: number;
  /** The last four characters (what maskKey shows): where the scanner starts looking. */
  readonly tail: string;
}

/** A print of one stored key; the caller drops the key right after. */
export function ownKeyPrint(name: string, provider: ProviderId, key: string): OwnKeyPrint | undefined {
  const k = key.trim();
  if (k.length < 8) { return undefined; }   // too short to tell apart from ordinary text
  return { name, provider, fingerprint: keyFingerprint(k), length: k.length, tail: maskKey(k).slice(1) };
}

/** Lists the source and keeps only prints: plaintext keys live no longer than this call. */
export async function ownKeyPrints(source: OwnKeySource): Promise<OwnKeyPrint[]> {
  const out: OwnKeyPrint[] = [];
  for (const { name, provider, key } of await source.list()) {
    const p = ownKeyPrint(name, provider, key);
    if (p) { out.push(p); }
  }
  return out;
}

/** No stored keys (until a vault is wired in). */
export const emptyOwnKeySource: OwnKeySource = {
  list: async () => [],
  onDidChange: () => ({ dispose() { /* nothing to stop */ } }),
};

/**
 * Adapts the key vault (src/core/vault.ts: `keys()` → `{ profile, key }[]`) to an OwnKeySource;
 * `onDidChange` is the event that fires when stored keys change (SecretStorage's onDidChange).
 */
export function vaultOwnKeySource(
  vault: { keys(): Promise<Array<{ profile: { name: string; provider: ProviderId }; key: string }>> },
  onDidChange: (listener: () => void) => { dispose(): void },
): OwnKeySource {
  return {
    list: async () => (await vault.keys()).map(({ profile, key }) => ({ name: profile.name, provider: profile.provider, key })),
    onDidChange,
  };
}

/** The vault operations the "Move to SecretStorage" quick fix needs (src/core/vault.ts KeyVault has them). */
export interface VaultLike {
  keys(): Promise<Array<{ profile: { id: string; name: string; provider: ProviderId }; key: string }>>;
  nameTaken(provider: ProviderId, name: string): boolean;
  add(input: { provider: ProviderId; name: string; key: string }): Promise<{ id: string }>;
}

/**
 * storeKey for the quick fix: adds the key as a profile under a free name ("apiKey (client.ts)",
 * "apiKey (client.ts) 2", …); a key the vault already holds is not stored twice. Resolves to the profile
 * that holds the key (the new one, or the one that held it already) and its name.
 */
export function vaultKeyStore(vault: VaultLike): (provider: ProviderId, suggestedName: string, key: string) => Promise<{ id: string; name: string }> {
  return async (provider, suggestedName, key) => {
    const print = keyFingerprint(key);
    const held = (await vault.keys()).find(k => k.profile.provider === provider && keyFingerprint(k.key) === print);
    if (held) { return { id: held.profile.id, name: held.profile.name }; }
    let name = suggestedName.trim() || provider;
    for (let n = 2; vault.nameTaken(provider, name); n++) { name = `${suggestedName.trim()} ${n}`; }
    return { id: (await vault.add({ provider, name, key })).id, name };
  };
}
