// Two windows write the key list at once, interleaved at every await, every way they can be.
//
// A model of what two VS Code windows share: one SecretStorage (each call reaches it after a pause) and one
// global state of which each window reads its own copy. A window's write changes its copy at once (as the
// extension host's Memento does), reaches the shared store later, and reaches the other window's copy later
// still, in the order the store took the writes. Every pause is a step a scheduler picks: the test runs each
// scenario once per order of steps (depth-first over every choice) and checks, once both windows are done
// and have read the list again, that no profile was lost or brought back, no key is left without its profile
// and no profile without its key.
import * as assert from 'node:assert';
import type { KeyProfile, ProfileRecord, SecretStore, StateStore } from '../../src/core/vault';
import { KeyVault, secretKeyFor } from '../../src/core/vault';
import { memoryState } from './support';

interface Step { readonly label: string; readonly go: () => void }

class Scheduler {
  readonly ready: Step[] = [];
  /** Pauses the caller until the scheduler picks this step. */
  pause(label: string): Promise<void> { return new Promise(go => this.ready.push({ label, go })); }
  /** Something that happens on its own once picked (another window's copy catching up). */
  later(label: string, go: () => void): void { this.ready.push({ label, go }); }
}

const PROFILES = 'ringKeys.profileList';

class World {
  readonly store = new Map<string, unknown>();
  readonly secretsData = new Map<string, string>();
  readonly copies = new Map<string, Map<string, unknown>>();
  private readonly inbox = new Map<string, Array<[string, unknown]>>();
  writes = 0;
  constructor(private readonly sched: Scheduler, readonly windows: readonly string[]) {
    for (const w of windows) { this.copies.set(w, new Map()); this.inbox.set(w, []); }
  }

  /** Global state as window `w` sees it. */
  global(w: string): StateStore {
    const copy = this.copies.get(w)!;
    return {
      get: <T>(k: string) => copy.get(k) as T | undefined,
      update: async (k: string, v: unknown) => {
        copy.set(k, v);
        this.writes++;
        await this.sched.pause(`${w}: its write of ${k} reaches the store`);
        this.store.set(k, v);
        for (const other of this.windows.filter(o => o !== w)) {
          this.inbox.get(other)!.push([k, v]);
          // the other window's copy takes the store's writes in the order the store took them
          this.sched.later(`${other}: its copy takes ${w}'s write`, () => { const [ik, iv] = this.inbox.get(other)!.shift()!; this.copies.get(other)!.set(ik, iv); });
        }
        await this.sched.pause(`${w}: the write of ${k} settles`);
      },
    };
  }

  secrets(w: string): SecretStore {
    return {
      get: async k => { await this.sched.pause(`${w}: secrets.get`); return this.secretsData.get(k); },
      store: async (k, v) => { await this.sched.pause(`${w}: secrets.store`); this.secretsData.set(k, v); },
      delete: async k => { await this.sched.pause(`${w}: secrets.delete`); this.secretsData.delete(k); },
    };
  }

  /** A state both windows have seen: the store and every copy hold it. */
  seed(key: string, value: unknown): void {
    this.store.set(key, value);
    for (const c of this.copies.values()) { c.set(key, value); }
  }
}

const KEY_P = '7251cb4b-3373-43a4-844c-b27a1d45e0c9';
const P: KeyProfile = { id: 'p', provider: 'ringg', name: 'Prod', tail: '…e0c9', createdAt: 1 };

interface Scenario {
  readonly name: string;
  /** What each window does, at the same time; returns the ids it added. */
  readonly a: (v: KeyVault) => Promise<string[]>;
  readonly b: (v: KeyVault) => Promise<string[]>;
  /** The ids that must be listed at the end, given the ids the windows added. */
  readonly expected: (added: string[]) => string[];
  /** Checks on the final profiles (beyond which ids are listed). */
  readonly check?: (profiles: readonly KeyProfile[], secrets: ReadonlyMap<string, string>) => void;
  /** Errors a window may meet (a verification of a key another window removed). */
  readonly mayFail?: RegExp;
}

const add = (name: string, key: string) => async (v: KeyVault) => [(await v.add({ provider: 'ringg', name, key })).id];

