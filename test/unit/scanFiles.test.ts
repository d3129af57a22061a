// The file list (git's idea of which files count), the reader and the worker pool behind `ring-keys scan` and
// the workspace scan: same findings in the same order whatever the number of threads, ignored paths named on
// the command line, skipped files counted, links not followed, cancel.
import * as assert from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileFeed, scanFile, scanFiles } from '../../src/core/scanner/scanFiles';
import { listFiles } from '../../src/core/scanner/walk';
import { runCli } from './support';

const UUID = '3f6d2c1a-9b7e-4c2d-8e5f-a1b2c3d4e5f6';
const LIVE = 'rg_live_Q7mZ2xK9pL4vN8wR3tY6';

function tree(files: Record<string, string | Buffer>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-files-')));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** git with no user or system configuration but what the test gives it. */
function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8' });
}

const cli = (args: string[], cwd: string) => runCli(args, cwd);

const hasGit = spawnSync('git', ['--version']).status === 0;

describe('scan: the same findings in the same order for any --jobs', () => {
  // 400 files over nested folders, a key in every seventh one, some files with several keys
  const files: Record<string, string> = {};
  for (let i = 0; i < 400; i++) {
    const hex = i.toString(16).padStart(4, '0');
    const key = i % 7 === 0 ? `const apiKey = '3f6d2c1a-9b7e-4c2d-8e5f-a1b2c3d4${hex}';\n` : '';
    const more = i % 21 === 0 ? `token = "${LIVE}${hex}"\nconst agent_id = '${UUID}';\n` : '';
    files[`pkg${i % 5}/sub${i % 3}/file${i}.ts`] = `// file ${i}\n${'const x = 1;\n'.repeat(i % 40)}${key}${more}`;
  }
  let dir: string;
  before(() => { dir = tree(files); });

  for (const format of ['json', 'text', 'sarif']) {
    it(`${format}: --jobs 1 and --jobs 3 print the same report`, async () => {
      const one = await cli(['scan', '--format', format, '--jobs', '1'], dir);
      const three = await cli(['scan', '--format', format, '--jobs', '3'], dir);
      assert.strictEqual(one.code, 1, one.err);
      assert.strictEqual(three.code, 1, three.err);
      assert.strictEqual(three.out, one.out);
      if (format === 'json') {
        const report = JSON.parse(one.out) as { findings: Array<{ path: string; line: number }>; stats: { files: number } };
        assert.strictEqual(report.stats.files, 400);
        assert.strictEqual(report.findings.length, 58 + 20);   // 58 apiKey lines, 20 live keys (the agent_id is an id)
        const paths = report.findings.map(f => `${f.path}:${String(f.line).padStart(4, '0')}`);
        assert.deepStrictEqual(paths, [...paths].sort(), 'files in path order, findings in line order');
      }
    });
  }

  it('starts no more threads than batches: none for a few named files or a small folder, two more for a folder of 400', async () => {
    // the module object itself (an import binding is read-only): the pool looks `Worker` up on it at each start
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const workerThreads = require('node:worker_threads') as { Worker: typeof import('node:worker_threads').Worker };
    const started: unknown[] = [];
    const Original = workerThreads.Worker;
    workerThreads.Worker = class extends Original { constructor(...args: ConstructorParameters<typeof Original>) { super(...args); started.push(this); } };
    try {
      assert.strictEqual((await cli(['scan', '--jobs', '3', 'pkg0/sub0/file0.ts', 'pkg1/sub1/file1.ts'], dir)).code, 1);
      assert.strictEqual(started.length, 0, 'two named files: scanned on the calling thread');
      assert.strictEqual((await cli(['scan', '--jobs', '3', 'pkg0/sub0'], dir)).code, 1);
      assert.strictEqual(started.length, 0, 'a folder of 27 files, less than one batch: scanned on the calling thread');
      assert.strictEqual((await cli(['scan', '--jobs', '3', '.'], dir)).code, 1);
      assert.strictEqual(started.length, 2, 'a folder: the calling thread and two workers');
    } finally {
      workerThreads.Worker = Original;
    }
  });

  it('rejects a --jobs that is not a whole number from 1 to 256', async () => {
    for (const bad of ['0', '-2', '1.5', 'many', '1000']) {
      const r = await cli(['scan', `--jobs=${bad}`], dir);
      assert.strictEqual(r.code, 2, bad);
      assert.match(r.err, /--jobs must be a whole number/);
    }
  });
});

