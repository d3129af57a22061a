// Reading and scanning many files: one file read with a handful of system calls into a reused buffer (no
// symbolic link followed, at most maxBytes + 1 bytes), and a pool of worker threads that takes the files in
// batches and hands back results that are put in list order, so the output never depends on the number of
// workers or on timing. Used by the CLI and the editor's workspace scan. No `vscode` import.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { mentionsRinggHost } from './project';
import { DEFAULT_MAX_BYTES, scanBuffer, type Finding, type ScanOptions } from './scanner';

/** What scanText takes (plain data: it crosses to the worker threads), per file name and baseline set. */
export interface FileScanOptions extends Omit<ScanOptions, 'baseline' | 'fileName'> {
  /** Scan at most this many bytes of one file (the rest is reported as capped). */
  readonly maxBytes?: number;
  /** Baseline fingerprints (an array: a Set does not cross to the worker threads as cheaply). */
  readonly baseline?: readonly string[];
  /** Report whether each file mentions a Ringg host (FileScan.ringgHost), for the project tie of confidence. */
  readonly lookForRinggHost?: boolean;
}

/** One file's outcome: plain data (it is posted between threads). */
export interface FileScan {
  readonly findings: Finding[];
  readonly binary: boolean;
  readonly capped: boolean;
  readonly truncated: boolean;
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

/** scanFile for many files with the same options (a worker, the pool's own thread): prepared once. */
export function fileScanner(opts: FileScanOptions): (abs: string) => FileScan {
  const prepared = prepare(opts, opts.baseline?.length ? new Set(opts.baseline) : undefined);
  return abs => readAndScan(abs, prepared);
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
  return { findings: r.findings, binary: r.binary, capped: r.capped, truncated: r.truncated, scannedBytes: r.scannedBytes, baselined: r.baselined, ignored: r.ignored, ...(ringgHost ? { ringgHost } : {}) };
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

/** Most files per message to a worker: big enough to make messaging cheap, small enough to balance the load. */
const BATCH = 48;

export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/**
 * Scans the files, on `jobs` threads; the result array is in the order of `files` (a file left unscanned by a
 * cancel is undefined). `files` may still be being listed (a promise): the worker threads start meanwhile.
 */
export async function scanFiles(files: readonly string[] | Promise<readonly string[]>, opts: FileScanOptions, pool: PoolOptions = {}): Promise<Array<FileScan | undefined>> {
  const jobs = Math.max(1, pool.jobs ?? defaultJobs());
  const here = pool.offThread ? 0 : 1;   // the calling thread scans too
  // a list still being made: start the workers now (each takes tens of milliseconds to start), trim them later
  const workers = isPromise(files) ? startWorkers(jobs - here, opts) : [];
  let list: readonly string[];
  try {
    list = await files;
  } catch (err) {
    for (const w of workers) { void w.terminate(); }
    throw err;
  }
  // no more threads than batches
  const wanted = Math.max(0, Math.min(jobs, Math.ceil(list.length / BATCH)) - here);
  for (const w of workers.splice(wanted)) { void w.terminate(); }
  workers.push(...startWorkers(wanted - workers.length, opts));
  const results: Array<FileScan | undefined> = new Array<FileScan | undefined>(list.length);
  if (list.length) { await runPool(list, workers, here === 1, opts, results, pool); }
  return results;
}

function isPromise<T>(x: T | Promise<T>): x is Promise<T> {
  return typeof (x as { then?: unknown }).then === 'function';
}

function startWorkers(n: number, opts: FileScanOptions): Worker[] {
  const data: FileScanOptions = opts;
  return Array.from({ length: Math.max(0, n) }, () => new Worker(workerScript(), { workerData: data }));
}

/**
 * Hands out the files in batches to the workers (two batches in flight each, so none waits for its next one)
 * and, with `here`, to the calling thread, which scans a batch, then lets the workers' messages in. Batches
 * shrink towards the end of the list so that the threads finish together.
 */
function runPool(list: readonly string[], workers: Worker[], here: boolean, opts: FileScanOptions, results: Array<FileScan | undefined>, pool: PoolOptions): Promise<void> {
  const threads = workers.length + (here ? 1 : 0);
  let next = 0; let done = 0; let settled = false;
  const take = (): [number, number] | undefined => {
    if (next >= list.length || pool.signal?.aborted) { return undefined; }
    const size = Math.min(BATCH, Math.max(1, Math.ceil((list.length - next) / (threads * 4))));
    const start = next;
    next = Math.min(list.length, next + size);
    return [start, next];
  };
  const put = (index: number, scan: FileScan) => {
    results[index] = scan;
    done++;
    pool.onResult?.(index, scan);
  };
  return new Promise<void>((resolve, reject) => {
    const finish = (err?: Error) => {
      if (settled) { return; }
      settled = true;
      for (const w of workers) { void w.terminate(); }
      pool.signal?.removeEventListener('abort', onAbort);
      if (err) { reject(err); } else { resolve(); }
    };
    const onAbort = () => finish();
    pool.signal?.addEventListener('abort', onAbort);
    const check = () => { if (done === list.length || (pool.signal?.aborted && !here)) { finish(); } };
    const feed = (w: Worker) => {
      const batch = take();
      if (batch) { w.postMessage({ start: batch[0], paths: list.slice(batch[0], batch[1]) }); }
    };
    for (const w of workers) {
      w.on('message', (m: { start: number; results: FileScan[] }) => {
        if (settled) { return; }
        for (let k = 0; k < m.results.length; k++) { put(m.start + k, m.results[k]); }
        feed(w);
        check();
      });
      w.on('error', err => finish(err));
      w.on('exit', code => { if (!settled && code !== 0) { finish(new Error(`a scan worker stopped (exit code ${code})`)); } });
      feed(w); feed(w);
    }
    if (!here) { check(); return; }
    // this thread's share: a batch at a time, then the event loop (workers' results, a cancel)
    const scan = fileScanner(opts);
    const loop = () => {
      if (settled) { return; }
      const batch = take();
      if (!batch) { if (pool.signal?.aborted) { finish(); } else { check(); } return; }
      try {
        for (let i = batch[0]; i < batch[1]; i++) { put(i, scan(list[i])); }
      } catch (err) {
        finish(err as Error);
        return;
      }
      check();
      setImmediate(loop);
    };
    loop();
  });
}

/** The worker's script: next to this module (the compiled sources) or to the bundle that holds it (dist/). */
function workerScript(): string {
  return path.join(__dirname, 'scanWorker.js');
}
