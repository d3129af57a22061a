// A streaming reader of `git log -p` / `git diff` output. It hands out, per commit and file, the new side of
// each hunk (added and context lines, with their line numbers in the new file) so the scanner sees a key with
// the names around it, and reports only keys on added lines. Combined diffs of merges (`--cc`) count a line
// as added only when every parent lacks it (what a merge itself introduced). No `vscode` import.
import { StringDecoder } from 'node:string_decoder';

/** Separates our commit header from patch lines: a patch line never starts with NUL. */
export const COMMIT_MARK = '\u0000';
/** `git log` format of the header line: mark, hash, committer time, parents. */
export const LOG_FORMAT = '--format=%x00%H %ct %P';

export interface CommitInfo {
  readonly hash: string;
  /** Committer time, seconds since the epoch. */
  readonly time: number;
  readonly parents: readonly string[];
}

export interface FilePatch {
  readonly commit: CommitInfo;
  /** New path, `/` separators, as git prints it (unquoted). */
  readonly path: string;
  /** The new side of the hunks, one entry per line; hunks are separated by an empty line numbered 0. */
  readonly lines: readonly string[];
  /** 1-based line numbers in the new file (0 for a separator). */
  readonly lineNumbers: readonly number[];
  /** Whether each line was added by this commit. */
  readonly added: readonly boolean[];
}

/** Stands for the index or a work tree when the patch comes from `git diff` without commits. */
export const NO_COMMIT: CommitInfo = { hash: '', time: 0, parents: [] };

/** Undoes git's C-style quoting of a path ("a\tb", "\303\251"). */
export function unquotePath(s: string): string {
  if (!(s.length >= 2 && s.startsWith('"') && s.endsWith('"'))) { return s; }
  const bytes: number[] = [];
  const body = s.slice(1, -1);
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') { for (const b of Buffer.from(c, 'utf8')) { bytes.push(b); } continue; }
    const n = body[i + 1] ?? '';
    if (/[0-7]/.test(n)) { bytes.push(parseInt(body.slice(i + 1, i + 4), 8) & 0xff); i += 3; continue; }
    bytes.push(simple[n] ?? n.charCodeAt(0)); i += 1;
  }
  return Buffer.from(bytes).toString('utf8');
}

export class PatchReader {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';
  private commit: CommitInfo = NO_COMMIT;
  private path: string | undefined;
  private inHunk = false;
  private parents = 1;
  private newLine = 0;
  private lines: string[] = [];
  private numbers: number[] = [];
  private added: boolean[] = [];
  private hasAdded = false;
  /** Commit headers seen; bytes of patch text read. */
  commits = 0;
  bytes = 0;

  constructor(private readonly onFile: (file: FilePatch) => void, private readonly onCommit?: (commit: CommitInfo) => void) {}

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    const text = this.rest + this.decoder.write(chunk);
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl === -1) { break; }
      this.line(text.slice(from, nl));
      from = nl + 1;
    }
    this.rest = text.slice(from);
  }

  end(): void {
    const tail = this.rest + this.decoder.end();
    this.rest = '';
    if (tail) { this.line(tail); }
    this.flush();
  }

  private line(l: string): void {
    const c = l.charCodeAt(0);
    if (this.inHunk && (c === 43 || c === 32 || c === 45 || l.length === 0)) {   // + ' ' - or an empty context line
      this.content(l);
      return;
    }
    if (c === 0) { this.header(l); return; }
    if (c === 92) { return; }   // "\ No newline at end of file"
    if (c === 64 && l.startsWith('@@')) { this.hunk(l); return; }
    if (l.startsWith('diff ')) {
      this.flush();
      this.path = undefined;
      this.inHunk = false;
      return;
    }
    if (!this.inHunk && l.startsWith('+++ ')) {
      const p = unquotePath(l.slice(4).replace(/\t$/, ''));
      this.path = p === '/dev/null' ? undefined : p.replace(/^b\//, '');
    }
  }

  private header(l: string): void {
    this.flush();
    this.path = undefined;
    this.inHunk = false;
    const [hash = '', time = '0', ...parents] = l.slice(1).trim().split(' ');
    this.commit = { hash, time: Number(time) || 0, parents: parents.filter(Boolean) };
    this.commits++;
    this.onCommit?.(this.commit);
  }

  private hunk(l: string): void {
    let at = 0;
    while (l.charCodeAt(at) === 64) { at++; }
    this.parents = Math.max(1, at - 1);
    const m = /\+(\d+)(?:,\d+)? /.exec(l);
    if (!m || this.path === undefined) { this.inHunk = false; return; }
    if (this.lines.length) { this.lines.push(''); this.numbers.push(0); this.added.push(false); }
    this.newLine = Number(m[1]);
    this.inHunk = true;
  }

  private content(l: string): void {
    const n = this.parents;
    let minus = false; let allPlus = true;
    if (l.length === 0) {
      allPlus = false;
    } else if (n === 1) {
      minus = l.charCodeAt(0) === 45; allPlus = l.charCodeAt(0) === 43;
    } else {
      for (let k = 0; k < n; k++) {
        const ch = l.charCodeAt(k);
        if (ch === 45) { minus = true; }
        if (ch !== 43) { allPlus = false; }
      }
    }
    if (minus) { return; }   // not in the new file
    this.lines.push(l.length > n ? l.slice(n) : '');
    this.numbers.push(this.newLine++);
    this.added.push(allPlus);
    if (allPlus) { this.hasAdded = true; }
  }

  private flush(): void {
    if (this.hasAdded && this.path !== undefined) {
      this.onFile({ commit: this.commit, path: this.path, lines: this.lines, lineNumbers: this.numbers, added: this.added });
    }
    this.lines = []; this.numbers = []; this.added = []; this.hasAdded = false;
  }
}