describe('scanFiles and scanFile', () => {
  // 240 files in 12 folders; a key in every fifth, a Ringg host in one, the rest clean
  function keyTree(): { dir: string; list: string[] } {
    const files: Record<string, string> = {};
    for (let i = 0; i < 240; i++) {
      files[`d${i % 12}/f${String(i).padStart(3, '0')}.env`] = i % 5 === 0 ? `RINGG_API_KEY=${UUID}\n` : i === 7 ? 'BASE=https://prod-api.ringg.ai\n' : `LINE=${i}\n`;
    }
    const dir = tree(files);
    return { dir, list: Object.keys(files).map(f => path.join(dir, f)) };
  }

  it('scans a list still being made (a FileFeed) as it grows: the same outcomes as the finished list, on any number of threads', async () => {
    const { list } = keyTree();
    const whole = (await scanFiles(list, { lookForRinggHost: true }, { jobs: 1 })).all();
    assert.strictEqual(whole.filter(r => r!.findings.length === 1).length, 48);
    assert.strictEqual(whole.filter(r => r!.ringgHost).length, 1);
    for (const jobs of [1, 2, 3]) {
      const feed = new FileFeed();
      const scanning = scanFiles(feed, { lookForRinggHost: true }, { jobs });
      // the list arrives a folder's worth at a time, with the event loop turning in between
      for (let i = 0; i < list.length; i += 20) {
        feed.add(list.slice(i, i + 20));
        await new Promise(resolve => setImmediate(resolve));
      }
      feed.end();
      const r = await scanning;
      assert.strictEqual(r.length, list.length);
      assert.deepStrictEqual(r.all(), whole, `--jobs ${jobs}`);
    }
  });

  it('a FileFeed that fails rejects the scan with its error; an empty one ends at once', async () => {
    const { list } = keyTree();
    const feed = new FileFeed();
    const scanning = scanFiles(feed, {}, { jobs: 2 });
    feed.add(list.slice(0, 100));
    feed.fail(new Error('the folder went away'));
    await assert.rejects(scanning, /the folder went away/);
    const empty = new FileFeed();
    const none = scanFiles(empty, {}, { jobs: 2 });
    empty.end();
    assert.strictEqual((await none).length, 0);
  });

  it('keeps a file with nothing to say as its size only, and gives it back whole', async () => {
    const { list } = keyTree();
    const r = await scanFiles(list, {}, { jobs: 2 });
    const clean = r.get(1)!;
    assert.deepStrictEqual(clean, { findings: [], binary: false, capped: false, truncated: false, scannedBytes: fs.statSync(list[1]).size, baselined: 0, ignored: 0 });
    assert.deepStrictEqual(clean, scanFile(list[1], {}));
    assert.deepStrictEqual([...r.notable()].map(([i]) => i), list.flatMap((_, i) => (i % 5 === 0 ? [i] : [])));
    r.set(1, scanFile(list[0], {}));
    assert.strictEqual(r.get(1)!.findings.length, 1);
  });

  it('listFiles passes every file to onFiles once, numbered in the order it passed them', async () => {
    const { dir } = keyTree();
    const passed: string[] = [];
    const l = await listFiles(dir, { onFiles: files => { for (const f of files) { passed.push(f.rel); } } });
    assert.strictEqual(passed.length, 240);
    assert.deepStrictEqual([...passed].sort(), l.files.map(f => f.rel));
    for (const f of l.files) { assert.strictEqual(passed[f.found], f.rel); }
  });

  it('stops on cancel: the files not reached are undefined, and no worker is left behind', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) { files[`f${String(i).padStart(3, '0')}.env`] = `RINGG_API_KEY=${UUID}\n`; }
    const dir = tree(files);
    const list = Object.keys(files).map(f => path.join(dir, f));
    const abort = new AbortController();
    let seen = 0;
    const r = await scanFiles(list, {}, { jobs: 2, offThread: true, signal: abort.signal, onResult: () => { if (++seen === 48) { abort.abort(); } } });
    const done = r.all().filter(Boolean).length;
    assert.ok(done >= 48 && done < 300, `${done} scanned before the cancel took effect`);
    assert.ok(r.all().filter(Boolean).every(x => x!.findings.length === 1));
  });

  it('does not follow a symbolic link, and says why a file was not read', () => {
    const dir = tree({ 'outside/secret.env': `RINGG_API_KEY=${UUID}\n`, 'in/a.txt': 'x' });
    fs.symlinkSync(path.join(dir, 'outside', 'secret.env'), path.join(dir, 'in', 'link.env'));
    assert.strictEqual(scanFile(path.join(dir, 'in', 'link.env'), {}).skipped, 'link');
    assert.strictEqual(scanFile(path.join(dir, 'in', 'gone.env'), {}).skipped, 'ENOENT');
    assert.strictEqual(scanFile(path.join(dir, 'in'), {}).skipped, 'not-file');
    assert.strictEqual(scanFile(path.join(dir, 'outside', 'secret.env'), {}).findings.length, 1);
  });

  it('reads a file larger than its reused buffer whole, and caps one larger than maxBytes', () => {
    const big = `${'x'.repeat(3 * 1024 * 1024)}\nRINGG_API_KEY=${UUID}\n`;
    const dir = tree({ 'big.env': big });
    const r = scanFile(path.join(dir, 'big.env'), {});
    assert.strictEqual(r.scannedBytes, Buffer.byteLength(big));
    assert.strictEqual(r.findings.length, 1);
    const capped = scanFile(path.join(dir, 'big.env'), { maxBytes: 1024 * 1024 });
    assert.strictEqual(capped.capped, true);
    assert.strictEqual(capped.findings.length, 0);
  });
});

