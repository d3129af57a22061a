// Replacing a leaked key in a file on disk, byte for byte: only the bytes of each occurrence (and of the string
// literal around it, when the rewrite in envReference.ts changes the quotes) change; the encoding, the BOM, the
// line endings and every other byte stay as they were. A file that is binary or that does not decode losslessly
// is not rewritten: the caller lists it. Plain Node, no `vscode` import.
//
// The write happens in place, through a descriptor opened without following a symbolic link, after the file was
// checked again on that descriptor: still a regular file with one link, at a real path inside the folder, with
// the bytes that were read when the occurrences were listed. In place rather than through a temporary file and
// a rename because the descriptor is the very file that was checked (a rename would resolve the folder's path
// again, and a folder swapped for a link in between would receive the file), and because the file keeps its
// mode, owner, ACLs and extended attributes. A file with more than one hard link is refused: its other names may
// be outside the folder.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rewriteForEnv } from './scanner/envReference';

/** How a file's text is stored. `single-byte` is any 8-bit code page read byte for byte (ISO-8859-1, Windows-1252, …). */
export type TextEncodingName = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'single-byte';

/** Why a file that holds the key's bytes is not rewritten. */
export type Unrewritable = 'binary' | 'undecodable';

export interface Decoded {
  readonly encoding: TextEncodingName;
  /** The text after the BOM, decoded. */
  readonly text: string;
  /** Bytes before the text (the BOM) and after it (a last odd byte of UTF-16), kept as they are. */
  readonly head: number;
  readonly tail: number;
}

const BOMS: ReadonlyArray<[TextEncodingName, number[]]> = [['utf8-bom', [0xef, 0xbb, 0xbf]], ['utf16le', [0xff, 0xfe]], ['utf16be', [0xfe, 0xff]]];

/** C0 control characters that no text file holds (tab, line feed, vertical tab, form feed, carriage return and escape are text). */
// eslint-disable-next-line no-control-regex
const BINARY_CHARS = /[\x00-\x08\x0e-\x1a\x1c-\x1f]/;

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The file's text and encoding, or why it is not text: binary (a NUL or another control character no text file
 * holds) or undecodable (its bytes do not come back unchanged from its text).
 */
export function decodeBytes(bytes: Uint8Array): Decoded | { readonly unrewritable: Unrewritable } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = BOMS.find(([, b]) => b.every((x, i) => buf[i] === x));
  let encoding: TextEncodingName; let head = 0; let tail = 0; let text: string;
  if (bom && bom[0] !== 'utf8-bom') {
    encoding = bom[0]; head = 2; tail = (buf.length - head) % 2;
    const body = buf.subarray(head, buf.length - tail);
    text = encoding === 'utf16le' ? body.toString('utf16le') : Buffer.from(body).swap16().toString('utf16le');
  } else {
    if (bom) { encoding = 'utf8-bom'; head = 3; } else { encoding = 'utf8'; }
    const body = buf.subarray(head);
    if (body.includes(0)) { return { unrewritable: 'binary' }; }
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      if (bom) { return { unrewritable: 'undecodable' }; }   // a UTF-8 BOM before bytes that are not UTF-8
      encoding = 'single-byte';
      text = body.toString('latin1');
    }
  }
  if (BINARY_CHARS.test(text)) { return { unrewritable: 'binary' }; }
  const back = encodeText(text, encoding);
  if (!back || !back.equals(buf.subarray(head, buf.length - tail))) { return { unrewritable: 'undecodable' }; }
  return { encoding, text, head, tail };
}

/** `text` in `encoding` (without BOM); undefined when a character has no byte form there. */
export function encodeText(text: string, encoding: TextEncodingName): Buffer | undefined {
  switch (encoding) {
    case 'utf8': case 'utf8-bom': return Buffer.from(text, 'utf8');
    case 'utf16le': return Buffer.from(text, 'utf16le');
    case 'utf16be': return Buffer.from(text, 'utf16le').swap16();
    // eslint-disable-next-line no-control-regex
    case 'single-byte': return /[^\x00-\xff]/.test(text) ? undefined : Buffer.from(text, 'latin1');
  }
}

/** How many bytes `text` takes in `encoding` (a text that decodeBytes read from it). */
function byteLength(text: string, encoding: TextEncodingName): number {
  return encoding === 'single-byte' ? text.length : encoding === 'utf16le' || encoding === 'utf16be' ? 2 * text.length : Buffer.byteLength(text, 'utf8');
}

