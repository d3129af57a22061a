// The key vault: named profiles per provider. The key itself lives only in SecretStorage (handed in as
// a SecretStore, so tests can pass an in-memory one); profile metadata (name, provider, masked tail,
// last verification) in global state; the active profile of each provider per VS Code workspace in
// workspace state (one active key per provider: choosing a Ringyo key never takes "active" from the Ringg key).
// No `vscode` import.
import { randomUUID } from 'node:crypto';
import { keyFingerprint, keyMode, type KeyMode, maskKey } from './keys';
import { KeyMissingError, SecretStorageError } from './http/errors';
import { Redactor } from './http/redact';
import { findingFingerprint } from './scanner/baseline';
import { RULE_IDS } from './scanner/rules';
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from './providers/catalog';
import { type OutcomeFacts, outcomeFacts, type VerifyOutcome } from './providers/clients';
import { errorMessage } from './errorMessage';

export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export type VerifyState = 'valid' | 'rejected' | 'forbidden' | 'undetermined' | 'unverifiable';

export interface KeyProfile {
  readonly id: string;
  readonly provider: ProviderId;
  readonly name: string;
  /** The masked tail (`…9f7a`): the only form of the key kept outside SecretStorage. */
  readonly tail: string;
  readonly mode?: KeyMode;
  readonly createdAt: number;
  readonly lastVerifiedAt?: number;
  readonly lastState?: VerifyState;
  /** What the last check said, in English (profiles stored before lastOutcome existed). */
  readonly lastSummary?: string;
  /** What the last check said, as data: each front end words it in its language. */
  readonly lastOutcome?: OutcomeFacts;
  readonly workspaceName?: string;
  readonly credits?: number;
  /** Ring Tonic: a campaign UUID whose geo-data is used to verify the key. */
  readonly campaignId?: string;
  /** The environment variable this key goes into when active (default: the provider's, e.g. RINGG_API_KEY). */
  readonly envName?: string;
}

/** A key its provider rejected (rotated away, revoked): only its fingerprint and masked tail are kept. */
export interface DeadKey {
  readonly fingerprint: string;
  /** The key's finding fingerprints under every rule (findingFingerprint), so a scanner finding can be matched. */
  readonly findings: readonly string[];
  readonly provider: ProviderId;
  readonly tail: string;
  readonly at: number;
}

/** Before versioned writes: the profile list as a bare array (still read until the first write). */
const LEGACY_PROFILES = 'ringKeys.profiles';
/** The profile list and its version (ProfileRecord). */
const PROFILES = 'ringKeys.profileList';
/** How many removed profile ids a record remembers (see ProfileRecord.removed). */
const MAX_REMOVED = 200;
/**
 * How many of its own adds and removes a window writes again when another window's write dropped them: the
 * latest ones, fewer than `removed` remembers, so that every remove it writes again is one the record still
 * knows of. (A journal longer than `removed` wrote removes the record had forgotten, each pushing out an older
 * one that the journal then wrote again: after 200 removes in one window every later write gave up.)
 */
const MAX_JOURNAL = MAX_REMOVED / 2;
/** Writes of one change before the vault gives up (each one follows another window's write over ours). */
const MAX_ATTEMPTS = 8;
const DEAD = 'ringKeys.deadKeys';
const MAX_DEAD = 200;
/** Before one active key per provider: a single active profile id (still read, never written). */
const LEGACY_ACTIVE = 'ringKeys.activeProfile';
/** The active profile id of each provider in this workspace. */
const ACTIVE = 'ringKeys.activeProfiles';
/** The provider whose key was chosen last in this workspace: the one the status bar shows. */
const FOCUS = 'ringKeys.focusProvider';
type ActiveMap = Partial<Record<ProviderId, string>>;
const SECRET_PREFIX = 'ringKeys.key.';

/**
 * The profile list as global state keeps it. Every window (all share global state and SecretStorage) writes
 * `version + 1` of the version it read, with a token of its own as `writer`. `removed` keeps the ids removed
 * lately, so that a window that missed a removal cannot bring the profile back.
 */
export interface ProfileRecord {
  readonly version: number;
  readonly writer?: string;
  readonly profiles: readonly KeyProfile[];
  readonly removed?: readonly string[];
}

/** One change of the list. Applying it again to a list that has it changes nothing. */
export type ProfileChange =
  | { readonly kind: 'add'; readonly profile: KeyProfile }
  | { readonly kind: 'remove'; readonly id: string }
  | { readonly kind: 'patch'; readonly id: string; readonly changes: Partial<KeyProfile> };

type ListState = { readonly profiles: readonly KeyProfile[]; readonly removed: readonly string[] };

