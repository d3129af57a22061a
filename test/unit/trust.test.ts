// The trust boundary: a folder's own git configuration names programs (core.fsmonitor, an external diff, a
// textconv or filter driver, a pager, hooks, a promisor remote's upload-pack, credential and ssh helpers, a
// `git` of its own on a relative PATH entry). Every command of ours that runs git runs it through one runner
// that starts none of them. Each program here writes a marker file; no marker may appear.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/types';
import { GitError, resolveGitProgram, runGit } from '../../src/core/git/git';
import { listFiles, trackedFiles } from '../../src/core/scanner/walk';
import { CLI, gitEnv, Repo } from './gitRepo';

const LIVE = 'rg_live_Q7mZ2xK9pL4vN8wR3tY6';
const LIVE2 = 'rg_live_Zp3Lm8Qr2Vx6Nt9Ky4Wb';

/** The names of the programs a hostile repository sets up, each writing `<markers>/<name>` when run. */
const PROGRAMS = ['fsmonitor', 'diff-external', 'textconv', 'diff-command', 'clean', 'smudge', 'process', 'pager', 'pager-log',
  'gpg', 'credential', 'askpass', 'ssh', 'editor', 'uploadpack', 'hook', 'fake-git'] as const;

function sh(s: string): string { return `'${s.replace(/'/g, `'\\''`)}'`; }

/** A shell command that records that `name` ran, then behaves as `then` (a harmless stand-in for the program). */
function marker(markers: string, name: string, then = 'false'): string {
  return `touch ${sh(path.join(markers, name))}; ${then}`;
}

/**
 * A repository with a key committed, another staged, and every program git could be told to run by the
 * repository's own config or attributes pointed at a marker.
 */
function hostileRepo(): { repo: Repo; markers: string } {
  const markers = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-markers-'));
  const repo = Repo.init();
  repo.commit('first', { 'app.py': `RINGYO_KEY = "${LIVE}"\n`, 'README.md': 'hello\n' });
  repo.commit('attributes', { '.gitattributes': '* diff=evil filter=evil\n' });
  // (before the config is armed) a change in the work tree and one in the index, so that the staged scan and the work-tree grep have work
  repo.write('staged.py', `RINGYO_KEY_2 = "${LIVE2}"\n`);
  repo.git('add', 'staged.py');
  repo.write('README.md', 'hello, changed\n');
  const hooks = path.join(repo.dir, '.githooks');
  fs.mkdirSync(hooks);
  for (const h of ['pre-commit', 'pre-push', 'post-checkout', 'post-index-change', 'reference-transaction', 'fsmonitor-watchman', 'post-rewrite', 'pre-auto-gc']) {
    fs.writeFileSync(path.join(hooks, h), `#!/bin/sh\n${marker(markers, 'hook', 'exit 0')}\n`, { mode: 0o755 });
  }
  const cfg: Record<string, string> = {
    'core.fsmonitor': marker(markers, 'fsmonitor'),
    'diff.external': marker(markers, 'diff-external'),
    'diff.evil.textconv': marker(markers, 'textconv', 'cat "$1"'),
    'diff.evil.command': marker(markers, 'diff-command'),
    'filter.evil.clean': marker(markers, 'clean', 'cat'),
    'filter.evil.smudge': marker(markers, 'smudge', 'cat'),
    'filter.evil.process': marker(markers, 'process'),
    'core.pager': marker(markers, 'pager', 'cat'),
    'pager.log': marker(markers, 'pager-log', 'cat'),
    'log.showSignature': 'true',
    'gpg.program': path.join(markers, 'no-such-gpg'),
    'credential.helper': `!${marker(markers, 'credential')}`,
    'core.askPass': path.join(markers, 'no-such-askpass'),
    'core.sshCommand': marker(markers, 'ssh'),
    'core.editor': marker(markers, 'editor'),
    'core.hooksPath': hooks,
    'core.untrackedCache': 'true',
  };
  for (const [k, v] of Object.entries(cfg)) { repo.git('config', k, v); }
  // gpg.program and core.askPass are run directly (not through a shell): make them scripts
  for (const [file, name] of [['no-such-gpg', 'gpg'], ['no-such-askpass', 'askpass']] as const) {
    fs.writeFileSync(path.join(markers, file), `#!/bin/sh\n${marker(markers, name)}\n`, { mode: 0o755 });
  }
  // a `git` of the folder's own, which a relative PATH entry (or Windows' search of the working folder) would pick
  fs.writeFileSync(path.join(repo.dir, 'git'), `#!/bin/sh\n${marker(markers, 'fake-git', 'exit 1')}\n`, { mode: 0o755 });
  return { repo, markers };
}

