// Running git: the one place in the product that starts a child process (a lint rule refuses `child_process`
// anywhere else in src). One process per question, never a shell, never a checkout, and nothing the repository
// chooses ever runs: see SAFE_CONFIG and gitEnv below. Failures become a GitError with a code the callers turn
// into a message (and, in hooks, into a refusal: no silent pass). No `vscode` import.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type GitErrorCode = 'git-missing' | 'not-a-repository' | 'bad-revision' | 'no-commits' | 'missing-objects' | 'failed' | 'cancelled';

export class GitError extends Error {
  constructor(readonly code: GitErrorCode, message: string) { super(message); }
}

export interface GitOptions {
  readonly cwd: string;
  /** The environment git runs with (PATH decides which git, or none). */
  readonly env?: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
  /** Written to git's standard input, then closed. */
  readonly input?: string;
}

/**
 * Configuration given on git's command line, which wins over every file a repository can bring (its
 * `.git/config`, an `include.path`). Two jobs:
 *  - output we can parse whatever the user's configuration says: no colour, fixed a/ b/ prefixes, raw paths;
 *  - no program a repository names ever runs. A downloaded folder's `.git/config` is the attacker's text:
 *      core.fsmonitor           a program run by every command that reads the index (ls-files, diff, status)
 *      protocol.allow=never     no transport at all, so a partial clone's lazy fetch of a missing object
 *                               (remote.<name>.uploadpack, core.sshCommand, a remote helper) cannot start; the
 *                               read fails instead, and GIT_NO_LAZY_FETCH (gitEnv) says the same to git >= 2.44
 *      diff.external            an external diff program (the diff commands also pass --no-ext-diff, and
 *                               --no-textconv for attribute-chosen textconv drivers)
 *      core.pager, credential.helper, core.askPass, core.sshCommand, gpg.program
 *                               emptied or made inert: none is needed to read a repository
 *      safe.bareRepository      a bare repository hidden inside a folder is not picked up by walking into it
 *                               (a hook or `--git` in a real bare repository passes GIT_DIR, which is explicit)
 * Hooks and filters (`filter.<driver>.clean/smudge/process`) run only when git changes something (commit,
 * checkout, add) or diffs against the work tree; no command run here does. `core.hooksPath` is left alone:
 * `hook install` asks where it points.
 */
export const SAFE_CONFIG: readonly string[] = [
  '-c', 'core.quotepath=off', '-c', 'color.ui=false', '-c', 'diff.noprefix=false', '-c', 'diff.mnemonicPrefix=false',
  '-c', 'diff.suppressBlankEmpty=false', '-c', 'log.showSignature=false',
  '-c', 'core.fsmonitor=false', '-c', 'core.untrackedCache=false', '-c', 'protocol.allow=never', '-c', 'diff.external=',
  '-c', 'core.pager=cat', '-c', 'credential.helper=', '-c', 'core.askPass=', '-c', 'core.sshCommand=', '-c', 'gpg.program=',
  '-c', 'safe.bareRepository=explicit',
];

/** Variables of the caller's environment that would run a program or redirect git: never passed on. */
const DROPPED_ENV = ['GIT_EXTERNAL_DIFF', 'GIT_ASKPASS', 'SSH_ASKPASS', 'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_PROXY_COMMAND', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR'];

function gitEnv(env: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...(env ?? process.env) };
  for (const k of DROPPED_ENV) { delete out[k]; }
  // English messages (we recognise a few), no pager, no prompt for credentials, no lazy fetch (git >= 2.44)
  return { ...out, LC_ALL: 'C', LANGUAGE: 'C', GIT_PAGER: 'cat', PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_NO_LAZY_FETCH: '1' };
}

const resolved = new Map<string, string | undefined>();

/**
 * The git program: the first `git` in an absolute folder of PATH, as an absolute path. A bare `spawn('git')`
 * would let a relative PATH entry (`.`, `bin`) and, on Windows, the working folder itself choose the program:
 * a `git.exe` shipped in the workspace. Undefined when there is none.
 */
export function resolveGitProgram(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const win = process.platform === 'win32';
  const pathVar = (win ? Object.entries(env).find(([k]) => k.toUpperCase() === 'PATH')?.[1] : env.PATH) ?? '';
  const cached = resolved.get(pathVar);
  if (cached !== undefined || resolved.has(pathVar)) { return cached; }
  const names = win ? ['git.exe', 'git.cmd'] : ['git'];
  let found: string | undefined;
  for (const dir of pathVar.split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) { continue; }
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        const st = fs.statSync(file);
        if (!st.isFile()) { continue; }
        if (!win) { fs.accessSync(file, fs.constants.X_OK); }
        found = file;
        break;
      } catch { /* not here */ }
    }
    if (found) { break; }
  }
  resolved.set(pathVar, found);
  return found;
}

