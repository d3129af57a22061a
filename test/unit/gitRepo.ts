// Generated git repositories for the git-scan tests and the history benchmark: real git, a private HOME and
// no system config, commit times one second apart (so "first commit" never depends on the clock).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

const HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-git-home-'));

/** The environment git runs with in these tests (PATH as given, no user or system config). */
export function gitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH, HOME, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com', LC_ALL: 'C', ...extra,
  };
}

export class Repo {
  private clock = 1_700_000_000;
  constructor(readonly dir: string) {}

  static init(opts: { bare?: boolean; branch?: string } = {}): Repo {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-repo-'));
    const r = new Repo(dir);
    r.git('init', '-q', `--initial-branch=${opts.branch ?? 'main'}`, ...(opts.bare ? ['--bare'] : []));
    return r;
  }

  static clone(from: string): Repo {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-clone-'));
    execFileSync('git', ['clone', '-q', from, dir], { env: gitEnv(), stdio: 'pipe' });
    return new Repo(dir);
  }

  git(...args: string[]): string {
    const date = `${this.clock} +0000`;
    return execFileSync('git', args, { cwd: this.dir, env: gitEnv({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }), stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8').trim();
  }

  /** Runs git, returning the exit status and output instead of throwing (hooks that block). */
  tryGit(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
    const date = `${this.clock} +0000`;
    const r = spawnSync('git', args, { cwd: this.dir, env: gitEnv({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, ...env }), encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  write(rel: string, content: string): this {
    fs.mkdirSync(path.dirname(path.join(this.dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(this.dir, rel), content);
    return this;
  }

  remove(rel: string): this { fs.rmSync(path.join(this.dir, rel)); return this; }

  /** Stages everything and commits; returns the new commit's hash. */
  commit(message: string, files: Record<string, string> = {}): string {
    for (const [rel, c] of Object.entries(files)) { this.write(rel, c); }
    this.clock += 1;
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '--no-verify', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  tick(): void { this.clock += 1; }
}

/**
 * A repository of `commits` commits made with `git fast-import` (seconds, not minutes): each commit rewrites a
 * few lines of one of `files` source files; every `keyEvery`-th commit adds a key line (a new key each time).
 */
export function bigRepo(commits: number, opts: { files?: number; linesPerFile?: number; keyEvery?: number } = {}): { dir: string; keys: number } {
  const files = opts.files ?? 200; const linesPerFile = opts.linesPerFile ?? 60; const keyEvery = opts.keyEvery ?? 250;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-big-'));
  execFileSync('git', ['init', '-q', '--initial-branch=main', dir], { env: gitEnv() });
  let seed = 0x9e3779b9;
  const rnd = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) / 4294967296; };
  const hex = (n: number) => { let s = ''; for (let i = 0; i < n; i++) { s += '0123456789abcdef'[Math.floor(rnd() * 16)]; } return s; };
  const b62 = (n: number) => { let s = ''; const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'; for (let i = 0; i < n; i++) { s += a[Math.floor(rnd() * a.length)]; } return s; };
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const line = (i: number) => pickLine(i, uuid, rnd);
  const content: string[][] = Array.from({ length: files }, () => Array.from({ length: linesPerFile }, (_, i) => line(i)));
  const chunks: string[] = [];
  let keys = 0;
  for (let c = 1; c <= commits; c++) {
    const f = Math.floor(rnd() * files);
    const body = content[f];
    for (let k = 0; k < 4; k++) { body[Math.floor(rnd() * body.length)] = line(c + k); }
    if (c % keyEvery === 0) {
      keys++;
      body[Math.floor(rnd() * body.length)] = c % (2 * keyEvery) === 0 ? `const RINGYO_KEY = "rg_live_${b62(24)}";` : `headers["X-API-KEY"] = "${uuid()}";`;
    }
    const data = `${body.join('\n')}\n`;
    const msg = `change ${c}\n`;
    chunks.push(`commit refs/heads/main\ncommitter Bench <bench@example.com> ${1_600_000_000 + c} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}`);
    chunks.push(`M 100644 inline src/module${f}.ts\ndata ${Buffer.byteLength(data)}\n${data}\n`);
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, env: gitEnv(), input: chunks.join(''), maxBuffer: 1 << 30 });
  execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: dir, env: gitEnv() });
  return { dir, keys };
}

function pickLine(i: number, uuid: () => string, rnd: () => number): string {
  const lines = [
    () => `export function handler${i}(callId: string): Promise<void> { return client.get(\`/calls/\${callId}\`); }`,
    () => `  const agentId = '${uuid()}';`,
    () => `  logger.info({ call: '${uuid()}', status: 'ok', attempt: ${Math.floor(rnd() * 9)} });`,
    () => `  headers['X-API-KEY'] = process.env.RINGG_API_KEY ?? '';`,
    () => `  // retry ${Math.floor(rnd() * 1000)} times with backoff, see the docs for the limits`,
    () => `  const url = \`\${base}/workspace/${uuid()}/agents?page=${Math.floor(rnd() * 50)}\`;`,
  ];
  return lines[Math.floor(rnd() * lines.length)]();
}
