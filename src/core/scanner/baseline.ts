// The baseline: findings a team has accepted, keyed by a hash of the rule and the value (never by line),
// so an accepted finding stays accepted as code moves. The file holds no key, only hashes and masked tails.
// No `vscode` import.
import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { errorMessage } from '../errorMessage';
import { isRuleId, RULE_IDS, type RuleId } from './rules';

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

/**
 * The fingerprints a baseline file accepts, read from its bytes: baselineSet(parseBaseline(text)), without
 * making an object per entry (a baseline that accepts a flood holds hundreds of thousands; JSON.parse of one
 * cost more than the scan). A file this reader is not sure of (not JSON, nested too deep) is read by
 * parseBaseline instead, which throws the same BaselineError as ever.
 */
export function readBaselineSet(bytes: Uint8Array): Set<string> {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fast = new BaselineReader(buf).read();
  return fast ?? baselineSet(parseBaseline(buf.toString('utf8')));
}

class NotSure extends Error {}

const KEYS = ['version', 'entries', 'rule', 'fingerprint'];

/** A strict JSON reader over bytes that keeps only what a baseline needs: `version`, and each entry's rule and fingerprint. */
class BaselineReader {
  private i = 0;
  private depth = 0;
  constructor(private readonly b: Buffer) {}

  read(): Set<string> | undefined {
    try {
      this.ws();
      if (this.b[this.i] !== 123) { return undefined; }   // not an object: parseBaseline says why
      let version: unknown; let entries: string[] | undefined; let entriesSeen = false;
      this.object(key => {
        if (key === 'version') { version = this.value(); return; }
        if (key === 'entries') {
          entriesSeen = true;
          entries = this.b[this.i] === 91 ? this.entries() : (this.skip(), undefined);
          return;
        }
        this.skip();
      });
      this.ws();
      if (this.i !== this.b.length) { return undefined; }
      if (version !== 1 || !entriesSeen || !entries) { return undefined; }
      return new Set(entries);
    } catch (err) {
      if (err instanceof NotSure || err instanceof RangeError) { return undefined; }
      throw err;
    }
  }

  /** The entries array: the fingerprint of each entry that parseBaseline keeps. */
  private entries(): string[] {
    const out: string[] = [];
    const b = this.b;
    this.array(() => {
      if (b[this.i] !== 123) { this.skip(); return; }
      // the last `rule` and `fingerprint` count (as in JSON.parse): a plain string as its span, others read
      let rule: unknown; let print: unknown; let printAt = -1;
      this.object(key => {
        if (key !== 'rule' && key !== 'fingerprint') { this.skip(); return; }
        const at = this.i;
        const plain = this.plainStringEnd();
        if (key === 'rule') { rule = plain === -1 ? this.value() : ruleAt(b, at + 1, plain); if (plain !== -1) { this.i = plain + 1; } return; }
        if (plain === -1) { print = this.value(); printAt = -1; return; }
        printAt = at + 1; print = undefined; this.i = plain + 1;
      });
      if (!isRuleId(rule)) { return; }
      if (printAt !== -1) {
        if (isFingerprintBytes(b, printAt)) { out.push(b.toString('latin1', printAt, printAt + 32)); }
      } else if (typeof print === 'string' && /^[0-9a-f]{32}$/.test(print)) {
        out.push(print);
      }
    });
    return out;
  }

  /** At a string with no escape and only printable ASCII: the index of its closing quote; otherwise -1 (read it with value()). */
  private plainStringEnd(): number {
    const b = this.b;
    if (b[this.i] !== 34) { return -1; }
    for (let k = this.i + 1; k < b.length; k++) {
      const c = b[k];
      if (c === 34) { return k; }
      if (c < 32 || c === 92 || c > 126) { return -1; }
    }
    return -1;
  }

  private ws(): void {
    const b = this.b;
    while (this.i < b.length && (b[this.i] === 32 || b[this.i] === 10 || b[this.i] === 13 || b[this.i] === 9)) { this.i++; }
  }

  private expect(c: number): void {
    if (this.b[this.i] !== c) { throw new NotSure(); }
    this.i++;
  }

  private object(member: (key: string) => void): void {
    if (++this.depth > 64) { throw new NotSure(); }
    this.expect(123);
    this.ws();
    if (this.b[this.i] === 125) { this.i++; this.depth--; return; }
    for (;;) {
      this.ws();
      const key = this.key();
      this.ws();
      this.expect(58);
      this.ws();
      member(key);
      this.ws();
      if (this.b[this.i] === 44) { this.i++; continue; }
      this.expect(125);
      this.depth--;
      return;
    }
  }