/** The forms a key's bytes take in a file: ASCII (UTF-8 and 8-bit code pages), UTF-16 LE and BE. */
export function keyNeedles(key: string): Buffer[] {
  return [Buffer.from(key, 'latin1'), Buffer.from(key, 'utf16le'), Buffer.from(key, 'utf16le').swap16()];
}

/** Whether the key's bytes appear in `bytes` in any of its forms. */
export function holdsKeyBytes(bytes: Uint8Array, key: string): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return keyNeedles(key).some(n => buf.includes(n));
}

/** One line of text: where its content starts and ends in the decoded text, and its line ending. */
interface Line { readonly text: string; readonly start: number; readonly eol: string }

/** Lines as an editor counts them: a line ends at CRLF, LF or a lone CR. */
export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) { continue; }
    const eol = c === 13 && text.charCodeAt(i + 1) === 10 ? '\r\n' : c === 13 ? '\r' : '\n';
    out.push({ text: text.slice(start, i), start, eol });
    i += eol.length - 1;
    start = i + 1;
  }
  out.push({ text: text.slice(start), start, eol: '' });
  return out;
}

/** One line that holds the key: 0-based line, the column of its first occurrence, and the line. */
export interface KeyLine { readonly line: number; readonly col: number; readonly text: string }

export type KeySearch =
  | { readonly kind: 'none' }
  | { readonly kind: 'text'; readonly encoding: TextEncodingName; readonly lines: readonly KeyLine[] }
  | { readonly kind: 'unrewritable'; readonly reason: Unrewritable };

/**
 * Where the key is in a file's bytes. A file whose bytes hold the key in some form but that is not text (or
 * whose text does not hold it: a UTF-16 file without BOM, say) is `unrewritable`: the key is there, and this
 * module will not change it.
 */
export function findKeyInBytes(bytes: Uint8Array, key: string): KeySearch {
  if (!key || !holdsKeyBytes(bytes, key)) { return { kind: 'none' }; }
  const d = decodeBytes(bytes);
  if ('unrewritable' in d) { return { kind: 'unrewritable', reason: d.unrewritable }; }
  const lines: KeyLine[] = [];
  splitLines(d.text).forEach((l, i) => {
    const col = l.text.indexOf(key);
    if (col >= 0) { lines.push({ line: i, col, text: l.text }); }
  });
  return lines.length ? { kind: 'text', encoding: d.encoding, lines } : { kind: 'unrewritable', reason: 'binary' };
}

/** After a shebang and leading comments: where Python's `import os` goes. */
export function importLineIndex(lines: readonly string[]): number {
  let n = 0;
  while (n < lines.length && /^\s*#/.test(lines[n])) { n++; }
  return n;
}

export interface KeyRewriteOptions {
  readonly key: string;
  readonly envVar: string;
  /** The editor's language of the file, and its name: they choose the reference (envReference.ts). */
  readonly languageId: string;
  readonly fileName: string;
  /** The 0-based lines to rewrite (every line that holds the key when undefined). */
  readonly lines?: ReadonlySet<number>;
}

export type KeyRewrite =
  | { readonly ok: true; readonly bytes: Buffer; readonly replaced: number; readonly encoding: TextEncodingName }
  | { readonly ok: false; readonly reason: Unrewritable };

/**
 * The file's bytes with each occurrence of the key on the chosen lines replaced by a read of `envVar`. Lines
 * that do not change are copied byte for byte, and so are all line endings, the BOM and a trailing odd byte.
 */
export function rewriteKeyInBytes(bytes: Uint8Array, o: KeyRewriteOptions): KeyRewrite {
  const d = decodeBytes(bytes);
  if ('unrewritable' in d) { return { ok: false, reason: d.unrewritable }; }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lines = splitLines(d.text);
  const changed = new Map<number, string>();
  let replaced = 0; let importLine: string | undefined;
  lines.forEach((l, i) => {
    if (o.lines && !o.lines.has(i)) { return; }
    let text = l.text;
    // one occurrence per pass (the rewrite of one may move the next), as the editor's quick fix does
    for (let pass = 0; pass < 50; pass++) {
      const col = text.indexOf(o.key);
      if (col < 0) { break; }
      const rw = rewriteForEnv({ line: text, start: col, end: col + o.key.length, languageId: o.languageId, fileName: o.fileName, envVar: o.envVar, fileText: d.text });
      for (const e of [...rw.edits].sort((a, b) => b.start - a.start)) { text = text.slice(0, e.start) + e.text + text.slice(e.end); }
      importLine ??= rw.importLine;
      replaced++;
    }
    if (text !== l.text) { changed.set(i, text); }
  });
  if (!replaced) { return { ok: true, bytes: Buffer.from(buf), replaced: 0, encoding: d.encoding }; }

  const enc = (s: string) => encodeText(s, d.encoding);
  const parts: Buffer[] = [buf.subarray(0, d.head)];
  let at = d.head;   // byte offset of the current line in `buf`
  const eolOf = lines.find(l => l.eol)?.eol ?? '\n';
  const at0 = importLine ? importLineIndex(lines.map(l => l.text)) : -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const oldLen = byteLength(l.text, d.encoding);   // decodeBytes checked that the text encodes back to these bytes
    const eolLen = byteLength(l.eol, d.encoding);
    if (i === at0) { parts.push(enc(`${importLine}${eolOf}`)!); }
    const now = changed.get(i);
    if (now === undefined) {
      parts.push(buf.subarray(at, at + oldLen + eolLen));
    } else {
      const b = enc(now);
      if (!b) { return { ok: false, reason: 'undecodable' }; }
      parts.push(b, buf.subarray(at + oldLen, at + oldLen + eolLen));
    }
    at += oldLen + eolLen;
  }
  if (at0 === lines.length) { parts.push(enc(`${eolOf}${importLine}`)!); }   // a file of comments without a last line ending
  parts.push(buf.subarray(at));
  return { ok: true, bytes: Buffer.concat(parts), replaced, encoding: d.encoding };
}

