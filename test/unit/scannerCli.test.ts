import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { enclosingString, rewriteForEnv } from '../../src/core/scanner/envReference';
import { gitleaksConfig, jsRegex, PATTERN_RULES, secretlintConfig } from '../../src/core/scanner/export';
import { globMatcher, isIncluded } from '../../src/core/scanner/glob';
import { vaultKeyStore, vaultOwnKeySource, ownKeyPrints } from '../../src/core/scanner/ownKeys';
import { RULE_IDS } from '../../src/core/scanner/rules';
import { walkFiles } from '../../src/core/scanner/walk';
import { KeyVault } from '../../src/core/vault';
import * as yazl from 'yazl';
import { ARCHIVE_LIMITS, binaryStrings, scanArchive } from '../../src/cli/archives';
import { runCli, tmpTree } from './support';

const UUID = '3f6d2c1a-9b7e-4c2d-8e5f-a1b2c3d4e5f6';
const LIVE = 'rg_live_Q7mZ2xK9pL4vN8wR3tY6';


const cli = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) => runCli(args, cwd, { env });

describe('walkFiles: what git would track', () => {
  it('honours nested .gitignore files, negations and .git/info/exclude, and never enters .git', async () => {
    const dir = tmpTree({
      '.gitignore': 'dist/\n*.log\n!keep.log\n',
      '.git/info/exclude': 'local.txt\n',
      '.git/config': 'x',
      'a.ts': 'x', 'keep.log': 'x', 'drop.log': 'x', 'local.txt': 'x',
      'dist/bundle.js': 'x',
      'sub/.gitignore': 'secret.env\n',
      'sub/secret.env': 'x', 'sub/ok.env': 'x',
    });
    const seen: string[] = [];
    for await (const f of walkFiles(dir)) { seen.push(f.rel); }
    assert.deepStrictEqual(seen.sort(), ['.gitignore', 'a.ts', 'keep.log', 'sub/.gitignore', 'sub/ok.env']);
  });

  it('applies the rules of the folders above when scanning a subfolder of a work tree', async () => {
    const dir = tmpTree({ '.git/HEAD': 'x', '.gitignore': 'gen/\n', 'pkg/gen/x.ts': 'x', 'pkg/y.ts': 'x' });
    const seen: string[] = [];
    for await (const f of walkFiles(path.join(dir, 'pkg'))) { seen.push(f.rel); }
    assert.deepStrictEqual(seen, ['y.ts']);
  });
});

