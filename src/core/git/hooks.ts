// Git hooks that run `ring-keys scan --staged` (pre-commit) and `--pre-push`. Written where git looks for
// hooks (`core.hooksPath` honoured when it lies inside the repository); an existing hook is kept and run first
// (chained), never replaced. The hook fails closed: no ring-keys, no git, or a scan that could not run blocks
// the commit or push.
// What a repository's config may choose is bounded: hooks are written only inside its git dir or its work tree
// (a folder elsewhere only when the user names it), never through a symbolic link, and the only file replaced
// is one of ours; every name is checked with lstat just before it is written and created exclusively.
// No `vscode` import.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runGit, type GitOptions } from './git';

export type HookKind = 'pre-commit' | 'pre-push';

/** Marks a hook file as ours (re-installing rewrites it instead of chaining it to itself). */
export const HOOK_MARK = '# ring-keys hook';
/** The name an existing hook is moved to, run first by ours. */
export const chainedName = (kind: HookKind) => `${kind}.ring-keys-chained`;

export interface HookCommand {
  /** Absolute path of the node binary and of the CLI script, used when `ring-keys` is not on PATH. */
  readonly node: string;
  readonly cli: string;
}

export interface HookInstall {
  readonly kind: HookKind;
  readonly file: string;
  /** The previous hook, now run first; undefined when there was none. */
  readonly chained?: string;
  /** True when this install moved a hook that was there to `chained`. */
  readonly chainedNow?: boolean;
  readonly updated: boolean;
}

/** Single-quotes a value for sh. */
function shQuote(s: string): string { return `'${s.replace(/'/g, `'\\''`)}'`; }

/** The hook script. Only sh builtins before ring-keys runs, so a PATH without the usual tools still works. */
export function hookScript(kind: HookKind, cmd: HookCommand): string {
  // quiet on success: a clean commit or push prints nothing; findings and what blocks are printed
  const args = kind === 'pre-commit' ? 'scan --staged --quiet' : 'scan --pre-push --quiet "$@"';
  const chained = chainedName(kind);
  const lines = [
    '#!/bin/sh',
    `${HOOK_MARK} (${kind}): blocks a ${kind === 'pre-commit' ? 'commit' : 'push'} that would add a Ringg AI, Ringyo AI or Ring Tonic key.`,
    '# Written by `ring-keys hook install`; a hook that was here before is kept as ' + chained + ' and runs first.',
    'hooks_dir=${0%/*}',
  ];
  if (kind === 'pre-push') {
    lines.push(
      '# git sends the refs being pushed on standard input: keep them for both hooks',
      'refs=',
      'while IFS= read -r line || [ -n "$line" ]; do refs="$refs$line',
      '"; done',
      `if [ -x "$hooks_dir/${chained}" ]; then printf '%s' "$refs" | "$hooks_dir/${chained}" "$@" || exit $?; fi`,
    );
  } else {
    lines.push(`if [ -x "$hooks_dir/${chained}" ]; then "$hooks_dir/${chained}" "$@" || exit $?; fi`);
  }
  const feed = kind === 'pre-push' ? `printf '%s' "$refs" | ` : '';
  lines.push(
    `if command -v ring-keys >/dev/null 2>&1; then ${feed}ring-keys ${args}; exit $?; fi`,
    `if [ -x ${shQuote(cmd.node)} ] && [ -f ${shQuote(cmd.cli)} ]; then ${feed}${shQuote(cmd.node)} ${shQuote(cmd.cli)} ${args}; exit $?; fi`,
    `echo "ring-keys ${kind}: ring-keys is not on PATH and ${cmd.cli.replace(/["$`\\]/g, '')} is gone, so nothing was scanned. Blocked; reinstall with: ring-keys hook install" >&2`,
    'exit 1',
    '',
  );
  return lines.join('\n');
}

/** A refusal to write: the message says what was found and how to go on; nothing was written. */
export class HookRefusedError extends Error {}

/** The folders of a repository, as git reports them (absolute). */
export interface RepoPaths {
  /** The common git dir (for a linked worktree, the main repository's; hooks are shared). */
  readonly commonDir: string;
  /** The top of the work tree; undefined in a bare repository or inside the git dir. */
  readonly workTree?: string;
  readonly bare: boolean;
}

/** core.hooksPath as the config files set it, and the file that sets it. */
export interface ConfiguredHooksPath {
  readonly value: string;
  /** Where git read it, as `git config --show-origin` says (e.g. `file:.git/config`). */
  readonly origin: string;
}

/** Where the hooks are written. */
export interface HooksTarget {
  /** The absolute folder the hooks go into. */
  readonly dir: string;
  /**
   * The repository folder (real path of the git dir or the work tree) that holds `dir`: no folder between the
   * two may be a symbolic link. Undefined for a folder outside the repository that the user named.
   */
  readonly base?: string;
  /** Where git runs hooks from, when a named folder differs from it (the hooks there do not run by themselves). */
  readonly gitRuns?: string;
}