describe('which files count: git\'s list in a repository', function () {
  before(function () { if (!hasGit) { this.skip(); } });
  this.timeout(20_000);

  function repo(): string {
    const dir = tree({
      '.gitignore': 'build/\n*.local\nconfig/\n',
      'src/app.ts': `const h = { 'X-API-KEY': '${UUID}' };\n`,
      'config/deploy.env': `RINGYO_API_KEY=${LIVE}\n`,            // tracked though .gitignore names its folder
      'build/out.js': `var k = "${LIVE}";\n`,                      // ignored, untracked
      'notes.local': `RINGG_API_KEY=${UUID}\n`,                     // ignored, untracked
      'draft.py': `API_KEY = "${UUID}"\n`,                          // untracked, not ignored
      'global.txt': `token = "${LIVE}"\n`,                          // ignored by the global excludes file only
      '.vscode-test/demo/leak.ts': `const h = { 'X-API-KEY': '${UUID}' };\n`, // a folder inside an ignored one
    });
    fs.appendFileSync(path.join(dir, '.gitignore'), '.vscode-test/\n');
    git(dir, 'init', '-q');
    git(dir, 'add', '.gitignore', 'src/app.ts');
    git(dir, 'add', '-f', 'config/deploy.env');
    git(dir, 'commit', '-q', '-m', 'init');
    const excludes = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-excludes-')), 'ignore');
    fs.writeFileSync(excludes, 'global.txt\n');
    git(dir, 'config', 'core.excludesFile', excludes);   // what a user's global configuration says
    return dir;
  }

  it('lists tracked files (even when an ignore pattern matches them) and untracked ones git does not ignore', async () => {
    const dir = repo();
    const l = await listFiles(dir);
    assert.strictEqual(l.source, 'git');
    assert.deepStrictEqual(l.files.map(f => f.rel), ['.gitignore', 'config/deploy.env', 'draft.py', 'src/app.ts']);
    // build/ and .vscode-test/ are folders, notes.local, global.txt (core.excludesFile) files
    assert.deepStrictEqual(l.skipped, { ignoredFiles: 2, ignoredFolders: 2 });
  });

  it('ring-keys scan: reports the tracked file that matches .gitignore and says what it skipped', async () => {
    const dir = repo();
    const r = await cli(['scan'], dir);
    assert.strictEqual(r.code, 1, r.err);
    assert.deepStrictEqual(r.out.trim().split('\n').slice(0, -1).map(l => l.split(':')[0]), ['config/deploy.env', 'draft.py', 'src/app.ts']);
    assert.match(r.out, /in 4 file\(s\) \([^)]*0 binary skipped, 2 file\(s\) and 2 folder\(s\) ignored by git\)/);
    const json = JSON.parse((await cli(['scan', '--format', 'json'], dir)).out);
    assert.deepStrictEqual(json.stats.skipped, { ignoredFiles: 2, ignoredFolders: 2, binary: 0, capped: 0, unreadable: 0 });
  });

  it('a folder its repository ignores is scanned as a folder (named on the command line, or as the working folder)', async () => {
    const dir = repo();
    const named = await cli(['scan', '.vscode-test/demo'], dir);
    assert.strictEqual(named.code, 1, named.err);
    assert.match(named.out, /^\.vscode-test\/demo\/leak\.ts:1:27: error \[ringg-api-key\]/);
    const inside = await cli(['scan'], path.join(dir, '.vscode-test', 'demo'));
    assert.strictEqual(inside.code, 1);
    assert.match(inside.out, /^leak\.ts:1:27:/);
    assert.match(inside.out, /in 1 file\(s\)/);
  });

  it('overlapping PATHs: each file is reported once, where its first PATH puts it', async () => {
    const dir = repo();
    const r = await cli(['scan', 'src', '.', 'src/app.ts'], dir);
    assert.strictEqual(r.code, 1, r.err);
    assert.deepStrictEqual(r.out.trim().split('\n').slice(0, -1).map(l => l.split(':')[0]), ['src/app.ts', 'config/deploy.env', 'draft.py']);
    assert.match(r.out, /in 4 file\(s\)/);
  });

  it('an ignored file named on the command line is scanned', async () => {
    const dir = repo();
    const r = await cli(['scan', 'notes.local', 'build'], dir);
    assert.strictEqual(r.code, 1, r.err);
    assert.deepStrictEqual(r.out.trim().split('\n').slice(0, -1).map(l => l.split(':')[0]), ['notes.local', 'build/out.js']);
  });

  it('a tracked file deleted from the work tree is passed over quietly', async () => {
    const dir = repo();
    fs.rmSync(path.join(dir, 'src', 'app.ts'));
    const r = await cli(['scan'], dir);
    assert.strictEqual(r.err, '');
    assert.match(r.out, /in 3 file\(s\)/);
  });

  it('a subfolder of a work tree lists its own files, with the rules of the folders above', async () => {
    const dir = repo();
    fs.mkdirSync(path.join(dir, 'src', 'build'));
    fs.writeFileSync(path.join(dir, 'src', 'build', 'x.js'), 'x');
    fs.writeFileSync(path.join(dir, 'src', 'new.ts'), 'x');
    const l = await listFiles(path.join(dir, 'src'));
    assert.deepStrictEqual(l.files.map(f => f.rel), ['app.ts', 'new.ts']);
    assert.deepStrictEqual(l.skipped, { ignoredFiles: 0, ignoredFolders: 1 });
  });
});

