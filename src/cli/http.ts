// `ring-keys http run`: runs request files (.http / .rest) in CI, keys from the environment, assertions checked,
// a JUnit report written. The rules for where a key may go and what must be allowed are the core's
// (src/core/httpFiles/run.ts), the same as in the editor.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { HttpClient } from '../core/http/client';
import { Redactor } from '../core/http/redact';
import { errorMessage } from '../core/errorMessage';
import { PROVIDER_IDS } from '../core/providers/catalog';
import { escapeControls } from '../core/terminalText';
import { loadEnvironment } from '../core/httpFiles/files';
import { junitXml, type SuiteReport } from '../core/httpFiles/junit';
import { parseHttpFile } from '../core/httpFiles/parse';
import { type RequestOutcome, runRequest, selectRequests } from '../core/httpFiles/run';
import { KEY_VARIABLES } from '../core/httpFiles/variables';
import { writeFileNoFollow } from '../core/safeWrite';
import { type CliCommand, type CliIo, UsageError } from './types';
import { baseUrlOption, resolveBaseUrls } from './verifyOptions';

export const HTTP_EXIT = { passed: 0, failed: 1, usage: 2 } as const;
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);

export const httpCommand: CliCommand = {
  name: 'http',
  summary: 'Run request files (.http/.rest) with keys from the environment and check their assertions',
  help: `Usage: ring-keys http run FILE|DIR... [--env NAME] [--name REQUEST] [--junit FILE] [--bail]
                         [--allow-spend] [--ringg-base-url URL] [--ringyo-base-url URL] [--ringtonic-base-url URL]

Runs the requests in .http / .rest files (a folder: every such file under it) and checks their ?? assertions.
Keys come from RINGG_API_KEY, RINGYO_API_KEY and RINGTONIC_API_KEY ({{RINGG_API_KEY}} or
{{$processEnv RINGG_API_KEY}} in the file), never from a file; a key goes only to its provider's base URL.
Public values come from the environment --env NAME of http-client.env.json next to each file.

Options:
  --env NAME              the environment of http-client.env.json to use ($shared is always merged in)
  --name REQUEST          run only the requests named REQUEST (# @name REQUEST)
  --junit FILE            write a JUnit XML report to FILE
  --bail                  stop at the first request that does not pass
  --allow-spend           send requests that spend credits or cannot be undone (refused otherwise)
  --ringg-base-url URL    send what the file addresses to the documented base URL there instead
  --ringyo-base-url URL   (HTTPS under the provider's domain, or loopback such as the sandbox);
  --ringtonic-base-url URL  also RINGKEYS_RINGG_BASE_URL, RINGKEYS_RINGYO_BASE_URL, RINGKEYS_RINGTONIC_BASE_URL

Exit status: 0 every request passed, 1 an assertion failed (or a request got no answer), 2 usage,
a file that does not parse, or a request refused (a key for another host, spending without --allow-spend).
A request without assertions passes when its status is below 400.
`,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'run') { return usage(io, sub ? `unknown subcommand '${sub}' (only 'run')` : 'missing subcommand: run'); }
    let values: Record<string, string | boolean | undefined>;
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({ args: rest, strict: true, allowPositionals: true, options: {
        env: { type: 'string' }, name: { type: 'string' }, junit: { type: 'string' }, bail: { type: 'boolean' },
        'allow-spend': { type: 'boolean' },
        ...Object.fromEntries(PROVIDER_IDS.map(p => [baseUrlOption(p), { type: 'string' as const }])),
      } }));
    } catch (err) {
      return usage(io, errorMessage(err));
    }
    if (!positionals.length) { return usage(io, 'name at least one request file or folder'); }
    let baseUrls;
    try { baseUrls = resolveBaseUrls(values, io.env); } catch (err) {
      if (err instanceof UsageError) { return usage(io, err.message); }
      throw err;
    }
    const files: string[] = [];
    for (const p of positionals) {
      const abs = path.resolve(io.cwd, p);
      let st;
      try { st = await fs.stat(abs); } catch { return usage(io, `no such file or folder: ${p}`); }
      if (st.isDirectory()) { files.push(...await findRequestFiles(abs)); } else { files.push(abs); }
    }
    if (!files.length) { return usage(io, 'no .http or .rest files found'); }

    // every key the environment holds is a secret for everything printed, whether a file uses it or not
    const redactor = new Redactor();
    for (const v of Object.keys(KEY_VARIABLES)) { redactor.add(io.env[v]?.trim() || undefined); }
    const http = new HttpClient({ redactor });
    const safe = (s: string) => escapeControls(redactor.text(s));
    const suites: SuiteReport[] = [];
    let refused = false;
    let failed = false;
    let stop = false;
    for (const file of files) {
      if (stop) { break; }
      const rel = path.relative(io.cwd, file) || path.basename(file);
      const text = await readRequestFile(file);
      if (typeof text !== 'string') {
        io.stderr(`${safe(rel)}: ${text.error}\n`);
        suites.push({ file: rel, outcomes: [], problems: [text.error] });
        refused = true; stop = !!values.bail;
        continue;
      }
      const parsed = parseHttpFile(text);
      const problems = parsed.problems.map(p => `line ${p.line + 1}: ${p.message}`);
      for (const p of problems) { io.stderr(`${safe(rel)}:${safe(p)}\n`); }
      if (problems.length) { refused = true; }
      let environment: Record<string, string>;
      try { environment = await loadEnvironment(path.dirname(file), values.env as string | undefined); } catch (err) {
        io.stderr(`${safe(rel)}: ${safe(errorMessage(err))}\n`);
        suites.push({ file: rel, outcomes: [], problems: [...problems, redactor.text(errorMessage(err))] });
        refused = true; stop = !!values.bail;
        continue;
      }
      const requests = selectRequests(parsed, values.name as string | undefined);
      const outcomes: RequestOutcome[] = [];
      io.stdout(`${safe(rel)}\n`);
      for (const req of requests) {
        const o = await runRequest(parsed, req, {
          http, dir: path.dirname(file), baseUrls, environment,
          secret: async ref => {
            const v = io.env[ref.kind === 'key' ? ref.variable : ref.name]?.trim();
            if (v) { redactor.add(v); }
            return v || undefined;
          },
          confirm: async () => values['allow-spend'] === true,
        });
        outcomes.push(o);
        io.stdout(describe(o).map(safe).join('\n') + '\n');
        if (o.state === 'refused') { refused = true; }
        if (o.state === 'failed' || o.state === 'error') { failed = true; }
        if (o.state !== 'passed' && values.bail) { stop = true; break; }
      }
      suites.push({ file: rel, outcomes, problems });
    }
    const all = suites.flatMap(s => s.outcomes);
    const n = (st: RequestOutcome['state']) => all.filter(o => o.state === st).length;
    io.stdout(`\n${all.length} request(s): ${n('passed')} passed, ${n('failed')} failed, ${n('error')} no answer, ${n('refused')} refused\n`);
    if (typeof values.junit === 'string') {
      writeFileNoFollow(path.resolve(io.cwd, values.junit), redactor.text(junitXml(suites)));
    }
    if (values.name !== undefined && !all.length && !refused) { return usage(io, `no request is named '${values.name as string}'`); }
    return refused ? HTTP_EXIT.usage : failed ? HTTP_EXIT.failed : HTTP_EXIT.passed;
  },
};

