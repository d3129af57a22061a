// `ring-keys hook install` writes only inside the repository (its git dir or work tree) or a folder the user
// names, never through a symbolic link, replaces only its own hook, and prints the absolute paths it wrote.
// Real git repositories and the built CLI in its own process (the hooks it writes run that CLI).
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, gitEnv, Repo } from './gitRepo';

const LIVE = 'rg_live_Q7mZ2xK9pL4vN8wR3tY6';

function install(args: string[], cwd: string, env: NodeJS.ProcessEnv = gitEnv()): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, 'hook', 'install', ...args], { cwd, env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A repository with one commit, at its real path (so the paths printed can be compared as they are). */
function repo(): Repo {
  const r = Repo.init();
  r.commit('base', { 'a.ts': 'export const a = 1;\n' });
  return new Repo(fs.realpathSync(r.dir));
}

/** A folder outside every repository, as a user's own `~/.local/bin` would be. */
function outside(): string { return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-outside-'))); }

/** Every file under `dir` with its bytes, links as `-> target`: to show that nothing there changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, name);
    const st = fs.lstatSync(p);
    out[name] = st.isSymbolicLink() ? `-> ${fs.readlinkSync(p)}` : st.isFile() ? `${st.mode.toString(8)} ${fs.readFileSync(p, 'base64')}` : 'dir';
  }
  return out;
}

const FOREIGN = '#!/bin/sh\necho "my own tool"\n';

describe('ring-keys hook install: where it writes', function () {
  this.timeout(60000);

  it('refuses a core.hooksPath outside the repository (~/…, absolute, ../..), names it and writes nothing there', () => {
    const home = outside();
    const bin = path.join(home, '.local', 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, 'pre-commit'), FOREIGN, { mode: 0o755 });
    const env = gitEnv({ HOME: home });
    const r = repo();
    const up = outside();
    const forms: Array<[string, string]> = [
      ['~/.local/bin', bin],
      [bin, bin],
      [path.relative(r.dir, up), up],   // ../../…
    ];
    for (const [value, dir] of forms) {
      r.git('config', 'core.hooksPath', value);
      const before = snapshot(dir);
      const gitDirBefore = snapshot(path.join(r.dir, '.git', 'hooks'));
      const res = install([], r.dir, env);
      assert.strictEqual(res.code, 2, `${value}: ${res.out}`);
      assert.strictEqual(res.out, '', value);
      assert.ok(res.err.includes(`core.hooksPath is set to ${JSON.stringify(value)} (in .git/config), which is outside this repository`), res.err);
      assert.ok(res.err.includes(`--hooks-path '${dir}'`), res.err);
      assert.match(res.err, /nothing was written/);
      assert.deepStrictEqual(snapshot(dir), before, `${value}: nothing changed at ${dir}`);
      assert.deepStrictEqual(snapshot(path.join(r.dir, '.git', 'hooks')), gitDirBefore, `${value}: nothing written in .git/hooks either`);
    }
  });

  it('writes a folder outside the repository when it is named with --hooks-path, listing absolute paths', () => {
    const home = outside();
    const bin = path.join(home, '.local', 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, 'pre-commit'), FOREIGN, { mode: 0o755 });
    const r = repo();
    r.git('config', 'core.hooksPath', '~/.local/bin');
    fs.mkdirSync(path.join(r.dir, 'src'));
    const res = install(['--hooks-path', bin], path.join(r.dir, 'src'), gitEnv({ HOME: home }));
    assert.strictEqual(res.code, 0, res.err);
    assert.deepStrictEqual(res.out.split('\n').filter(Boolean), [
      `Installed pre-commit hook: ${bin}/pre-commit (the hook that was there is now ${bin}/pre-commit.ring-keys-chained and runs first)`,
      `Installed pre-push hook: ${bin}/pre-push`,
    ]);
    assert.strictEqual(fs.readFileSync(path.join(bin, 'pre-commit.ring-keys-chained'), 'utf8'), FOREIGN);
    assert.deepStrictEqual(fs.readdirSync(bin).sort(), ['pre-commit', 'pre-commit.ring-keys-chained', 'pre-push']);
    // a relative --hooks-path is taken from the current folder; git does not run hooks there, and says so
    const rel = install(['--pre-commit', '--hooks-path', 'hooks-here'], path.join(r.dir, 'src'), gitEnv({ HOME: home }));
    assert.strictEqual(rel.code, 0, rel.err);
    assert.ok(rel.out.startsWith(`Installed pre-commit hook: ${r.dir}/src/hooks-here/pre-commit\n`), rel.out);
    assert.ok(rel.out.includes(`git runs this repository's hooks from ${bin}`), rel.out);
  });

  it('accepts a core.hooksPath inside the work tree, from the top even when run in a subfolder, and the hook runs', () => {
    const r = repo();
    r.git('config', 'core.hooksPath', '.githooks');
    fs.mkdirSync(path.join(r.dir, 'src'));
    const res = install(['--pre-commit'], path.join(r.dir, 'src'));
    assert.strictEqual(res.code, 0, res.err);
    assert.strictEqual(res.out, `Installed pre-commit hook: ${r.dir}/.githooks/pre-commit\n`);
    assert.ok(!fs.existsSync(path.join(r.dir, 'src', '.githooks')));
    r.write('b.env', `RINGYO_API_KEY=${LIVE}\n`);
    r.git('add', 'b.env');
    const blocked = r.tryGit(['commit', '-m', 'key']);
    assert.notStrictEqual(blocked.status, 0, 'the hook git runs is the one written');
    assert.match(blocked.stdout + blocked.stderr, /b\.env:1:16: error \[ringyo-live-key\]/);
  });

  it('a linked worktree installs into the common git dir, printed as an absolute path', () => {
    const r = repo();
    const wt = path.join(outside(), 'wt');
    r.git('worktree', 'add', '-q', '-b', 'side', wt);
    const res = install(['--pre-commit'], wt);
    assert.strictEqual(res.code, 0, res.err);
    assert.strictEqual(res.out, `Installed pre-commit hook: ${r.dir}/.git/hooks/pre-commit\n`);
    assert.ok(!fs.existsSync(path.join(r.dir, '.git', 'worktrees', 'wt', 'hooks')));
    const w = new Repo(wt);
    w.write('k.env', `RINGYO_API_KEY=${LIVE}\n`);
    w.git('add', 'k.env');
    const blocked = w.tryGit(['commit', '-m', 'key']);
    assert.notStrictEqual(blocked.status, 0, 'the worktree\'s commit runs it');
    assert.match(blocked.stdout + blocked.stderr, /k\.env:1:16: error \[ringyo-live-key\]/);
  });

  it('refuses a dangling symbolic link as the pre-commit hook: its target is not created, no hook is written', () => {
    const r = repo();
    const away = outside();
    const target = path.join(away, 'created-by-hook-install');
    fs.symlinkSync(target, path.join(r.dir, '.git', 'hooks', 'pre-commit'));
    const res = install([], r.dir);
    assert.strictEqual(res.code, 2, res.out);
    assert.ok(res.err.includes(`${r.dir}/.git/hooks/pre-commit is a symbolic link (to ${target})`), res.err);
    assert.ok(!fs.existsSync(target));
    assert.deepStrictEqual(fs.readdirSync(away), []);
    assert.ok(!fs.existsSync(path.join(r.dir, '.git', 'hooks', 'pre-push')), 'pre-push is not written either');
    assert.ok(fs.lstatSync(path.join(r.dir, '.git', 'hooks', 'pre-commit')).isSymbolicLink());
  });

  it('refuses a symbolic link to a file outside, as hook or as chained hook: the file keeps every byte', () => {
    const away = outside();
    const shared = path.join(away, 'shared-hook');
    // a copy of our own hook (it carries our mark), which the old code rewrote through the link
    const bytes = '#!/bin/sh\n# ring-keys hook (pre-push): an old copy kept by hand\nexit 0\n\u00e9\r\n';
    fs.writeFileSync(shared, bytes, { mode: 0o700 });
    for (const name of ['pre-push', 'pre-push.ring-keys-chained']) {
      const r = repo();
      fs.symlinkSync(shared, path.join(r.dir, '.git', 'hooks', name));
      const res = install([], r.dir);
      assert.strictEqual(res.code, 2, `${name}: ${res.out}`);
      assert.ok(res.err.includes(`cannot install pre-push: ${r.dir}/.git/hooks/${name} is a symbolic link`), res.err);
      assert.strictEqual(fs.readFileSync(shared, 'utf8'), bytes);
      assert.strictEqual(fs.statSync(shared).mode & 0o777, 0o700);
      assert.ok(!fs.existsSync(path.join(r.dir, '.git', 'hooks', 'pre-commit')), 'checked before the first hook is written');
    }
  });

  it('refuses a hooks folder that is a symbolic link (.git/hooks, or a core.hooksPath in the work tree)', () => {
    for (const configured of [undefined, '.githooks', 'tools/hooks']) {
      const r = repo();
      const away = outside();
      const link = path.join(r.dir, configured ?? '.git/hooks');
      fs.rmSync(link, { recursive: true, force: true });
      if (configured) { r.git('config', 'core.hooksPath', configured); }
      // for tools/hooks the link is the parent folder
      const linked = configured === 'tools/hooks' ? path.join(r.dir, 'tools') : link;
      fs.symlinkSync(away, linked);
      const res = install([], r.dir);
      assert.strictEqual(res.code, 2, `${configured}: ${res.out}`);
      assert.ok(res.err.includes(`${linked} is a symbolic link (to ${away})`), res.err);
      assert.deepStrictEqual(fs.readdirSync(away), [], `${configured}: nothing written through the link`);
      if (configured === '.githooks') {
        // naming a folder inside the repository does not make its link trusted
        const named = install(['--hooks-path', '.githooks'], r.dir);
        assert.strictEqual(named.code, 2, named.out);
        assert.ok(named.err.includes(`${linked} is a symbolic link (to ${away})`), named.err);
        assert.deepStrictEqual(fs.readdirSync(away), []);
      }
    }
  });

  it('replaces only its own hook: a hook that merely mentions ours is chained, and a chained one is never overwritten', () => {
    const r = repo();
    const hooks = path.join(r.dir, '.git', 'hooks');
    const mention = '#!/bin/sh\n# a wrapper of mine that also runs the # ring-keys hook (pre-commit) kept elsewhere\nexit 0\n';
    fs.writeFileSync(path.join(hooks, 'pre-commit'), mention, { mode: 0o755 });
    const res = install(['--pre-commit'], r.dir);
    assert.strictEqual(res.code, 0, res.err);
    assert.strictEqual(res.out, `Installed pre-commit hook: ${hooks}/pre-commit (the hook that was there is now ${hooks}/pre-commit.ring-keys-chained and runs first)\n`);
    assert.strictEqual(fs.readFileSync(path.join(hooks, 'pre-commit.ring-keys-chained'), 'utf8'), mention);
    const again = install(['--pre-commit'], r.dir);
    assert.strictEqual(again.out, `Updated pre-commit hook: ${hooks}/pre-commit (runs ${hooks}/pre-commit.ring-keys-chained first)\n`);
    // another foreign hook now: the chained name is taken, so nothing moves
    fs.writeFileSync(path.join(hooks, 'pre-commit'), FOREIGN);
    const before = snapshot(hooks);
    const third = install(['--pre-commit'], r.dir);
    assert.strictEqual(third.code, 2);
    assert.match(third.err, /exists and so does .*pre-commit\.ring-keys-chained; move one of them away first/);
    assert.deepStrictEqual(snapshot(hooks), before);
  });
});
