// One active key per provider: what a user working with several providers at once relies on.
import * as assert from 'node:assert';
import { KeyVault } from '../../src/core/vault';
import { memorySecrets, memoryState } from './support';

const RINGG = '7251cb4b-3373-43a4-844c-b27a1d45e0c9';
const RINGG_2 = 'e89b12d3-a456-426c-8001-f05de02b54b4';
const RINGYO_LIVE = 'rg_live_aBcDeFgHiJkLmNoPqRsT';
const RINGYO_TEST = 'rg_test_zYxWvUtSrQpOnMlKjIhG';

describe('vault: one active key per provider', () => {
  const make = () => {
    const ws = memoryState();
    return { ws, vault: new KeyVault(memorySecrets(), memoryState(), ws, () => 42) };
  };

  it('adding a Ringyo key keeps the Ringg key active; each provider has its own', async () => {
    const { vault } = make();
    const ringg = await vault.add({ provider: 'ringg', name: 'Workspace', key: RINGG });
    const ringyo = await vault.add({ provider: 'ringyo', name: 'Live', key: RINGYO_LIVE });
    assert.strictEqual(vault.active('ringg')?.id, ringg.id);
    assert.strictEqual(vault.active('ringyo')?.id, ringyo.id);
    assert.strictEqual(vault.active('ringtonic'), undefined);
    assert.deepStrictEqual(vault.actives().map(p => p.name), ['Workspace', 'Live']);
  });

  it('switching within a provider leaves the other providers\' active keys alone; the status bar follows the choice', async () => {
    const { vault } = make();
    const ringg = await vault.add({ provider: 'ringg', name: 'Workspace', key: RINGG });
    const live = await vault.add({ provider: 'ringyo', name: 'Live', key: RINGYO_LIVE });
    const test = await vault.add({ provider: 'ringyo', name: 'Test', key: RINGYO_TEST });
    assert.strictEqual(vault.active('ringyo')?.id, live.id, 'a second key of a provider does not take over by itself');
    await vault.setActive(test.id);
    assert.strictEqual(vault.active('ringyo')?.id, test.id);
    assert.strictEqual(vault.active('ringg')?.id, ringg.id, 'the Ringg key is still active');
    assert.strictEqual(vault.active()?.id, test.id, 'the status bar shows the provider chosen last');
    await vault.setActive(ringg.id);
    assert.strictEqual(vault.active()?.id, ringg.id);
    assert.strictEqual(vault.active('ringyo')?.id, test.id, 'choosing Ringg does not change Ringyo\'s active key');
  });

  it('removing the active key hands "active" to the provider\'s next key only', async () => {
    const { vault } = make();
    const a = await vault.add({ provider: 'ringg', name: 'A', key: RINGG });
    const b = await vault.add({ provider: 'ringg', name: 'B', key: RINGG_2 });
    const live = await vault.add({ provider: 'ringyo', name: 'Live', key: RINGYO_LIVE });
    await vault.setActive(a.id);
    await vault.remove(a.id);
    assert.strictEqual(vault.active('ringg')?.id, b.id);
    assert.strictEqual(vault.active('ringyo')?.id, live.id);
    await vault.remove(b.id);
    assert.strictEqual(vault.active('ringg'), undefined);
    assert.strictEqual(vault.active()?.id, live.id, 'with no Ringg key left the status bar shows the Ringyo key');
  });

  it('reads the single active profile of older versions as its provider\'s choice', async () => {
    const { vault, ws } = make();
    await vault.add({ provider: 'ringyo', name: 'Live', key: RINGYO_LIVE });
    const test = await vault.add({ provider: 'ringyo', name: 'Test', key: RINGYO_TEST });
    const ringg = await vault.add({ provider: 'ringg', name: 'Workspace', key: RINGG });
    ws.data.clear();
    ws.data.set('ringKeys.activeProfile', test.id);
    assert.strictEqual(vault.active('ringyo')?.id, test.id);
    assert.strictEqual(vault.active('ringg')?.id, ringg.id);
    assert.strictEqual(vault.active()?.id, test.id, 'the old choice is what the status bar shows');
  });
});