/** A partial clone missing a blob that holds a key, whose promisor remote's upload-pack writes a marker. */
function partialClone(): { dir: string; markers: string } {
  const markers = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-markers-'));
  const server = Repo.init();
  server.commit('key', { 'app.py': `RINGYO_KEY = "${LIVE}"\n` });
  server.git('config', 'uploadpack.allowFilter', 'true');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-partial-'));
  spawnSync('git', ['clone', '-q', '--filter=blob:none', '--no-checkout', `file://${server.dir}`, dir], { env: gitEnv(), stdio: 'pipe' });
  spawnSync('git', ['config', 'remote.origin.uploadpack', marker(markers, 'uploadpack', 'git-upload-pack "$@"')], { cwd: dir, env: gitEnv() });
  return { dir, markers };
}

function ran(markers: string): string[] {
  return fs.readdirSync(markers).filter(n => (PROGRAMS as readonly string[]).includes(n));
}

/** The environment a user's shell would have, plus a relative PATH entry first (`.`: the working folder). */
function hostileEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return gitEnv({ PATH: `.${path.delimiter}bin${path.delimiter}${process.env.PATH ?? ''}`, ...extra });
}

async function cli(args: string[], cwd: string, stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = ''; let err = '';
  const io: CliIo = { stdout: s => { out += s; }, stderr: s => { err += s; }, env: hostileEnv(), stdin: async () => stdin, cwd, onSignal: () => undefined };
  const code = await main(args, io);
  return { code, out, err };
}