describe('ring-keys scan', () => {
  const tree = () => tmpTree({
    '.gitignore': 'ignored/\n',
    'src/client.ts': `const h = { 'X-API-KEY': '${UUID}' };\nconst agent_id = '${UUID.replace('3f', '4a')}';\n`,
    'src/with space.py': `KEY = "${LIVE}"\n`,
    'ignored/leak.env': `RINGG_API_KEY=${UUID}\n`,
    'image.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), Buffer.from(LIVE)]),
    'clean.md': 'nothing here\n',
  });

  it('text: one line per finding, masked, exit 1; binary and git-ignored files skipped', async () => {
    const r = await cli(['scan'], tree());
    assert.strictEqual(r.code, 1, r.err);
    const lines = r.out.trim().split('\n');
    assert.deepStrictEqual(lines.slice(0, 2), [
      "src/client.ts:1:27: error [ringg-api-key] Ringg AI API key …e5f6 (X-API-KEY header).",
      'src/with space.py:1:8: error [ringyo-live-key] Ringyo AI live key …3tY6 (live key prefix).',
    ]);
    assert.match(lines[2], /^2 finding\(s\), 2 error\(s\) in 5 file\(s\) .*1 binary skipped/);
    assert.ok(!r.out.includes(UUID) && !r.out.includes(LIVE), 'keys are masked');
  });

  it('exit 0 when nothing is found', async () => {
    const r = await cli(['scan', 'clean.md'], tree());
    assert.strictEqual(r.code, 0);
    assert.match(r.out, /No keys found in 1 file/);
  });

  it('exit 2 on usage and I/O errors', async () => {
    const dir = tree();
    assert.strictEqual((await cli(['scan', '--format', 'xml'], dir)).code, 2);
    assert.strictEqual((await cli(['scan', '--bogus'], dir)).code, 2);
    assert.strictEqual((await cli(['scan', 'no/such/path'], dir)).code, 2);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{');
    const r = await cli(['scan', '--baseline', 'bad.json'], dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /cannot read the baseline bad\.json: not JSON/);
  });

  it('json: findings with 1-based positions, masked keys and fingerprints', async () => {
    const dir = tree();
    const r = await cli(['scan', '--format', 'json', '--output', 'report.json'], dir);
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.out, '');
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'));
    assert.deepStrictEqual(report.findings.map((f: { path: string; line: number; column: number; rule: string; masked: string }) => [f.path, f.line, f.column, f.rule, f.masked]), [
      ['src/client.ts', 1, 27, 'ringg-api-key', '…e5f6'], ['src/with space.py', 1, 8, 'ringyo-live-key', '…3tY6'],
    ]);
    assert.ok(!JSON.stringify(report).includes(UUID));
  });

  it('sarif: 2.1.0 with rules, help, relative URIs under %SRCROOT%, 1-based regions, masked messages', async () => {
    const dir = tree();
    const r = await cli(['scan', '--format', 'sarif'], dir);
    assert.strictEqual(r.code, 1);
    const sarif = JSON.parse(r.out);
    assert.strictEqual(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.deepStrictEqual(run.tool.driver.rules.map((x: { id: string }) => x.id), RULE_IDS);
    for (const rule of run.tool.driver.rules) {
      assert.ok(rule.help.text && rule.help.markdown && rule.helpUri.includes(`#${rule.id}`), rule.id);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      assert.match(rule.properties['security-severity'], /^\d+\.\d$/);
    }
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
    const [first, second] = run.results;
    assert.strictEqual(first.ruleId, 'ringg-api-key');
    assert.strictEqual(run.tool.driver.rules[first.ruleIndex].id, 'ringg-api-key');
    assert.deepStrictEqual(first.locations[0].physicalLocation.artifactLocation, { uri: 'src/client.ts', uriBaseId: '%SRCROOT%' });
    assert.deepStrictEqual(first.locations[0].physicalLocation.region, { startLine: 1, startColumn: 27, endLine: 1, endColumn: 63 });
    assert.strictEqual(second.locations[0].physicalLocation.artifactLocation.uri, 'src/with%20space.py');
    assert.ok(first.partialFingerprints['ringKeys/v1']);
    assert.ok(!r.out.includes(UUID) && !r.out.includes(LIVE));
  });

  it('a baseline written by --write-baseline accepts those findings (also as the default file)', async () => {
    const dir = tree();
    const w = await cli(['scan', '--write-baseline', '.ring-keys-baseline.json'], dir);
    assert.strictEqual(w.code, 0, w.err);
    assert.ok(!fs.readFileSync(path.join(dir, '.ring-keys-baseline.json'), 'utf8').includes(UUID));
    const r = await cli(['scan'], dir);
    assert.strictEqual(r.code, 0, r.out);
    assert.match(r.out, /2 accepted by the baseline/);
    assert.strictEqual((await cli(['scan', '--no-baseline'], dir)).code, 1);
  });

  it('--own-keys-from-env reports the environment\'s keys wherever they appear', async () => {
    const dir = tree();
    fs.writeFileSync(path.join(dir, 'notes.txt'), `we used ${UUID} last year\n`);
    const r = await cli(['scan', 'notes.txt', '--own-keys-from-env'], dir, { RINGG_API_KEY: UUID });
    assert.strictEqual(r.code, 1);
    assert.match(r.out, /notes\.txt:1:9: error \[own-key\] This is your stored key '\$RINGG_API_KEY' \(…e5f6\)/);
  });

  it('caps large files and says so', async () => {
    const dir = tmpTree({ 'big.txt': `k = "${LIVE}"\n${'x'.repeat(2 * 1048576)}\nk2 = "${LIVE.replace('Q7', 'Z9')}"\n` });
    const r = await cli(['scan', '--max-file-size', '1'], dir);
    assert.strictEqual(r.code, 1);
    assert.match(r.out, /big\.txt:1:6: error/);
    assert.match(r.out, /big\.txt: note: scanned only the first 1 MiB/);
    assert.strictEqual(r.out.match(/\[ringyo-live-key\]/g)?.length, 1);
  });
});

(process.platform === 'win32' ? describe.skip : describe)('ring-keys scan: symbolic links', () => {
  // a link named on the command line is read like what it leads to (ripgrep does the same); links met while
  // walking a folder are not followed
  const linked = () => {
    const dir = tmpTree({ 'outside/secret.env': `RINGYO_API_KEY=${LIVE}\n`, 'outside/more/deep.ts': `const h = { 'X-API-KEY': '${UUID}' };\n`, 'work/clean.md': 'nothing\n' });
    const work = path.join(dir, 'work');
    fs.symlinkSync(path.join(dir, 'outside', 'secret.env'), path.join(work, 'link.env'));
    fs.symlinkSync(path.join(dir, 'outside', 'more'), path.join(work, 'linked-dir'));
    fs.symlinkSync(path.join(dir, 'outside', 'missing.env'), path.join(work, 'gone.env'));
    return work;
  };

  it('a named link to a file with a key: the finding under the link\'s name, exit 1', async () => {
    const r = await cli(['scan', 'link.env'], linked());
    assert.strictEqual(r.code, 1, r.err);
    assert.match(r.out, /^link\.env:1:16: error \[ringyo-live-key\]/);
    assert.match(r.out, /1 finding\(s\), 1 error\(s\) in 1 file\(s\)/);
    // the link and the file it leads to, both named: one file, reported once
    const both = await cli(['scan', '../outside/secret.env', 'link.env'], linked());
    assert.strictEqual(both.out.match(/\[ringyo-live-key\]/g)?.length, 1, both.out);
  });

  it('a named link that leads nowhere: exit 2, saying so', async () => {
    const r = await cli(['scan', 'gone.env'], linked());
    assert.strictEqual(r.code, 2);
    assert.strictEqual(r.out, '');
    assert.match(r.err, /^ring-keys scan: gone\.env is a symbolic link to \S*missing\.env, which does not exist; nothing to scan\n$/);
  });

  it('a named link to a folder: its files are scanned, shown under the link\'s name', async () => {
    const r = await cli(['scan', 'linked-dir'], linked());
    assert.strictEqual(r.code, 1, r.err);
    assert.match(r.out, /^linked-dir\/deep\.ts:1:27: error \[ringg-api-key\]/);
  });

  it('links inside a walked folder are not followed, in a git work tree or not', async () => {
    const work = linked();
    const plain = await cli(['scan', '.'], work);
    assert.strictEqual(plain.code, 0, plain.out + plain.err);
    assert.match(plain.out, /^No keys found in 1 file\(s\)/);
    execFileSync('git', ['init', '-q'], { cwd: work, env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', HOME: work } });
    const repo = await cli(['scan'], work);
    assert.strictEqual(repo.code, 0, repo.out + repo.err);
    assert.match(repo.out, /^No keys found in 1 file\(s\)/);
  });

  it('a named path that is neither a file nor a folder (a FIFO): exit 2, not "0 files"', async function () {
    const work = linked();
    try { execFileSync('mkfifo', [path.join(work, 'pipe')]); } catch { this.skip(); }
    const r = await cli(['scan', 'pipe'], work);
    assert.strictEqual(r.code, 2, r.out);
    assert.match(r.err, /pipe is not a file or a folder; nothing to scan/);
  });
});

describe('ring-keys scan --build-output', () => {
  const TEST = LIVE.replace('rg_live_', 'rg_test_');
  // app archives as a build makes them (zip files): a React Native bundle, a DEX with the key among its strings, a
  // resource table with it in UTF-16LE; and an archive that is not a zip
  let apk: Buffer;
  before(async () => {
    apk = await zipOf({
      'AndroidManifest.xml': Buffer.from([3, 0, 8, 0, 0x10, 0, 0, 0]),
      'assets/index.android.bundle': `__d(function(g,r,i,a,m,e,d){var c={headers:{Authorization:"Bearer ${LIVE}"}};fetch("https://api.ringyo.ai/v1/agents",c)},42);\n`,
      'classes.dex': Buffer.concat([Buffer.from('dex\n035\0\0\0\x1a', 'latin1'), Buffer.from(TEST), Buffer.from([0, 0, 7]), Buffer.from('Lcom/example/Api;\0')]),
      'resources.arsc': Buffer.concat([Buffer.from([2, 0, 12, 0, 0, 0, 0, 0]), Buffer.from(TEST.replace('rg_test_', 'vb_test_'), 'utf16le'), Buffer.from([0, 0])]),
      'res/raw/readme.txt': 'nothing here\n',
    });
  });
  const built = () => {
    const dir = tmpTree({
      '.gitignore': 'dist/\n.next/\n',
      'src/app.ts': 'export const api = process.env.API_URL;\n',
      // a bundle that inlined the key, its source map (the source's text in sourcesContent), a Next.js client chunk
      'dist/assets/index-4f2a.js': `(()=>{const e={headers:{"X-API-KEY":"${UUID}"}};fetch("https://prod-api.ringg.ai/ca/api/v0/workspace",e)})();\n`,
      'dist/assets/index-4f2a.js.map': `${JSON.stringify({ version: 3, sources: ['../src/call.ts'], sourcesContent: [`export const key = '${LIVE}';\n`], mappings: 'AAAA' })}\n`,
      '.next/static/chunks/app/page-9c1d.js': `(self.webpackChunk=self.webpackChunk||[]).push([[1],{7:(e,t,n)=>{n.d(t,{k:()=>"${TEST}"})}}]);\n`,
      'dist/app-release.apk': apk,
      'dist/broken.ipa': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]),
      'elsewhere/keys.js': `const k = "${LIVE}";\n`,
    });
    // a build folder that is a link leads out of the project: not followed
    fs.symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'build'));
    return dir;
  };

  it('a plain scan leaves the ignored build output out; --build-output scans bundles, source maps and Next.js chunks, each finding marked shipped', async () => {
    const dir = built();
    const plain = await cli(['scan', 'src'], dir);
    assert.strictEqual(plain.code, 0, plain.out + plain.err);
    const r = await cli(['scan', 'src', '--build-output', '--format', 'json'], dir);
    // --build-output looks under the folders named: here src/ has none
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.err, /no build output found \(looked for dist\/, build\/, out\/, \.next\/static\//);
    const all = await cli(['scan', '--build-output', '--format', 'json'], dir);
    assert.strictEqual(all.code, 1, all.err);
    const report = JSON.parse(all.out) as { findings: Array<{ path: string; rule: string; message: string }> };
    assert.deepStrictEqual(report.findings.map(f => [f.path, f.rule]).sort(), [
      ['.next/static/chunks/app/page-9c1d.js', 'ringyo-test-key'],
      // the archive's entries: the bundle as text, the DEX and the resource table by their strings
      ['dist/app-release.apk!/assets/index.android.bundle', 'ringyo-live-key'],
      ['dist/app-release.apk!/classes.dex', 'ringyo-test-key'],
      ['dist/app-release.apk!/resources.arsc', 'ringyo-test-key'],
      ['dist/assets/index-4f2a.js', 'ringg-api-key'],
      ['dist/assets/index-4f2a.js.map', 'ringyo-live-key'],
      // elsewhere/ is an ordinary folder of the project (not ignored): scanned as always, not marked
      ['elsewhere/keys.js', 'ringyo-live-key'],
    ]);
    for (const f of report.findings) {
      assert.strictEqual(/in build output, shipped to every client/.test(f.message), f.path !== 'elsewhere/keys.js', `${f.path}: ${f.message}`);
    }
    assert.match(all.err, /build output: "?dist\/"?, "?\.next\/static\/"?/);
    assert.doesNotMatch(all.err, /"?build\/"?,/, 'the linked build/ folder is not taken for build output');
    assert.match(all.err, /opened 2 app archive\(s\) \(\.apk, \.aab, \.ipa\): 5 entries, 0\.0 MiB inflated/);
    assert.match(all.err, /app archive "?dist\/broken\.ipa"?: not a readable zip: /);
    const dex = report.findings.find(f => f.path.endsWith('classes.dex'))!;
    assert.match(dex.message, /a string in a binary file; in build output, shipped to every client/);
    assert.ok(!all.out.includes(UUID) && !all.out.includes(LIVE) && !all.out.includes(TEST), 'keys are masked');
  });

  it('SARIF carries the same findings and says they ship', async () => {
    const r = await cli(['scan', '--build-output', '--format', 'sarif'], built());
    assert.strictEqual(r.code, 1, r.err);
    const results = (JSON.parse(r.out) as { runs: Array<{ results: Array<{ message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> }).runs[0].results;
    const shipped = results.filter(x => /shipped to every client/.test(x.message.text)).map(x => x.locations[0].physicalLocation.artifactLocation.uri).sort();
    assert.deepStrictEqual(shipped, ['.next/static/chunks/app/page-9c1d.js', 'dist/app-release.apk!/assets/index.android.bundle',
      'dist/app-release.apk!/classes.dex', 'dist/app-release.apk!/resources.arsc', 'dist/assets/index-4f2a.js', 'dist/assets/index-4f2a.js.map']);
  });

  it('an archive in a build folder that is not ignored is opened once, not once per folder that lists it', async () => {
    const dir = tmpTree({ 'dist/app.apk': apk });
    const r = await cli(['scan', '--build-output', '--format', 'json'], dir);
    assert.strictEqual(r.code, 1, r.err);
    assert.match(r.err, /opened 1 app archive\(s\) \(\.apk, \.aab, \.ipa\): 5 entries/);
    const paths = (JSON.parse(r.out) as { findings: Array<{ path: string }> }).findings.map(f => f.path);
    assert.deepStrictEqual(paths, [...new Set(paths)], 'each finding once');
    assert.strictEqual(paths.length, 3);
  });

  it('an app archive costs a bounded time: entries and inflated bytes are capped and said so; a hostile name is only a label', async () => {
    const dir = tmpTree({});
    const many = path.join(dir, 'many.aab');
    fs.writeFileSync(many, await zipOf({ 'a.txt': `k = "${LIVE}"\n`, 'b.txt': 'x\n', 'c.txt': `k = "${LIVE}"\n` }));
    const saved = { ...ARCHIVE_LIMITS };
    try {
      ARCHIVE_LIMITS.entries = 2;
      const r = await scanArchive(many, 'dist/many.aab', { maxBytes: 1024 });
      assert.deepStrictEqual([r.entries, r.files.map(f => f.path)], [2, ['dist/many.aab!/a.txt']]);
      assert.deepStrictEqual(r.problems, ['dist/many.aab: stopped after 2 entries']);
    } finally { Object.assign(ARCHIVE_LIMITS, saved); }
    // a large entry: its first maxBytes scanned, the file said capped (the key past the cap is not read)
    const big = path.join(dir, 'big.ipa');
    fs.writeFileSync(big, await zipOf({ 'Payload/App.app/main.jsbundle': `var a="${LIVE}";\n${' '.repeat(4096)}var b="${TEST}";\n` }));
    const capped = await scanArchive(big, 'big.ipa', { maxBytes: 1024 });
    assert.deepStrictEqual(capped.files.map(f => [f.path, f.capped, f.findings.map(x => x.rule)]), [['big.ipa!/Payload/App.app/main.jsbundle', true, ['ringyo-live-key']]]);
    // a name that climbs out of the folder or holds a control character is reported as it is, and scanning goes on
    const hostile = path.join(dir, 'hostile.apk');
    fs.writeFileSync(hostile, await zipOf({ '../../evil\u001b[2J.js': `k = "${LIVE}"\n`, 'ok.js': `k = "${LIVE}"\n` }, { validate: false }));
    const h = await scanArchive(hostile, 'hostile.apk', { maxBytes: 1024 });
    assert.deepStrictEqual([h.entries, h.problems, h.files.map(f => f.path)], [2, [], ['hostile.apk!/../../evil\u001b[2J.js', 'hostile.apk!/ok.js']]);
    // not written anywhere: the scan only reads
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['big.ipa', 'hostile.apk', 'many.aab']);
  });

  it('finds the printable runs of a binary file, ASCII and UTF-16LE, and nothing shorter than a key could be', () => {
    const data = Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from('short\0'), Buffer.from('a long enough string\0'), Buffer.from([0x0e, 0x80]), Buffer.from('wide text here', 'utf16le'), Buffer.from([0, 0, 9])]);
    const runs = binaryStrings(data).split('\n');
    assert.ok(runs.includes('a long enough string'));
    assert.ok(runs.includes('wide text here'));
    assert.ok(!runs.includes('short'));
  });
});

