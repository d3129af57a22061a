// `npm run bench`: the leak scanner's throughput and latency on a generated corpus, next to ripgrep (with an
// equivalent regex, when `rg` is installed) and secretlint's recommended preset. Not a test: it prints a table.
//
//   node out/bench/index.js [--mib N] [--secretlint-mib N] [--keep] [--no-whole] [--before <rev>] [--only-before]
//                           [whole-process options: bench/whole.ts]
//
// The corpus (≥ 50 MiB by default) mixes TypeScript, Python, Go, Java, JSON, YAML, .http, .env, Markdown and
// minified bundles; it holds planted keys (counted for recall) and many look-alikes that must not be reported
// (ids, URL paths, the docs' example keys, placeholders, env references).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PATTERN_RULES } from '../src/core/scanner/export';
import { ownKeyPrint, type OwnKeyPrint } from '../src/core/scanner/ownKeys';
import { scanBuffer, scanText } from '../src/core/scanner/scanner';
import { detectionBench } from './detection';
import { B62, random } from './random';
import { beforeAndNow, type Shape } from './before';
import { keyFlood, silencedLines, suppressionBench, uuidFlood, wholeProcessFloods } from './suppression';
import { DENSE, fileOf, SOURCE, wholeProcess } from './whole';

const args = process.argv.slice(2);
const arg = (name: string, d: number) => { const i = args.indexOf(name); return i === -1 ? d : Number(args[i + 1]); };
const TARGET_MIB = arg('--mib', 52);
const SECRETLINT_MIB = arg('--secretlint-mib', 8);
const MiB = 1024 * 1024;

// ------------------------------------------------------------------ deterministic generator
const { rnd, pick, chars, uuid } = random(0x2545f491);
const words = ['agent', 'call', 'campaign', 'workspace', 'number', 'voice', 'list', 'credits', 'history', 'status', 'result', 'config', 'client', 'retry', 'timeout', 'handler', 'payload', 'record', 'session', 'metric'];
const ident = () => pick(words) + pick(['', 'Id', 'Count', 'Name', 'Url', 'State', 'List', 'Info']);
const snake = () => `${pick(words)}_${pick(words)}`;

const planted = new Map<string, string>();   // value → expected rule
function plant(rule: string, value: string): string { planted.set(value, rule); return value; }

type Lang = 'ts' | 'py' | 'go' | 'java' | 'json' | 'yaml' | 'http' | 'env' | 'md' | 'min.js';

