// Git hooks that run `ring-keys scan --staged` (pre-commit) and `--pre-push`. Written where git looks for
// hooks (`core.hooksPath` honoured); an existing hook is kept and run first (chained), never replaced. The
// hook fails closed: no ring-keys, no git, or a scan that could not run blocks the commit or push.
// No `vscode` import.
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
  readonly updated: boolean;
}

/** Single-quotes a value for sh. */
function shQuote(s: string): string { return `'${s.replace(/'/g, `'\\''`)}'`; }

/** The hook script. Only sh builtins before ring-keys runs, so a PATH without the usual tools still works. */
export function hookScript(kind: HookKind, cmd: HookCommand): string {
  const args = kind === 'pre-commit' ? 'scan --staged' : 'scan --pre-push "$@"';
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

/** Where git runs hooks from for the repository at `cwd` (core.hooksPath when set). */
export async function hooksDir(opts: GitOptions): Promise<string> {
  const { stdout } = await runGit(['rev-parse', '--git-path', 'hooks'], opts);
  return path.resolve(opts.cwd, stdout.trim());
}

export function installHook(kind: HookKind, dir: string, cmd: HookCommand): HookInstall {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, kind);
  const chainedFile = path.join(dir, chainedName(kind));
  let existing: string | undefined;
  try { existing = fs.readFileSync(file, 'utf8'); } catch { existing = undefined; }
  let chained: string | undefined;
  const ours = existing?.includes(HOOK_MARK) ?? false;
  if (existing !== undefined && !ours) {
    if (fs.existsSync(chainedFile)) {
      throw new Error(`${path.basename(file)} exists and so does ${path.basename(chainedFile)}; move one of them away first`);
    }
    fs.renameSync(file, chainedFile);
    chained = chainedFile;
  } else if (fs.existsSync(chainedFile)) {
    chained = chainedFile;
  }
  fs.writeFileSync(file, hookScript(kind, cmd), { mode: 0o755 });
  fs.chmodSync(file, 0o755);
  return { kind, file, updated: ours, ...(chained ? { chained } : {}) };
}