/** Applies a change: an add only if the id is neither listed nor removed; a patch only to a listed profile. */
export function applyChange(state: ListState, c: ProfileChange): ListState {
  const { profiles, removed } = state;
  switch (c.kind) {
    case 'add':
      return removed.includes(c.profile.id) || profiles.some(p => p.id === c.profile.id) ? state : { profiles: [...profiles, c.profile], removed };
    case 'remove':
      return profiles.some(p => p.id === c.id) || !removed.includes(c.id)
        ? { profiles: profiles.filter(p => p.id !== c.id), removed: removed.includes(c.id) ? removed : [...removed, c.id].slice(-MAX_REMOVED) }
        : state;
    case 'patch':
      return profiles.some(p => p.id === c.id && Object.entries(c.changes).some(([k, v]) => p[k as keyof KeyProfile] !== v))
        ? { profiles: profiles.map(p => p.id === c.id ? { ...p, ...c.changes } : p), removed }
        : state;
  }
}

export const secretKeyFor = (id: string): string => SECRET_PREFIX + id;
/** The profile id behind a SecretStorage key, when the key is one of ours. */
export const profileIdOfSecret = (secretKey: string): string | undefined =>
  secretKey.startsWith(SECRET_PREFIX) ? secretKey.slice(SECRET_PREFIX.length) : undefined;

export class KeyVault {
  constructor(
    private readonly secrets: SecretStore,
    private readonly global: StateStore,
    private readonly workspace: StateStore,
    private readonly now: () => number = Date.now,
    /** Told every key this vault stores or reads; redacts what is persisted next to the keys. */
    readonly redactor: Redactor = new Redactor(),
  ) {}

  list(provider?: ProviderId): KeyProfile[] {
    const all = [...this.record().profiles];
    return provider ? all.filter(p => p.provider === provider) : all;
  }

  /** The stored record; before the first versioned write, the bare list of older versions as version 0. */
  private record(): ProfileRecord {
    const r = this.global.get<ProfileRecord>(PROFILES);
    if (r && typeof r.version === 'number' && Array.isArray(r.profiles)) { return r; }
    return { version: 0, profiles: this.global.get<KeyProfile[]>(LEGACY_PROFILES) ?? [] };
  }

  get(id: string): KeyProfile | undefined {
    return this.list().find(p => p.id === id);
  }

  /**
   * The active profile of a provider in this VS Code workspace: the one chosen, else its first stored key.
   * Without a provider: the active profile of the provider chosen last here (added, switched to), else of
   * the first provider with a key. That is the one the status bar shows.
   */
  active(provider?: ProviderId): KeyProfile | undefined {
    if (provider) {
      const chosen = this.get(this.chosen()[provider] ?? '');
      return chosen?.provider === provider ? chosen : this.list(provider)[0];
    }
    const focus = this.workspace.get<ProviderId>(FOCUS) ?? this.get(this.workspace.get<string>(LEGACY_ACTIVE) ?? '')?.provider;
    return (focus ? this.active(focus) : undefined) ?? this.actives()[0];
  }

  /** The active profile of every provider that has a key, in the providers' order. */
  actives(): KeyProfile[] {
    return PROVIDER_IDS.map(p => this.active(p)).filter((p): p is KeyProfile => !!p);
  }

  /** Makes a profile the active one of its provider (the others' stay as they are) and the status bar's. */
  async setActive(id: string): Promise<void> {
    const profile = this.get(id);
    if (!profile) { return; }
    await this.workspace.update(ACTIVE, { ...this.chosen(), [profile.provider]: id });
    await this.workspace.update(FOCUS, profile.provider);
  }

  /** The explicit choices of this workspace; a choice made before one-per-provider counts for its provider. */
  private chosen(): ActiveMap {
    const map = this.workspace.get<ActiveMap>(ACTIVE);
    if (map) { return map; }
    const legacy = this.get(this.workspace.get<string>(LEGACY_ACTIVE) ?? '');
    return legacy ? { [legacy.provider]: legacy.id } : {};
  }

  nameTaken(provider: ProviderId, name: string, exceptId?: string): boolean {
    const n = name.trim().toLowerCase();
    return this.list(provider).some(p => p.id !== exceptId && p.name.trim().toLowerCase() === n);
  }

