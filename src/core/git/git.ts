// Running git: one child process per question, never a shell, never a checkout. Failures become a GitError
// with a code the callers turn into a message (and, in hooks, into a refusal: no silent pass).
// No `vscode` import.
import { spawn } from 'node:child_process';

export type GitErrorCode = 'git-missing' | 'not-a-repository' | 'bad-revision' | 'no-commits' | 'failed' | 'cancelled';

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
 * Settings that make git's output parseable whatever the user's configuration says: no colour, no external
 * diff or textconv driver (a repository's config must not run programs), fixed a/ b/ prefixes, raw paths.
 */
export const SAFE_CONFIG = [
  '-c', 'core.quotepath=off', '-c', 'color.ui=false', '-c', 'diff.noprefix=false', '-c', 'diff.mnemonicPrefix=false',
  '-c', 'diff.suppressBlankEmpty=false', '-c', 'log.showSignature=false', '-c', 'core.fsmonitor=false',
];

function gitEnv(env: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  // English messages (we recognise a few), no pager, no prompt for credentials
  return { ...(env ?? process.env), LC_ALL: 'C', LANGUAGE: 'C', GIT_PAGER: 'cat', PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
}

/** Maps git's stderr and exit status to a typed error. */
export function classify(stderr: string, status: number | null): GitError {
  const first = stderr.split('\n').find(l => l.trim()) ?? `git exited with status ${status}`;
  if (/not a git repository/i.test(stderr)) { return new GitError('not-a-repository', first.replace(/^fatal:\s*/, '')); }
  if (/unknown revision|bad revision|ambiguous argument|bad object|not a valid object name|invalid object name/i.test(stderr)) {
    return new GitError('bad-revision', first.replace(/^fatal:\s*/, ''));
  }
  if (/does not have any commits yet|bad default revision 'HEAD'/i.test(stderr)) { return new GitError('no-commits', first.replace(/^fatal:\s*/, '')); }
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
    let child;
    try {
      child = spawn('git', [...SAFE_CONFIG, ...args], {
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
