// Keys beyond the working tree: history, the index, pushes, hooks and the CI script, over generated repositories.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/types';
import { KeyCollector } from '../../src/core/git/history';
import { PatchReader, unquotePath, type FilePatch } from '../../src/core/git/patch';
import { CLI, gitEnv, Repo, ROOT } from './gitRepo';

const UUID = '3f6d2c1a-9b7e-4c2d-8e5f-a1b2c3d4e5f6';
const LIVE = 'rg_live_Q7mZ2xK9pL4vN8wR3tY6';
const LIVE2 = 'rg_live_Zp3Lm8Qr2Vx6Nt9Ky4Wb';

async function cli(args: string[], cwd: string, opts: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<{ code: number; out: string; err: string }> {
  let out = ''; let err = '';
  const io: CliIo = { stdout: s => { out += s; }, stderr: s => { err += s; }, env: opts.env ?? gitEnv(), stdin: async () => opts.stdin ?? '', cwd, onSignal: () => undefined };
  const code = await main(args, io);
  return { code, out, err };
}

interface JsonFinding { rule: string; masked: string; fingerprint: string; commit: string; path: string; line: number; column: number; commits: number; inWorkingTree?: boolean; occurrences: unknown[] }

async function historyJson(dir: string, extra: string[] = []): Promise<{ code: number; findings: JsonFinding[]; stats: { commits: number; files: number; bytes: number }; err: string }> {
  const r = await cli(['scan', '--git', '--format', 'json', ...extra], dir);
  assert.notStrictEqual(r.code, 2, r.err);
  const j = JSON.parse(r.out) as { findings: JsonFinding[]; stats: { commits: number; files: number; bytes: number } };
  return { code: r.code, findings: j.findings, stats: j.stats, err: r.err };
}

/** Runs the built CLI as its own process (what a hook or CI runs). */
function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = gitEnv()) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8' });
}

function loadSarifValidator(): (doc: unknown) => { ok: boolean; errors: string } {
  // the SARIF 2.1.0 schema (draft-04) shipped in an npm package, compiled with Ajv's draft-04 class
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require('ajv-draft-04') as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const addFormats = require('ajv-formats') as (a: unknown) => void;
  const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return doc => ({ ok: validate(doc), errors: JSON.stringify(validate.errors ?? []) });
}

