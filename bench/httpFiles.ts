// `npm run bench` (request-file part): a file of 200 requests against the local sandbox, run by
// `ring-keys http run` and by httpyac's CLI (`httpyac send --all`) on the same file, in the same run, each as a
// user runs it (a new process: start-up, parse, resolve, send, check the assertions, report); plus the parse alone.
//
//   node out/bench/httpFiles.js [--runs N]
//
// The file uses only the syntax both accept: `@var = value` file variables, `{{var}}`, the keys as
// `{{$processEnv RINGG_API_KEY}}` (from the environment for both), headers and `?? status == 200`. Its addresses
// are the sandbox's own (httpyac sends to what the file says); `ring-keys http run` gets the same addresses as
// its base URLs, so the keys may go there.
//
// Client-side rate limits: Ring Keys holds requests to 120/min per Ringg key and 60/min per Ringyo and Ring Tonic
// key, a bucket that starts full in each new process. The 200 requests are spread 100 Ringg / 50 Ringyo / 50 Ring
// Tonic, so no request waits for the limiter and the numbers are parse + send. (httpyac has no such limit.) The
// sandbox's own Ringyo limit (60/min) is raised so that neither run is answered 429.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseHttpFile } from '../src/core/httpFiles/parse';
import { SandboxServer } from '../src/sandbox/server';
import { SANDBOX_CAMPAIGN_ID } from '../src/sandbox/ringtonic';

const args = process.argv.slice(2);
const arg = (name: string, d: number) => { const i = args.indexOf(name); return i === -1 ? d : Number(args[i + 1]); };
const RUNS = arg('--runs', 3);
const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const HTTPYAC = path.join(ROOT, 'node_modules', 'httpyac', 'bin', 'httpyac.js');

function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }

/** 100 Ringg, 50 Ringyo and 50 Ring Tonic requests, interleaved, each with one assertion. */
export function benchFile(origin: string): string {
  const lines = [
    '# 200 requests for the request-file benchmark: the same file for ring-keys http run and httpyac send',
    `@ringg = ${origin}/ca/api/v0`,
    `@ringyo = ${origin}/v1`,
    `@ringtonic = ${origin}/api/v1`,
    `@campaign = ${SANDBOX_CAMPAIGN_ID}`,
    '',
  ];
  for (let i = 0; i < 200; i++) {
    const kind = i % 4 === 1 ? 'ringyo' : i % 4 === 3 ? 'ringtonic' : 'ringg';
    lines.push(`### request ${i + 1}`, `# @name r${i + 1}`);
    if (kind === 'ringg') {
      lines.push(i % 8 === 0 ? 'GET {{ringg}}/workspace' : `GET {{ringg}}/agent/all?limit=5&offset=${i}`, 'x-api-key: {{$processEnv RINGG_API_KEY}}');
    } else if (kind === 'ringyo') {
      lines.push('GET {{ringyo}}/agents?limit=1', 'Authorization: Bearer {{$processEnv RINGYO_API_KEY}}');
    } else {
      lines.push('GET {{ringtonic}}/campaigns/{{campaign}}/geo-data', 'Authorization: Bearer {{$processEnv RINGTONIC_API_KEY}}');
    }
    lines.push('Accept: application/json', '', '?? status == 200', '');
  }
  return lines.join('\n');
}

interface Timed { ms: number; code: number; out: string }

function run(cmd: string, argv: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Timed> {
  // asynchronous: the sandbox answers from this process's event loop
  return new Promise(resolve => {
    const t = performance.now();
    execFile(cmd, argv, { env, cwd, maxBuffer: 1 << 26, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 99) : 0;
      resolve({ ms: performance.now() - t, code, out: stdout + stderr });
    });
  });
}