const scenarios: Scenario[] = [
  { name: 'both add a key', a: add('A key', 'a1b2c3d4-0000-4000-8000-00000000000a'), b: add('B key', 'a1b2c3d4-0000-4000-8000-00000000000b'),
    expected: added => ['p', ...added] },
  { name: 'one adds a key while the other removes another', a: add('A key', 'a1b2c3d4-0000-4000-8000-00000000000a'),
    b: async v => { await v.remove('p'); return []; }, expected: added => added },
  { name: 'one removes a key while the other records its verification', a: async v => { await v.remove('p'); return []; },
    b: async v => { await v.recordVerification('p', { state: 'valid', summary: { kind: 'workspace', name: 'Sandbox Workspace' } }); return []; },
    expected: () => [], mayFail: /No key profile|KeyMissing|holds no key/ },
  { name: 'one adds a key while the other replaces one (rotation)', a: add('A key', 'a1b2c3d4-0000-4000-8000-00000000000a'),
    b: async v => { await v.replaceKey('p', '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'); return []; },
    expected: added => ['p', ...added],
    check: (profiles, secrets) => assert.strictEqual(profiles.find(p => p.id === 'p')?.tail, `…${secrets.get(secretKeyFor('p'))!.slice(-4)}`, 'the tail shown is the stored key\'s') },
];

interface Run { readonly options: number[]; readonly chosen: number[]; readonly problem?: string }

async function runOnce(s: Scenario, prefix: readonly number[]): Promise<Run> {
  const sched = new Scheduler();
  const world = new World(sched, ['A', 'B']);
  world.seed(PROFILES, { version: 1, writer: 'seed', profiles: [P] } satisfies ProfileRecord);
  world.secretsData.set(secretKeyFor('p'), KEY_P);
  const vaults = ['A', 'B'].map(w => new KeyVault(world.secrets(w), world.global(w), memoryState()));
  const added: string[] = [];
  const errors: string[] = [];
  let finished = 0;
  for (const [i, op] of [s.a, s.b].entries()) {
    op(vaults[i]).then(ids => { added.push(...ids); finished++; }, (e: Error) => { errors.push(`${'AB'[i]}: ${e.message}`); finished++; });
  }
  const options: number[] = [];
  const chosen: number[] = [];
  const drain = async (choose: boolean) => {
    for (let steps = 0; ; steps++) {
      await new Promise(r => setImmediate(r));
      if (!sched.ready.length) { return; }
      assert.ok(steps < 10_000, 'the windows never stop writing');
      let i = 0;
      if (choose && sched.ready.length > 1) { i = prefix[chosen.length] ?? 0; options.push(sched.ready.length); chosen.push(i); }
      sched.ready.splice(i, 1)[0].go();
    }
  };
  await drain(true);
  if (finished !== 2) { return { options, chosen, problem: 'a window never finished its change' }; }
  const bad = errors.filter(e => !s.mayFail?.test(e));
  if (bad.length) { return { options, chosen, problem: `unexpected error: ${bad.join('; ')}` }; }
  // each window reads the list again (the extension does on focus and when a key changes) until neither writes
  for (let round = 0; ; round++) {
    const before = world.writes;
    await Promise.all(vaults.map(v => Promise.all([v.reconcile(), drain(false)])));
    await drain(false);
    if (world.writes === before) { break; }
    if (round > 6) { return { options, chosen, problem: 'the windows keep rewriting the list' }; }
  }
  const stored = (world.store.get(PROFILES) as ProfileRecord).profiles;
  const ids = stored.map(p => p.id).sort();
  const want = s.expected(added).sort();
  const secretIds = [...world.secretsData.keys()].map(k => k.replace('ringKeys.key.', '')).sort();
  const problems: string[] = [];
  if (JSON.stringify(ids) !== JSON.stringify(want)) { problems.push(`listed ${JSON.stringify(ids)}, expected ${JSON.stringify(want)}`); }
  if (JSON.stringify(secretIds) !== JSON.stringify(want)) { problems.push(`keys stored for ${JSON.stringify(secretIds)}, expected ${JSON.stringify(want)}`); }
  for (const [i, v] of vaults.entries()) {
    const seen = v.list().map(p => p.id).sort();
    if (JSON.stringify(seen) !== JSON.stringify(want)) { problems.push(`window ${'AB'[i]} lists ${JSON.stringify(seen)}`); }
  }
  try { s.check?.(stored, world.secretsData); } catch (e) { problems.push((e as Error).message); }
  return { options, chosen, ...(problems.length ? { problem: problems.join('; ') } : {}) };
}

