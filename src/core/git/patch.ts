// A streaming reader of `git log -p` / `git diff` output. It hands out, per commit and file, the new side of
// each hunk (added and context lines, with their line numbers in the new file) so the scanner sees a key with
// the names around it, and reports only keys on added lines. Combined diffs of merges (`--cc`) count a line
// as added only when every parent lacks it (what a merge itself introduced).
//
// Linear in the patch size: an unfinished line is kept as a list of pieces and joined once, when its newline
// arrives; each chunk is searched for newlines once. What is kept is bounded, like a file scan (the first
// maxBytes of a file, 16 MiB by default): at most `maxLine` characters of one line and `maxFile` characters of
// one file version's new side; the rest is read through and counted (FilePatch.capped, .longLines), never
// silently dropped. No `vscode` import.
import { StringDecoder } from 'node:string_decoder';
import { DEFAULT_MAX_BYTES } from '../scanner/scanner';

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
  /** Added text beyond the bounds was not kept: the file version was scanned in part. */
  readonly capped: boolean;
  /** Added lines longer than the line bound (kept up to it). */
  readonly longLines: number;
}

export interface PatchBounds {
  /** Characters kept of one line (default DEFAULT_MAX_BYTES); the rest of the line is read through. */
  readonly maxLine?: number;
  /** Characters kept of one file version's new side (default DEFAULT_MAX_BYTES). */
  readonly maxFile?: number;
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
  private readonly maxLine: number;
  private readonly maxFile: number;
  /** The unfinished line: pieces of decoded chunks, their total length, and whether some of it was dropped. */
  private pending: string[] = [];
  private pendingLength = 0;
  private pendingCut = false;
  private commit: CommitInfo = NO_COMMIT;
  private path: string | undefined;
  private inHunk = false;
  private parents = 1;
  private newLine = 0;
  private lines: string[] = [];
  private numbers: number[] = [];
  private added: boolean[] = [];
  private hasAdded = false;
  /** Characters kept of the current file version; whether added text of it was dropped; its cut added lines. */
  private kept = 0;
  private capped = false;
  private longLines = 0;
  /** Commit headers seen; bytes of patch text read. */
  commits = 0;
  bytes = 0;

  constructor(private readonly onFile: (file: FilePatch) => void, private readonly onCommit?: (commit: CommitInfo) => void, bounds: PatchBounds = {}) {
    this.maxLine = bounds.maxLine ?? DEFAULT_MAX_BYTES;
    this.maxFile = bounds.maxFile ?? DEFAULT_MAX_BYTES;
  }

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.pendingCut) {
      // the rest of a line past the bound: find its end in the bytes (a newline byte is never part of a UTF-8
      // sequence) without decoding them, and drop the decoder's partial character, which belongs to that rest
      const nl = chunk.indexOf(10);
      if (nl === -1) { return; }
      this.decoder.end();
      this.finishPending();
      chunk = chunk.subarray(nl + 1);
    }
    const text = this.decoder.write(chunk);
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl === -1) { break; }
      if (this.pending.length || this.pendingCut) {
        this.keep(text, from, nl);
        this.finishPending();
      } else if (nl - from <= this.maxLine) {
        this.line(text.slice(from, nl), false);
      } else {
        this.line(text.slice(from, from + this.maxLine), true);
      }
      from = nl + 1;
    }
    if (from < text.length) { this.keep(text, from, text.length); }
  }

  end(): void {
    const tail = this.decoder.end();
    if (tail) { this.keep(tail, 0, tail.length); }
    if (this.pending.length || this.pendingCut) { this.finishPending(); }
    this.flush();
  }

  /** Adds text[from, to) to the unfinished line, up to the line bound. */
  private keep(text: string, from: number, to: number): void {
    const room = this.maxLine - this.pendingLength;
    if (to - from > room) { this.pendingCut = true; to = from + Math.max(0, room); }
    if (to > from) { this.pending.push(text.slice(from, to)); this.pendingLength += to - from; }
  }

  private finishPending(): void {
    const l = this.pending.length === 1 ? this.pending[0] : this.pending.join('');
    const cut = this.pendingCut;
    this.pending = []; this.pendingLength = 0; this.pendingCut = false;
    this.line(l, cut);
  }

  /** One line of the patch; `cut`: it was longer than the line bound, and `l` is its beginning. */
  private line(l: string, cut: boolean): void {
    const c = l.charCodeAt(0);
    if (this.inHunk && (c === 43 || c === 32 || c === 45 || l.length === 0)) {   // + ' ' - or an empty context line
      this.content(l, cut);
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

  private content(l: string, cut: boolean): void {
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
    let body = l.length > n ? l.slice(n) : '';
    if (allPlus && cut) { this.longLines++; this.capped = true; }
    // the file version's bound: a context line beyond it only loses context, an added line loses what it adds
    const room = this.maxFile - this.kept;
    if (body.length > room) {
      if (allPlus) { this.capped = true; }
      if (room <= 0) { this.newLine++; return; }
      body = body.slice(0, room);
    }
    this.kept += body.length;
    this.lines.push(body);
    this.numbers.push(this.newLine++);
    this.added.push(allPlus);
    if (allPlus) { this.hasAdded = true; }
  }

  private flush(): void {
    if ((this.hasAdded || this.capped) && this.path !== undefined) {
      this.onFile({ commit: this.commit, path: this.path, lines: this.lines, lineNumbers: this.numbers, added: this.added, capped: this.capped, longLines: this.longLines });
    }
    this.lines = []; this.numbers = []; this.added = []; this.hasAdded = false;
    this.kept = 0; this.capped = false; this.longLines = 0;
  }
}
