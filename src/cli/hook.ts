// `ring-keys hook install [--pre-commit] [--pre-push]`: git hooks that scan before a commit or a push.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { GitError, repositoryRoot } from '../core/git/git';
import { hooksDir, installHook, type HookKind } from '../core/git/hooks';
import type { CliCommand, CliIo } from './types';
import { errorMessage } from '../core/errorMessage';
import { escapeControls, quoteName } from '../core/terminalText';

export const hookCommand: CliCommand = {
  name: 'hook',
  summary: 'Install git hooks that block commits and pushes carrying a key',
  help: `Usage: ring-keys hook install [--pre-commit] [--pre-push]

Writes the hooks where git runs them (core.hooksPath when it is set, else .git/hooks):
  --pre-commit   runs \`ring-keys scan --staged\` (the index) before each commit
  --pre-push     runs \`ring-keys scan --pre-push\` (the commits being pushed) before each push
With neither option, both are installed. A hook already there is kept, renamed <hook>.ring-keys-chained,
and runs first; installing again updates our part only. The hooks fail closed: if ring-keys or git is
missing, or the scan cannot run, the commit or push is blocked with the reason.

The pre-commit framework can use this repository instead (.pre-commit-hooks.yaml: ids ring-keys and
ring-keys-pre-push).
`,
  async run(args, io) { return hookInstall(args, io); },
};

async function hookInstall(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { 'pre-commit': { type: 'boolean' }, 'pre-push': { type: 'boolean' } } });
  } catch (err) {
    io.stderr(`ring-keys hook: ${errorMessage(err)}\n`);
    return 2;
  }
  if (parsed.positionals.length !== 1 || parsed.positionals[0] !== 'install') {
    io.stderr('ring-keys hook: usage: ring-keys hook install [--pre-commit] [--pre-push]\n');
    return 2;
  }
  const kinds: HookKind[] = [];
  if (parsed.values['pre-commit']) { kinds.push('pre-commit'); }
  if (parsed.values['pre-push']) { kinds.push('pre-push'); }
  if (!kinds.length) { kinds.push('pre-commit', 'pre-push'); }
  const opts = { cwd: io.cwd, env: io.env };
  let dir: string;
  try {
    await repositoryRoot(opts);
    dir = await hooksDir(opts);
  } catch (err) {
    io.stderr(`ring-keys hook: ${err instanceof GitError && err.code === 'git-missing' ? 'git was not found on PATH' : escapeControls(errorMessage(err))}\n`);
    return 2;
  }
  const cli = path.resolve(process.argv[1] ?? 'ring-keys');
  for (const kind of kinds) {
    try {
      const r = installHook(kind, dir, { node: process.execPath, cli });
      const rel = path.relative(io.cwd, r.file) || r.file;
      io.stdout(`${r.updated ? 'Updated' : 'Installed'} ${kind} hook: ${quoteName(rel)}${r.chained ? ` (runs ${quoteName(path.basename(r.chained))} first)` : ''}\n`);
    } catch (err) {
      io.stderr(`ring-keys hook: cannot install ${kind}: ${escapeControls(errorMessage(err))}\n`);
      return 2;
    }
  }
  return 0;
}