function describe(o: RequestOutcome): string[] {
  const mark = { passed: 'ok  ', failed: 'FAIL', refused: 'REFUSED', error: 'ERROR' }[o.state];
  const lines = [`  ${mark} ${o.name}  (${o.label}${o.status !== undefined ? ` → ${o.status}, ${o.durationMs} ms` : ''})`];
  if (o.message) { lines.push(`       ${o.message}`); }
  for (const a of o.assertions.filter(x => !x.pass)) { lines.push(`       line ${a.assertion.line + 1}: ${a.assertion.text} (got ${a.actual})`); }
  return lines;
}

async function readRequestFile(file: string): Promise<string | { error: string }> {
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) { return { error: 'not a file' }; }
    if (st.size > MAX_FILE_BYTES) { return { error: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB: not a request file` }; }
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    return { error: errorMessage(err) };
  }
}

/** .http and .rest files under `dir`, sorted, without following symbolic links or entering dependency folders. */
export async function findRequestFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, depth: number): Promise<void> => {
    if (depth > 32) { return; }
    const entries = await fs.readdir(d, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && !SKIP_DIRS.has(e.name)) { await walk(p, depth + 1); }
      if (e.isFile() && /\.(http|rest)$/i.test(e.name)) { out.push(p); }
    }
  };
  await walk(dir, 0);
  return out;
}

function usage(io: CliIo, message: string): number {
  io.stderr(`ring-keys http: ${message}\nRun 'ring-keys http --help' for usage.\n`);
  return HTTP_EXIT.usage;
}
