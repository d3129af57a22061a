// Reading and scanning many files: one file read with a handful of system calls into a reused buffer (no
// symbolic link followed, at most maxBytes + 1 bytes), and a pool of worker threads that takes the files in
// batches and hands back results that are put in list order, so the output never depends on the number of
// workers or on timing. Used by the CLI and the editor's workspace scan. No `vscode` import.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { errorMessage } from '../errorMessage';
import { mentionsRinggHost } from './project';
import { DEFAULT_MAX_BYTES, scanBuffer, type Finding, type ScanOptions } from './scanner';

/** What scanText takes (plain data: it crosses to the worker threads), per file name and baseline set. */
export interface FileScanOptions extends Omit<ScanOptions, 'baseline' | 'fileName'> {
  /** Scan at most this many bytes of one file (the rest is reported as capped). */
  readonly maxBytes?: number;
  /**
   * Baseline fingerprints. The worker threads are handed an array (a Set does not cross as cheaply); the
   * calling thread uses a Set as it is given (a baseline that accepts a flood holds hundreds of thousands).
   */
  readonly baseline?: readonly string[] | ReadonlySet<string>;
  /** Report whether each file mentions a Ringg host (FileScan.ringgHost), for the project tie of confidence. */
  readonly lookForRinggHost?: boolean;
}

/** One file's outcome: plain data (it is posted between threads). */
export interface FileScan {
  readonly findings: Finding[];
  readonly binary: boolean;
  readonly capped: boolean;
  readonly truncated: boolean;
  /** Findings beyond the cap (maxFindings) that were not reported: ScanResult.omitted (absent: none). */
  readonly omitted?: number;
  readonly scannedBytes: number;
  readonly baselined: number;
  readonly ignored: number;
  /** Not scanned: `link` (a symbolic link), `not-file` (a folder or a device), or the error code of the read. */
  readonly skipped?: string;
  /** The file mentions a Ringg host (looked for only with FileScanOptions.lookForRinggHost; see project.ts). */
  readonly ringgHost?: boolean;
}

const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const SCRATCH = 1024 * 1024;
let scratch: Buffer | undefined;

function notScanned(skipped: string): FileScan {
  return { findings: [], binary: false, capped: false, truncated: false, scannedBytes: 0, baselined: 0, ignored: 0, skipped };
}

/** What readAndScan needs, worked out once per scan rather than once per file. */
interface Prepared {
  readonly scanOpts: ScanOptions & { maxBytes: number };
  readonly limit: number;
  readonly lookForRinggHost: boolean;
}

/** `baseline`: opts.baseline as a set (made once by the caller). */
function prepare(opts: FileScanOptions, baseline: ReadonlySet<string> | undefined): Prepared {
  const { baseline: _list, lookForRinggHost, maxBytes = DEFAULT_MAX_BYTES, ...rest } = opts;
  // one byte more than scanned: scanBuffer then knows the file was capped
  return { scanOpts: { ...rest, maxBytes, ...(baseline ? { baseline } : {}) }, limit: maxBytes + 1, lookForRinggHost: !!lookForRinggHost };
}

/**
 * Reads (open, read, close; fstat only for a file larger than the reused buffer) and scans one file. Never
 * throws: an unreadable file says why. O_NOFOLLOW: a symbolic link is not followed out of its folder;
 * O_NONBLOCK: a FIFO does not hang the scan.
 */
export function scanFile(abs: string, opts: FileScanOptions, baseline?: ReadonlySet<string>): FileScan {
  return readAndScan(abs, prepare(opts, baseline));
}

/**
 * scanFile for many files with the same options (a worker, the pool's own thread): prepared once, and the
 * result packed (see Packed).
 */
export function fileScanner(opts: FileScanOptions): (abs: string) => Packed {
  const list = opts.baseline;
  const prepared = prepare(opts, list === undefined ? undefined : isSet(list) ? (list.size ? list : undefined) : list.length ? new Set(list) : undefined);
  return abs => pack(readAndScan(abs, prepared));
}

/**
 * One file's outcome as the pool moves and keeps it: most files have nothing to say but their size, and a
 * number costs far less than an object with an array in it, to copy from a worker into this thread's heap
 * and to keep there until the report (the garbage collector walks every object kept).
 */
type Packed = FileScan | number;

function isSet(list: readonly string[] | ReadonlySet<string>): list is ReadonlySet<string> {
  return list instanceof Set;
}

/** The options as a worker thread is given them: the baseline as an array. */
function forWorkers(opts: FileScanOptions): FileScanOptions {
  return opts.baseline && isSet(opts.baseline) ? { ...opts, baseline: [...opts.baseline] } : opts;
}

function pack(r: FileScan): Packed {
  return r.findings.length || r.binary || r.capped || r.truncated || r.baselined || r.ignored || r.skipped !== undefined || r.ringgHost
    ? r : r.scannedBytes;
}

function unpack(r: Packed): FileScan {
  return typeof r === 'number'
    ? { findings: [], binary: false, capped: false, truncated: false, scannedBytes: r, baselined: 0, ignored: 0 } : r;
}