/** Ordinary lines (and look-alikes that are not keys). */
const FILLER: Record<Lang, Array<() => string>> = {
  ts: [
    () => `export async function ${ident()}(${ident()}: string, ${ident()}?: number): Promise<void> {`,
    () => `  const ${ident()} = await client.get(\`/agent/${uuid()}\`, { timeout: ${Math.floor(rnd() * 9000)} });`,
    () => `  const agentId = '${uuid()}';`,
    () => `  if (!${ident()}) { throw new Error('missing ${pick(words)}'); }`,
    () => `  headers['X-API-KEY'] = process.env.RINGG_API_KEY ?? '';`,
    () => `  logger.info({ call: '${uuid()}', status: '${pick(words)}' });`,
    () => `  return { id: '${uuid()}', ${ident()}: ${Math.floor(rnd() * 1e6)}, tags: ['${pick(words)}', '${pick(words)}'] };`,
    () => `  // ${pick(words)} ${pick(words)} - ${pick(words)} -- see docs: X-API-KEY: 7251cb4b-3373-43a4-844c-b27a1d45e0c9`,
    () => `}`,
    () => ``,
  ],
  py: [
    () => `def ${snake()}(${snake()}, ${snake()}=None):`,
    () => `    ${snake()} = requests.get(f"{BASE}/calling/call-details/${uuid()}", headers=headers, timeout=30)`,
    () => `    agent_id = "${uuid()}"`,
    () => `    api_key = os.environ["RINGG_API_KEY"]`,
    () => `    log.debug("call=%s agent=%s", "${uuid()}", "${uuid()}")`,
    () => `    return {"id": "${uuid()}", "${snake()}": ${Math.floor(rnd() * 1e6)}}`,
    () => `    # ${pick(words)} ${pick(words)}: YOUR_API_KEY goes in the environment`,
    () => ``,
  ],
  go: [
    () => `func ${ident()}(ctx context.Context, ${ident()} string) (*${pick(words)}, error) {`,
    () => `\treq.Header.Set("X-API-KEY", os.Getenv("RINGG_API_KEY"))`,
    () => `\tagentID := "${uuid()}"`,
    () => `\turl := fmt.Sprintf("%s/agent/%s", base, "${uuid()}")`,
    () => `\tif err != nil { return nil, fmt.Errorf("${pick(words)}: %w", err) }`,
    () => `}`,
  ],
  java: [
    () => `    public ${pick(['void', 'String', 'int'])} ${ident()}(String ${ident()}) throws IOException {`,
    () => `        String callId = "${uuid()}";`,
    () => `        HttpRequest r = HttpRequest.newBuilder(URI.create(BASE + "/agent/${uuid()}")).header("Accept", "application/json").build();`,
    () => `        String key = System.getenv("RINGG_API_KEY");`,
    () => `    }`,
  ],
  json: [
    () => `    {"id": "${uuid()}", "agent_id": "${uuid()}", "status": "${pick(words)}", "duration": ${Math.floor(rnd() * 600)}},`,
    () => `    {"workspace_id": "${uuid()}", "name": "${pick(words)}", "credits": ${(rnd() * 5000).toFixed(1)}, "api_key": "redacted-api-key"},`,
    () => `    {"number_pool_id": "${uuid()}", "from_number_id": "${uuid()}", "is_test_number": false},`,
  ],
  yaml: [
    () => `  ${snake()}: ${pick(words)}`,
    () => `  agent_id: ${uuid()}`,
    () => `  RINGG_API_KEY: \${{ secrets.RINGG_API_KEY }}`,
    () => `  url: https://prod-api.ringg.ai/ca/api/v0/agent/${uuid()}`,
    () => `  - name: ${pick(words)}-${pick(words)}-${pick(words)}`,
  ],
  http: [
    () => `### ${pick(words)}`,
    () => `GET https://prod-api.ringg.ai/ca/api/v0/calling/call-details?id=${uuid()}`,
    () => `X-API-KEY: {{RINGG_API_KEY}}`,
    () => `Content-Type: application/json`,
    () => ``,
  ],
  env: [
    () => `${snake().toUpperCase()}=${pick(words)}`,
    () => `RINGG_AGENT_ID=${uuid()}`,
    () => `RINGTONIC_BASE_URL=https://ringtonic.app/api/v1`,
  ],
  md: [
    () => `The ${pick(words)} ${pick(words)} endpoint returns the ${pick(words)} of agent \`${uuid()}\` - see the ${pick(words)} page.`,
    () => `curl https://api.ringyo.ai/v1/agents -H "Authorization: Bearer $RINGYO_API_KEY"`,
    () => `| ${pick(words)} | ${pick(words)} | \`${uuid()}\` |`,
    () => ``,
  ],
  'min.js': [
    () => `function ${chars('abcdefgh', 1)}(${chars('abcxyz', 1)}){return ${chars('abc', 1)}.${pick(words)}-${Math.floor(rnd() * 99)}||{id:"${uuid()}",u:"/agent/${uuid()}"}}`,
    () => `var ${chars('abcdefgh', 2)}=[${Array.from({ length: 6 }, () => Math.floor(rnd() * 999)).join(',')}].map(function(e){return e-1});`,
    () => `"${pick(words)}-${pick(words)}-${pick(words)}":{"x-request-id":"${uuid()}"},`,
  ],
};