  /** Stores the key in SecretStorage first; the profile exists only once the key is safely stored. */
  async add(input: { provider: ProviderId; name: string; key: string; campaignId?: string }): Promise<KeyProfile> {
    const key = input.key.trim();
    const name = input.name.trim();
    if (this.nameTaken(input.provider, name)) { throw new Error(`A ${input.provider} key named "${name}" already exists.`); }
    const profile: KeyProfile = {
      id: randomUUID(), provider: input.provider, name, tail: maskKey(key), mode: keyMode(input.provider, key),
      createdAt: this.now(), ...(input.campaignId ? { campaignId: input.campaignId } : {}),
    };
    await this.storeSecret(profile.id, key);
    await this.commit({ kind: 'add', profile });
    // the first key of a provider becomes its active one; no other provider's active key changes
    const current = this.get(this.chosen()[profile.provider] ?? '');
    if (!current) { await this.workspace.update(ACTIVE, { ...this.chosen(), [profile.provider]: profile.id }); }
    return profile;
  }

  /** The key, read from SecretStorage. Throws KeyMissingError or SecretStorageError, never returns ''. */
  async getKey(id: string): Promise<string> {
    const profile = this.get(id);
    let key: string | undefined;
    try {
      key = await this.secrets.get(secretKeyFor(id));
    } catch (err) {
      throw secretStorageFailure('read', err, this.redactor);
    }
    if (!key) {
      const name = this.redactor.text(profile?.name ?? id);
      throw new KeyMissingError(`SecretStorage holds no key for "${name}" (removed in another window, or the keyring was reset).`, { code: 'noSecret', profile: name });
    }
    this.redactor.add(key);
    return key;
  }

  /** Replaces a profile's key (rotation, re-entry). The secret is written before the metadata. */
  async replaceKey(id: string, key: string): Promise<KeyProfile> {
    const current = this.get(id);
    if (!current) { throw new Error(`No key profile ${id}.`); }
    const k = key.trim();
    await this.storeSecret(id, k);
    return this.patch(id, { tail: maskKey(k), mode: keyMode(current.provider, k), lastState: undefined,
      lastVerifiedAt: undefined, lastSummary: undefined });
  }

  async update(id: string, changes: Partial<Pick<KeyProfile, 'name' | 'campaignId' | 'envName'>>): Promise<KeyProfile> {
    return this.patch(id, changes);
  }

  async remove(id: string): Promise<void> {
    try {
      await this.secrets.delete(secretKeyFor(id));
    } catch (err) {
      throw secretStorageFailure('delete', err, this.redactor);
    }
    await this.commit({ kind: 'remove', id });
    const chosen = this.chosen();
    const provider = (Object.keys(chosen) as ProviderId[]).find(p => chosen[p] === id);
    if (provider) {
      // the provider's next key (if any) takes over; the other providers keep theirs
      const rest = { ...chosen };
      delete rest[provider];
      await this.workspace.update(ACTIVE, rest);
    }
  }

  /** Remembers that a key is dead (its provider rejected it), so a copy left in a file can say so. */
  async markDead(provider: ProviderId, key: string): Promise<void> {
    const fingerprint = keyFingerprint(key);
    const rest = this.deadKeys().filter(d => d.fingerprint !== fingerprint);
    const findings = RULE_IDS.map(rule => findingFingerprint(rule, key));
    await this.global.update(DEAD, [...rest, { fingerprint, findings, provider, tail: maskKey(key), at: this.now() }].slice(-MAX_DEAD));
  }

  /** The dead key with this key fingerprint (keyFingerprint) or finding fingerprint (a scanner finding's), if one is known. */
  deadKey(fingerprint: string): DeadKey | undefined {
    return this.deadKeys().find(d => d.fingerprint === fingerprint || d.findings?.includes(fingerprint));
  }

  private deadKeys(): DeadKey[] {
    return this.global.get<DeadKey[]>(DEAD) ?? [];
  }

  private async forgetDead(key: string): Promise<void> {
    const fingerprint = keyFingerprint(key);
    const all = this.deadKeys();
    if (all.some(d => d.fingerprint === fingerprint)) { await this.global.update(DEAD, all.filter(d => d.fingerprint !== fingerprint)); }
  }

  async recordVerification(id: string, outcome: VerifyOutcome): Promise<KeyProfile | undefined> {
    const profile = this.get(id);
    if (!profile) { return undefined; }
    // a rejected key is dead wherever a copy of it sits; one that answers again is not
    if (outcome.state === 'rejected' || outcome.state === 'valid') {
      let key: string | undefined;
      try { key = await this.getKey(id); } catch { key = undefined; }
      if (key && outcome.state === 'rejected') { await this.markDead(profile.provider, key); }
      if (key && outcome.state === 'valid') { await this.forgetDead(key); }
    }
    const ws = outcome.state === 'valid' ? outcome.workspace : undefined;
    // persisted in global state: server text is redacted here too, whatever the caller did
    const r = this.redactor;
    return this.patch(id, {
      lastVerifiedAt: this.now(),
      lastState: outcome.state,
      lastSummary: undefined,
      lastOutcome: r.json(outcomeFacts(outcome, PROVIDERS[profile.provider].label)),
      ...(ws ? { workspaceName: r.text(ws.name), credits: ws.available ?? ws.credits } : {}),
    });
  }

