// The baseline: findings a team has accepted, keyed by a hash of the rule and the value (never by line),
// so an accepted finding stays accepted as code moves. The file holds no key, only hashes and masked tails.
// No `vscode` import.
import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { errorMessage } from '../errorMessage';
import { isRuleId, type RuleId } from './rules';

export const DEFAULT_BASELINE_FILE = '.ring-keys-baseline.json';

export interface BaselineEntry {
  readonly rule: RuleId;
  /** findingFingerprint(rule, value). */
  readonly fingerprint: string;
  /** For people reading the file: the masked key and where it was first accepted. */
  readonly masked?: string;
  readonly path?: string;
}

export interface BaselineFile {
  readonly version: 1;
  readonly entries: readonly BaselineEntry[];
}

/** SHA-256 of the rule id and the value, 32 hex digits (128 bits). */
export function findingFingerprint(rule: RuleId, value: string): string {
  const input = `${rule}\u0000${value.trim()}`;
  // the one-shot hash (Node ≥ 20.12) costs a sixth of a Hash object: a flood of baselined keys pays it per key
  return (oneShot ? oneShot('sha256', input, 'hex') : createHash('sha256').update(input, 'utf8').digest('hex')).slice(0, 32);
}

const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export class BaselineError extends Error {}

/** Parses a baseline file; throws BaselineError with a readable reason. */
export function parseBaseline(json: string): BaselineFile {
  let raw: unknown;
  try { raw = JSON.parse(json); } catch (err) {
    // not the parser's message: it quotes the file, and the file may not be ours (a symlink, a wrong setting)
    const at = /position (\d+)/.exec(errorMessage(err))?.[1];
    throw new BaselineError(`not JSON${at ? ` (syntax error at character ${at})` : ''}`);
  }
  const entries = (raw as { entries?: unknown })?.entries;
  if (!raw || typeof raw !== 'object' || (raw as { version?: unknown }).version !== 1 || !Array.isArray(entries)) {
    throw new BaselineError('expected {"version": 1, "entries": [...]}');
  }
  const out: BaselineEntry[] = [];
  for (const e of entries as Array<Record<string, unknown>>) {
    if (e && isRuleId(e.rule) && typeof e.fingerprint === 'string' && /^[0-9a-f]{32}$/.test(e.fingerprint)) {
      out.push({ rule: e.rule, fingerprint: e.fingerprint,
        ...(typeof e.masked === 'string' ? { masked: e.masked } : {}), ...(typeof e.path === 'string' ? { path: e.path } : {}) });
    }
  }
  return { version: 1, entries: out };
}

/** The fingerprints a scan skips. */
export function baselineSet(file: BaselineFile): Set<string> {
  return new Set(file.entries.map(e => e.fingerprint));
}

/** Adds entries (deduplicated by fingerprint) and serialises, sorted so diffs stay small. */
export function withEntries(file: BaselineFile | undefined, add: readonly BaselineEntry[]): string {
  const byPrint = new Map<string, BaselineEntry>();
  for (const e of [...(file?.entries ?? []), ...add]) {
    if (!byPrint.has(e.fingerprint)) { byPrint.set(e.fingerprint, e); }
  }
  const entries = [...byPrint.values()].sort((a, b) => (a.path ?? '').localeCompare(b.path ?? '') || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint));
  return `${JSON.stringify({ version: 1, entries }, null, 2)}\n`;
}
