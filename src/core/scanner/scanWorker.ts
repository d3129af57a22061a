// A scan worker thread (see scanFiles.ts): reads and scans the batches of paths it is sent, answers with
// their results. Bundled on its own (dist/scanWorker.js): it loads the scanner and nothing else.
import { parentPort, workerData } from 'node:worker_threads';
import { fileScanner, type FileScanOptions } from './scanFiles';

const scan = fileScanner(workerData as FileScanOptions);

parentPort?.on('message', (m: { start: number; paths: string[] }) => {
  parentPort!.postMessage({ start: m.start, results: m.paths.map(p => scan(p)) });
});