/** Plain lines of each language (no UUID, few dashes): most of any real file. */
const PLAIN: Record<Lang, Array<() => string>> = {
  ts: [
    () => `import { ${ident()}, ${ident()} } from './${pick(words)}/${pick(words)}';`,
    () => `  const ${ident()} = ${ident()}.filter(x => x.${ident()} > ${Math.floor(rnd() * 100)}).map(x => x.${ident()});`,
    () => `  for (const ${pick(words)} of ${ident()}) { total += ${pick(words)}.${ident()} ?? 0; }`,
    () => `  /** Returns the ${pick(words)} for the given ${pick(words)}, or undefined when the ${pick(words)} is unknown. */`,
    () => `  if (response.status === ${pick([200, 401, 403, 404, 429])}) { return this.${ident()}(response); }`,
    () => `  await this.${ident()}.update({ ${ident()}: ${ident()}, ${ident()}: Date.now() });`,
  ],
  py: [
    () => `from ${pick(words)}.${pick(words)} import ${snake()}, ${snake()}`,
    () => `    for ${pick(words)} in ${snake()}:`,
    () => `        ${snake()} += len(${pick(words)}.${snake()} or [])`,
    () => `    if response.status_code == ${pick([200, 401, 403, 404, 429])}:`,
    () => `    """Return the ${pick(words)} of the ${pick(words)} (None when missing)."""`,
    () => `        raise ValueError(f"unexpected ${pick(words)}: {${snake()}!r}")`,
  ],
  go: [
    () => `\t${ident()}, err := c.${ident()}(ctx, ${ident()})`,
    () => `\tfor _, ${pick(words)} := range ${ident()} {`,
    () => `\t\ttotal += ${pick(words)}.${ident()}`,
    () => `\t// ${ident()} returns the ${pick(words)} of the ${pick(words)}.`,
  ],
  java: [
    () => `        List<${pick(words)}> ${ident()} = ${ident()}.stream().filter(x -> x.${ident()}() > 0).collect(Collectors.toList());`,
    () => `        if (response.statusCode() == ${pick([200, 401, 403, 404, 429])}) { return parse(response.body()); }`,
    () => `        // ${pick(words)} ${pick(words)} ${pick(words)}`,
  ],
  json: [
    () => `    {"name": "${pick(words)} ${pick(words)}", "status": "${pick(words)}", "call_count": ${Math.floor(rnd() * 999)}, "is_archived": false},`,
    () => `    {"language": "en-US", "credits": ${(rnd() * 5000).toFixed(1)}, "locked_credits": ${(rnd() * 50).toFixed(1)}},`,
  ],
  yaml: [
    () => `  ${snake()}: ${Math.floor(rnd() * 1000)}`,
    () => `  ${snake()}: "${pick(words)} ${pick(words)}"`,
    () => `    - ${pick(words)}`,
  ],
  http: [() => `Accept: application/json`, () => `{"limit": ${Math.floor(rnd() * 100)}, "offset": 0}`],
  env: [() => `${snake().toUpperCase()}=${Math.floor(rnd() * 1000)}`],
  md: [
    () => `The ${pick(words)} API returns the ${pick(words)} and the ${pick(words)} of each ${pick(words)}; see the ${pick(words)} guide for details.`,
    () => `- **${pick(words)}**: the ${pick(words)} of the ${pick(words)}, in seconds.`,
  ],
  'min.js': [
    () => `function ${chars('abcdefgh', 1)}(${chars('abcxyz', 1)},${chars('abcxyz', 1)}){if(!${chars('abc', 1)})return null;for(var i=0;i<${chars('abc', 1)}.length;i++)${chars('abc', 1)}[i]=${chars('abc', 1)}[i]*${Math.floor(rnd() * 9)};return ${chars('abc', 1)}}`,
    () => `var ${chars('abcdefgh', 2)}={${pick(words)}:"${pick(words)}",${pick(words)}:${Math.floor(rnd() * 999)},${pick(words)}:!0};`,
  ],
};

