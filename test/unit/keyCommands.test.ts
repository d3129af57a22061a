// The key commands' flows (src/vscode/features/keys/keyHandlers.ts) with a fake window and the sandbox API:
// what the user is asked, what they are told (which message, which severity, which action is offered) and
// what the vault holds afterwards. Words are checked only where they carry the behaviour (a key masked, the
// key never shown); the interaction is checked through the facade calls.
import * as assert from 'node:assert';
import { Commands } from '../../src/constants';
import { describeError, ForbiddenError, ProviderError, KeyMissingError, KeyRejectedError, MalformedResponseError, RateLimitedError, SecretStorageError, TimeoutError, type RingKeysError } from '../../src/core/http/errors';
import { keyFingerprint } from '../../src/core/keys';
import { nullLogger } from '../../src/core/log';
import { PROVIDERS, type ProviderId } from '../../src/core/providers/catalog';
import { ROTATION_JOURNAL_KEY, rotateRingg } from '../../src/core/rotation';
import { KeyVault } from '../../src/core/vault';
import { SANDBOX_CAMPAIGN_ID, type SandboxFaults, SandboxServer } from '../../src/sandbox/server';
import { reportInterruptedRotation } from '../../src/vscode/features/keys/interrupted';
import {
  addKey, copyKey, type KeyDeps, keyInputProblem, reenterKey, removeKey, showWorkspaceInfo, statusBarMenu, switchKey, verifyKey, verifyStoredKey,
} from '../../src/vscode/features/keys/keyHandlers';
import { type Answer, fakeUi, settle, until } from './fakeUi';
import { english, memorySecrets, memoryState, sandboxClients } from './support';


