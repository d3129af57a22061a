// Key formats, masking and test/live detection. Pure functions, no I/O.
import { createHash } from 'node:crypto';
import type { ProviderId } from './providers/catalog';

/** Any RFC 4122 UUID, hyphenated (Ringg keys are UUIDs; every documented example is version 4). */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_V4_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * Ringyo keys. The "API Keys" page documents `rg_live_…` / `rg_test_…`; the Authentication page, the
 * API-reference intro and the concept pages show `vb_live_…`. Both prefixes are accepted everywhere.
 * The body's length is undocumented (examples are truncated mixed-case alphanumerics): we ask for 8+.
 */
export const RINGYO_KEY_RE = /^(rg|vb)_(live|test)_([A-Za-z0-9]{8,})$/;

export type KeyMode = 'live' | 'test';

/** Why a value cannot be a key of its provider (worded in src/words/messages.ts, for the CLI and the extension). */
export type KeyFormatError = 'empty' | 'whitespace' | 'ringgNotUuid' | 'ringyoPrefix' | 'ringtonicTooShort';
/** Why a plausible key is unusual. */
export type KeyFormatWarning = 'ringgNotV4' | 'ringyoTestKey';

export const KEY_FORMAT_ERRORS: readonly KeyFormatError[] = ['empty', 'whitespace', 'ringgNotUuid', 'ringyoPrefix', 'ringtonicTooShort'];
export const KEY_FORMAT_WARNINGS: readonly KeyFormatWarning[] = ['ringgNotV4', 'ringyoTestKey'];

export interface KeyCheck {
  /** Set when the key cannot be right: the input box shows it as an error and refuses the value. */
  readonly error?: KeyFormatError;
  /** Set when the key is plausible but unusual: shown, not refused. */
  readonly warning?: KeyFormatWarning;
  readonly mode?: KeyMode;
}

export function checkKeyFormat(provider: ProviderId, raw: string): KeyCheck {
  const key = raw.trim();
  if (!key) { return { error: 'empty' }; }
  if (/\s/.test(key)) { return { error: 'whitespace' }; }
  switch (provider) {
    case 'ringg':
      if (!UUID_RE.test(key)) { return { error: 'ringgNotUuid' }; }
      // every documented Ringg key is a version-4 UUID: another version is more likely an id than a key
      if (!UUID_V4_RE.test(key)) { return { warning: 'ringgNotV4' }; }
      return {};
    case 'ringyo': {
      const m = RINGYO_KEY_RE.exec(key);
      if (!m) { return { error: 'ringyoPrefix' }; }
      return m[2] === 'test' ? { mode: 'test', warning: 'ringyoTestKey' } : { mode: 'live' };
    }
    case 'ringtonic':
      if (key.length < 8) { return { error: 'ringtonicTooShort' }; }
      return {};
  }
}

export function keyMode(provider: ProviderId, key: string): KeyMode | undefined {
  if (provider !== 'ringyo') { return undefined; }
  const m = RINGYO_KEY_RE.exec(key.trim());
  return m ? (m[2] as KeyMode) : undefined;
}

/** The only way a key is ever shown: an ellipsis and its last four characters. */
export function maskKey(key: string): string {
  const k = key.trim();
  return k.length <= 4 ? '…' : `…${k.slice(-4)}`;
}

/** A stable fingerprint for matching a key without keeping it (scanner own-key rule, baselines). */
export function keyFingerprint(key: string): string {
  return createHash('sha256').update(key.trim(), 'utf8').digest('hex');
}