/** Maps git's stderr and exit status to a typed error. */
export function classify(stderr: string, status: number | null): GitError {
  const first = stderr.split('\n').find(l => l.trim()) ?? `git exited with status ${status}`;
  if (/not a git repository/i.test(stderr)) { return new GitError('not-a-repository', first.replace(/^fatal:\s*/, '')); }
  if (/unknown revision|bad revision|ambiguous argument|bad object|not a valid object name|invalid object name/i.test(stderr)) {
    return new GitError('bad-revision', first.replace(/^fatal:\s*/, ''));
  }
  if (/does not have any commits yet|bad default revision 'HEAD'/i.test(stderr)) { return new GitError('no-commits', first.replace(/^fatal:\s*/, '')); }
  if (/protocol '?[\w+-]*'? is not allowed|transport '?[\w+-]*'? not allowed|promisor remote|could not fetch .* from promisor|unable to read [0-9a-f]{7,}|missing blob/i.test(stderr)) {
    return new GitError('missing-objects', 'the repository lacks objects it would have to fetch (a partial clone?); Ring Keys never fetches: run `git fetch` yourself first');
  }
  return new GitError('failed', first.replace(/^(fatal|error):\s*/, ''));
}

function missing(err: NodeJS.ErrnoException): GitError {
  return err.code === 'ENOENT'
    ? new GitError('git-missing', 'git was not found on PATH')
    : new GitError('failed', `could not start git (${err.code ?? err.message})`);
}

/**
 * Streams git's standard output to `onChunk` (called synchronously: a slow consumer slows git down through
 * the pipe instead of buffering its output). Resolves when git exits 0; `okStatus` lists other accepted codes.
 */
export function streamGit(args: readonly string[], opts: GitOptions, onChunk: (chunk: Buffer) => void, okStatus: readonly number[] = [0]): Promise<number> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) { reject(new GitError('cancelled', 'cancelled')); return; }
    const program = resolveGitProgram(opts.env ?? process.env);
    if (!program) { reject(new GitError('git-missing', 'git was not found on PATH')); return; }
    let child;
    try {
      child = spawn(program, [...SAFE_CONFIG, ...args], {
        cwd: opts.cwd, env: gitEnv(opts.env), stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], windowsHide: true,
      });
    } catch (err) {
      reject(missing(err as NodeJS.ErrnoException));
      return;
    }
    let stderr = '';
    let failed: Error | undefined;
    const onAbort = () => { child.kill(); };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout!.on('data', (c: Buffer) => {
      if (failed) { return; }
      try { onChunk(c); } catch (err) { failed = err instanceof Error ? err : new Error('reading git output failed'); child.kill(); }
    });
    child.stderr!.on('data', (c: Buffer) => { if (stderr.length < 64 * 1024) { stderr += c.toString('utf8'); } });
    if (opts.input !== undefined) {
      child.stdin!.on('error', () => undefined);   // git may exit before reading all of it
      child.stdin!.end(opts.input);
    }
    child.on('error', err => { opts.signal?.removeEventListener('abort', onAbort); reject(missing(err)); });
    child.on('close', status => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (failed) { reject(failed); return; }
      if (opts.signal?.aborted) { reject(new GitError('cancelled', 'cancelled')); return; }
      if (status !== null && okStatus.includes(status)) { resolve(status); return; }
      reject(classify(stderr, status));
    });
  });
}

/** Runs git and returns its standard output (for short answers: rev-parse, rev-list, config). */
export async function runGit(args: readonly string[], opts: GitOptions, okStatus: readonly number[] = [0]): Promise<{ stdout: string; status: number }> {
  const chunks: Buffer[] = [];
  const status = await streamGit(args, opts, c => { chunks.push(c); }, okStatus);
  return { stdout: Buffer.concat(chunks).toString('utf8'), status };
}

/** The top of the work tree (or the git dir of a bare repository); GitError when `cwd` is not in a repository. */
export async function repositoryRoot(opts: GitOptions): Promise<{ root: string; bare: boolean }> {
  const { stdout } = await runGit(['rev-parse', '--is-bare-repository', '--absolute-git-dir', '--show-toplevel'], opts, [0, 128]).catch(err => {
    throw err instanceof GitError && err.code === 'failed' ? new GitError('not-a-repository', err.message) : err;
  });
  const lines = stdout.split('\n').filter(Boolean);
  if (lines.length < 2) { throw new GitError('not-a-repository', `${opts.cwd} is not in a git repository`); }
  const bare = lines[0] === 'true';
  return { root: bare ? lines[1] : (lines[2] ?? lines[1]), bare };
}

/** Full hashes of the commits a revision expression names (empty when it names none). */
export async function revList(args: readonly string[], opts: GitOptions): Promise<string[]> {
  const { stdout } = await runGit(['rev-list', ...args], opts);
  return stdout.split('\n').filter(l => /^[0-9a-f]{40,64}$/.test(l));
}

/** Resolves one revision to a commit hash, or undefined when it does not name a commit here. */
export async function resolveCommit(rev: string, opts: GitOptions): Promise<string | undefined> {
  if (rev.startsWith('-')) { return undefined; }
  const { stdout, status } = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], opts, [0, 1, 128]);
  return status === 0 && /^[0-9a-f]{40,64}$/.test(stdout.trim()) ? stdout.trim() : undefined;
}