export async function repoPaths(opts: GitOptions): Promise<RepoPaths> {
  const { stdout } = await runGit(['rev-parse', '--is-bare-repository', '--git-common-dir'], opts);
  const [bare, common] = stdout.split('\n');
  const commonDir = path.resolve(opts.cwd, common.trim());
  const top = await runGit(['rev-parse', '--show-toplevel'], opts, [0, 128]);
  const workTree = top.status === 0 && top.stdout.trim() ? path.resolve(opts.cwd, top.stdout.trim()) : undefined;
  return { commonDir, bare: bare.trim() === 'true', ...(workTree ? { workTree } : {}) };
}

/**
 * core.hooksPath from the config files (the last one wins, as in git). A value given on git's command line or
 * through GIT_CONFIG_* variables is passed over: it lasts one command, while a hook stays.
 */
export async function configuredHooksPath(opts: GitOptions): Promise<ConfiguredHooksPath | undefined> {
  const { stdout, status } = await runGit(['config', '--show-origin', '-z', '--get-all', 'core.hooksPath'], opts, [0, 1]);
  if (status !== 0) { return undefined; }
  const fields = stdout.split('\0');
  let found: ConfiguredHooksPath | undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (!fields[i].startsWith('command line:')) { found = { value: fields[i + 1], origin: fields[i] }; }
  }
  return found;
}

/** `~/x` as git expands it; undefined for a form we do not resolve (`~user/x`, `%(prefix)/x`). */
function expandHome(value: string, env: NodeJS.ProcessEnv): string | undefined {
  if (value === '~' || value.startsWith('~/') || (path.sep === '\\' && value.startsWith('~\\'))) {
    return env.HOME ? path.join(env.HOME, value.slice(1)) : undefined;
  }
  return value.startsWith('~') || value.startsWith('%(') ? undefined : value;
}