describe('key commands (handlers with a fake window)', function () {
  this.timeout(20_000);
  let sb: SandboxServer;
  before(async () => { sb = await SandboxServer.start(); });
  after(() => sb.close());

  function setup(answers: Answer[] = [], limits: { attemptTimeoutMs?: number; locale?: string } = {}) {
    sb.reset();
    const f = fakeUi(answers, limits.locale);
    const secrets = memorySecrets();
    const global = memoryState();
    const vault = new KeyVault(secrets, global, memoryState());
    const clients = sandboxClients(sb, { maxDelayMs: 2, attemptTimeoutMs: limits.attemptTimeoutMs ?? 2000 });
    const opened: string[] = [];
    let changed = 0;
    const deps: KeyDeps = {
      ui: f.ui, vault, clients, logger: nullLogger, keysChanged: () => { changed++; },
      verify: id => verifyStoredKey({ vault, clients, logger: nullLogger }, vault.get(id)!),
      rotateRingg: id => rotateRingg({ clients, vault, state: global }, id),
      showWorkspaceInfo: id => { opened.push(id); },
    };
    const failures = () => f.shown.filter(s => s.how === 'failure');
    return { ...f, deps, vault, secrets, global, clients, opened, failures, changed: () => changed };
  }
  const providerRequests = () => sb.requests.map(r => `${r.method} ${r.path}`);

  describe('Add Key', () => {
    it('a new Ringg profile: provider, password box, proposed name; stored in SecretStorage only, made active, verified and reported', async () => {
      const t = setup(['Ringg AI', sb.ringgKey, 'Workspace key']);
      const id = await addKey(t.deps);
      assert.ok(id);
      const [provider, key, name] = t.asked;
      assert.deepStrictEqual([provider.how, key.how, name.how], ['pick', 'input', 'input']);
      assert.deepStrictEqual(provider.items, ['Ringg AI', 'Ringyo AI', 'Ring Tonic']);
      assert.strictEqual(key.password, true, 'the key box is a password box');
      assert.notStrictEqual(name.password, true, 'the name box is not');
      assert.strictEqual(name.value, 'Workspace key', 'the name is proposed');
      const p = t.vault.get(id)!;
      assert.strictEqual(await t.vault.getKey(id), sb.ringgKey);
      assert.strictEqual(t.vault.active('ringg')?.id, id);
      assert.strictEqual(p.lastState, 'valid');
      assert.ok(!JSON.stringify([...t.global.data]).includes(sb.ringgKey), 'the key is not in the profile metadata');
      assert.deepStrictEqual(t.progress.map(x => x.where), ['statusBar'], 'verified with the quiet spinner');
      assert.deepStrictEqual(t.shown.map(s => s.how), ['info']);
      assert.match(t.shown[0].message, /^Stored in SecretStorage\. .*"Workspace key" \(…\w{4}\) is valid/);
      assert.ok(!t.shown[0].message.includes(sb.ringgKey), 'the message names the key masked only');
      assert.ok(t.changed() >= 1);
    });

    it('a preset provider skips the provider question; a Ringyo key that the provider rejects is stored and reported with Re-enter Key', async () => {
      const dead = 'rg_live_' + 'Q'.repeat(24);
      const t = setup([dead, 'Production (live)']);
      const id = await addKey(t.deps, 'ringyo');
      assert.deepStrictEqual(t.asked.map(a => a.how), ['input', 'input']);
      assert.strictEqual(t.vault.get(id!)?.lastState, 'rejected');
      const [f] = t.failures();
      assert.ok(f.err instanceof KeyRejectedError);
      assert.strictEqual(f.ctx?.profileId, id, 'the failure can offer Re-enter Key for this profile');
      assert.ok(describeError(f.err).reenter, 'and Re-enter Key is the fix it offers');
    });

    it('only a provider\'s first key becomes active: a later one when the user chooses Make Active, a rejected one never', async () => {
      // the case: a second Ringg key, "Bogus", that Ringg rejects
      // (each notification takes the next answer as the button pressed: undefined closes it)
      const t = setup(['Ringg AI', sb.ringgKey, 'Workspace key', undefined, 'Ringg AI', '0b3c6a52-7f1e-4d2a-9c8b-5e6f7a8b9c0d', 'Bogus']);
      const first = await addKey(t.deps);
      await settle();
      assert.strictEqual(t.vault.active('ringg')?.id, first, 'the first key is active');
      const bogus = await addKey(t.deps);
      await settle();
      assert.strictEqual(t.vault.get(bogus!)?.lastState, 'rejected');
      assert.strictEqual(t.vault.active('ringg')?.id, first, 'a rejected key does not take "active"');
      assert.ok(!t.shown.some(s => s.items.includes('Make Active')), 'and is not offered as the active key');
      // a second working key: stays inactive unless chosen; the notification says which key programs get
      const again = setup(['Ringyo AI', sb.keys.ringyoLive, 'Live', undefined, 'Ringyo AI', sb.keys.ringyoTest, 'Dev (test)', undefined]);
      const live = await addKey(again.deps);
      const dev = await addKey(again.deps);
      await settle();
      assert.strictEqual(again.vault.active('ringyo')?.id, live, 'adding a test key leaves the live key active');
      const offer = again.shown.find(s => s.items.includes('Make Active'));
      assert.ok(offer, 'the second key\'s notification offers Make Active');
      assert.match(offer.message, /Programs still get "Live"/);
      // choosing it
      const t3 = setup(['Ringyo AI', sb.keys.ringyoLive, 'Live', undefined, 'Ringyo AI', sb.keys.ringyoTest, 'Dev (test)', 'Make Active']);
      await addKey(t3.deps);
      const chosen = await addKey(t3.deps);
      await until('Make Active applied', () => t3.vault.active('ringyo')?.id === chosen);
      assert.ok(dev);
    });

    it('a duplicate name (in any letter case) is refused in the box; the proposal never repeats a taken name', async () => {
      const t = setup(['Ringg AI', sb.ringgKey, ['WORKSPACE KEY', '  ', 'Staging']]);
      await t.vault.add({ provider: 'ringg', name: 'Workspace key', key: sb.ringgKey });
      const id = await addKey(t.deps);
      const name = t.asked[2];
      assert.strictEqual(name.value, 'Workspace key 2');
      assert.deepStrictEqual(name.problems.map(p => [p.typed, p.severity]), [['WORKSPACE KEY', 'error'], ['  ', 'error']]);
      assert.strictEqual(t.vault.get(id!)?.name, 'Staging');
      assert.strictEqual(t.vault.list('ringg').length, 2);
    });

    it('the same name is free for another provider', async () => {
      const t = setup([sb.keys.ringyoLive, 'Workspace key']);
      await t.vault.add({ provider: 'ringg', name: 'Workspace key', key: sb.ringgKey });
      const id = await addKey(t.deps, 'ringyo');
      assert.deepStrictEqual(t.asked[1].problems, []);
      assert.strictEqual(t.vault.get(id!)?.name, 'Workspace key');
    });

    describe('the key box checks the format of each provider as it is typed', () => {
      const uuid4 = '7251cb4b-3373-43a4-844c-b27a1d45e0c9';
      const cases: Array<[ProviderId, string, 'error' | 'warning' | undefined, string]> = [
        ['ringg', uuid4, undefined, 'a v4 UUID'],
        ['ringg', 'a8098c1a-f86e-11da-bd1a-00112444be1e', 'warning', 'a UUID of another version (accepted, with a warning)'],
        ['ringg', 'not-a-key', 'error', 'not a UUID'],
        ['ringg', `${uuid4}x`, 'error', 'a UUID with a character too many'],
        ['ringg', '', 'error', 'nothing'],
        ['ringg', `${uuid4.slice(0, 8)} ${uuid4.slice(9)}`, 'error', 'a space inside'],
        ['ringyo', 'rg_live_Ab12Cd34Ef56Gh78Ij90Kl12', undefined, 'rg_live_'],
        ['ringyo', 'rg_test_Ab12Cd34Ef56Gh78Ij90Kl12', 'warning', 'rg_test_ (a test key: said so)'],
        ['ringyo', 'vb_live_Ab12Cd34Ef56Gh78Ij90Kl12', undefined, 'vb_live_ (the prefix older Ringyo pages document)'],
        ['ringyo', 'vb_test_Ab12Cd34Ef56Gh78Ij90Kl12', 'warning', 'vb_test_'],
        ['ringyo', 'rg_prod_Ab12Cd34Ef56Gh78Ij90Kl12', 'error', 'an undocumented mode'],
        ['ringyo', 'sk_live_Ab12Cd34Ef56Gh78Ij90Kl12', 'error', 'another vendor\'s prefix'],
        ['ringyo', 'rg_live_short', 'error', 'too short after the prefix'],
        ['ringyo', uuid4, 'error', 'a Ringg key pasted for Ringyo'],
        ['ringtonic', 'rt_' + 'a'.repeat(32), undefined, 'a Ring Tonic key'],
        ['ringtonic', 'short', 'error', 'too short'],
      ];
      for (const [provider, value, severity, what] of cases) {
        it(`${PROVIDERS[provider].label}: ${what} → ${severity ?? 'accepted silently'}`, () => {
          const problem = keyInputProblem(english, provider, value);
          assert.strictEqual(problem?.severity, severity, problem?.message);
          if (problem) { assert.ok(problem.message.trim().length > 0); }
          if (value.length > 8) { assert.ok(!problem?.message.includes(value), 'the message does not repeat the key'); }
        });
      }
    });

    it('invalid keys keep the box open; the first valid one is taken, and its mode decides the proposed name (vb_test_ → a test profile)', async () => {
      const vbTest = 'vb_test_Ab12Cd34Ef56Gh78Ij90Kl12';
      const t = setup([['rg_live_short', 'sk_test_Ab12Cd34Ef56Gh78Ij90Kl12', vbTest], 'Dev (test)']);
      const id = await addKey(t.deps, 'ringyo');
      const box = t.asked[0];
      assert.deepStrictEqual(box.problems.map(p => p.severity), ['error', 'error', 'warning']);
      assert.strictEqual(t.asked[1].value, 'Dev (test)', 'a test key is not offered "Production (live)"');
      assert.strictEqual(t.vault.get(id!)?.mode, 'test');
      assert.strictEqual(await t.vault.getKey(id!), vbTest);
    });

    it('a legacy vb_live_ key the provider accepts is stored as live and verified', async () => {
      const t = setup([sb.keys.ringyoLegacy, 'Production (live)']);
      const id = await addKey(t.deps, 'ringyo');
      assert.strictEqual(t.asked[1].value, 'Production (live)');
      const p = t.vault.get(id!)!;
      assert.strictEqual(p.mode, 'live');
      assert.strictEqual(p.lastState, 'valid');
    });

    const cancels: Array<[string, Answer[]]> = [
      ['at the provider question', [undefined]],
      ['at the key box', ['Ringg AI', undefined]],
      ['at the key box after an invalid key', ['Ringg AI', ['not-a-key']]],
      ['at the name box', ['Ringg AI', '7251cb4b-3373-43a4-844c-b27a1d45e0c9', undefined]],
    ];
    for (const [where, answers] of cancels) {
      it(`cancelled ${where}: nothing is stored, nothing is sent, nothing is said`, async () => {
        const t = setup(answers);
        assert.strictEqual(await addKey(t.deps), undefined);
        assert.deepStrictEqual(t.vault.list(), []);
        assert.strictEqual(t.secrets.data.size, 0);
        assert.deepStrictEqual(providerRequests(), []);
        assert.deepStrictEqual(t.shown, []);
        assert.strictEqual(t.changed(), 0);
      });
    }

    it('SecretStorage refuses the key: the failure says so, no profile exists, nothing is sent', async () => {
      const t = setup(['Ringg AI', sb.ringgKey, 'Workspace key']);
      t.secrets.failStore = true;
      assert.strictEqual(await addKey(t.deps), undefined);
      const [f] = t.failures();
      assert.ok(f.err instanceof SecretStorageError, String(f.err));
      assert.strictEqual(f.ctx?.action, 'Add Key');
      assert.ok(!f.message.includes(sb.ringgKey));
      assert.deepStrictEqual(t.vault.list(), []);
      assert.strictEqual(t.vault.active(), undefined);
      assert.deepStrictEqual(providerRequests(), []);
    });
  });

  describe('Verify Key', () => {
    async function stored(t: ReturnType<typeof setup>, provider: ProviderId = 'ringg', key = sb.ringgKey) {
      return t.vault.add({ provider, name: 'Prod', key });
    }
    async function failsWith(faults: SandboxFaults, errorClass: new (...a: never[]) => RingKeysError, state: string, limits?: { attemptTimeoutMs?: number }) {
      const t = setup([], limits);
      const p = await stored(t);
      sb.faults = faults;
      assert.strictEqual(await verifyKey(t.deps), state);
      const [f] = t.failures();
      assert.ok(f, `a failure is shown: ${JSON.stringify(t.shown)}`);
      assert.ok(f.err instanceof errorClass, `${errorClass.name}: ${String(f.err)}`);
      assert.strictEqual(f.ctx?.profileId, p.id);
      assert.match(f.ctx?.action ?? '', /Verify "Prod"/);
      assert.strictEqual(t.vault.get(p.id)?.lastState, state, 'the outcome is recorded on the profile');
      assert.ok(!f.message.includes(sb.ringgKey));
      return { t, p, f };
    }

    it('valid: the active key is verified (no question), an information message names it masked', async () => {
      const t = setup();
      const p = await stored(t);
      assert.strictEqual(await verifyKey(t.deps), 'valid');
      assert.deepStrictEqual(t.asked, []);
      assert.deepStrictEqual(t.shown.map(s => s.how), ['info']);
      assert.match(t.shown[0].message, /"Prod" \(…\w{4}\) is valid: /);
      assert.strictEqual(t.vault.get(p.id)?.lastState, 'valid');
    });

    it('valid: the credits in the message are written in the display language', async () => {
      const shown: Record<string, string> = {};
      for (const locale of ['en-US', 'de-DE']) {
        const t = setup([], { locale });
        await stored(t);
        assert.strictEqual(await verifyKey(t.deps), 'valid');
        shown[locale] = t.shown[0].message;
      }
      const credits = Number(/([\d,]+) credits available/.exec(shown['en-US'])?.[1]?.replace(/,/g, ''));
      assert.ok(credits >= 1000, `a four-digit credit count in "${shown['en-US']}"`);
      assert.ok(shown['en-US'].includes(`${credits.toLocaleString('en-US')} credits`));
      assert.ok(shown['de-DE'].includes(`${credits.toLocaleString('de-DE')} credits`), shown['de-DE']);
      assert.notStrictEqual(credits.toLocaleString('de-DE'), credits.toLocaleString('en-US'));
    });

    it('401 (the key was revoked): rejected, with Re-enter Key offered, and the key remembered as dead', async () => {
      const t = setup();
      const p = await stored(t);
      sb.revokeKey(sb.ringgKey);
      assert.strictEqual(await verifyKey(t.deps, p.id), 'rejected');
      const [f] = t.failures();
      assert.ok(f.err instanceof KeyRejectedError);
      assert.ok(describeError(f.err).reenter);
      assert.strictEqual(f.ctx?.profileId, p.id);
      assert.strictEqual(t.vault.get(p.id)?.lastState, 'rejected');
      assert.ok(t.vault.deadKey(keyFingerprint(await t.vault.getKey(p.id))), 'every copy left in a file can now say it is dead');
    });

    it('403: forbidden (the key works but lacks access), not "invalid"', async () => {
      await failsWith({ failNext: 5, failStatus: 403 }, ForbiddenError, 'forbidden');
    });

    it('429 that does not end: undetermined (rate limited), the key is not called invalid', async () => {
      const { f } = await failsWith({ failNext: 20, failStatus: 429 }, RateLimitedError, 'undetermined');
      assert.ok(!describeError(f.err).reenter, 'no Re-enter Key: the key is fine');
    });

    it('5xx that does not end: undetermined after the retries, not "invalid"', async () => {
      await failsWith({ failNext: 20, failStatus: 503 }, ProviderError, 'undetermined');
      assert.ok(providerRequests().length >= 2, `retried: ${providerRequests().join(', ')}`);
    });

    it('a server that never answers: undetermined (timeout)', async () => {
      await failsWith({ hostile: 'stall-headers' }, TimeoutError, 'undetermined', { attemptTimeoutMs: 150 });
    });

    it('a malformed answer: undetermined (not the expected JSON)', async () => {
      await failsWith({ malformedNext: 50 }, MalformedResponseError, 'undetermined');
    });

    it('no key stored: the user is told so and offered Add Key, which starts the add flow', async () => {
      const t = setup(['Add Key', undefined]);
      assert.strictEqual(await verifyKey(t.deps), undefined);
      assert.deepStrictEqual(t.shown.map(s => [s.how, s.items]), [['info', ['Add Key']]]);
      assert.deepStrictEqual(t.asked.map(a => a.how), ['pick'], 'Add Key asks for the provider');
      assert.deepStrictEqual(providerRequests(), []);
    });

    it('a profile whose key is gone from SecretStorage (removed in another window): undetermined, with Re-enter Key', async () => {
      const t = setup();
      const p = await stored(t);
      t.secrets.data.clear();
      assert.strictEqual(await verifyKey(t.deps), 'undetermined');
      const [f] = t.failures();
      assert.ok(f.err instanceof KeyMissingError);
      assert.ok(describeError(f.err).reenter);
      assert.strictEqual(f.ctx?.profileId, p.id);
      assert.deepStrictEqual(providerRequests(), []);
    });

    it('Ring Tonic without a campaign: unverifiable, with Set Campaign…; a wrong id and an unknown campaign are refused in the box, the right one verifies', async () => {
      const unknown = '0f0f0f0f-1111-4222-8333-444455556666';
      const t = setup(['Set Campaign…', ['not an id', unknown, `https://ringtonic.app/x/campaigns/${SANDBOX_CAMPAIGN_ID}`]]);
      const p = await stored(t, 'ringtonic', sb.keys.ringtonic);
      assert.strictEqual(await verifyKey(t.deps), 'unverifiable');
      await until('the second verification', () => t.vault.get(p.id)?.lastState === 'valid');
      const box = t.asked[0];
      assert.deepStrictEqual(box.problems.map(x => x.typed), ['not an id', unknown]);
      assert.match(box.problems[1].message, /404/);
      assert.strictEqual(t.vault.get(p.id)?.campaignId, SANDBOX_CAMPAIGN_ID, 'the UUID is taken from the address');
      assert.strictEqual(t.vault.get(p.id)?.lastState, 'valid');
      assert.deepStrictEqual(t.shown.map(s => s.how), ['info', 'info']);
    });
  });

  describe('the other key commands', () => {
    it('Switch Active Key: a pick (active first, marked), the chosen key becomes its provider\'s active one', async () => {
      const t = setup(['Staging']);
      const a = await t.vault.add({ provider: 'ringg', name: 'Prod', key: sb.ringgKey });
      const b = await t.vault.add({ provider: 'ringg', name: 'Staging', key: sb.ringgKey });
      assert.strictEqual(t.vault.active('ringg')?.id, a.id);
      assert.strictEqual(await switchKey(t.deps), b.id);
      assert.deepStrictEqual(t.asked[0].items, ['Prod', 'Staging']);
      assert.strictEqual(t.vault.active('ringg')?.id, b.id);
      assert.ok(t.changed() >= 1);
    });

    it('Switch Active Key from the Keys view ({ id }) asks nothing', async () => {
      const t = setup();
      await t.vault.add({ provider: 'ringg', name: 'Prod', key: sb.ringgKey });
      const b = await t.vault.add({ provider: 'ringg', name: 'Staging', key: sb.ringgKey });
      await switchKey(t.deps, { id: b.id });
      assert.deepStrictEqual(t.asked, []);
      assert.strictEqual(t.vault.active('ringg')?.id, b.id);
    });

    it('Remove Key: declined in the modal warning → kept; confirmed → gone, and the next key takes over', async () => {
      const t = setup([undefined, 'Remove']);
      const a = await t.vault.add({ provider: 'ringg', name: 'Prod', key: sb.ringgKey });
      const b = await t.vault.add({ provider: 'ringg', name: 'Staging', key: sb.ringgKey });
      assert.strictEqual(await removeKey(t.deps, a.id), undefined);
      assert.strictEqual(t.shown[0].how, 'modal-warning');
      assert.ok(t.vault.get(a.id));
      assert.strictEqual(await removeKey(t.deps, a.id), 'removed');
      assert.strictEqual(t.vault.get(a.id), undefined);
      assert.strictEqual(t.secrets.data.size, 1, 'its secret is deleted');
      assert.strictEqual(t.vault.active('ringg')?.id, b.id);
    });

    it('Remove Key: SecretStorage refuses the delete → the failure is shown and the profile stays', async () => {
      const t = setup(['Remove']);
      const a = await t.vault.add({ provider: 'ringg', name: 'Prod', key: sb.ringgKey });
      t.secrets.delete = async () => { throw new Error('keyring locked'); };
      assert.strictEqual(await removeKey(t.deps, a.id), undefined);
      assert.ok(t.failures()[0].err instanceof SecretStorageError);
      assert.ok(t.vault.get(a.id));
    });

    it('Copy Key: only after the modal warning; the full key goes to the clipboard, the message shows it masked', async () => {
      const t = setup([undefined, 'Copy Key']);
      const a = await t.vault.add({ provider: 'ringg', name: 'Prod', key: sb.ringgKey });
      assert.strictEqual(await copyKey(t.deps, a.id), undefined);
      assert.deepStrictEqual(t.calls, [], 'declined: nothing copied');
      assert.strictEqual(await copyKey(t.deps, a.id), 'copied');
      assert.deepStrictEqual(t.calls, [{ what: 'copy', args: [sb.ringgKey] }]);
      const done = t.shown.at(-1)!;
      assert.strictEqual(done.how, 'info');
      assert.ok(done.message.includes(a.tail) && !done.message.includes(sb.ringgKey));
    });

    it('Copy Key of a profile whose key is gone: the failure offers Re-enter Key, nothing is copied', async () => {
      const t = setup(['Copy Key']);
      const a = await t.vault.add({ provider: 'ringg', name: 'Prod', key: sb.ringgKey });
      t.secrets.data.clear();
      assert.strictEqual(await copyKey(t.deps, a.id), undefined);
      assert.ok(t.failures()[0].err instanceof KeyMissingError);
      assert.strictEqual(t.failures()[0].ctx?.profileId, a.id);
      assert.deepStrictEqual(t.calls, []);
    });

    it('Re-enter Key: the new copy (format-checked) replaces the stored key and is verified', async () => {
      const t = setup([['nope', sb.ringgKey]]);
      const a = await t.vault.add({ provider: 'ringg', name: 'Prod', key: '0a1b2c3d-1111-4222-8333-444455556666' });
      assert.strictEqual(await reenterKey(t.deps), 'valid');
      assert.strictEqual(t.asked[0].password, true);
      assert.deepStrictEqual(t.asked[0].problems.map(p => p.severity), ['error']);
      assert.strictEqual(await t.vault.getKey(a.id), sb.ringgKey);
      assert.strictEqual(t.vault.get(a.id)?.lastState, 'valid');
    });

    it('Re-enter Key cancelled: the stored key is unchanged', async () => {
      const t = setup([undefined]);
      const a = await t.vault.add({ provider: 'ringg', name: 'Prod', key: sb.ringgKey });
      assert.strictEqual(await reenterKey(t.deps), undefined);
      assert.strictEqual(await t.vault.getKey(a.id), sb.ringgKey);
      assert.deepStrictEqual(providerRequests(), []);
    });

    it('Show Workspace Info opens the view for the argument\'s key, else the active one', async () => {
      const t = setup();
      const a = await t.vault.add({ provider: 'ringg', name: 'Prod', key: sb.ringgKey });
      const b = await t.vault.add({ provider: 'ringyo', name: 'Dev', key: sb.keys.ringyoTest });
      await showWorkspaceInfo(t.deps, b.id);
      await showWorkspaceInfo(t.deps);
      assert.deepStrictEqual(t.opened, [b.id, a.id]);
    });

    it('the status-bar menu: without a key only Add Key and Show Logs; with one, its actions act on the active key', async () => {
      const t = setup(['Add Key', 'Rotate Key', 'Switch Active Key', undefined]);
      assert.strictEqual(await statusBarMenu(t.deps), Commands.addKey);
      assert.deepStrictEqual(t.asked[0].items, ['Add Key', 'Show Logs']);
      const a = await t.vault.add({ provider: 'ringg', name: 'Prod', key: sb.ringgKey });
      assert.strictEqual(await statusBarMenu(t.deps), Commands.rotateKey);
      assert.deepStrictEqual(t.asked[1].items, ['Verify Key', 'Show Workspace Info', 'Rotate Key', 'Copy Key', 'Switch Active Key', 'Add Key', 'Remove Key', 'Show Logs']);
      assert.match(t.asked[1].title ?? '', /Ringg AI · Prod …\w{4}/);
      await statusBarMenu(t.deps);
      assert.strictEqual(await statusBarMenu(t.deps), undefined);
      assert.deepStrictEqual(t.calls, [
        { what: Commands.addKey, args: [undefined] },
        { what: Commands.rotateKey, args: [a.id] },
        { what: Commands.switchKey, args: [undefined] },
      ]);
    });
  });

  describe('an interrupted rotation, reported at the next start', () => {
    async function interrupted(t: ReturnType<typeof setup>) {
      const p = await t.vault.add({ provider: 'ringg', name: 'Prod', key: sb.ringgKey });
      await t.global.update(ROTATION_JOURNAL_KEY, { profileId: p.id, profileName: p.name, oldTail: p.tail, startedAt: 1 });
      return p;
    }

    it('the server rotated (the old key is now rejected): an error with Re-enter Key and Open Dashboard', async () => {
      const t = setup(['Re-enter Key']);
      const p = await interrupted(t);
      await t.clients.ringgRotate(sb.ringgKey);   // the rotation happened; its answer never reached the vault
      assert.strictEqual(await reportInterruptedRotation(t.deps, t.global), 'lost');
      assert.deepStrictEqual(t.shown.map(s => [s.how, s.items]), [['error', ['Re-enter Key', 'Open Dashboard']]]);
      await settle();
      assert.deepStrictEqual(t.calls, [{ what: Commands.reenterKey, args: [p.id] }]);
      assert.strictEqual(t.vault.get(p.id)?.lastState, 'rejected');
      assert.strictEqual(t.global.data.get(ROTATION_JOURNAL_KEY), undefined, 'told once');
    });

    it('the server did not rotate (the old key works): an information message, nothing to do', async () => {
      const t = setup();
      await interrupted(t);
      assert.strictEqual(await reportInterruptedRotation(t.deps, t.global), 'notRotated');
      assert.deepStrictEqual(t.shown.map(s => s.how), ['info']);
      assert.strictEqual(t.global.data.get(ROTATION_JOURNAL_KEY), undefined);
    });

    it('Ringg cannot be reached: a warning, and the journal is kept for the next start', async () => {
      const t = setup();
      await interrupted(t);
      sb.faults = { hostile: 'unavailable-forever' };
      assert.strictEqual(await reportInterruptedRotation(t.deps, t.global), 'unknown');
      assert.deepStrictEqual(t.shown.map(s => s.how), ['warn']);
      assert.ok(t.global.data.get(ROTATION_JOURNAL_KEY));
    });

    it('no journal: nothing is said', async () => {
      const t = setup();
      assert.strictEqual(await reportInterruptedRotation(t.deps, t.global), 'none');
      assert.deepStrictEqual(t.shown, []);
    });
  });
});