describe('git patches: the reader', () => {
  it('keeps added lines with their new line numbers, context for the scanner, and a merge\'s own lines only', () => {
    const files: FilePatch[] = [];
    const r = new PatchReader(f => files.push(f));
    const text = [
      '\u0000aaaa 100 p1', '', 'diff --git a/x.ts b/x.ts', '--- a/x.ts', '+++ b/x.ts', '@@ -1,2 +10,3 @@', ' keep', '-gone', '+new one', '+--- not a header', '\\ No newline at end of file',
      '\u0000bbbb 90 p1 p2', '', 'diff --cc m.ts', '--- a/m.ts', '+++ b/m.ts', '@@@ -1,1 -1,1 +1,3 @@@', '  both', '+ from the first parent', '++evil merge line', ' -dropped',
      '\u0000cccc 80', '', 'diff --git "a/sp ace\\303\\251.ts" "b/sp ace\\303\\251.ts"', '--- /dev/null', '+++ "b/sp ace\\303\\251.ts"', '@@ -0,0 +1 @@', '+x',
    ].join('\n');
    const buf = Buffer.from(text);
    r.push(buf.subarray(0, 37)); r.push(buf.subarray(37)); r.end();   // a chunk boundary mid-line
    assert.strictEqual(r.commits, 3);
    assert.deepStrictEqual(files.map(f => [f.commit.hash, f.path]), [['aaaa', 'x.ts'], ['bbbb', 'm.ts'], ['cccc', 'sp aceé.ts']]);
    assert.deepStrictEqual(files[0].lines, ['keep', 'new one', '--- not a header']);
    assert.deepStrictEqual(files[0].lineNumbers, [10, 11, 12]);
    assert.deepStrictEqual(files[0].added, [false, true, true]);
    assert.deepStrictEqual(files[1].added, [false, false, true], 'only the line no parent had counts as added by the merge');
    assert.deepStrictEqual(files[1].lines, ['both', 'from the first parent', 'evil merge line']);
    assert.strictEqual(unquotePath('"a\\tb"'), 'a\tb');
  });

  /** What a reader hands out for `patch` fed in chunks of `size` bytes (0: in one chunk). */
  function read(patch: Buffer, size: number, bounds = {}): { files: FilePatch[]; commits: number } {
    const files: FilePatch[] = [];
    const r = new PatchReader(f => files.push(f), undefined, bounds);
    if (size === 0) { r.push(patch); } else { for (let i = 0; i < patch.length; i += size) { r.push(patch.subarray(i, i + size)); } }
    r.end();
    return { files, commits: r.commits };
  }

  it('gives the same files, lines and numbers whatever the chunks (1 byte, mid-character, one chunk)', () => {
    const lines = ['\u0000aaaa 100 p1', '', 'diff --git a/é.ts b/é.ts', '--- a/é.ts', '+++ b/é.ts', '@@ -1,2 +1,4 @@', ' keep ✓', '-gone', '+new 😀 one', `+${'ü'.repeat(3000)}`, '+'];
    for (let c = 0; c < 20; c++) {
      lines.push(`\u0000c${c} ${200 + c} aaaa`, '', `diff --git a/f${c}.env b/f${c}.env`, '--- /dev/null', `+++ b/f${c}.env`, '@@ -0,0 +1,2 @@', `+RINGYO_API_KEY=${LIVE} # ${'→'.repeat(c * 50)}`, '+B=2');
    }
    const patch = Buffer.from(lines.join('\n'));
    const whole = read(patch, 0);
    assert.strictEqual(whole.commits, 21);
    assert.strictEqual(whole.files.length, 21);
    assert.deepStrictEqual(whole.files[0].lines, ['keep ✓', 'new 😀 one', 'ü'.repeat(3000), '']);
    for (const size of [1, 2, 3, 7, 100, 4096]) {
      assert.deepStrictEqual(read(patch, size), whole, `chunks of ${size} byte(s)`);
    }
    // past a line's bound the bytes are skipped undecoded up to the newline: the same lines again, whatever the chunks
    const cut = read(patch, 0, { maxLine: 500 });
    assert.deepStrictEqual([cut.files[0].lines[2], cut.files[0].longLines, cut.files[0].capped], ['ü'.repeat(499), 1, true]);
    assert.deepStrictEqual(cut.files.slice(1).map(f => f.lines), whole.files.slice(1).map(f => f.lines.map(l => l.slice(0, 499))));
    for (const size of [1, 2, 3, 7, 100, 4096]) {
      assert.deepStrictEqual(read(patch, size, { maxLine: 500 }), cut, `bounded, chunks of ${size} byte(s)`);
    }
  });

  it('finds a key at the end of a 12 MB line fed in 4 KiB chunks, in linear time', () => {
    const body = `const bundle="${'abcdefghij'.repeat(1_200_000)}";const headers={"X-API-KEY":"${UUID}"};`;
    const patch = Buffer.from(['\u0000aaaa 100', '', 'diff --git a/dist/app.min.js b/dist/app.min.js', '--- /dev/null', '+++ b/dist/app.min.js', '@@ -0,0 +1 @@', `+${body}`, ''].join('\n'));
    const t = Date.now();
    const collector = new KeyCollector();
    const r = new PatchReader(f => collector.add(f));
    for (let i = 0; i < patch.length; i += 4096) { r.push(patch.subarray(i, i + 4096)); }
    r.end();
    // the earlier reader joined and searched the whole unfinished line again for each chunk: minutes here
    assert.ok(Date.now() - t < 15000, `took ${Date.now() - t} ms`);
    const keys = collector.reports();
    assert.deepStrictEqual(keys.map(k => [k.masked, k.first.path, k.first.line, k.first.column]), [['…e5f6', 'dist/app.min.js', 1, body.indexOf(UUID) + 1]]);
    assert.deepStrictEqual([collector.cappedCount, collector.longLines], [0, 0], 'under the bounds: nothing skipped');
  });

  it('keeps the first maxLine characters of a longer line and maxFile of a file version, and counts what it cut', () => {
    const key = `RINGYO_API_KEY=${LIVE}`;
    const patch = Buffer.from([
      '\u0000aaaa 100', '',
      // a long added line: the key near its start is still found, the line is counted
      'diff --git a/long.env b/long.env', '--- /dev/null', '+++ b/long.env', '@@ -0,0 +1,2 @@', `+${key} ${'x'.repeat(5000)} RINGYO_API_KEY=${LIVE2}`, '+B=1',
      // many short added lines past the file bound
      'diff --git a/many.env b/many.env', '--- /dev/null', '+++ b/many.env', '@@ -0,0 +1,200 @@', ...Array.from({ length: 199 }, (_, i) => `+LINE_${i}=${'y'.repeat(40)}`), `+${key.replace('Q7', 'q7')}`,
      // a long deleted line and a long context line cut nothing that is added
      'diff --git a/ctx.env b/ctx.env', '--- a/ctx.env', '+++ b/ctx.env', '@@ -1,2 +1,2 @@', ` ${'c'.repeat(5000)}`, `-${'d'.repeat(5000)}`, '+C=1',
      '',
    ].join('\n'));
    for (const size of [0, 64, 1000]) {
      const { files } = read(patch, size, { maxLine: 1000, maxFile: 4000 });
      assert.deepStrictEqual(files.map(f => [f.path, f.capped, f.longLines]), [['long.env', true, 1], ['many.env', true, 0], ['ctx.env', false, 0]], `chunks of ${size}`);
      assert.strictEqual(files[0].lines[0].length, 999, 'the first 1000 characters of the line, less its + sign');
      assert.ok(files[0].lines[0].startsWith(key));
      assert.deepStrictEqual(files[0].lines[1], 'B=1', 'the next line is read whole');
      assert.ok(files[1].lines.join('\n').length <= 4000 + files[1].lines.length);
      assert.deepStrictEqual(files[2].lines, ['c'.repeat(999), 'C=1']);
    }
    const collector = new KeyCollector();
    for (const f of read(patch, 64, { maxLine: 1000, maxFile: 4000 }).files) { collector.add(f); }
    assert.deepStrictEqual(collector.reports().map(k => k.masked), [`…${LIVE.slice(-4)}`], 'the key in the kept part only');
    assert.deepStrictEqual([collector.cappedCount, collector.longLines, collector.capped.map(c => c.path)], [2, 1, ['long.env', 'many.env']]);
  });
});