/** Lines holding a key (each value planted once, so recall is exact). */
const LEAKS: Record<Lang, Array<() => string>> = {
  ts: [
    () => `  const apiKey = '${plant('ringg-api-key', uuid())}';`,
    () => `  const headers = { 'X-API-KEY': '${plant('ringg-api-key', uuid())}', 'Content-Type': 'application/json' };`,
    () => `  const ringyo = new Ringyo('${plant('ringyo-live-key', `rg_live_${chars(B62, 24)}`)}');`,
    () => `  const BASE = 'https://ringtonic.app/api/v1'; const auth = { Authorization: 'Bearer ${plant('ringtonic-api-key', `rt_${chars(B62, 32)}`)}' };`,
  ],
  py: [
    () => `RINGG_API_KEY = "${plant('ringg-api-key', uuid())}"`,
    () => `    r = requests.get(BASE + "/workspace", headers={"X-API-KEY": "${plant('ringg-api-key', uuid())}"})`,
    () => `RINGTONIC_API_KEY = os.getenv("RINGTONIC_API_KEY", "${plant('ringtonic-api-key', `rt_${chars(B62, 32)}`)}")`,
  ],
  go: [() => `\treq.Header.Set("X-API-KEY", "${plant('ringg-api-key', uuid())}")`],
  java: [() => `        builder.header("X-API-KEY", "${plant('ringg-api-key', uuid())}");`],
  json: [() => `    {"workspace_info": {"id": "${uuid()}", "name": "Acme", "api_key": "${plant('ringg-api-key', uuid())}"}},`],
  yaml: [
    () => `  RINGTONIC_API_KEY: "${plant('ringtonic-api-key', `rt_${chars(B62, 32)}`)}"`,
    () => `  api_key: ${plant('ringg-api-key', uuid())}`,
  ],
  http: [() => `X-API-KEY: ${plant('ringg-api-key', uuid())}`],
  env: [() => `RINGYO_API_KEY=${plant('ringyo-test-key', `rg_test_${chars(B62, 24)}`)}`],
  md: [() => `curl https://api.ringyo.ai/v1/calls -H "Authorization: Bearer ${plant('ringyo-bearer-token', `sk${chars(B62, 30)}`)}"`],
  'min.js': [() => `var k={"X-API-KEY":"${plant('ringg-api-key', uuid())}"};`],
};

const EXT: Record<Lang, string> = { ts: 'ts', py: 'py', go: 'go', java: 'java', json: 'json', yaml: 'yaml', http: 'http', env: 'env', md: 'md', 'min.js': 'min.js' };

/** Share of lines drawn from FILLER (look-alikes: ids, URL paths with UUIDs, references, placeholders). */
const uuidShare = 0.2;

function makeFile(lang: Lang, bytes: number, leaks: number): string {
  const sep = lang === 'min.js' ? '' : '\n';
  const parts: string[] = [];
  const every = Math.max(20, Math.floor(bytes / 70 / Math.max(1, leaks)));
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = leaks > 0 && i % every === Math.floor(every / 2) ? pick(LEAKS[lang])()
      : rnd() < uuidShare ? pick(FILLER[lang])() : pick(PLAIN[lang])();
    parts.push(line); size += line.length + sep.length;
  }
  return parts.join(sep) + '\n';
}

function generate(dir: string): { files: number; bytes: number } {
  const langs: Lang[] = ['ts', 'ts', 'py', 'py', 'go', 'java', 'json', 'yaml', 'http', 'env', 'md', 'min.js'];
  let bytes = 0; let n = 0;
  while (bytes < TARGET_MIB * MiB) {
    const lang = langs[n % langs.length];
    const size = lang === 'min.js' ? 400 * 1024 : lang === 'env' || lang === 'http' ? 4 * 1024 : Math.floor(20 * 1024 + rnd() * 150 * 1024);
    const text = makeFile(lang, size, 3);
    const sub = path.join(dir, `pkg${n % 17}`);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `f${n}.${EXT[lang]}`), text);
    bytes += Buffer.byteLength(text); n++;
  }
  return { files: n, bytes };
}

function loadAll(dir: string): Array<{ file: string; buf: Buffer }> {
  const out: Array<{ file: string; buf: Buffer }> = [];
  for (const sub of fs.readdirSync(dir).sort()) {
    for (const f of fs.readdirSync(path.join(dir, sub)).sort()) { out.push({ file: path.join(dir, sub, f), buf: fs.readFileSync(path.join(dir, sub, f)) }); }
  }
  return out;
}

// ------------------------------------------------------------------ measurements

function ours(corpus: Array<{ file: string; buf: Buffer }>, ownKeys: OwnKeyPrint[]) {
  let best = Infinity; let found = new Set<string>(); let other = 0;
  for (let round = 0; round < 3; round++) {
    const seen = new Set<string>(); let fp = 0;
    const t = performance.now();
    for (const { file, buf } of corpus) {
      const r = scanBuffer(buf, { fileName: file, ownKeys });
      if (round === 0) {
        const text = buf.toString('utf8');
        for (const f of r.findings) {
          const v = text.slice(f.start, f.end);
          if (planted.get(v) === f.rule) { seen.add(v); } else { fp++; }
        }
      }
    }
    best = Math.min(best, performance.now() - t);
    if (round === 0) { found = seen; other = fp; }
  }
  if (args.includes('--verbose')) {
    for (const [value, rule] of planted) {
      if (found.has(value)) { continue; }
      const hit = corpus.find(c => c.buf.includes(value));
      const text = hit?.buf.toString('utf8') ?? '';
      const at = text.indexOf(value);
      process.stderr.write(`missed ${rule}: ${text.slice(text.lastIndexOf('\n', at) + 1, at).slice(-100)}<KEY>${text.slice(at + value.length, at + value.length + 40).split('\n')[0]}\n`);
    }
  }
  return { ms: best, found: found.size, other };
}

