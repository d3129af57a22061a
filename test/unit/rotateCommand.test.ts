// The rotate command's flows (src/vscode/features/keys/rotateHandlers.ts) with a fake window: every Ringg
// rotation outcome ends in what the user is told and what the vault holds; the guided flow (Ringyo, Ring
// Tonic) verifies a new key before it replaces the old one.
import * as assert from 'node:assert';
import { KeyRejectedError, NetworkError, SecretStorageError, TimeoutError } from '../../src/core/http/errors';
import { nullLogger } from '../../src/core/log';
import { rotateRingg, type RotationResult } from '../../src/core/rotation';
import { KeyVault, type KeyProfile } from '../../src/core/vault';
import { SandboxServer } from '../../src/sandbox/server';
import { PROVIDERS } from '../../src/core/providers/catalog';
import { Commands } from '../../src/constants';
import { verifyStoredKey } from '../../src/vscode/features/keys/keyHandlers';
import { rotateCommand, rotateKey, type RotateDeps } from '../../src/vscode/features/keys/rotateHandlers';
import { fakeUi, settle } from './fakeUi';
import { memorySecrets, memoryState, sandboxClients } from './support';

describe('rotate command (handlers with a fake window)', function () {
  this.timeout(20_000);
  let sb: SandboxServer;
  before(async () => { sb = await SandboxServer.start(); });
  after(() => sb.close());

  async function setup(provider: 'ringg' | 'ringyo' | 'ringtonic', f: ReturnType<typeof fakeUi>, result?: RotationResult) {
    sb.reset();
    const state = memoryState();
    const vault = new KeyVault(memorySecrets(), state, memoryState());
    const clients = sandboxClients(sb, { maxDelayMs: 2, attemptTimeoutMs: 2000 });
    const key = provider === 'ringg' ? sb.ringgKey : provider === 'ringyo' ? sb.keys.ringyoLive : sb.keys.ringtonic;
    const profile: KeyProfile = await vault.add({ provider, name: 'Prod', key });
    let changed = 0;
    const deps: RotateDeps = {
      ui: f.ui, vault, clients, logger: nullLogger, keysChanged: () => { changed++; },
      verify: id => verifyStoredKey({ vault, clients, logger: nullLogger }, vault.get(id)!),
      rotateRingg: id => result ? Promise.resolve(result) : rotateRingg({ clients, vault, state }, id),
      showWorkspaceInfo: () => undefined,
    };
    return { vault, profile, deps, key, changed: () => changed };
  }

  it('Ringg, declined at the confirmation: nothing is sent, nothing changes', async () => {
    const f = fakeUi([undefined]);
    const { deps, profile, vault, key } = await setup('ringg', f);
    assert.strictEqual(await rotateKey(deps, profile), undefined);
    assert.strictEqual(f.shown[0].how, 'modal-warning');
    assert.match(f.shown[0].message, /Rotate the Ringg AI key "Prod"/);
    assert.strictEqual(sb.requests.length, 0);
    assert.strictEqual(await vault.getKey(profile.id), key);
  });

  it('Ringg, rotated (against the sandbox): the vault holds the new key, the message names both tails and offers Copy and Find', async () => {
    const f = fakeUi(['Rotate Key', 'Find Old Key in Workspace']);
    const { deps, profile, vault, key, changed } = await setup('ringg', f);
    assert.strictEqual(await rotateKey(deps, profile), 'rotated');
    assert.strictEqual(await vault.getKey(profile.id), sb.ringgKey);
    assert.notStrictEqual(sb.ringgKey, key);
    const done = f.shown[1];
    assert.strictEqual(done.how, 'info');
    assert.match(done.message, /^Rotated\. "Prod" now holds …\w{4} \(verified: .+\)\. The old key …\w{4} no longer works/);
    assert.ok(!done.message.includes(sb.ringgKey) && !done.message.includes(key), 'no key in the message');
    assert.deepStrictEqual(done.items, ['Copy New Key', 'Find Old Key in Workspace']);
    await settle();
    assert.deepStrictEqual(f.calls.find(c => c.what === 'find')?.args[0], key, 'Find looks for the old key');
    assert.ok(changed() >= 1);
  });

  it('Ringg, failed (refused or not sent): the failure names "nothing changed" and the old key stays', async () => {
    const f = fakeUi(['Rotate Key']);
    const { deps, profile, vault, key } = await setup('ringg', f, { kind: 'failed', error: new KeyRejectedError('401'), reachedServer: false });
    assert.strictEqual(await rotateKey(deps, profile), 'failed');
    assert.match(f.shown[1].message, /^Rotate Key \(nothing changed\): 401/);
    assert.strictEqual(await vault.getKey(profile.id), key);
  });

  it('Ringg, unstored: the new key is offered once, masked, and Copy puts the full key on the clipboard', async () => {
    const f = fakeUi(['Rotate Key', 'Copy New Key']);
    const newKey = '0a1b2c3d-1111-4222-8333-444455556666';
    const { deps, profile } = await setup('ringg', f, { kind: 'unstored', newKey, storeError: new SecretStorageError('the keyring is locked') });
    assert.strictEqual(await rotateKey(deps, profile), 'unstored');
    const offer = f.shown[1];
    assert.strictEqual(offer.how, 'modal-error');
    assert.match(offer.message, /could not store the new key …6666/);
    assert.ok(!offer.message.includes(newKey) && !offer.detail!.includes(newKey), 'shown masked only');
    assert.match(offer.detail!, /the keyring is locked/);
    assert.deepStrictEqual(f.calls.find(c => c.what === 'copy')?.args, [newKey]);
    assert.match(f.shown[2].message, /The new key …6666 is on the clipboard/);
  });

  it('Ringg, unstored and the user closes the offer: asked to confirm the discard before the key is gone', async () => {
    const f = fakeUi(['Rotate Key', undefined, undefined, 'Copy New Key']);
    const { deps, profile } = await setup('ringg', f, { kind: 'unstored', newKey: '0a1b2c3d-1111-4222-8333-444455556666', storeError: new Error('x') });
    assert.strictEqual(await rotateKey(deps, profile), 'unstored');
    assert.deepStrictEqual(f.shown.map(s => s.how), ['modal-warning', 'modal-error', 'modal-warning', 'modal-error', 'info']);
    assert.match(f.shown[2].message, /^Discard the new key\?/);
    assert.strictEqual(f.calls.filter(c => c.what === 'copy').length, 1);
  });

  it('Ringg, lost: the user is sent to the dashboard and Re-enter Key, never told to rotate again', async () => {
    const f = fakeUi(['Rotate Key', 'Re-enter Key']);
    const { deps, profile } = await setup('ringg', f, { kind: 'lost', error: new TimeoutError('timed out', true), check: new KeyRejectedError('401') });
    assert.strictEqual(await rotateKey(deps, profile), 'lost');
    const lost = f.shown[1];
    assert.strictEqual(lost.how, 'modal-error');
    assert.match(lost.message, /happened on Ringg's side, but its answer was lost/);
    assert.match(lost.detail!, /Do not rotate again/);
    assert.deepStrictEqual(f.calls, [{ what: Commands.reenterKey, args: [profile.id] }]);
  });

  it('Ringg, not rotated: a warning that nothing changed', async () => {
    const f = fakeUi(['Rotate Key']);
    const { deps, profile } = await setup('ringg', f, { kind: 'notRotated', error: new NetworkError('reset', true) });
    assert.strictEqual(await rotateKey(deps, profile), 'not-rotated');
    assert.strictEqual(f.shown[1].how, 'warn');
    assert.match(f.shown[1].message, /did not happen.*Nothing changed\./);
  });

  it('Ringg, unknown: the user is told it cannot be known and offered the dashboard', async () => {
    const f = fakeUi(['Rotate Key', 'Open Dashboard']);
    const { deps, profile } = await setup('ringg', f, { kind: 'unknown', error: new NetworkError('reset', true), checkError: new NetworkError('down', false) });
    assert.strictEqual(await rotateKey(deps, profile), 'unknown');
    assert.match(f.shown[1].message, /^Could not tell whether "Prod" was rotated/);
    await settle();
    assert.deepStrictEqual(f.calls.map(c => c.what), ['open']);
  });

  it('guided (Ringyo): a new key that verifies replaces the old one; the user is told to revoke the old key', async () => {
    const f = fakeUi(['I Have the New Key', sb.keys.ringyoTest]);
    const { deps, profile, vault } = await setup('ringyo', f);
    assert.strictEqual(await rotateKey(deps, profile), 'rotated');
    assert.strictEqual(await vault.getKey(profile.id), sb.keys.ringyoTest);
    assert.match(f.shown[1].message, /now holds …\w{4}\. Revoke the old key …\w{4} in the Ringyo AI dashboard/);
  });

  it('guided (Ringyo): a new key the provider rejects is refused and the old key stays', async () => {
    const f = fakeUi(['I Have the New Key', 'rg_live_' + 'x'.repeat(24)]);
    const { deps, profile, vault, key } = await setup('ringyo', f);
    assert.strictEqual(await rotateKey(deps, profile), 'refused');
    assert.strictEqual(await vault.getKey(profile.id), key);
    assert.match(f.shown[1].message, /^The new key was not stored \("Prod" keeps …\w{4}\)/);
  });

  it('Ringg, rotated but the new key did not verify: still "rotated" (the server said it is the key), and the message says what verification found', async () => {
    const f = fakeUi(['Rotate Key']);
    const { deps, profile } = await setup('ringg', f, { kind: 'rotated', newTail: '…6666', oldTail: '…0000', oldKey: 'x', verification: { state: 'undetermined', error: new NetworkError('reset', false) } });
    assert.strictEqual(await rotateKey(deps, profile), 'rotated');
    assert.strictEqual(f.shown[1].how, 'info');
    assert.match(f.shown[1].message, /…6666/);
    assert.match(f.shown[1].message, /verification said: Could not reach Ringg AI/);
    assert.doesNotMatch(f.shown[1].message, /verified:/);
  });

  it('guided: the key already stored is refused in the box; closing it changes nothing and sends nothing', async () => {
    const f = fakeUi(['I Have the New Key', [sb.keys.ringyoLive]]);
    const { deps, profile, vault, key } = await setup('ringyo', f);
    assert.strictEqual(await rotateKey(deps, profile), undefined);
    assert.deepStrictEqual(f.asked[0].problems.map(p => p.severity), ['error']);
    assert.strictEqual(f.asked[0].password, true);
    assert.strictEqual(await vault.getKey(profile.id), key);
    assert.strictEqual(sb.requests.length, 0);
  });

  it('guided: Open Dashboard opens the provider\'s dashboard before the key box', async () => {
    const f = fakeUi(['Open Dashboard', undefined]);
    const { deps, profile } = await setup('ringyo', f);
    assert.strictEqual(await rotateKey(deps, profile), undefined);
    assert.deepStrictEqual(f.calls, [{ what: 'open', args: [PROVIDERS.ringyo.dashboardUrl] }]);
    assert.strictEqual(f.asked.length, 1, 'then the key box');
  });

  it('guided (Ring Tonic, no campaign to verify with): the new key is stored only if the user says so', async () => {
    const fresh = () => sb.addKey('ringtonic');
    const declined = fakeUi(['I Have the New Key']);
    const a = await setup('ringtonic', declined);
    declined.answers.push(fresh(), undefined);
    assert.strictEqual(await rotateKey(a.deps, a.profile), undefined);
    assert.strictEqual(declined.shown[1].how, 'modal-warning');
    assert.strictEqual(await a.vault.getKey(a.profile.id), a.key, 'declined: the old key stays');

    const stored = fakeUi(['I Have the New Key']);
    const b = await setup('ringtonic', stored);
    const newKey = fresh();
    stored.answers.push(newKey, 'Store It');
    assert.strictEqual(await rotateKey(b.deps, b.profile), 'rotated');
    assert.strictEqual(await b.vault.getKey(b.profile.id), newKey);
    assert.strictEqual(b.vault.get(b.profile.id)?.lastState, 'unverifiable');
  });

  it('the command: the argument\'s key is rotated; with no key stored the user is offered Add Key instead', async () => {
    const f = fakeUi([undefined]);
    const { deps, profile } = await setup('ringg', f);
    assert.strictEqual(await rotateCommand(deps, profile.id), undefined, 'declined at the confirmation');
    assert.match(f.shown[0].message, /"Prod"/);
    await deps.vault.remove(profile.id);
    f.answers.push(undefined);
    assert.strictEqual(await rotateCommand(deps), undefined);
    assert.deepStrictEqual(f.shown[1].items, ['Add Key']);
  });
});