describe('which files count: a folder with no repository', () => {
  it('never says "0 files" with exit 0: a path with nothing to scan is refused with a reason', async () => {
    const dir = tree({ '.gitignore': 'gen/\n', 'gen/a.ts': 'x', 'empty/.keep': '' });
    fs.rmSync(path.join(dir, 'empty', '.keep'));
    const r = await cli(['scan', 'empty'], dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /no files to scan in empty/);
  });

  it('walks every file but .git and what the folder\'s .gitignore files name, counting those', async () => {
    const dir = tree({ '.gitignore': 'gen/\n*.log\n', 'gen/a.ts': 'x', 'gen/b.ts': 'x', 'x.log': 'x', 'a/b/c.ts': 'x', 'z.ts': 'x' });
    const l = await listFiles(dir);
    assert.strictEqual(l.source, 'folder');
    assert.deepStrictEqual(l.files.map(f => f.rel), ['.gitignore', 'a/b/c.ts', 'z.ts']);
    assert.deepStrictEqual(l.skipped, { ignoredFiles: 1, ignoredFolders: 1 });
  });
});

describe('CLI start-up', () => {
  it('a scan loads neither the HTTP client nor the sandbox', () => {
    const dir = tree({ 'a.ts': 'x' });
    const mainJs = path.join(__dirname, '..', '..', 'src', 'cli', 'main.js');
    const script = `require(${JSON.stringify(mainJs)}).main(['scan', ${JSON.stringify(dir)}], { stdout() {}, stderr() {}, env: {}, cwd: ${JSON.stringify(dir)}, stdin: async () => '', onSignal() {} })` +
      `.then(() => console.log(JSON.stringify(Object.keys(require.cache))))`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    const loaded = (JSON.parse(r.stdout) as string[]).map(p => p.split(path.sep).join('/'));
    assert.ok(loaded.some(p => p.endsWith('/cli/scan.js')), 'the scan command is loaded');
    const heavy = loaded.filter(p => /\/core\/http\/client\.js$|\/providers\/clients\.js$|\/sandbox\/|\/node_modules\/undici\/|\/cli\/verify\.js$/.test(p));
    assert.deepStrictEqual(heavy, []);
  });
});