describe('ring-keys scan --git: history', function () {
  this.timeout(60000);

  it('finds a key added then deleted, at the commit that added it, "not in the working tree"', async () => {
    const repo = Repo.init();
    repo.commit('readme', { 'README.md': '# demo\n' });
    const added = repo.commit('add client', { 'src/client.ts': `const x = 1;\nconst ringgKey = "${UUID}";\n` });
    repo.commit('read the key from the environment', { 'src/client.ts': 'const x = 1;\nconst apiKey = process.env.RINGG_API_KEY;\n' });
    // the plain scan of the working tree sees nothing: the key only lives in history
    assert.strictEqual((await cli(['scan', repo.dir], repo.dir)).code, 0);
    const r = await historyJson(repo.dir);
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.findings.length, 1);
    const f = r.findings[0];
    assert.deepStrictEqual([f.rule, f.masked, f.commit, f.path, f.line, f.column, f.commits, f.inWorkingTree], ['ringg-api-key', '…e5f6', added, 'src/client.ts', 2, 19, 1, false]);
    assert.strictEqual(r.stats.commits, 3);
    const text = await cli(['scan', '--git'], repo.dir);
    assert.match(text.out, new RegExp(`src/client.ts:2:19: error \\[ringg-api-key\\].*first added in commit ${added.slice(0, 12)}.*in 1 commit; no longer in the working tree, but still in history`));
    assert.match(text.out, /1 distinct key\(s\) found in 3 commit\(s\)/);
    assert.ok(!text.out.includes(UUID) && !text.err.includes(UUID), 'the key is shown masked only');
  });

  it('scans a line or file version past --max-file-size in part, and says so in text and JSON (exit by keys, like a file scan)', async () => {
    const repo = Repo.init();
    const big = repo.commit('bundle', { 'dist/app.min.js': `var k={"X-API-KEY":"${UUID}"};${'var a=1;'.repeat(4000)}var j="RINGYO_API_KEY=${LIVE}";\n` });
    repo.commit('small', { 'a.env': 'A=1\n' });
    const j = await cli(['scan', '--git', '--format', 'json', '--max-file-size', '0.02'], repo.dir);   // 20 KiB: the line is 32 KiB
    assert.strictEqual(j.code, 1, j.err);
    const doc = JSON.parse(j.out) as { findings: JsonFinding[]; capped: Array<{ commit: string; path: string }>; stats: { skipped: { capped: number; longLines: number } } };
    assert.deepStrictEqual(doc.findings.map(f => f.masked), ['…e5f6'], 'the key near the start is found, the one past the bound is not');
    assert.deepStrictEqual(doc.capped, [{ commit: big, path: 'dist/app.min.js' }]);
    assert.deepStrictEqual(doc.stats.skipped, { capped: 1, longLines: 1 });
    assert.match(j.err, /2 changed file version\(s\) \([\d.]+ KiB of patches, 1 too large \(scanned in part: 1 line\(s\) over 0\.02 MiB\)\)/);
    const text = await cli(['scan', '--git', '--max-file-size', '0.02'], repo.dir);
    assert.match(text.out, new RegExp(`dist/app\\.min\\.js: note: scanned only the first 0\\.02 MiB of this file's added text in commit ${big.slice(0, 12)}`));
    assert.match(text.out, /1 too large \(scanned in part/);
    const whole = await historyJson(repo.dir);   // the default bound (16 MiB) reads it all
    assert.deepStrictEqual(whole.findings.map(f => f.masked).sort(), ['…e5f6', `…${LIVE.slice(-4)}`].sort());
  });

  it('reports a key carried by 50 commits once, with count 50 and the first of them', async () => {
    const repo = Repo.init();
    const hashes: string[] = [];
    for (let i = 1; i <= 50; i++) { hashes.push(repo.commit(`v${i}`, { '.env': `RINGYO_API_KEY=${LIVE}  # build ${i}\n` })); }
    repo.commit('unrelated', { 'a.txt': 'hello\n' });
    const r = await historyJson(repo.dir);
    assert.strictEqual(r.findings.length, 1);
    assert.strictEqual(r.findings[0].commits, 50);
    assert.strictEqual(r.findings[0].commit, hashes[0]);
    assert.strictEqual(r.findings[0].inWorkingTree, true);
    assert.strictEqual(r.findings[0].occurrences.length, 50);
  });

  it('finds a key that only a merge\'s second parent added, and one a merge resolution added itself', async () => {
    const repo = Repo.init();
    repo.commit('base', { 'a.ts': 'export const a = 1;\n' });
    repo.git('checkout', '-q', '-b', 'feature');
    const side = repo.commit('side', { 'side.ts': `const headers = { "X-API-KEY": "${UUID}" };\n` });
    repo.git('checkout', '-q', 'main');
    repo.commit('main work', { 'b.ts': 'export const b = 2;\n' });
    repo.tick();
    repo.git('merge', '-q', '--no-ff', '--no-edit', 'feature');
    // an "evil" merge: the key appears only in the merge commit's own content
    repo.git('checkout', '-q', '-b', 'other', 'HEAD~1');
    repo.commit('other', { 'c.ts': 'export const c = 3;\n' });
    repo.git('checkout', '-q', 'main');
    repo.tick();
    repo.git('merge', '-q', '--no-ff', '--no-commit', 'other');
    repo.write('c.ts', `export const c = 3;\nconst RINGYO_KEY = "${LIVE2}";\n`);
    repo.git('add', 'c.ts');
    repo.git('commit', '-q', '--no-edit');
    const merge = repo.git('rev-parse', 'HEAD');
    const r = await historyJson(repo.dir);
    const byMask = new Map(r.findings.map(f => [f.masked, f]));
    assert.strictEqual(byMask.get('…e5f6')?.commit, side, 'the side-branch commit is named');
    assert.strictEqual(byMask.get('…e5f6')?.commits, 1, 'the merge that brings it in does not count again');
    assert.strictEqual(byMask.get('…y4Wb')?.commit, merge, 'a line only the merge resolution added is the merge\'s');
    assert.strictEqual(r.findings.length, 2);
  });

  it('--branches all reaches other branches; --since scans only later commits', async () => {
    const repo = Repo.init();
    const base = repo.commit('base', { 'old.env': `RINGYO_API_KEY=${LIVE}\n` });
    repo.git('checkout', '-q', '-b', 'wip');
    repo.commit('wip', { 'wip.env': `RINGYO_API_KEY=${LIVE2}\n` });
    repo.git('checkout', '-q', 'main');
    repo.commit('more', { 'x.txt': 'x\n' });
    assert.deepStrictEqual((await historyJson(repo.dir)).findings.map(f => f.masked), ['…3tY6']);
    assert.deepStrictEqual((await historyJson(repo.dir, ['--branches', 'all'])).findings.map(f => f.masked).sort(), ['…3tY6', '…y4Wb']);
    const since = await historyJson(repo.dir, ['--since', base]);
    assert.deepStrictEqual([since.code, since.findings.length, since.stats.commits], [0, 0, 1]);
  });

  it('SARIF: valid against the 2.1.0 schema, one result per key, fingerprints stable as history grows', async () => {
    const validate = loadSarifValidator();
    assert.strictEqual(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }).ok, false, 'the validator rejects a broken log');
    const repo = Repo.init();
    repo.commit('one', { 'a.env': `RINGYO_API_KEY=${LIVE}\n` });
    repo.commit('two', { 'b.ts': `const ringgKey = "${UUID}";\n` });
    const first = JSON.parse((await cli(['scan', '--git', '--format', 'sarif'], repo.dir)).out) as { runs: Array<{ results: Array<{ partialFingerprints: Record<string, string>; properties: { commit: string; commits: number } }> }> };
    const v = validate(first);
    assert.ok(v.ok, v.errors);
    repo.commit('three', { 'a.env': `RINGYO_API_KEY=${LIVE}\nMORE=1\n`, 'c.ts': `const ringgKey = "${UUID}"; // again\n` });
    const second = JSON.parse((await cli(['scan', '--git', '--format', 'sarif'], repo.dir)).out) as typeof first;
    const prints = (s: typeof first) => s.runs[0].results.map(r => r.partialFingerprints['ringKeys/v1']).sort();
    assert.strictEqual(first.runs[0].results.length, 2);
    assert.deepStrictEqual(prints(second), prints(first));
    assert.deepStrictEqual(second.runs[0].results.map(r => r.properties.commits).sort(), [1, 2]);
  });

  it('a baseline accepts a key in history too', async () => {
    const repo = Repo.init();
    repo.commit('one', { 'a.env': `RINGYO_API_KEY=${LIVE}\n` });
    assert.strictEqual((await cli(['scan', '--git', '--write-baseline', '.ring-keys-baseline.json'], repo.dir)).code, 0);
    const r = await cli(['scan', '--git'], repo.dir);
    assert.strictEqual(r.code, 0, r.out);
    assert.match(r.out, /No keys found in 1 commit\(s\).*1 accepted by the baseline/);
  });

  it('fails closed with the reason: not a repository, no commits, an unknown --since, git missing', async () => {
    const notRepo = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-norepo-'));
    const a = await cli(['scan', '--git'], notRepo);
    assert.deepStrictEqual([a.code, /not a git repository/.test(a.err)], [2, true], a.err);
    const empty = Repo.init();
    const b = await cli(['scan', '--git'], empty.dir);
    assert.deepStrictEqual([b.code, /no commits/.test(b.err)], [2, true], b.err);
    const repo = Repo.init();
    repo.commit('one', { 'a.txt': 'a\n' });
    const c = await cli(['scan', '--git', '--since', 'no-such-ref'], repo.dir);
    assert.deepStrictEqual([c.code, /no-such-ref does not name a commit/.test(c.err)], [2, true], c.err);
    const d = await cli(['scan', '--git'], repo.dir, { env: { ...gitEnv(), PATH: fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-nopath-')) } });
    assert.deepStrictEqual([d.code, d.err], [2, 'ring-keys scan: git was not found on PATH, so nothing was scanned.\n']);
  });
});

describe('ring-keys scan --staged: the index', function () {
  this.timeout(60000);

  it('scans what is staged, not the working tree (and says how much it scanned)', async () => {
    const repo = Repo.init();
    repo.commit('base', { 'app.ts': 'export const a = 1;\n' });
    // staged with the key, then the working copy cleaned: the commit would still record the key
    repo.write('config.env', `RINGYO_API_KEY=${LIVE}\n`);
    repo.git('add', 'config.env');
    repo.write('config.env', 'RINGYO_API_KEY=${RINGYO_API_KEY}\n');
    const staged = await cli(['scan', '--staged'], repo.dir);
    assert.strictEqual(staged.code, 1);
    assert.match(staged.out, /config\.env:1:16: error \[ringyo-live-key\].*staged for commit/);
    assert.match(staged.out, /1 distinct key\(s\) found in 1 staged file\(s\)/);
    assert.match(staged.err, /Commit blocked/);
    assert.strictEqual((await cli(['scan', repo.dir], repo.dir)).code, 0, 'the working tree itself is clean');
  });

  it('passes a key that is only in the working tree, saying what it scanned', async () => {
    const repo = Repo.init();
    repo.commit('base', { 'app.ts': 'export const a = 1;\n' });
    repo.write('app.ts', 'export const a = 2;\n');
    repo.git('add', 'app.ts');
    repo.write('local.env', `RINGYO_API_KEY=${LIVE}\n`);   // not staged
    const r = await cli(['scan', '--staged'], repo.dir);
    assert.strictEqual(r.code, 0, r.out + r.err);
    assert.match(r.out, /No keys found in 1 staged file\(s\), 1 with added lines \(\d+\.\d KiB of diff\)/);
    assert.strictEqual((await cli(['scan', repo.dir], repo.dir)).code, 1, 'the plain scan does see the working tree');
  });

  it('blocks (exit 2) a commit it could only scan in part, naming the file; a key in the part it read still exits 1', async () => {
    const repo = Repo.init();
    repo.commit('base', { 'app.ts': 'export const a = 1;\n' });
    repo.write('data.json', `{"rows":"${'r'.repeat(40000)}","k":"RINGYO_API_KEY=${LIVE}"}\n`);
    repo.git('add', 'data.json');
    const r = await cli(['scan', '--staged', '--max-file-size', '0.02'], repo.dir);
    assert.strictEqual(r.code, 2, r.out + r.err);
    assert.match(r.out, /data\.json: note: scanned only the first 0\.02 MiB of this file's added text\n/);
    assert.match(r.err, /1 too large \(scanned in part: 1 line\(s\) over 0\.02 MiB\): a key past the first 0\.02 MiB would not be seen, so the commit is blocked\./);
    assert.strictEqual((await cli(['scan', '--staged'], repo.dir)).code, 1, 'the default bound reads the whole line: the key');
    repo.write('key.env', `RINGYO_API_KEY=${LIVE2}\n`); repo.git('add', 'key.env');
    assert.strictEqual((await cli(['scan', '--staged', '--max-file-size', '0.02'], repo.dir)).code, 1);
  });

  it('the installed pre-commit hook is quiet on a clean commit and still prints what blocks one; by hand, --staged still says what it scanned', async () => {
    const repo = Repo.init();
    repo.commit('base', { 'app.ts': 'export const a = 1;\n' });
    assert.strictEqual(runCli(['hook', 'install', '--pre-commit'], repo.dir).status, 0);
    repo.write('app.ts', 'export const a = 2;\n');
    repo.git('add', 'app.ts');
    const clean = repo.tryGit(['commit', '-q', '-m', 'clean']);
    assert.strictEqual(clean.status, 0, clean.stderr);
    assert.strictEqual(clean.stdout + clean.stderr, '', 'nothing printed on a clean commit');
    // the same check run by hand still reports, and --quiet prints nothing but keeps the exit status
    repo.write('app.ts', 'export const a = 3;\n');
    repo.git('add', 'app.ts');
    assert.match((await cli(['scan', '--staged'], repo.dir)).out, /No keys found in 1 staged file\(s\)/);
    const quiet = await cli(['scan', '--staged', '--quiet'], repo.dir);
    assert.deepStrictEqual([quiet.code, quiet.out, quiet.err], [0, '', '']);
    repo.write('k.env', `RINGYO_API_KEY=${LIVE}\n`);
    repo.git('add', 'k.env');
    const blocked = repo.tryGit(['commit', '-q', '-m', 'key']);
    assert.strictEqual(blocked.status, 1);
    // (git shows a hook's standard output on its standard error)
    assert.match(blocked.stdout + blocked.stderr, /k\.env:1:16: error \[ringyo-live-key\].*staged for commit/);
    assert.match(blocked.stdout + blocked.stderr, /1 distinct key\(s\) found in 2 staged file\(s\)/);
    assert.match(blocked.stderr, /Commit blocked/);
    const found = await cli(['scan', '--staged', '--quiet'], repo.dir);
    assert.strictEqual(found.code, 1, 'a key found under --quiet: exit 1 and the report');
    assert.match(found.out, /k\.env:1:16: error \[ringyo-live-key\]/);
    // a scan in part blocks, so --quiet says why
    repo.git('rm', '-q', '--cached', 'k.env');
    repo.write('data.json', `{"rows":"${'r'.repeat(40000)}"}\n`);
    repo.git('add', 'data.json');
    const part = await cli(['scan', '--staged', '--quiet', '--max-file-size', '0.02'], repo.dir);
    assert.strictEqual(part.code, 2);
    assert.match(part.out, /data\.json: note: scanned only the first 0\.02 MiB/);
    assert.match(part.err, /so the commit is blocked/);
  });

  it('scans the first commit of a repository (nothing to diff against yet)', async () => {
    const repo = Repo.init();
    repo.write('a.env', `RINGYO_API_KEY=${LIVE}\n`);
    repo.git('add', 'a.env');
    assert.strictEqual((await cli(['scan', '--staged'], repo.dir)).code, 1);
  });
});

describe('ring-keys scan --pre-push and hooks', function () {
  this.timeout(120000);

  function pushSetup(): { remote: Repo; repo: Repo; commits: string[] } {
    const remote = Repo.init({ bare: true });
    const seed = Repo.init();
    seed.commit('base', { 'app.ts': 'export const a = 1;\n' });
    seed.git('remote', 'add', 'origin', remote.dir);
    seed.git('push', '-q', 'origin', 'main');
    const repo = Repo.clone(remote.dir);
    const commits = [
      repo.commit('add key', { 'src/client.ts': `const ringgKey = "${UUID}";\n` }),
      repo.commit('unrelated', { 'docs.md': '# docs\n' }),
      repo.commit('remove key', { 'src/client.ts': 'const apiKey = process.env.RINGG_API_KEY;\n' }),
    ];
    return { remote, repo, commits };
  }

  it('blocks a push of three commits whose first adds the key and third removes it, naming the first', async () => {
    const { repo, commits } = pushSetup();
    const remoteHead = repo.git('rev-parse', 'origin/main');
    const stdin = `refs/heads/main ${commits[2]} refs/heads/main ${remoteHead}\n`;
    const r = await cli(['scan', '--pre-push', 'origin', 'url'], repo.dir, { stdin });
    assert.strictEqual(r.code, 1);
    assert.match(r.out, /No keys|1 distinct key\(s\) found in 3 commit\(s\)/);
    assert.match(r.err, new RegExp(`…e5f6 \\(Ringg AI API key\\) introduced by commit ${commits[0].slice(0, 12)} in src/client.ts:1`));
    assert.match(r.err, new RegExp(`git rebase -i ${commits[0].slice(0, 12)}~1`));
    assert.match(r.err, /Deleting the key in a newer commit is not enough/);
  });

  it('the installed pre-push hook blocks the real push; the remote never gets the commits', () => {
    const { remote, repo, commits } = pushSetup();
    const inst = runCli(['hook', 'install', '--pre-push'], repo.dir);
    assert.strictEqual(inst.status, 0, inst.stderr);
    assert.strictEqual(inst.stdout, `Installed pre-push hook: ${path.join(fs.realpathSync(repo.dir), '.git', 'hooks', 'pre-push')}\n`);
    const push = repo.tryGit(['push', 'origin', 'main']);
    assert.notStrictEqual(push.status, 0);
    assert.match(push.stderr, new RegExp(`introduced by commit ${commits[0].slice(0, 12)}`));
    assert.notStrictEqual(remote.git('rev-parse', 'main'), commits[2]);
    // a new branch (nothing on the remote to compare with): still only the commits the remote lacks
    repo.git('checkout', '-q', '-b', 'topic', 'origin/main');
    repo.commit('clean work', { 'x.ts': 'export const x = 1;\n' });
    const clean = repo.tryGit(['push', 'origin', 'topic']);
    assert.strictEqual(clean.status, 0, clean.stderr);
    // a hook is quiet on success: git's own lines only, nothing from ring-keys
    assert.doesNotMatch(clean.stdout + clean.stderr, /ring-keys scan|No keys found|commit\(s\)/);
    assert.match(repo.git('ls-remote', 'origin', 'topic'), /refs\/heads\/topic/, 'the push went through');
  });

  it('a push to a URL scans what that destination is not known to have: a key commit already on origin still blocks', () => {
    const { repo, commits } = pushSetup();
    repo.git('push', '-q', 'origin', 'main');   // the key commits are on origin (no hook yet)
    assert.strictEqual(runCli(['hook', 'install', '--pre-push'], repo.dir).status, 0);
    const pub = Repo.init({ bare: true });
    const push = repo.tryGit(['push', `file://${pub.dir}`, 'HEAD:main']);
    assert.notStrictEqual(push.status, 0, push.stdout + push.stderr);
    assert.match(push.stdout + push.stderr, /1 distinct key\(s\) found in 4 commit\(s\)/, 'all history: nothing is known at a URL');
    assert.match(push.stderr, new RegExp(`introduced by commit ${commits[0].slice(0, 12)}`));
    assert.strictEqual(pub.tryGit(['rev-parse', '--verify', '--quiet', 'main']).status, 1, 'the new repository got nothing');
    // what git says the URL already has (its old value) is not scanned again
    const has = `refs/heads/main ${commits[2]} refs/heads/main ${commits[2]}\n`;
    const same = runCli(['scan', '--pre-push', `file://${pub.dir}`, `file://${pub.dir}`], repo.dir);
    assert.strictEqual(same.status, 2, 'no input: blocked');
    const known = spawnSync(process.execPath, [CLI, 'scan', '--pre-push', `file://${pub.dir}`, `file://${pub.dir}`], { cwd: repo.dir, env: gitEnv(), encoding: 'utf8', input: has });
    assert.strictEqual(known.status, 0, known.stdout + known.stderr);
    assert.match(known.stdout, /No keys found in 0 commit\(s\)/);
  });

  it('pushing to origin what it already has reports nothing: the same branch, or a new branch at a commit origin has', async () => {
    const { repo, commits } = pushSetup();
    repo.git('push', '-q', 'origin', 'main');
    const again = await cli(['scan', '--pre-push', 'origin', 'url'], repo.dir, { stdin: `refs/heads/main ${commits[2]} refs/heads/main ${commits[2]}\n` });
    assert.deepStrictEqual([again.code, again.err], [0, '']);
    assert.match(again.out, /No keys found in 0 commit\(s\)/);
    const copy = await cli(['scan', '--pre-push', 'origin', 'url'], repo.dir, { stdin: `refs/heads/copy ${commits[2]} refs/heads/copy ${'0'.repeat(40)}\n` });
    assert.strictEqual(copy.code, 0, copy.out + copy.err);
    assert.match(copy.out, /No keys found in 0 commit\(s\)/, 'origin\'s tracking refs are known to be there');
  });

  it('a named remote excludes only its own remote-tracking refs, not those of other remotes (nor pub/mirror\'s for pub)', async () => {
    const { remote, repo, commits } = pushSetup();
    repo.git('push', '-q', 'origin', 'main');
    const pub = Repo.init({ bare: true });
    const seedHead = repo.git('rev-parse', `${commits[0]}~1`);
    repo.git('push', '-q', '--no-verify', pub.dir, `${seedHead}:refs/heads/main`);
    repo.git('remote', 'add', 'pub', pub.dir);
    repo.git('remote', 'add', 'pub/mirror', remote.dir);   // has the key commits: its refs are not pub's
    repo.git('fetch', '-q', 'pub'); repo.git('fetch', '-q', 'pub/mirror');
    assert.strictEqual(repo.git('rev-parse', 'refs/remotes/pub/mirror/main'), commits[2]);
    const newBranch = `refs/heads/main ${commits[2]} refs/heads/main ${'0'.repeat(40)}\n`;
    const toPub = await cli(['scan', '--pre-push', 'pub', pub.dir], repo.dir, { stdin: newBranch });
    assert.strictEqual(toPub.code, 1, toPub.out + toPub.err);
    assert.match(toPub.out, /1 distinct key\(s\) found in 3 commit\(s\)/, 'pub lacks the three commits (its main is their parent)');
    const toMirror = await cli(['scan', '--pre-push', 'pub/mirror', remote.dir], repo.dir, { stdin: newBranch });
    assert.strictEqual(toMirror.code, 0, toMirror.out + toMirror.err);
    assert.match(toMirror.out, /No keys found in 0 commit\(s\)/);
    const unknownName = await cli(['scan', '--pre-push', 'nowhere', 'nowhere'], repo.dir, { stdin: newBranch });
    assert.match(unknownName.out, /1 distinct key\(s\) found in 4 commit\(s\)/, 'a name that is no configured remote knows nothing');
  });

  it('--pre-push fails closed on empty input or an unknown commit', async () => {
    const { repo } = pushSetup();
    const empty = await cli(['scan', '--pre-push'], repo.dir, { stdin: '' });
    assert.deepStrictEqual([empty.code, /read no ref updates.*The push is blocked/.test(empty.err)], [2, true], empty.err);
    const unknown = await cli(['scan', '--pre-push'], repo.dir, { stdin: `refs/heads/main ${'1'.repeat(40)} refs/heads/main ${'0'.repeat(40)}\n` });
    assert.deepStrictEqual([unknown.code, /is not in this repository/.test(unknown.err)], [2, true], unknown.err);
  });

  it('hook install honours core.hooksPath and the pre-commit hook blocks a staged key', () => {
    const repo = Repo.init();
    repo.commit('base', { 'a.ts': 'export const a = 1;\n' });
    repo.git('config', 'core.hooksPath', '.githooks');
    const inst = runCli(['hook', 'install', '--pre-commit'], repo.dir);
    assert.strictEqual(inst.status, 0, inst.stderr);
    assert.ok(fs.existsSync(path.join(repo.dir, '.githooks', 'pre-commit')));
    assert.ok(!fs.existsSync(path.join(repo.dir, '.git', 'hooks', 'pre-commit')));
    repo.write('b.env', `RINGYO_API_KEY=${LIVE}\n`);
    repo.git('add', 'b.env');
    const blocked = repo.tryGit(['commit', '-m', 'add key']);
    assert.notStrictEqual(blocked.status, 0);
    assert.match(blocked.stdout + blocked.stderr, /b\.env:1:16: error \[ringyo-live-key\]/);
    repo.git('rm', '-q', '--cached', 'b.env');
    repo.write('c.ts', 'export const c = 3;\n');
    repo.git('add', 'c.ts');
    const ok = repo.tryGit(['commit', '-m', 'clean']);
    assert.strictEqual(ok.status, 0, ok.stderr);
    assert.doesNotMatch(ok.stdout + ok.stderr, /ring-keys scan|No keys found/, 'the hook is quiet on a clean commit');
  });

  it('chains an existing hook: it still runs first and can still block; installing again does not chain twice', () => {
    const repo = Repo.init();
    repo.commit('base', { 'a.ts': 'export const a = 1;\n' });
    const hook = path.join(repo.dir, '.git', 'hooks', 'pre-commit');
    fs.writeFileSync(hook, '#!/bin/sh\necho ran >> "$(git rev-parse --git-dir)/existing-hook-ran"\n[ ! -f STOP ] || { echo "existing hook says stop" >&2; exit 3; }\n', { mode: 0o755 });
    assert.strictEqual(runCli(['hook', 'install', '--pre-commit'], repo.dir).status, 0);
    const again = runCli(['hook', 'install', '--pre-commit'], repo.dir);
    assert.match(again.stdout, /^Updated pre-commit hook: \/.*\/\.git\/hooks\/pre-commit \(runs \/.*\/\.git\/hooks\/pre-commit\.ring-keys-chained first\)\n$/);
    assert.match(fs.readFileSync(path.join(repo.dir, '.git', 'hooks', 'pre-commit.ring-keys-chained'), 'utf8'), /existing-hook-ran/);
    repo.write('b.ts', 'export const b = 2;\n'); repo.git('add', 'b.ts');
    assert.strictEqual(repo.tryGit(['commit', '-m', 'clean']).status, 0);
    assert.strictEqual(fs.readFileSync(path.join(repo.dir, '.git', 'existing-hook-ran'), 'utf8'), 'ran\n');
    repo.write('STOP', ''); repo.git('add', 'STOP');
    const stopped = repo.tryGit(['commit', '-m', 'stop']);
    assert.strictEqual(stopped.status, 1);
    assert.match(stopped.stderr, /existing hook says stop/);
    repo.git('rm', '-q', '--cached', 'STOP'); fs.rmSync(path.join(repo.dir, 'STOP'));
    repo.write('k.env', `RINGYO_API_KEY=${LIVE}\n`); repo.git('add', 'k.env');
    assert.notStrictEqual(repo.tryGit(['commit', '-m', 'key']).status, 0, 'ours still runs after the chained one passes');
  });

  it('hooks run with git missing from PATH fail closed with the reason', () => {
    const repo = Repo.init();
    repo.commit('base', { 'a.ts': 'export const a = 1;\n' });
    assert.strictEqual(runCli(['hook', 'install'], repo.dir).status, 0);
    const emptyPath = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-nopath-'));
    const env = { ...gitEnv(), PATH: emptyPath };
    const pre = spawnSync('/bin/sh', [path.join(repo.dir, '.git', 'hooks', 'pre-commit')], { cwd: repo.dir, env, encoding: 'utf8' });
    assert.strictEqual(pre.status, 2, pre.stderr);
    assert.match(pre.stderr, /git was not found on PATH, so nothing was scanned\. The commit is blocked\./);
    const head = repo.git('rev-parse', 'HEAD');
    const push = spawnSync('/bin/sh', [path.join(repo.dir, '.git', 'hooks', 'pre-push'), 'origin', 'url'], {
      cwd: repo.dir, env, encoding: 'utf8', input: `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`,
    });
    assert.strictEqual(push.status, 2, push.stderr);
    assert.match(push.stderr, /git was not found on PATH, so nothing was scanned\. The push is blocked\./);
  });
});

describe('the GitHub Action\'s script (action.yml runs action/scan.sh)', function () {
  this.timeout(60000);

  it('action.yml runs the script that is tested here, and docs/git.md shows the workflow to copy', () => {
    const action = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
    assert.match(action, /using: composite/);
    assert.match(action, /run: bash "\$GITHUB_ACTION_PATH\/action\/scan\.sh"/);
    assert.match(action, /RING_KEYS_CLI: \$\{\{ github\.action_path \}\}\/dist\/cli\.js/);
    assert.match(action, /github\/codeql-action\/upload-sarif@v3/);
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'git.md'), 'utf8');
    assert.match(doc, /uses: ring-keys\/ring-keys@v1/);
    assert.match(doc, /fetch-depth: 0/);
    assert.match(doc, /security-events: write/);
    assert.match(doc, /action\/scan\.sh/, 'the GitLab snippet runs the same script');
  });

  it('on a pull request: scans the PR\'s commits only, writes SARIF valid against 2.1.0, annotates, reports exit-code 1', () => {
    const repo = Repo.init();
    const base = repo.commit('base with an old key', { 'old.env': `RINGYO_API_KEY=${LIVE2}\n` });
    repo.git('checkout', '-q', '-b', 'pr');
    const added = repo.commit('pr adds a key', { 'src/client.ts': `const ringgKey = "${UUID}";\n` });
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-action-'));
    const event = path.join(work, 'event.json');
    fs.writeFileSync(event, JSON.stringify({ pull_request: { base: { sha: base }, head: { sha: added } } }));
    const output = path.join(work, 'output');
    fs.writeFileSync(output, '');
    const sarif = path.join(work, 'ring-keys.sarif');
    const r = spawnSync('bash', [path.join(ROOT, 'action', 'scan.sh')], {
      cwd: repo.dir, encoding: 'utf8',
      env: { ...gitEnv(), RING_KEYS_CLI: CLI, RING_KEYS_NODE: process.execPath, RING_KEYS_SARIF: sarif, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event, GITHUB_OUTPUT: output },
    });
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`scanning the commits after ${base.slice(0, 12)}`));
    assert.match(r.stdout, /::error file=src\/client\.ts,line=1,col=19,title=Ring Keys%3A Ringg AI API key::Ringg AI API key …e5f6/);
    assert.ok(!r.stdout.includes('old.env'), 'the key already on the base branch is not the PR\'s');
    assert.match(fs.readFileSync(output, 'utf8'), new RegExp(`exit-code=1\nsarif-file=${sarif.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const doc = JSON.parse(fs.readFileSync(sarif, 'utf8')) as { runs: Array<{ results: Array<{ properties: { commit: string } }> }> };
    const v = loadSarifValidator()(doc);
    assert.ok(v.ok, v.errors);
    assert.deepStrictEqual(doc.runs[0].results.map(x => x.properties.commit), [added]);
    assert.ok(!fs.readFileSync(sarif, 'utf8').includes(UUID));
  });

  it('fails the step (exit 2) when the history is missing, e.g. a shallow clone without the base', () => {
    const repo = Repo.init();
    repo.commit('only', { 'a.txt': 'a\n' });
    const r = spawnSync('bash', [path.join(ROOT, 'action', 'scan.sh')], {
      cwd: repo.dir, encoding: 'utf8',
      env: { ...gitEnv(), RING_KEYS_CLI: CLI, RING_KEYS_NODE: process.execPath, RING_KEYS_SINCE: 'f'.repeat(40), RING_KEYS_SARIF: path.join(repo.dir, 'out.sarif') },
    });
    assert.strictEqual(r.status, 2);
    assert.match(r.stdout, /::error::ring-keys could not scan.*fetch-depth: 0/);
  });
});