// ------------------------------------------------------------------ the checked write

/** Why a file was not written. */
export type WriteRefusal =
  /** The path is a symbolic link now (a link swapped in after the occurrences were listed, say). */
  | 'symlink'
  /** Its real path is outside the folder. */
  | 'outside'
  /** Not a regular file, or a file with more than one hard link (its other names may be outside the folder). */
  | 'not-regular' | 'hard-linked'
  /** Its bytes are not the ones read when the occurrences were listed. */
  | 'changed'
  | Unrewritable
  /** The file system refused (permissions, a missing file, …): `detail` says what. */
  | 'error';

export type WriteOutcome =
  | { readonly written: true; readonly replaced: number }
  | { readonly written: false; readonly reason: WriteRefusal; readonly detail?: string };

const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * Checks `file` again and, when it is still the file that was read (`expectedSha256`), writes what `rewrite`
 * makes of its bytes, in place. Every check runs on the open descriptor, just before the write.
 */
export async function rewriteFileChecked(opts: {
  readonly folder: string;
  readonly file: string;
  readonly expectedSha256: string;
  readonly rewrite: (bytes: Buffer) => KeyRewrite;
}): Promise<WriteOutcome> {
  const refuse = (reason: WriteRefusal, detail?: string): WriteOutcome => ({ written: false, reason, ...(detail ? { detail } : {}) });
  let fh: fs.promises.FileHandle | undefined;
  try {
    const l = await fs.promises.lstat(opts.file);
    if (l.isSymbolicLink()) { return refuse('symlink'); }
    if (!l.isFile()) { return refuse('not-regular'); }
    const noFollow = fs.constants.O_NOFOLLOW ?? 0;   // not on Windows: the lstat above and the identity check below stand
    try {
      fh = await fs.promises.open(opts.file, fs.constants.O_RDWR | noFollow);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ELOOP') { return refuse('symlink'); }
      throw err;
    }
    const st = await fh.stat();
    if (!st.isFile()) { return refuse('not-regular'); }
    if (st.nlink > 1) { return refuse('hard-linked'); }
    // the descriptor's file is the one at the real path, and that path is inside the folder
    const real = await fs.promises.realpath(opts.file);
    const folderReal = await fs.promises.realpath(opts.folder);
    if (!inside(real, folderReal)) { return refuse('outside'); }
    const atReal = await fs.promises.stat(real);
    if (atReal.ino !== st.ino || atReal.dev !== st.dev) { return refuse('symlink'); }
    const bytes = await fh.readFile();
    if (sha256(bytes) !== opts.expectedSha256) { return refuse('changed'); }
    const r = opts.rewrite(bytes);
    if (!r.ok) { return refuse(r.reason); }
    if (r.replaced === 0) { return { written: true, replaced: 0 }; }
    await fh.write(r.bytes, 0, r.bytes.length, 0);
    if (r.bytes.length < bytes.length) { await fh.truncate(r.bytes.length); }
    await fh.sync();
    return { written: true, replaced: r.replaced };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return refuse('error', e.code ?? e.message);
  } finally {
    await fh?.close();
  }
}