  /** Every stored key with its profile (for the scanner's own-key rule); profiles whose key is gone are skipped. */
  async keys(): Promise<Array<{ profile: KeyProfile; key: string }>> {
    const out: Array<{ profile: KeyProfile; key: string }> = [];
    for (const profile of this.list()) {
      try { out.push({ profile, key: await this.getKey(profile.id) }); } catch (err) {
        if (err instanceof SecretStorageError) { throw err; }
      }
    }
    return out;
  }

  private async patch(id: string, changes: Partial<KeyProfile>): Promise<KeyProfile> {
    const current = this.get(id);
    if (!current) { throw new Error(`No key profile ${id}.`); }
    await this.commit({ kind: 'patch', id, changes });
    return this.get(id) ?? { ...current, ...changes };
  }

  /**
   * The latest adds and removes this window made (MAX_JOURNAL of them). Another window that writes the list
   * from an older copy (its copy of global state catches up with ours only later) can drop one of them; this
   * window then writes it again.
   */
  private readonly journal: ProfileChange[] = [];

  /** Writes `change` (and any of this window's adds and removes another window's write dropped). */
  private commit(change: ProfileChange): Promise<void> {
    if (change.kind !== 'patch') {
      this.journal.push(change);
      if (this.journal.length > MAX_JOURNAL) { this.journal.splice(0, this.journal.length - MAX_JOURNAL); }
    }
    return this.serial(() => this.writeList(change.kind === 'patch' ? change : undefined));
  }

  /**
   * Writes again what another window's write dropped (a profile this window added or removed). Cheap when
   * nothing was dropped (nothing is written): call it whenever another window may have written.
   */
  reconcile(): Promise<void> {
    return this.serial(() => this.writeList(undefined));
  }

  /**
   * Compare-and-set on the list's version. Global state has no atomic compare-and-set and another window's
   * copy of it lags, so the check follows the write: read version N, write N + 1 with our own token, then
   * read again. Still ours, or a later version: done. Another writer's version N + 1 (or older): it was
   * based on the same N as ours and replaced it, so read that and apply our change again. This window's adds
   * and removes are applied to every list it writes, so none is lost to a window that wrote from an older copy;
   * a field change (a verification's result) yields to a later version (the last writer wins).
   */
  private async writeList(patch: ProfileChange | undefined): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const base = this.record();
      const start: ListState = { profiles: base.profiles, removed: base.removed ?? [] };
      const next = [...this.journal, ...(patch ? [patch] : [])].reduce(applyChange, start);
      if (next === start) { return; }   // everything is in already
      if (attempt > MAX_ATTEMPTS) { throw new Error(`The key list changed in another window ${MAX_ATTEMPTS} times while this window wrote it; try again.`); }
      const version = base.version + 1;
      const writer = randomUUID();
      await this.global.update(PROFILES, { version, writer, profiles: next.profiles, removed: next.removed } satisfies ProfileRecord);
      const now = this.record();
      if (now.writer === writer || now.version > version) { patch = undefined; }
    }
  }

  private writes: Promise<unknown> = Promise.resolve();

  /**
   * One write of the profile list at a time, each reading the list only once the previous write settled.
   * VS Code echoes a global-state write back to the extension host, so while two read-modify-writes overlap
   * the second may read the first's echo of an older list and lose a change (a rotated key's new tail
   * overwritten by a status-bar verification that finished at the same moment).
   */
  private serial<T>(write: () => PromiseLike<T>): Promise<T> {
    const run = this.writes.then(write, write);
    this.writes = run.then(undefined, () => undefined);
    return run;
  }

  private async storeSecret(id: string, key: string): Promise<void> {
    this.redactor.add(key);
    try {
      await this.secrets.store(secretKeyFor(id), key);
    } catch (err) {
      throw secretStorageFailure('store', err, this.redactor);
    }
  }
}

function secretStorageFailure(op: 'read' | 'store' | 'delete', err: unknown, redactor: Redactor): SecretStorageError {
  const detail = redactor.truncated(errorMessage(err), 200);
  return new SecretStorageError(`VS Code's SecretStorage could not ${op} the key (${detail}). Nothing was written to a file instead.`, { code: 'failed', op, detail });
}