/** The outcomes of a scan of many files, by the files' index (undefined: not scanned, after a cancel). */
export class FileScans {
  private readonly items: Array<Packed | undefined> = [];

  get length(): number { return this.items.length; }
  set length(n: number) { this.items.length = n; }

  get(index: number): FileScan | undefined {
    const r = this.items[index];
    return r === undefined ? undefined : unpack(r);
  }

  /** @internal the pool's: a packed outcome, as it comes. */
  putPacked(index: number, r: Packed): void { this.items[index] = r; }

  set(index: number, scan: FileScan): void { this.items[index] = pack(scan); }

  /** The ones with something to say (not just their size) and their index. */
  *notable(): Generator<[number, FileScan]> {
    for (let i = 0; i < this.items.length; i++) {
      const r = this.items[i];
      if (r !== undefined && typeof r !== 'number') { yield [i, r]; }
    }
  }

  /** Every outcome, unpacked. */
  all(): Array<FileScan | undefined> { return Array.from({ length: this.items.length }, (_, i) => this.get(i)); }
}

function readAndScan(abs: string, prepared: Prepared): FileScan {
  const { limit } = prepared;
  let fd: number;
  try {
    fd = fs.openSync(abs, fs.constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    return notScanned(code === 'ELOOP' ? 'link' : code);
  }
  // one buffer reused for every file that fits (findings copy what they keep)
  let buf = (scratch ??= Buffer.allocUnsafe(SCRATCH));
  let n = 0;
  try {
    for (;;) {
      const r = fs.readSync(fd, buf, n, Math.min(buf.length, limit) - n, null);
      if (r === 0) { break; }
      n += r;
      if (n >= limit) { break; }
      if (n === buf.length) {   // a large file: read the rest into a buffer of its size
        const size = fs.fstatSync(fd).size;
        const bigger = Buffer.allocUnsafe(Math.min(limit, Math.max(size + 1, buf.length * 2)));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    return notScanned(code === 'EISDIR' || code === 'EAGAIN' ? 'not-file' : code);
  } finally {
    fs.closeSync(fd);
  }
  const r = scanBuffer(buf.subarray(0, n), prepared.scanOpts, abs);
  const ringgHost = prepared.lookForRinggHost && !r.binary ? mentionsRinggHost(buf.subarray(0, Math.min(n, limit - 1))) : undefined;
  return { findings: r.findings, binary: r.binary, capped: r.capped, truncated: r.truncated, scannedBytes: r.scannedBytes, baselined: r.baselined, ignored: r.ignored, ...(r.omitted ? { omitted: r.omitted } : {}), ...(ringgHost ? { ringgHost } : {}) };
}

export interface PoolOptions {
  /** Threads that scan (default: the number of cores); 1 scans on the calling thread. */
  readonly jobs?: number;
  /**
   * Keep the calling thread free: all `jobs` are worker threads, even one (the editor). Otherwise the calling
   * thread is one of the jobs (the CLI has nothing else to do), which saves a worker's start and warm-up.
   */
  readonly offThread?: boolean;
  readonly signal?: AbortSignal;
  /** Called as results arrive (in no particular order), e.g. for progress or diagnostics. */
  readonly onResult?: (index: number, scan: FileScan) => void;
}

/**
 * A list of files still being made: the folder walk adds each folder's files as it reads them, and the scan
 * starts on the first ones, so the listing of a large tree is not time the threads wait through. Index i of
 * the scan's result is the i-th path added. end() says the list is complete; fail() that it cannot be.
 */
export class FileFeed {
  private readonly items: string[] = [];
  private closed = false;
  private failure: { err: unknown } | undefined;
  private listener: (() => void) | undefined;

  add(paths: readonly string[]): void {
    if (this.closed || !paths.length) { return; }
    for (const p of paths) { this.items.push(p); }
    this.listener?.();
  }

  end(): void {
    if (this.closed) { return; }
    this.closed = true;
    this.listener?.();
  }

  fail(err: unknown): void {
    if (this.closed) { return; }
    this.failure = { err };
    this.closed = true;
    this.listener?.();
  }

  /** The paths added so far. */
  get paths(): readonly string[] { return this.items; }
  get ended(): boolean { return this.closed; }
  get error(): { err: unknown } | undefined { return this.failure; }

  /** The pool's hook: called on every add, end and fail. */
  onChange(listener: (() => void) | undefined): void { this.listener = listener; }

  static of(paths: readonly string[]): FileFeed {
    const feed = new FileFeed();
    feed.add(paths);
    feed.end();
    return feed;
  }
}

/** Most files per message to a worker: big enough to make messaging cheap, small enough to balance the load. */
const BATCH = 48;
/** Batches a worker holds at once: the next ones are there while the thread that hands them out is busy. */
const AHEAD = 4;

export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/**
 * Scans the files, on `jobs` threads; the result array is in the order of the files (a file left unscanned by
 * a cancel is undefined). Given a FileFeed still being filled, the workers start at once and the scan begins
 * with the first files added; a feed that fails rejects with its error.
 */
export async function scanFiles(files: readonly string[] | FileFeed, opts: FileScanOptions, pool: PoolOptions = {}): Promise<FileScans> {
  const feed = files instanceof FileFeed ? files : FileFeed.of(files);
  const jobs = Math.max(1, pool.jobs ?? defaultJobs());
  const results = new FileScans();
  try {
    await runPool(feed, jobs, !pool.offThread, opts, results, pool);
  } finally {
    feed.onChange(undefined);
  }
  results.length = feed.paths.length;
  return results;
}

/**
 * Hands out the files in batches to the workers (AHEAD batches in flight each, so none waits for its next
 * one) and, with `here`, to the calling thread, which scans a batch, then lets the workers' messages (and the
 * listing's callbacks) in. There are never more threads than batches so far: a few files are scanned without
 * a worker, and a list being made gets its workers as it grows (each takes tens of milliseconds to start,
 * which the rest of the listing hides). Batches shrink towards the end of a complete list so that the
 * threads finish together.
 */
function runPool(feed: FileFeed, jobs: number, here: boolean, opts: FileScanOptions, results: FileScans, pool: PoolOptions): Promise<void> {
  const list = feed.paths;
  const workers: Worker[] = [];
  const inFlight = new Map<Worker, number>();
  let next = 0; let done = 0; let settled = false; let waiting = false;
  const take = (): [number, number] | undefined => {
    const left = list.length - next;
    if (left <= 0 || pool.signal?.aborted) { return undefined; }
    const threads = workers.length + (here ? 1 : 0);
    const size = feed.ended ? Math.min(BATCH, Math.max(1, Math.ceil(left / (threads * 4)))) : Math.min(BATCH, left);
    const start = next;
    next += size;
    return [start, next];
  };
  const put = (index: number, scan: Packed) => {
    results.putPacked(index, scan);
    done++;
    pool.onResult?.(index, unpack(scan));
  };
  return new Promise<void>((resolve, reject) => {
    const finish = (err?: unknown) => {
      if (settled) { return; }
      settled = true;
      for (const w of workers) { void w.terminate(); }
      pool.signal?.removeEventListener('abort', onAbort);
      if (err !== undefined) { reject(err instanceof Error ? err : new Error(errorMessage(err))); } else { resolve(); }
    };
    const onAbort = () => finish();
    pool.signal?.addEventListener('abort', onAbort);
    const check = () => {
      if (feed.error) { finish(feed.error.err); } else if ((feed.ended && done === list.length) || pool.signal?.aborted) { finish(); }
    };
    const feedWorker = (w: Worker) => {
      for (let batch; inFlight.get(w)! < AHEAD && (batch = take());) {
        inFlight.set(w, inFlight.get(w)! + 1);
        w.postMessage({ start: batch[0], paths: list.slice(batch[0], batch[1]) });
      }
    };
    let workerOpts: FileScanOptions | undefined;
    const grow = () => {
      const wanted = Math.min(jobs, Math.ceil(list.length / BATCH)) - (here ? 1 : 0);
      while (workers.length < wanted) {
        const w = new Worker(workerScript(), { workerData: (workerOpts ??= forWorkers(opts)) });
        workers.push(w);
        inFlight.set(w, 0);
        w.on('message', (m: { start: number; results: Packed[] }) => {
          if (settled) { return; }
          inFlight.set(w, inFlight.get(w)! - 1);
          for (let k = 0; k < m.results.length; k++) { put(m.start + k, m.results[k]); }
          feedWorker(w);
          check();
        });
        w.on('error', err => finish(err));
        w.on('exit', code => { if (!settled && code !== 0) { finish(new Error(`a scan worker stopped (exit code ${code})`)); } });
      }
    };
    // this thread's share: a batch at a time, then the event loop (workers' results, the listing, a cancel);
    // with nothing to take from a list still being made, it waits for the next files
    const scan = fileScanner(opts);
    const loop = () => {
      if (settled) { return; }
      // while the list grows, the workers' queues are filled first: this thread also lists, and a worker
      // that finds its queue empty sits idle until the next folder is read
      if (!feed.ended && workers.some(w => inFlight.get(w)! < AHEAD)) { waiting = true; return; }
      const batch = take();
      if (!batch) {
        if (feed.ended || pool.signal?.aborted) { check(); } else { waiting = true; }
        return;
      }
      try {
        for (let i = batch[0]; i < batch[1]; i++) { put(i, scan(list[i])); }
      } catch (err) {
        finish(err);
        return;
      }
      check();
      setImmediate(loop);
    };
    feed.onChange(() => {
      if (settled) { return; }
      grow();
      for (const w of workers) { feedWorker(w); }
      if (here && waiting) { waiting = false; setImmediate(loop); }
      check();
    });
    grow();
    for (const w of workers) { feedWorker(w); }
    if (here) { loop(); } else { check(); }
  });
}

/** The worker's script: next to this module (the compiled sources) or to the bundle that holds it (dist/). */
function workerScript(): string {
  return path.join(__dirname, 'scanWorker.js');
}