/** The same corpus as text already in memory (what VS Code hands the extension): no UTF-8 decoding. */
function oursText(corpus: Array<{ file: string; buf: Buffer }>, ownKeys: OwnKeyPrint[]): number {
  const texts = corpus.map(c => ({ file: c.file, text: c.buf.toString('utf8') }));
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    for (const { file, text } of texts) { scanText(text, { fileName: file, ownKeys }); }
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

function ripgrep(dir: string): { ms: number; lines: number; version: string } | undefined {
  const v = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (v.status !== 0) { return undefined; }
  // each rule scoped in its own group (inline flags stay inside), the multi-line Bearer rules as one line rule
  const patterns = [...PATTERN_RULES.filter(r => !r.regex.includes('(?is)')).map(r => r.regex), `\\bBearer[ \\t]+[A-Za-z0-9._~+/=-]{12,1024}`]
    .map(p => `(?:${p.replace(/\(\?P<secret>/g, '(')})`);
  const rgArgs = ['--no-config', '--no-ignore', '--hidden', '-j1', '-c', '--no-filename', ...patterns.flatMap(p => ['-e', p]), dir];
  let best = Infinity; let lines = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = spawnSync('rg', rgArgs, { encoding: 'utf8', maxBuffer: 64 * MiB });
    best = Math.min(best, performance.now() - t);
    if (r.status !== 0 && r.status !== 1) { throw new Error(`rg failed: ${r.stderr}`); }
    lines = r.stdout.split('\n').filter(Boolean).reduce((a, b) => a + Number(b), 0);
  }
  return { ms: best, lines, version: v.stdout.split('\n')[0].replace(/^ripgrep\s*/, '') };
}

async function secretlint(corpus: Array<{ file: string; buf: Buffer }>) {
  // tsc (module commonjs) turns import() into require(), which cannot load these ESM packages
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const esm = new Function('s', 'return import(s)') as (s: string) => Promise<Record<string, unknown>>;
  const core = await esm('@secretlint/core') as { lintSource: (o: unknown) => Promise<{ messages: Array<{ range: [number, number] }> }> };
  const preset = await esm('@secretlint/secretlint-rule-preset-recommend') as { creator: unknown };
  const version = JSON.parse(fs.readFileSync(require.resolve('@secretlint/core/package.json'), 'utf8')).version as string;
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset.creator }] };
  // a sample of the corpus (secretlint is far slower); every language is in it
  let bytes = 0; let found = 0; let messages = 0;
  const sample = corpus.filter((_, i) => i % 3 === 0);
  const t = performance.now();
  for (const { file, buf } of sample) {
    if (bytes >= SECRETLINT_MIB * MiB) { break; }
    const content = buf.toString('utf8');
    const r = await core.lintSource({ source: { filePath: file, content, ext: path.extname(file), contentType: 'text' }, options: { config, noPhysicFilePath: true } });
    for (const m of r.messages) {
      messages++;
      if (planted.has(content.slice(m.range[0], m.range[1]))) { found++; }
    }
    bytes += buf.length;
  }
  return { ms: performance.now() - t, bytes, found, messages, version };
}

function latency(label: string, text: string, runs: number, ownKeys: OwnKeyPrint[]): { median: number; p95: number; worst: number; findings: number } {
  const times: number[] = [];
  let findings = 0;
  scanText(text, { ownKeys });   // warm-up
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    findings = scanText(text, { ownKeys, fileName: label }).findings.length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)], worst: times[times.length - 1], findings };
}

