// App archives in build output (`ring-keys scan --build-output`): an `.apk`, `.aab` or `.ipa` is a zip file whose
// entries ship to every user of the app. Each entry is scanned as a file would be: a text entry (a React Native
// bundle, a JSON or XML config, a property list in XML) as it is; a binary one (a DEX, a Flutter `libapp.so`, an
// iOS executable, Android's binary XML and resources.arsc) by its strings, the runs of printable ASCII and of
// UTF-16LE characters one per line, as `strings` prints them: a key compiled into code is a string there. yauzl
// reads the zip (its entry sizes checked against what inflates); every count and size is capped, so a zip bomb
// or a hostile archive costs a bounded time and says so.
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import { fromFdPromise, type Entry, type ZipFile } from 'yauzl';
import type { FileFindings } from '../core/scanner/sarif';
import { scanBuffer, scanText, type Finding, type ScanOptions } from '../core/scanner/scanner';
import { errorMessage } from '../core/errorMessage';
import { escapeControls, quoteName } from '../core/terminalText';

/** Caps per archive: entries read, and bytes inflated in all (a zip bomb stops here). */
export const ARCHIVE_LIMITS = { entries: 50_000, totalBytes: 1024 * 1024 * 1024 };
/** A run of this many printable characters in a binary entry is a string (a key is longer). */
const MIN_STRING = 8;

export interface ArchiveScan {
  /** One per entry with findings: `app.apk!/assets/index.android.bundle`. */
  readonly files: FileFindings[];
  readonly entries: number;
  readonly bytes: number;
  /** Why an archive stopped early (a cap, a malformed zip), ready to print; the entries before it were scanned. */
  readonly problems: string[];
}

/**
 * Scans the entries of the archive at `abs` (never through a symbolic link: O_NOFOLLOW), shown as `shown`.
 * `maxBytes`: at most this much of one entry is scanned (the rest is reported as capped).
 */
export async function scanArchive(abs: string, shown: string, opts: ScanOptions & { maxBytes: number }): Promise<ArchiveScan> {
  const files: FileFindings[] = [];
  const problems: string[] = [];
  let entries = 0; let bytes = 0;
  let fd: number;
  try { fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0)); } catch (err) {
    return { files, entries, bytes, problems: [`${quoteName(shown)}: not opened (${escapeControls(errorMessage(err))})`] };
  }
  let zip: ZipFile | undefined;
  try {
    // names as bytes: a hostile name (`../x`, an absolute path) is only a label here, never a path to write, and
    // must not stop the scan as yauzl's own check of names would
    zip = await fromFdPromise(fd, { autoClose: true, validateEntrySizes: true, decodeStrings: false });
    for await (const entry of zip.eachEntry()) {
      const name = entryName(entry);
      if (name.endsWith('/')) { continue; }
      if (entries >= ARCHIVE_LIMITS.entries) { problems.push(`${quoteName(shown)}: stopped after ${entries} entries`); break; }
      if (bytes >= ARCHIVE_LIMITS.totalBytes) { problems.push(`${quoteName(shown)}: stopped after ${Math.round(bytes / 1048576)} MiB inflated`); break; }
      entries++;
      const limit = Math.min(opts.maxBytes, ARCHIVE_LIMITS.totalBytes - bytes);
      const { data, capped } = await readEntry(zip, entry, limit);
      bytes += data.length;
      const r = scanEntry(data, name, opts);
      if (r.findings.length || capped) {
        files.push({ path: `${shown}!/${name}`, findings: r.findings, capped, truncated: r.truncated, omitted: r.omitted });
      }
    }
  } catch (err) {
    problems.push(`${quoteName(shown)}: ${entries ? `stopped after ${entries} entries: ` : 'not a readable zip: '}${escapeControls(errorMessage(err))}`);
  } finally {
    // autoClose closes the file at the end of the entries; on an early stop it is closed here
    if (zip) { if (zip.isOpen) { zip.close(); } } else { fs.closeSync(fd); }
  }
  return { files, entries, bytes, problems };
}

/** An entry's name: UTF-8 when its flag says so, else Latin-1 (a label; the report escapes what it prints). */
function entryName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer | string;
  return typeof raw === 'string' ? raw : raw.toString(entry.generalPurposeBitFlag & 0x800 ? 'utf8' : 'latin1');
}

/** At most `limit` bytes of an entry, inflated; `capped` when it holds more. */
async function readEntry(zip: ZipFile, entry: Entry, limit: number): Promise<{ data: Buffer; capped: boolean }> {
  const stream: Readable = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0; let capped = false;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const room = limit - size;
    if (chunk.length > room) { chunks.push(chunk.subarray(0, room)); size += room; capped = true; break; }
    chunks.push(chunk); size += chunk.length;
  }
  if (capped) { stream.destroy(); }
  return { data: Buffer.concat(chunks, size), capped };
}

/** One entry scanned as a file is (scanBuffer); one scanBuffer finds binary, by its strings. Binary findings say so. */
function scanEntry(data: Buffer, name: string, opts: ScanOptions & { maxBytes: number }): { findings: Finding[]; truncated: boolean; omitted: number } {
  const text = scanBuffer(data, opts, name);
  if (!text.binary) { return text; }
  const r = scanText(binaryStrings(data), opts, name);
  return { ...r, findings: r.findings.map(f => ({ ...f, context: `${f.context ? `${f.context}; ` : ''}a string in a binary file` })) };
}

const printable = (c: number) => (c >= 0x20 && c < 0x7f) || c === 0x09;

/** The printable runs of a binary file (ASCII, then UTF-16LE), at least MIN_STRING characters each, one per line. */
export function binaryStrings(data: Uint8Array): string {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= data.length; i++) {
    if (i < data.length && printable(data[i])) { if (start === -1) { start = i; } continue; }
    if (start !== -1 && i - start >= MIN_STRING) { out.push(Buffer.from(data.buffer, data.byteOffset + start, i - start).toString('latin1')); }
    start = -1;
  }
  // UTF-16LE (Android's binary XML and resources.arsc string pools, Windows resources): each character a printable byte and a NUL
  for (const offset of [0, 1]) {
    let run = '';
    for (let i = offset; i < data.length; i += 2) {
      if (i + 1 < data.length && printable(data[i]) && data[i + 1] === 0) { run += String.fromCharCode(data[i]); continue; }
      if (run.length >= MIN_STRING) { out.push(run); }
      run = '';
    }
    if (run.length >= MIN_STRING) { out.push(run); }
  }
  return out.join('\n');
}