  /** A member's name: one of the names a baseline reads, or '' for any other (no string made for those). */
  private key(): string {
    const end = this.plainStringEnd();
    if (end === -1) { return this.string(true) as string; }
    const start = this.i + 1;
    this.i = end + 1;
    for (const name of KEYS) {
      if (name.length !== end - start) { continue; }
      let k = 0;
      while (k < name.length && this.b[start + k] === name.charCodeAt(k)) { k++; }
      if (k === name.length) { return name; }
    }
    return '';
  }

  private array(item: () => void): void {
    if (++this.depth > 64) { throw new NotSure(); }
    this.expect(91);
    this.ws();
    if (this.b[this.i] === 93) { this.i++; this.depth--; return; }
    for (;;) {
      this.ws();
      item();
      this.ws();
      if (this.b[this.i] === 44) { this.i++; continue; }
      this.expect(93);
      this.depth--;
      return;
    }
  }

  /** A value, made only when it is a string or a number (what a baseline looks at); others are checked and skipped. */
  private value(): unknown {
    const c = this.b[this.i];
    if (c === 34) { return this.string(true); }
    if (c === 45 || (c >= 48 && c <= 57)) { return this.number(); }
    this.skip();
    return null;
  }

  private skip(): void {
    const c = this.b[this.i];
    if (c === 123) { this.object(() => this.skip()); return; }
    if (c === 91) { this.array(() => this.skip()); return; }
    if (c === 34) { this.string(false); return; }
    if (c === 45 || (c >= 48 && c <= 57)) { this.number(); return; }
    for (const word of ['true', 'false', 'null']) {
      if (this.literal(word)) { return; }
    }
    throw new NotSure();
  }

  private literal(word: string): boolean {
    for (let k = 0; k < word.length; k++) {
      if (this.b[this.i + k] !== word.charCodeAt(k)) { return false; }
    }
    this.i += word.length;
    return true;
  }

  private number(): number {
    const b = this.b; const start = this.i;
    const digits = () => { const from = this.i; while (b[this.i] >= 48 && b[this.i] <= 57) { this.i++; } if (this.i === from) { throw new NotSure(); } };
    if (b[this.i] === 45) { this.i++; }
    if (b[this.i] === 48) { this.i++; } else { digits(); }
    if (b[this.i] === 46) { this.i++; digits(); }
    if (b[this.i] === 101 || b[this.i] === 69) {
      this.i++;
      if (b[this.i] === 43 || b[this.i] === 45) { this.i++; }
      digits();
    }
    return Number(b.toString('latin1', start, this.i));
  }

  /** A string: its value when `make` (an escape is read by JSON.parse, for the same answer), else only checked. */
  private string(make: boolean): string | undefined {
    const b = this.b;
    this.expect(34);
    const start = this.i;
    let escaped = false;
    for (;;) {
      if (this.i >= b.length) { throw new NotSure(); }
      const c = b[this.i];
      if (c === 34) { break; }
      if (c < 32) { throw new NotSure(); }
      if (c === 92) {
        escaped = true;
        const e = b[this.i + 1];
        if (e === 117) {
          for (let k = 2; k < 6; k++) {
            const h = b[this.i + k];
            if (!((h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102))) { throw new NotSure(); }
          }
          this.i += 6;
          continue;
        }
        if (!(e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116)) { throw new NotSure(); }
        this.i += 2;
        continue;
      }
      this.i++;
    }
    const end = this.i;
    this.i++;
    if (!make) { return undefined; }
    const raw = b.toString('utf8', start, end);
    return escaped ? JSON.parse(`"${raw}"`) as string : raw;
  }
}

/** The rule id spelt by b[start, end) (plain ASCII), or undefined. */
function ruleAt(b: Buffer, start: number, end: number): string | undefined {
  for (const id of RULE_IDS) {
    if (id.length !== end - start) { continue; }
    let k = 0;
    while (k < id.length && b[start + k] === id.charCodeAt(k)) { k++; }
    if (k === id.length) { return id; }
  }
  return undefined;
}

/** 32 lower-case hex digits at b[at], then the closing quote. */
function isFingerprintBytes(b: Buffer, at: number): boolean {
  if (b[at + 32] !== 34) { return false; }
  for (let k = at; k < at + 32; k++) {
    const c = b[k];
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) { return false; }
  }
  return true;
}