function hostileLine(bytes: number): string {
  const pieces = [
    '-'.repeat(64), 'aaaaaaaa-aaaa-aaaa-aaaa-', 'rg_live_rg_live_rg_test_', 'Bearer Bearer ', 'x-api-key: 7251cb4b-3373-43a4-844c-b27a1d45e0c ',
    'api_key = "api_key = "', 'RINGTONIC_KEY=RINGTONIC_KEY=', '"X-API-KEY": "', `${'A'.repeat(200)}`, 'ringtonic.app ringyo.ai ',
  ];
  let s = '';
  while (s.length < bytes) { s += pieces[Math.floor(rnd() * pieces.length)]; }
  return Buffer.from(s.slice(0, bytes)).toString('utf8');   // flat, as a line read from a file or an editor is
}

const f = (n: number, d = 1) => n.toFixed(d);

async function mainBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-bench-'));
  try {
    process.stderr.write(`generating a ${TARGET_MIB} MiB corpus…\n`);
    const gen = generate(dir);
    const corpus = loadAll(dir);
    const mib = gen.bytes / MiB;
    const own = [ownKeyPrint('Production', 'ringg', uuid())!, ownKeyPrint('Agency', 'ringtonic', `rt_${chars(B62, 32)}`)!];
    // the scanner of an earlier commit and this one, shape by shape, interleaved (bench/before.ts)
    const beforeShapes = (): Shape[] => {
      const many = (n: number, make: (i: number) => string, ext: string) => Array.from({ length: n }, (_, i) => ({ name: `f${i}.${ext}`, text: make(i) }));
      const ts50 = makeFile('ts', 50 * 1024, 2);
      return [
        { label: `the corpus (${gen.files} files)`, files: corpus.map(c => ({ name: c.file, text: c.buf.toString('utf8') })) },
        { label: '2,000 source files of 1–8 KiB', files: many(2000, i => fileOf(SOURCE, 1024 + (i * 7919) % (7 * 1024), false), 'ts') },
        { label: '160 files of 64 KiB dense with ids', files: many(160, () => fileOf(DENSE, 64 * 1024, false), 'json') },
        { label: 'a 50 KiB TypeScript file, 200 times', files: many(200, () => ts50, 'ts') },
        { label: '5 MiB minified bundle, one line', files: [{ name: 'bundle.min.js', text: makeFile('min.js', 5 * MiB, 3) }] },
        { label: 'hostile 5 MiB single line', files: [{ name: 'hostile.txt', text: hostileLine(5 * MiB) }] },
        { label: '2 MiB line of distinct keys (rg_live_ and X-API-KEY pairs)', files: [{ name: 'flood.txt', text: keyFlood(2 * MiB) }] },
        { label: '2 MiB line of api_key="<uuid>";', files: [{ name: 'flood.txt', text: uuidFlood(2 * MiB) }] },
        { label: '2 MiB of X-API-KEY: <uuid> # gitleaks:allow lines', files: [{ name: 'flood.txt', text: silencedLines(2 * MiB) }] },
      ];
    };
    if (args.includes('--only-before')) { console.log(beforeAndNow(beforeShapes(), args).join('\n')); return; }
    process.stderr.write('scanning with Ring Keys…\n');
    const r = ours(corpus, own);
    const plantedInCorpus = planted.size;
    const textMs = oursText(corpus, own);
    process.stderr.write('ripgrep…\n');
    const rg = ripgrep(dir);
    process.stderr.write('secretlint…\n');
    const sl = await secretlint(corpus);

    const small = makeFile('ts', 50 * 1024, 2);
    const bundle = makeFile('min.js', 5 * MiB, 3);
    const hostile = hostileLine(5 * MiB);
    const l50 = latency('a.ts', small.slice(0, 50 * 1024), 300, own);
    const lBundle = latency('bundle.min.js', bundle, 10, own);
    const lHostile = latency('hostile.txt', hostile, 10, own);
    // linear time: the same hostile mix at doubling sizes should cost the same per MiB
    const scaling = [1, 2, 4, 8].map(m => ({ m, l: latency('hostile.txt', hostileLine(m * MiB), 5, own) }));

    process.stderr.write('ignore markers and baselines…\n');
    const ordinary = corpus.slice(0, 200).map(c => c.buf.toString('utf8')).join('\n');
    const suppression = suppressionBench(ordinary);
    process.stderr.write('floods, whole process…\n');
    const floods = wholeProcessFloods(ordinary);
    process.stderr.write('before and now…\n');
    const beforeNow = beforeAndNow(beforeShapes(), args);

    const ourRate = mib / (r.ms / 1000);
    const rgRate = rg ? mib / (rg.ms / 1000) : undefined;
    const slRate = (sl.bytes / MiB) / (sl.ms / 1000);
    const out = [
      `Ring Keys leak scanner benchmark: Node ${process.version}, one core, ${os.cpus()[0]?.model ?? 'unknown CPU'}`,
      `corpus: ${f(mib)} MiB in ${gen.files} files (ts, py, go, java, json, yaml, http, env, md, min.js), ${plantedInCorpus} planted keys, thousands of id UUIDs and look-alikes`,
      '',
      '| scanner | throughput | Ring Keys ÷ it | planted keys found | other findings |',
      '|---|---:|---:|---:|---:|',
      `| Ring Keys scanBuffer: bytes → UTF-8 → findings (CLI path), 2 own keys | ${f(ourRate, 0)} MiB/s | 1.00× | ${r.found}/${plantedInCorpus} | ${r.other} |`,
      `| Ring Keys scanText: text already in memory (editor path) | ${f(mib / (textMs / 1000), 0)} MiB/s | | same | same |`,
      rg ? `| ripgrep ${rg.version} -j1, equivalent regex (line count) | ${f(rgRate!, 0)} MiB/s | ${f(ourRate / rgRate!, 2)}× | n/a (${rg.lines} matching lines) | n/a |`
        : '| ripgrep | not installed | | | |',
      `| secretlint ${sl.version} recommended preset (${f(sl.bytes / MiB)} MiB sample) | ${f(slRate, 2)} MiB/s | ${f(ourRate / slRate, 0)}× | ${sl.found} | ${sl.messages} |`,
      '',
      '| per-document latency (scanText) | median | p95 | worst | findings | target |',
      '|---|---:|---:|---:|---:|---|',
      `| 50 KiB TypeScript file (300 runs) | ${f(l50.median, 3)} ms | ${f(l50.p95, 3)} ms | ${f(l50.worst, 3)} ms | ${l50.findings} | ≤ 1 ms |`,
      `| 5 MiB minified bundle, one line (10 runs) | ${f(lBundle.median, 1)} ms | ${f(lBundle.p95, 1)} ms | ${f(lBundle.worst, 1)} ms | ${lBundle.findings} | |`,
      `| hostile 5 MiB single line (10 runs) | ${f(lHostile.median, 1)} ms | ${f(lHostile.p95, 1)} ms | ${f(lHostile.worst, 1)} ms | ${lHostile.findings} | ≤ 50 ms |`,
      '',
      '| hostile single line, doubling sizes (5 runs each) | median | per MiB |',
      '|---|---:|---:|',
      ...scaling.map(({ m, l }) => `| ${m} MiB | ${f(l.median, 1)} ms | ${f(l.median / m, 2)} ms/MiB |`),
      `per-MiB cost at 8 MiB ÷ at 1 MiB: ${f((scaling[3].l.median / 8) / (scaling[0].l.median / 1), 2)}× (1.00× is linear)`,
      '',
      ...suppression,
      '',
      ...floods,
      '',
      ...beforeNow,
      '',
      `targets: throughput ≥ 300 MiB/s: scanText ${mib / (textMs / 1000) >= 300 ? 'met' : 'NOT met'}, scanBuffer (with UTF-8 decoding) ${ourRate >= 300 ? 'met' : 'NOT met'}; 50 KiB ≤ 1 ms ${l50.median <= 1 ? 'met' : 'NOT met'}; hostile line ≤ 50 ms ${lHostile.median <= 50 ? 'met' : 'NOT met'} (median)`,
      `machine: ${os.cpus().length} cores, load average ${os.loadavg().map(x => x.toFixed(2)).join(' ')} when the run ended`,
    ];
    console.log(out.join('\n'));
    process.stderr.write('precision and recall on real code…\n');
    console.log(detectionBench(path.resolve(__dirname, '../..'), args.includes('--verbose')));
    // the whole process as a user waits for it, next to ripgrep (bench/whole.ts; --no-whole skips it)
    if (!args.includes('--no-whole')) { console.log(`\n${await wholeProcess(args)}`); }
  } finally {
    if (!args.includes('--keep')) { fs.rmSync(dir, { recursive: true, force: true }); } else { process.stderr.write(`corpus kept in ${dir}\n`); }
  }
}

mainBench().catch(err => { console.error(err); process.exit(1); });