async function main(): Promise<void> {
  if (!fs.existsSync(HTTPYAC)) { console.log('\n== request files: httpyac is not installed (npm ci installs the pinned devDependency): skipped'); return; }
  const httpyacVersion = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'httpyac', 'package.json'), 'utf8')) as { version: string }).version;
  const sandbox = await SandboxServer.start({ ringyoRateLimit: 1_000_000 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-bench-http-'));
  try {
    const text = benchFile(sandbox.origin);
    const file = path.join(dir, 'bench.http');
    fs.writeFileSync(file, text);

    // the parse alone, in process
    const parsed = parseHttpFile(text);
    if (parsed.requests.length !== 200 || parsed.problems.length) { throw new Error(`the bench file parsed to ${parsed.requests.length} requests, ${parsed.problems.length} problems`); }
    const parseMs: number[] = [];
    for (let i = 0; i < 50; i++) { const t = performance.now(); parseHttpFile(text); parseMs.push(performance.now() - t); }

    const env = { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1',
      RINGG_API_KEY: sandbox.keys.ringg, RINGYO_API_KEY: sandbox.keys.ringyoLive, RINGTONIC_API_KEY: sandbox.keys.ringtonic };
    const ours = [process.execPath, [CLI, 'http', 'run', file, '--ringg-base-url', `${sandbox.origin}/ca/api/v0`,
      '--ringyo-base-url', `${sandbox.origin}/v1`, '--ringtonic-base-url', `${sandbox.origin}/api/v1`]] as const;
    const theirs = [process.execPath, [HTTPYAC, 'send', file, '--all', '--output', 'none']] as const;
    const times = { ours: [] as number[], theirs: [] as number[] };
    const load = os.loadavg()[0].toFixed(1);
    // interleaved, so both see the same machine
    for (let i = 0; i < RUNS; i++) {
      for (const [who, [cmd, argv]] of [['ours', ours], ['theirs', theirs]] as const) {
        const before = sandbox.requests.length;
        const r = await run(cmd, [...argv], env, dir);
        const sent = sandbox.requests.length - before;
        if (r.code !== 0 || sent !== 200) { throw new Error(`${who === 'ours' ? 'ring-keys http run' : 'httpyac send'} exited ${r.code} after ${sent} requests:\n${r.out.slice(-2000)}`); }
        if (who === 'ours' && !/200 request\(s\): 200 passed/.test(r.out)) { throw new Error(`ring-keys http run did not pass all 200:\n${r.out.slice(-2000)}`); }
        times[who].push(r.ms);
      }
    }
    const o = median(times.ours);
    const t = median(times.theirs);
    console.log(`\n== request files: 200 requests (100 Ringg, 50 Ringyo, 50 Ring Tonic) against the sandbox, whole process, median of ${RUNS} interleaved runs (load ${load})`);
    console.log(`  file: ${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB; parse alone (in process, median of 50): ${median(parseMs).toFixed(2)} ms`);
    console.log(`  ring-keys http run    ${o.toFixed(0).padStart(6)} ms  (${(o / 200).toFixed(1)} ms per request; runs: ${times.ours.map(x => x.toFixed(0)).join(', ')})`);
    console.log(`  httpyac ${httpyacVersion.padEnd(8)} send  ${t.toFixed(0).padStart(6)} ms  (${(t / 200).toFixed(1)} ms per request; runs: ${times.theirs.map(x => x.toFixed(0)).join(', ')})`);
    console.log(`  ratio ring-keys ÷ httpyac: ${(o / t).toFixed(2)}×`);
    // the same processes with no requests: what start-up alone costs each
    const empty = path.join(dir, 'empty.http');
    fs.writeFileSync(empty, `### one\nGET ${sandbox.origin}/ca/api/v0/workspace\nx-api-key: {{$processEnv RINGG_API_KEY}}\n\n?? status == 200\n`);
    const one = { ours: [] as number[], theirs: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      one.ours.push((await run(process.execPath, [CLI, 'http', 'run', empty, '--ringg-base-url', `${sandbox.origin}/ca/api/v0`], env, dir)).ms);
      one.theirs.push((await run(process.execPath, [HTTPYAC, 'send', empty, '--all', '--output', 'none'], env, dir)).ms);
    }
    console.log(`  one request (start-up + 1 request), median: ring-keys ${median(one.ours).toFixed(0)} ms, httpyac ${median(one.theirs).toFixed(0)} ms`);
  } finally {
    await sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(err => { console.error(err); process.exitCode = 1; });