describe('trust: git never runs a program the repository names', function () {
  this.timeout(60_000);

  it('the hostile repository is armed: plain git runs its programs (the control)', () => {
    const { repo, markers } = hostileRepo();
    // what the old walk did: git on a PATH with `.` first, without our config
    spawnSync('git', ['ls-files'], { cwd: repo.dir, env: hostileEnv(), stdio: 'pipe' });
    spawnSync('git', ['-c', 'core.fsmonitor=false', 'log', '-p', '-1', '--', 'app.py'], { cwd: repo.dir, env: gitEnv({ PAGER: '' }), stdio: 'pipe' });
    const seen = ran(markers);
    assert.ok(seen.includes('fake-git'), `a relative PATH entry picks the folder's git: ${seen.join(', ')}`);
    spawnSync('/bin/sh', ['-c', 'git ls-files >/dev/null; git log -p -1 >/dev/null; git diff --cached >/dev/null; git diff HEAD~1 HEAD >/dev/null'], { cwd: repo.dir, env: gitEnv(), stdio: 'pipe' });
    const after = ran(markers);
    for (const p of ['fsmonitor', 'process']) { assert.ok(after.includes(p), `plain git ran ${p}: ${after.join(', ')}`); }
  });

  it('`scan <folder>` (git\'s file list) runs nothing the repository names', async () => {
    const { repo, markers } = hostileRepo();
    const r = await cli(['scan', '--format', 'json', '.'], repo.dir);
    assert.strictEqual(r.code, 1, r.err);
    assert.ok(JSON.parse(r.out).findings.some((f: { path: string }) => f.path === 'app.py'), 'the committed key is found through git\'s list');
    assert.deepStrictEqual(ran(markers), []);
  });

  it('`scan --git`, `--staged` and `--pre-push` run nothing the repository names', async () => {
    const { repo, markers } = hostileRepo();
    const git = await cli(['scan', '--git', '--format', 'json'], repo.dir);
    assert.strictEqual(git.code, 1, git.err);
    assert.strictEqual(JSON.parse(git.out).findings.length, 1, 'the history key');
    const staged = await cli(['scan', '--staged', '--format', 'json'], repo.dir);
    assert.strictEqual(staged.code, 1, staged.err);
    const head = repo.git('rev-parse', 'HEAD');
    const push = await cli(['scan', '--pre-push', '--format', 'json', 'origin', 'file:///nowhere.git'], repo.dir, `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`);
    assert.strictEqual(push.code, 1, push.err);
    assert.deepStrictEqual(ran(markers), []);
  });

  it('`hook install` runs nothing the repository names', async () => {
    const { repo, markers } = hostileRepo();
    await cli(['hook', 'install', '--hooks-path', path.join(repo.dir, '.git', 'hooks')], repo.dir);
    await cli(['hook', 'install'], repo.dir);
    assert.deepStrictEqual(ran(markers), []);
  });

  it('the built CLI, as a hook or CI starts it with `.` first on PATH, runs the git from PATH, not the folder\'s', () => {
    const { repo, markers } = hostileRepo();
    for (const args of [['scan', '.'], ['scan', '--git'], ['scan', '--staged']]) {
      const r = spawnSync(process.execPath, [CLI, ...args], { cwd: repo.dir, env: hostileEnv(), encoding: 'utf8' });
      assert.strictEqual(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    }
    assert.deepStrictEqual(ran(markers), []);
  });

  it('the walk and the tracked-file list (the editor\'s paths) run nothing the repository names', async () => {
    const { repo, markers } = hostileRepo();
    const list = await listFiles(repo.dir);
    assert.strictEqual(list.source, 'git');
    assert.ok(list.files.some(f => f.rel === 'app.py'));
    const tracked = await trackedFiles(repo.dir);
    assert.ok(tracked?.has('app.py'));
    assert.deepStrictEqual(ran(markers), []);
  });

  it('with git turned off (Restricted Mode), the walk starts no git at all and still honours .gitignore', async () => {
    const { repo, markers } = hostileRepo();
    fs.writeFileSync(path.join(repo.dir, '.gitignore'), 'ignored/\n');
    fs.mkdirSync(path.join(repo.dir, 'ignored'));
    fs.writeFileSync(path.join(repo.dir, 'ignored', 'k.py'), `K = "${LIVE}"\n`);
    // a PATH whose only git is the folder's own marker: any git started at all would leave it
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-bin-'));
    fs.copyFileSync(path.join(repo.dir, 'git'), path.join(bin, 'git'));
    fs.chmodSync(path.join(bin, 'git'), 0o755);
    const saved = process.env.PATH;
    process.env.PATH = bin;
    try {
      const list = await listFiles(repo.dir, { git: false });
      assert.strictEqual(list.source, 'folder');
      assert.ok(list.files.some(f => f.rel === 'app.py'));
      assert.ok(!list.files.some(f => f.rel.startsWith('ignored/')), 'the ignored folder is left out without git');
      assert.strictEqual(await trackedFiles(repo.dir, { git: false }), undefined);
    } finally {
      process.env.PATH = saved;
    }
    assert.deepStrictEqual(ran(markers), []);
  });

  it('a partial clone\'s missing object is never fetched: the history scan refuses with a clear reason', async () => {
    const { dir, markers } = partialClone();
    const r = await cli(['scan', '--git'], dir);
    assert.strictEqual(r.code, 2, r.out + r.err);
    assert.match(r.err, /never fetches|partial clone/);
    assert.deepStrictEqual(ran(markers), []);
    // the control: plain git does fetch, running the configured upload-pack
    spawnSync('git', ['log', '-p'], { cwd: dir, env: gitEnv(), stdio: 'pipe' });
    assert.deepStrictEqual(ran(markers), ['uploadpack']);
  });

  it('runGit reports a missing object as such, and resolves git to an absolute path from absolute PATH folders only', async () => {
    const { dir } = partialClone();
    await assert.rejects(runGit(['log', '-p'], { cwd: dir, env: gitEnv() }), (e: unknown) => e instanceof GitError && e.code === 'missing-objects');
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-bin-'));
    fs.writeFileSync(path.join(bin, 'git'), '#!/bin/sh\n', { mode: 0o755 });
    assert.strictEqual(resolveGitProgram({ PATH: `.${path.delimiter}rel${path.delimiter}${bin}` }), path.join(bin, 'git'));
    assert.strictEqual(resolveGitProgram({ PATH: `.${path.delimiter}rel` }), undefined);
    await assert.rejects(runGit(['--version'], { cwd: bin, env: { PATH: '.' } }), (e: unknown) => e instanceof GitError && e.code === 'git-missing');
  });
});

describe('trust: a baseline is never written through a link a folder planted', function () {
  this.timeout(60_000);

  it('`--write-baseline` refuses a symbolic link (dangling or not) and a second hard link; the target keeps every byte', async () => {
    const { writeFileNoFollow, UnsafeWriteError } = await import('../../src/core/safeWrite');
    const repo = Repo.init();
    repo.commit('key', { 'app.py': `RINGYO_KEY = "${LIVE}"\n` });
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-outside-'));
    const profile = path.join(outside, '.profile');
    fs.writeFileSync(profile, 'export PATH=/usr/bin\n');
    fs.symlinkSync(profile, path.join(repo.dir, '.ring-keys-baseline.json'));
    for (const args of [['scan', '--write-baseline', '.ring-keys-baseline.json', '.'], ['scan', '--git', '--write-baseline', '.ring-keys-baseline.json']]) {
      const r = await cli(args, repo.dir);
      assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.out}${r.err}`);
      assert.match(r.out + r.err, /symbolic link|cannot read the baseline/);
      assert.strictEqual(fs.readFileSync(profile, 'utf8'), 'export PATH=/usr/bin\n', 'the link\'s target is unchanged');
    }
    // a dangling link: its target is not created
    fs.rmSync(path.join(repo.dir, '.ring-keys-baseline.json'));
    fs.symlinkSync(path.join(outside, 'created-through-link'), path.join(repo.dir, '.ring-keys-baseline.json'));
    assert.strictEqual((await cli(['scan', '--write-baseline', '.ring-keys-baseline.json', '.'], repo.dir)).code, 2);
    assert.ok(!fs.existsSync(path.join(outside, 'created-through-link')));
    // the write itself checks (what a link swapped in after the path was confined meets)
    assert.throws(() => writeFileNoFollow(path.join(repo.dir, '.ring-keys-baseline.json'), '{}'), (e: unknown) => e instanceof UnsafeWriteError);
    assert.ok(!fs.existsSync(path.join(outside, 'created-through-link')));
    // a hard link to a file elsewhere
    const hard = path.join(repo.dir, 'hard.json');
    fs.linkSync(profile, hard);
    assert.throws(() => writeFileNoFollow(hard, '{}'), (e: unknown) => e instanceof UnsafeWriteError);
    assert.strictEqual(fs.readFileSync(profile, 'utf8'), 'export PATH=/usr/bin\n');
    // and an ordinary file is written
    fs.rmSync(path.join(repo.dir, '.ring-keys-baseline.json'));
    assert.strictEqual((await cli(['scan', '--write-baseline', '.ring-keys-baseline.json', '.'], repo.dir)).code, 0);
    assert.match(fs.readFileSync(path.join(repo.dir, '.ring-keys-baseline.json'), 'utf8'), /ringyo/);
  });
});
