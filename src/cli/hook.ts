// `ring-keys hook install [--pre-commit] [--pre-push]`: git hooks that scan before a commit or a push.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { GitError, repositoryRoot } from '../core/git/git';
import { checkHook, hooksDir, installHook, type HookKind, type HooksTarget } from '../core/git/hooks';
import type { CliCommand, CliIo } from './types';
import { errorMessage } from '../core/errorMessage';
import { escapeControls, quoteName } from '../core/terminalText';

export const hookCommand: CliCommand = {
  name: 'hook',
  summary: 'Install git hooks that block commits and pushes carrying a key',
  help: `Usage: ring-keys hook install [--pre-commit] [--pre-push] [--hooks-path DIR]

Writes the hooks where git runs them (core.hooksPath when it is set, else the hooks folder of the
repository's git dir, shared by its linked worktrees) and prints the absolute path of each file written:
  --pre-commit       runs \`ring-keys scan --staged --quiet\` (the index) before each commit
  --pre-push         runs \`ring-keys scan --pre-push --quiet\` (the commits being pushed) before each push
  --hooks-path DIR   writes into DIR instead, wherever it is (git runs the hooks there only when
                     core.hooksPath names it)
With neither --pre-commit nor --pre-push, both are installed. A hook already there is kept, renamed
<hook>.ring-keys-chained, and runs first; installing again updates our part only. With --quiet the hooks
print nothing when nothing is found (findings and whatever blocks are printed).
Hooks are written only inside the repository's git dir or work tree: a core.hooksPath outside the
repository is refused unless named with --hooks-path, and a symbolic link where a hook, the chained hook
or a folder of the hooks path would be is refused; nothing is written then (exit 2).
The hooks fail closed: if ring-keys or git is missing, or the scan cannot run, the commit or push is
blocked with the reason.

The pre-commit framework can use this repository instead (.pre-commit-hooks.yaml: ids ring-keys and
ring-keys-pre-push).
`,
  async run(args, io) { return hookInstall(args, io); },
};

async function hookInstall(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { 'pre-commit': { type: 'boolean' }, 'pre-push': { type: 'boolean' }, 'hooks-path': { type: 'string' } } });
  } catch (err) {
    io.stderr(`ring-keys hook: ${errorMessage(err)}\n`);
    return 2;
  }
  if (parsed.positionals.length !== 1 || parsed.positionals[0] !== 'install') {
    io.stderr('ring-keys hook: usage: ring-keys hook install [--pre-commit] [--pre-push] [--hooks-path DIR]\n');
    return 2;
  }
  const kinds: HookKind[] = [];
  if (parsed.values['pre-commit']) { kinds.push('pre-commit'); }
  if (parsed.values['pre-push']) { kinds.push('pre-push'); }
  if (!kinds.length) { kinds.push('pre-commit', 'pre-push'); }
  const explicit = parsed.values['hooks-path'];
  if (explicit === '') {
    io.stderr('ring-keys hook: --hooks-path needs a folder\n');
    return 2;
  }
  const opts = { cwd: io.cwd, env: io.env };
  let target: HooksTarget;
  try {
    await repositoryRoot(opts);
    target = await hooksDir(opts, explicit);
  } catch (err) {
    io.stderr(`ring-keys hook: ${err instanceof GitError && err.code === 'git-missing' ? 'git was not found on PATH' : escapeControls(errorMessage(err))}\n`);
    return 2;
  }
  const cli = path.resolve(process.argv[1] ?? 'ring-keys');
  // every hook is checked before the first is written: a refusal leaves the folder as it was
  for (const kind of kinds) {
    try { checkHook(kind, target); } catch (err) {
      io.stderr(`ring-keys hook: cannot install ${kind}: ${escapeControls(errorMessage(err))}\n`);
      return 2;
    }
  }
  for (const kind of kinds) {
    try {
      const r = installHook(kind, target, { node: process.execPath, cli });
      const chained = !r.chained ? '' : r.chainedNow ? ` (the hook that was there is now ${quoteName(r.chained)} and runs first)` : ` (runs ${quoteName(r.chained)} first)`;
      io.stdout(`${r.updated ? 'Updated' : 'Installed'} ${kind} hook: ${quoteName(r.file)}${chained}\n`);
    } catch (err) {
      io.stderr(`ring-keys hook: cannot install ${kind}: ${escapeControls(errorMessage(err))}\n`);
      return 2;
    }
  }
  if (target.gitRuns !== undefined) {
    io.stdout(`Note: git runs this repository's hooks from ${target.gitRuns}; these run only if core.hooksPath is set to ${target.dir}.\n`);
  }
  return 0;
}