function isInside(p: string, base: string): boolean {
  const rel = path.relative(base, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function realpathOrUndefined(p: string): string | undefined {
  try { return fs.realpathSync(p); } catch { return undefined; }
}

const realpathOrSelf = (p: string) => realpathOrUndefined(p) ?? p;

function lstatOrUndefined(p: string): fs.Stats | undefined {
  try { return fs.lstatSync(p); } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') { return undefined; }
    throw err;
  }
}

function linkRefusal(link: string): HookRefusedError {
  let to = '';
  try { to = ` (to ${fs.readlinkSync(link)})`; } catch { /* gone meanwhile */ }
  return new HookRefusedError(`${link} is a symbolic link${to}; ring-keys does not write through links, so nothing was written. Remove the link (or put the folder or file itself there) and run the command again`);
}

/**
 * The real path of `target` with the symbolic links above the repository resolved, and the repository folder
 * it lies in. A link below a repository folder is refused: it could send a write anywhere.
 */
function locate(target: string, bases: readonly string[]): { dir: string; base?: string } {
  const abs = path.resolve(target);
  const root = path.parse(abs).root;
  const parts = abs.slice(root.length).split(path.sep).filter(Boolean);
  let cur = root;
  for (let i = 0; i < parts.length; i++) {
    const next = path.join(cur, parts[i]);
    const st = lstatOrUndefined(next);
    if (!st) { cur = path.join(next, ...parts.slice(i + 1)); break; }
    if (st.isSymbolicLink()) {
      if (bases.some(b => isInside(next, b) && next !== b)) { throw linkRefusal(next); }
      const real = realpathOrUndefined(next);
      // a dangling link above the repository: the path leads nowhere inside it
      if (real === undefined) { cur = path.join(next, ...parts.slice(i + 1)); break; }
      cur = real;
    } else {
      cur = next;
    }
  }
  // the innermost repository folder (the git dir lies inside the work tree)
  const base = bases.filter(b => isInside(cur, b)).sort((a, b) => b.length - a.length)[0];
  return { dir: cur, ...(base ? { base } : {}) };
}

/**
 * Where `hook install` writes: git's hooks folder when it lies inside the repository's git dir or work tree;
 * a folder elsewhere only when the user names it (`explicit`, resolved against `cwd`). A core.hooksPath outside
 * the repository is refused with the path and the way to name it.
 */
export function hooksTarget(repo: RepoPaths, configured: ConfiguredHooksPath | undefined, opts: { cwd: string; env: NodeJS.ProcessEnv; explicit?: string }): HooksTarget {
  const commonDir = realpathOrSelf(repo.commonDir);
  const workTree = repo.workTree ? realpathOrSelf(repo.workTree) : undefined;
  const bases = workTree ? [commonDir, workTree] : [commonDir];
  let gitRuns: string | undefined;
  if (configured) {
    if (!repo.bare && !workTree && opts.explicit === undefined) {
      throw new HookRefusedError('run `ring-keys hook install` from the work tree: core.hooksPath is relative to its top');
    }
    const expanded = expandHome(configured.value, opts.env);
    // git runs hooks from the top of the work tree (the git dir when bare): a relative path starts there
    gitRuns = expanded === undefined ? undefined : path.resolve(workTree ?? commonDir, expanded);
  } else {
    gitRuns = path.join(commonDir, 'hooks');
  }
  if (opts.explicit !== undefined) {
    const given = path.resolve(opts.cwd, opts.explicit);
    const found = locate(given, bases);
    const dir = found.base ? found.dir : given;
    const same = gitRuns !== undefined && realpathOrSelf(gitRuns) === realpathOrSelf(dir);
    return { dir, ...(found.base ? { base: found.base } : {}), ...(same ? {} : { gitRuns: gitRuns ?? configured?.value ?? '' }) };
  }
  const where = configured ? `core.hooksPath is set to ${JSON.stringify(configured.value)} (${configured.origin.replace(/^file:/, 'in ')})` : undefined;
  if (gitRuns === undefined) {
    throw new HookRefusedError(`${where}, a path ring-keys does not resolve, so nothing was written. Hooks are written only inside the repository's git dir or work tree; to write them elsewhere, name the folder: ring-keys hook install --hooks-path DIR`);
  }
  const found = locate(gitRuns, bases);
  if (!found.base) {
    const inRepo = workTree ? `${workTree} and its git dir ${commonDir}` : commonDir;
    throw new HookRefusedError(`${where}, which is outside this repository (${inRepo}), so nothing was written. Hooks are written only inside the repository's git dir or work tree. To write them in ${gitRuns} all the same, name it: ring-keys hook install --hooks-path ${shQuote(gitRuns)}`);
  }
  return { dir: found.dir, base: found.base };
}

/** Where git runs hooks from for the repository at `opts.cwd`, bounded as `hooksTarget` says. */
export async function hooksDir(opts: GitOptions & { env: NodeJS.ProcessEnv }, explicit?: string): Promise<HooksTarget> {
  const [repo, configured] = await Promise.all([repoPaths(opts), configuredHooksPath(opts)]);
  return hooksTarget(repo, configured, { cwd: opts.cwd, env: opts.env, ...(explicit !== undefined ? { explicit } : {}) });
}

/**
 * Checks the folders from `base` down to `dir`, refusing a link or a file on the way; with `create`, makes the
 * missing ones one at a time (each new folder is checked again, so a link put there meanwhile is refused).
 */
function checkDir(target: HooksTarget, create: boolean): void {
  if (!target.base) {
    if (create) { fs.mkdirSync(target.dir, { recursive: true }); }
    const st = create ? fs.statSync(target.dir) : statOrUndefined(target.dir);
    if (st && !st.isDirectory()) { throw new HookRefusedError(`${target.dir} is not a folder, so nothing was written`); }
    return;
  }
  if (!isInside(target.dir, target.base)) { throw new HookRefusedError(`${target.dir} is outside ${target.base}, so nothing was written`); }
  let cur = target.base;
  for (const part of path.relative(target.base, target.dir).split(path.sep).filter(Boolean)) {
    cur = path.join(cur, part);
    let st = lstatOrUndefined(cur);
    if (!st) {
      if (!create) { return; }
      try { fs.mkdirSync(cur); } catch (err) { if ((err as NodeJS.ErrnoException).code !== 'EEXIST') { throw err; } }
      st = fs.lstatSync(cur);
    }
    if (st.isSymbolicLink()) { throw linkRefusal(cur); }
    if (!st.isDirectory()) { throw new HookRefusedError(`${cur} is not a folder, so nothing was written`); }
  }
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try { return fs.statSync(p); } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') { return undefined; }
    throw err;
  }
}

const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** What is at `file` now: nothing, or a regular file with its start; a link or anything else is refused. */
function inspect(file: string): { stat: fs.Stats; head: string } | undefined {
  const st = lstatOrUndefined(file);
  if (!st) { return undefined; }
  if (st.isSymbolicLink()) { throw linkRefusal(file); }
  if (!st.isFile()) { throw new HookRefusedError(`${file} is not a regular file, so nothing was written; move it away first`); }
  const fd = fs.openSync(file, fs.constants.O_RDONLY | O_NOFOLLOW);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.ino !== st.ino || stat.dev !== st.dev) { throw new HookRefusedError(`${file} changed while it was read; nothing was written`); }
    const buf = Buffer.alloc(512);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return { stat, head: buf.subarray(0, n).toString('utf8') };
  } finally { fs.closeSync(fd); }
}