/** A zip of the given entries, as yazl writes it (`validate: false` lets a hostile name through, as an attacker's tool would). */
async function zipOf(entries: Record<string, string | Buffer>, opts: { validate?: boolean } = {}): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) {
    const data = typeof content === 'string' ? Buffer.from(content) : content;
    if (opts.validate === false) { zip.addBuffer(data, name.replace(/\.\.\//g, 'XX/'), { compress: true }); } else { zip.addBuffer(data, name); }
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) { chunks.push(c); }
  const out = Buffer.concat(chunks);
  // yazl refuses a name that climbs out: the hostile one is written with a placeholder of the same length, then set
  if (opts.validate === false) {
    for (const name of Object.keys(entries)) {
      const safe = Buffer.from(name.replace(/\.\.\//g, 'XX/'));
      for (let i = out.indexOf(safe); i !== -1; i = out.indexOf(safe, i + 1)) { Buffer.from(name).copy(out, i); }
    }
  }
  return out;
}

describe('ring-keys rules', () => {
  const SAMPLES: Record<string, { hit: string; miss: string }> = {
    'ringyo-live-key': { hit: `k = "${LIVE}"`, miss: 'rg_live_xxxxxxxxxxxxxxxxxxxx' },
    'ringyo-test-key': { hit: 'rg_test_H3jK8mN2pQ5rS9tV4wX7', miss: 'rg_test_short' },
    'ringg-api-key': { hit: `"X-API-KEY": "${UUID}"`, miss: `"agent_id": "${UUID}"` },
    'ringtonic-api-key': { hit: 'RINGTONIC_API_KEY=rt_8Qyg60OFbfxFPGHUAfkvVjnQ2Lm4', miss: 'RINGTONIC_API_KEY=$RINGTONIC_API_KEY' },
    'ringyo-bearer-token': { hit: 'curl https://api.ringyo.ai/v1/agents -H "Authorization: Bearer sk9Xf2LqP7vB4nM1zR8tW3yK"', miss: 'curl https://api.ringyo.ai/v1/agents -H "Authorization: Bearer $RINGYO_API_KEY"' },
  };

  for (const r of PATTERN_RULES) {
    it(`${r.id}: the exported pattern finds the key and its allow-list drops the placeholder`, () => {
      const re = toRegExp(jsRegex(r.regex));
      const s = SAMPLES[r.id];
      const hit = new RegExp(re.source, re.flags).exec(s.hit);
      assert.ok(hit?.groups?.secret, `${r.id} matches ${s.hit}`);
      const miss = new RegExp(re.source, re.flags).exec(s.miss);
      const allowed = !miss || r.allow.some(a => toRegExp(jsRegex(a)).test(miss.groups?.secret ?? '')) ||
        (r.allowMatch ?? []).some(a => toRegExp(jsRegex(a)).test(miss[0]));
      assert.ok(allowed, `${r.id} lets ${s.miss} through`);
    });
  }

  it('prints a gitleaks config with every rule, a secret group and allow-lists', async () => {
    const r = await cli(['rules', '--format', 'gitleaks'], os.tmpdir());
    assert.strictEqual(r.code, 0);
    assert.strictEqual(r.out, gitleaksConfig());
    for (const p of PATTERN_RULES) { assert.ok(r.out.includes(`id = "${p.id}"`), p.id); }
    assert.strictEqual(r.out.match(/^\[\[rules\]\]$/gm)?.length, PATTERN_RULES.length + 1);
    assert.match(r.out, /secretGroup = 1/);
    assert.ok(!r.out.includes('(?P<'), 'plain groups, counted by secretGroup');
  });

  it('prints a secretlint config: the recommended preset plus pattern rules', async () => {
    const r = await cli(['rules', '--format', 'secretlint'], os.tmpdir());
    assert.strictEqual(r.code, 0);
    const cfg = JSON.parse(r.out);
    assert.strictEqual(r.out, secretlintConfig());
    assert.deepStrictEqual(cfg.rules.map((x: { id: string }) => x.id), ['@secretlint/secretlint-rule-preset-recommend', '@secretlint/secretlint-rule-pattern']);
    for (const p of cfg.rules[1].options.patterns) { assert.doesNotThrow(() => toRegExp(p.pattern), p.name); }
  });

  it('lists the rules as text and refuses unknown formats', async () => {
    const r = await cli(['rules'], os.tmpdir());
    for (const id of RULE_IDS) { assert.ok(r.out.includes(id)); }
    assert.strictEqual((await cli(['rules', '--format', 'yaml'], os.tmpdir())).code, 2);
  });
});

function toRegExp(literal: string): RegExp {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(literal);
  assert.ok(m, literal);
  return new RegExp(m[1], m[2].replace('g', ''));
}

describe('globs for include/exclude settings', () => {
  const cases: Array<[string, string, boolean]> = [
    ['**/*', 'a/b/c.ts', true], ['*.ts', 'a.ts', true], ['*.ts', 'a/b.ts', false], ['**/*.ts', 'b.ts', true],
    ['leaks/**', 'leaks/x/y.json', true], ['{dist,out}/**', 'out/a.js', true], ['**/*.{js,ts}', 'x/y.ts', true],
    ['**/node_modules', 'node_modules', true], ['src/?.ts', 'src/ab.ts', false], ['[ab].md', 'b.md', true],
    // names with a leading dot match like any other, as in files.exclude
    ['**/*', '.env', true], ['**/.git', '.git', true], ['config/*.json', 'config/.secrets.json', true],
    // `./` and `/` at the start mean the folder's root
    ['./leaks/**', 'leaks/a.ts', true], ['/dist/*.js', 'dist/a.js', true],
    // picomatch's semantics where the hand-rolled matcher before it differed (see the CHANGELOG):
    // `**` inside a name is `*` (it no longer crosses folders) and `\` escapes the next character
    ['a**b', 'a/x/b', false], ['a**b', 'axxb', true], ['\\*.ts', '*.ts', true], ['\\*.ts', 'a.ts', false],
    ['{a,{b,c}}/x', 'c/x', true], ['[!a].md', 'a.md', false], ['[!a].md', 'b.md', true],
  ];
  for (const [glob, p, expected] of cases) {
    it(`${glob} ${expected ? 'matches' : 'does not match'} ${p}`, () => assert.strictEqual(globMatcher(glob)(p), expected));
  }
  it('a pattern picomatch refuses (a workspace setting is outside input) matches nothing instead of throwing', () => {
    const huge = '*'.repeat(70_000);
    assert.strictEqual(globMatcher(huge)('a'), false);
    assert.strictEqual(isIncluded('src/a.ts', ['**/*'], [huge]), true, 'a refused exclude pattern excludes nothing');
    assert.strictEqual(isIncluded('src/a.ts', [huge], []), false, 'a refused include pattern includes nothing');
  });
  it('an excluded folder excludes what is inside it', () => {
    assert.strictEqual(isIncluded('node_modules/x/y.js', ['**/*'], ['**/node_modules']), false);
    assert.strictEqual(isIncluded('src/y.js', ['**/*'], ['**/node_modules']), true);
  });
});

describe('"read it from the environment" rewrites', () => {
  const cases: Array<[string, string, string, string, string?]> = [
    ['typescript', `const apiKey = '${UUID}';`, 'const apiKey = process.env.RINGG_API_KEY;', 'RINGG_API_KEY'],
    ['javascript', `h = { 'X-API-KEY': "${UUID}" }`, 'h = { \'X-API-KEY\': process.env.RINGG_API_KEY }', 'RINGG_API_KEY'],
    ['typescript', `const auth = 'Bearer ${LIVE}';`, "const auth = 'Bearer ' + process.env.RINGYO_API_KEY;", 'RINGYO_API_KEY'],
    ['typescript', `const auth = \`Bearer ${LIVE}\`;`, 'const auth = `Bearer ${process.env.RINGYO_API_KEY}`;', 'RINGYO_API_KEY'],
    ['python', `KEY = "${LIVE}"`, 'KEY = os.environ["RINGYO_API_KEY"]', 'RINGYO_API_KEY'],
    ['go', `req.Header.Set("X-API-KEY", "${UUID}")`, 'req.Header.Set("X-API-KEY", os.Getenv("RINGG_API_KEY"))', 'RINGG_API_KEY'],
    ['java', `String k = "${UUID}";`, 'String k = System.getenv("RINGG_API_KEY");', 'RINGG_API_KEY'],
    ['csharp', `var k = "${UUID}";`, 'var k = Environment.GetEnvironmentVariable("RINGG_API_KEY");', 'RINGG_API_KEY'],
    ['php', `$h = 'X-API-KEY: ${UUID}';`, "$h = 'X-API-KEY: ' . getenv('RINGG_API_KEY');", 'RINGG_API_KEY'],
    ['shellscript', `curl -H 'X-API-KEY: ${UUID}' https://x`, 'curl -H "X-API-KEY: ${RINGG_API_KEY}" https://x', 'RINGG_API_KEY'],
    ['http', `X-API-KEY: ${UUID}`, 'X-API-KEY: {{RINGG_API_KEY}}', 'RINGG_API_KEY', 'a.http'],
    ['plaintext', `RINGG_API_KEY=${UUID}`, 'RINGG_API_KEY=${RINGG_API_KEY}', 'RINGG_API_KEY', '.env'],
    ['yaml', `key: ${UUID}`, 'key: ${RINGG_API_KEY}', 'RINGG_API_KEY'],
  ];
  for (const [languageId, line, expected, envVar, fileName] of cases) {
    it(`${languageId}: ${line}`, () => {
      const start = line.indexOf(line.includes(UUID) ? UUID : LIVE);
      const end = start + (line.includes(UUID) ? UUID.length : LIVE.length);
      const rw = rewriteForEnv({ line, start, end, languageId, envVar, ...(fileName ? { fileName } : {}) });
      let out = line;
      for (const e of [...rw.edits].sort((a, b) => b.start - a.start)) { out = out.slice(0, e.start) + e.text + out.slice(e.end); }
      assert.strictEqual(out, expected);
    });
  }
  it('adds `import os` to a Python file that lacks it, not to one that has it', () => {
    const line = `KEY = "${LIVE}"`;
    const s = line.indexOf(LIVE);
    assert.strictEqual(rewriteForEnv({ line, start: s, end: s + LIVE.length, languageId: 'python', envVar: 'X', fileText: line }).importLine, 'import os');
    assert.strictEqual(rewriteForEnv({ line, start: s, end: s + LIVE.length, languageId: 'python', envVar: 'X', fileText: `import os\n${line}` }).importLine, undefined);
  });
  it('finds the enclosing string past escaped quotes', () => {
    assert.deepStrictEqual(enclosingString(`x = "a\\"b KEY c"`, 10, 13), { open: 4, close: 15, quote: '"' });
  });
});

describe('own keys from the vault', () => {
  function memory() {
    const m = new Map<string, unknown>();
    return {
      get: <T>(k: string) => m.get(k) as T | undefined,
      update: async (k: string, v: unknown) => { m.set(k, v); },
      store: async (k: string, v: string) => { m.set(k, v); },
      delete: async (k: string) => { m.delete(k); },
      raw: m,
    };
  }
  it('adapts KeyVault: the quick fix stores under a free name, once per key; the scanner sees prints only', async () => {
    const secrets = memory();
    const vault = new KeyVault({ get: async k => secrets.get<string>(k), store: secrets.store, delete: secrets.delete }, memory(), memory());
    const store = vaultKeyStore(vault);
    await store('ringg', 'apiKey (client.ts)', UUID);
    await store('ringg', 'apiKey (client.ts)', UUID);   // same key again: not stored twice
    await store('ringg', 'apiKey (client.ts)', UUID.replace('3f6d', '5a5a'));
    assert.deepStrictEqual(vault.list().map(p => p.name), ['apiKey (client.ts)', 'apiKey (client.ts) 2']);
    let fired = 0;
    const source = vaultOwnKeySource(vault, l => { fired++; l(); return { dispose() { /* test */ } }; });
    source.onDidChange(() => undefined);
    const prints = await ownKeyPrints(source);
    assert.strictEqual(fired, 1);
    assert.deepStrictEqual(prints.map(p => [p.name, p.provider, p.tail, p.length]), [['apiKey (client.ts)', 'ringg', 'e5f6', 36], ['apiKey (client.ts) 2', 'ringg', 'e5f6', 36]]);
    assert.ok(!JSON.stringify(prints).includes(UUID.slice(0, 8)));
  });
});