/** Every order of steps, depth-first: the next run changes the deepest choice that has another option. */
async function explore(s: Scenario): Promise<{ runs: number; failures: string[] }> {
  const failures: string[] = [];
  let prefix: number[] = [];
  for (let runs = 1; ; runs++) {
    const r = await runOnce(s, prefix);
    if (r.problem) { failures.push(`[${r.chosen.join(',')}] ${r.problem}`); }
    let d = r.chosen.length - 1;
    while (d >= 0 && r.chosen[d] + 1 >= r.options[d]) { d--; }
    if (d < 0) { return { runs, failures }; }
    prefix = [...r.chosen.slice(0, d), r.chosen[d] + 1];
  }
}

describe('key vault: two windows writing at once, every interleaving of their awaits', function () {
  this.timeout(600_000);
  for (const s of scenarios) {
    it(`${s.name}: nothing lost, nothing brought back, no key without its profile`, async () => {
      const { runs, failures } = await explore(s);
      assert.ok(runs > 50, `only ${runs} interleavings: the windows did not overlap`);
      assert.deepStrictEqual(failures.slice(0, 5), [], `${failures.length} of ${runs} interleavings went wrong`);
      console.log(`      ${runs} interleavings`);
    });
  }
});

describe('key vault: the versioned list', () => {
  it('reads the bare list older versions stored as version 0; its first write is version 1 and keeps every profile', async () => {
    const global = memoryState();
    global.data.set('ringKeys.profiles', [P]);
    const secrets = new World(new Scheduler(), ['A']).secretsData;
    const vault = new KeyVault({ get: async k => secrets.get(k), store: async (k, v) => { secrets.set(k, v); }, delete: async k => { secrets.delete(k); } }, global, memoryState());
    assert.deepStrictEqual(vault.list().map(p => p.id), ['p']);
    const added = await vault.add({ provider: 'ringyo', name: 'Dev', key: 'rg_test_aBcDeFgHiJkLmNoPqRsT' });
    const record = global.data.get(PROFILES) as ProfileRecord;
    assert.strictEqual(record.version, 1);
    assert.deepStrictEqual(record.profiles.map(p => p.id), ['p', added.id]);
    await vault.remove('p');
    assert.strictEqual((global.data.get(PROFILES) as ProfileRecord).version, 2);
    assert.deepStrictEqual((global.data.get(PROFILES) as ProfileRecord).removed, ['p'], 'a removed id is remembered, so a stale write cannot bring it back');
  });

  it('a window that adds and removes 300 keys in one session keeps working, and the record stays bounded', async () => {
    const global = memoryState();
    const secrets = new Map<string, string>();
    const vault = new KeyVault({ get: async k => secrets.get(k), store: async (k, v) => { secrets.set(k, v); }, delete: async k => { secrets.delete(k); } }, global, memoryState());
    for (let i = 0; i < 300; i++) {
      const p = await vault.add({ provider: 'ringg', name: `Key ${i}`, key: `3f6d2c1a-9b7e-4c2d-8e5f-a1b2c3d4${String(i).padStart(4, '0')}` });
      await vault.remove(p.id);
    }
    const kept = await vault.add({ provider: 'ringg', name: 'Kept', key: '3f6d2c1a-9b7e-4c2d-8e5f-a1b2c3d4ffff' });
    assert.deepStrictEqual(vault.list().map(p => p.id), [kept.id]);
    const record = global.data.get(PROFILES) as ProfileRecord;
    assert.strictEqual(record.removed?.length, 200, 'the latest 200 removed ids are remembered');
    assert.strictEqual(record.version, 601, 'one write per change: nothing written again and again');
  });
});