/** A file is ours only when it starts as `hookScript` writes it, for this hook. */
const isOurs = (kind: HookKind, head: string) => head.replace(/\r\n/g, '\n').startsWith(`#!/bin/sh\n${HOOK_MARK} (${kind})`);

const sameFile = (a: fs.Stats | undefined, b: fs.Stats) => !!a && !a.isSymbolicLink() && a.ino === b.ino && a.dev === b.dev;

interface Found {
  readonly file: string;
  readonly chainedFile: string;
  readonly existing?: { stat: fs.Stats; head: string };
  readonly ours: boolean;
  readonly chainedBefore?: fs.Stats;
}

function preflight(kind: HookKind, target: HooksTarget, create: boolean): Found {
  checkDir(target, create);
  const file = path.join(target.dir, kind);
  const chainedFile = path.join(target.dir, chainedName(kind));
  const existing = inspect(file);
  const ours = existing !== undefined && isOurs(kind, existing.head);
  const chainedBefore = lstatOrUndefined(chainedFile);
  if (chainedBefore?.isSymbolicLink()) { throw linkRefusal(chainedFile); }
  if (existing && !ours && chainedBefore) {
    throw new HookRefusedError(`${file} exists and so does ${chainedFile}; move one of them away first`);
  }
  return { file, chainedFile, ours, ...(existing ? { existing } : {}), ...(chainedBefore ? { chainedBefore } : {}) };
}

/** Throws the HookRefusedError that `installHook` would, writing nothing (to check every hook before the first is written). */
export function checkHook(kind: HookKind, target: HooksTarget): void { preflight(kind, target, false); }

/**
 * Installs one hook in `target` (from `hooksDir`). An existing hook of ours is replaced; any other is kept as
 * `<hook>.ring-keys-chained` (never over an existing file) and runs first. Throws HookRefusedError, having
 * written nothing, for a symbolic link or anything it cannot account for.
 */
export function installHook(kind: HookKind, target: HooksTarget, cmd: HookCommand): HookInstall {
  const { file, chainedFile, existing, ours, chainedBefore } = preflight(kind, target, true);
  // our script goes into a new file beside the hook, then takes the hook's name in one step
  const tmp = path.join(target.dir, `.${kind}.ring-keys-${crypto.randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'wx', 0o755);
  let chained: string | undefined = chainedBefore ? chainedFile : undefined;
  let movedAway = false;
  try {
    try {
      fs.writeFileSync(fd, hookScript(kind, cmd));
      fs.fchmodSync(fd, 0o755);
    } finally { fs.closeSync(fd); }
    let replace: fs.Stats | undefined = ours ? existing?.stat : undefined;
    if (existing && !ours) {
      // a second name for the foreign hook; link fails rather than replace a file that appeared meanwhile
      try {
        fs.linkSync(file, chainedFile);
        replace = existing.stat;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') { throw new HookRefusedError(`${chainedFile} appeared meanwhile; nothing was written`); }
        // a file system without hard links: move it, after checking again that the name is free
        if (lstatOrUndefined(chainedFile)) { throw new HookRefusedError(`${chainedFile} appeared meanwhile; nothing was written`); }
        fs.renameSync(file, chainedFile);
        movedAway = true;
      }
      chained = chainedFile;
    }
    if (replace) {
      if (!sameFile(lstatOrUndefined(file), replace)) { throw new HookRefusedError(`${file} changed meanwhile; it was left as it is`); }
      fs.renameSync(tmp, file);
    } else {
      // a new name: link fails rather than replace whatever appeared there (a dangling link included)
      let linked = false;
      try {
        fs.linkSync(tmp, file);
        linked = true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST' || lstatOrUndefined(file)) { throw new HookRefusedError(`${file} appeared meanwhile; it was left as it is`); }
        fs.renameSync(tmp, file);   // a file system without hard links, the name checked free again
      }
      if (linked) { fs.unlinkSync(tmp); }
    }
  } catch (err) {
    try { fs.unlinkSync(tmp); } catch { /* already renamed or gone */ }
    // undo a second name made for the foreign hook, which is still at its own name
    if (movedAway && !lstatOrUndefined(file)) {
      try { fs.renameSync(chainedFile, file); } catch { /* left as the chained hook */ }
    } else if (existing && !ours && !chainedBefore && sameFile(lstatOrUndefined(chainedFile), existing.stat) && sameFile(lstatOrUndefined(file), existing.stat)) {
      try { fs.unlinkSync(chainedFile); } catch { /* left: the same file under two names */ }
    }
    throw err;
  }
  return { kind, file, updated: ours, ...(chained ? { chained } : {}), ...(existing && !ours ? { chainedNow: true } : {}) };
}
