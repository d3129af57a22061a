// Two windows share one SecretStorage and one global state. The vault caches nothing, so the last write
// wins and every window reads it at once; a window that still shows the old key can tell from the key's
// fingerprint that it changed (the status bar re-verifies on that).
import * as assert from 'node:assert';
import { keyFingerprint } from '../../src/core/keys';
import { KeyVault } from '../../src/core/vault';
import { memorySecrets, memoryState } from './support';

describe('two windows over one SecretStorage', () => {
  const shared = () => {
    const secrets = memorySecrets();
    const global = memoryState();
    return { a: new KeyVault(secrets, global, memoryState()), b: new KeyVault(secrets, global, memoryState()), secrets };
  };

  it('a key added in one window is seen, with its key, in the other', async () => {
    const { a, b } = shared();
    const p = await a.add({ provider: 'ringg', name: 'Prod', key: '7251cb4b-3373-43a4-844c-b27a1d45e0c9' });
    assert.strictEqual(b.get(p.id)?.name, 'Prod');
    assert.strictEqual(await b.getKey(p.id), '7251cb4b-3373-43a4-844c-b27a1d45e0c9');
  });

  it('both windows replace the same key: the last write wins, everywhere, with a matching tail', async () => {
    const { a, b } = shared();
    const p = await a.add({ provider: 'ringg', name: 'Prod', key: '7251cb4b-3373-43a4-844c-b27a1d45e0c9' });
    const seenByB = keyFingerprint(await b.getKey(p.id));
    await Promise.all([
      a.replaceKey(p.id, 'e89b12d3-a456-426c-8001-f05de02b54b4'),
      b.replaceKey(p.id, '0f5a9c3e-1d2b-4c6a-8e7f-9a0b1c2d3e4f'),
    ]);
    const finalKey = await a.getKey(p.id);
    assert.strictEqual(await b.getKey(p.id), finalKey, 'both windows read the same key');
    assert.strictEqual(a.get(p.id)?.tail, `…${finalKey.slice(-4)}`, 'the masked tail matches the stored key');
    assert.notStrictEqual(keyFingerprint(finalKey), seenByB, 'window B can tell its shown key is stale');
  });

  it('a key removed in one window is reported missing (not silently empty) in the other', async () => {
    const { a, b } = shared();
    const p = await a.add({ provider: 'ringyo', name: 'Dev', key: 'rg_test_aBcDeFgHiJkLmNoPqRsT' });
    await a.remove(p.id);
    assert.strictEqual(b.get(p.id), undefined);
    await assert.rejects(b.getKey(p.id), (e: Error) => e.name === 'KeyMissingError');
  });
});
