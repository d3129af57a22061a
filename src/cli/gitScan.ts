// `ring-keys scan --git | --staged | --pre-push`: keys in history, in the index, in the commits of a push.
// Every mode says how much it scanned, and fails closed (exit 2, with the reason) when it could not scan:
// a hook that cannot run git must block, not pass.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { GitError, repositoryRoot, resolveCommit } from '../core/git/git';
import { parsePushUpdates, scanHistory, scanPush, scanStaged, type GitScanResult } from '../core/git/history';
import { cappedNote, cappedText, githubAnnotations, jsonReport, pushAdvice, sarifReport, summaryLine, textReport, type GitScanMode } from '../core/git/report';
import { DEFAULT_MAX_BYTES } from '../core/scanner/scanner';
import { BaselineError, DEFAULT_BASELINE_FILE, parseBaseline, readBaselineSet, withEntries, type BaselineFile } from '../core/scanner/baseline';
import { UsageError, type CliIo } from './types';
import { failsOn, parseFailOn } from './verifyOptions';
import { errorMessage } from '../core/errorMessage';
import { escapeControls, quoteName } from '../core/terminalText';
import { UnsafeWriteError, writeFileNoFollow } from '../core/safeWrite';

declare const RING_KEYS_VERSION: string | undefined;
const VERSION = typeof RING_KEYS_VERSION === 'string' ? RING_KEYS_VERSION : '0.0.0-dev';

export const GIT_SCAN_FLAGS = ['--git', '--staged', '--pre-push'] as const;

export const GIT_SCAN_HELP = `
Git (one report per distinct key; exit 2, never a silent pass, when git cannot answer):
  --git                every line added in history, reported at the first commit that added each key,
                       with how many commits add it and whether it is still in the working tree
    --since REF        only commits after REF (REF..HEAD)
    --branches B       current (default: what HEAD reaches) or all (every branch, tag, remote branch)
  --staged             the index (what \`git commit\` would record), for a pre-commit hook
  --pre-push [REMOTE]  the commits a push sends, read from a pre-push hook's standard input: every commit
                       not known to be at that destination (a URL or an unfetched remote: all history)
  --max-file-size MIB  scan at most this many MiB of one line and of one file version's added text
                       (default ${DEFAULT_MAX_BYTES / 1048576}); a hook blocks (exit 2) when it had to scan one in part
  --annotate           also print GitHub Actions annotations (::error file=…) on standard output
  --fail-on high|low   high (default): exit 1 (block) on keys of high confidence; low: on every key
  --quiet              print nothing when nothing is found (the hooks \`ring-keys hook install\` writes pass it;
                       findings, errors and what blocks are printed as always; the exit status is the same)
`;

export function isGitScan(args: readonly string[]): boolean {
  return args.some(a => (GIT_SCAN_FLAGS as readonly string[]).includes(a));
}

function fail(io: CliIo, mode: GitScanMode, err: unknown): number {
  const blocked = mode === 'staged' ? ' The commit is blocked.' : mode === 'pre-push' ? ' The push is blocked.' : '';
  if (err instanceof GitError) {
    const why: Record<string, string> = {
      'git-missing': 'git was not found on PATH, so nothing was scanned.',
      'not-a-repository': `this is not a git repository (${err.message}), so nothing was scanned.`,
      'bad-revision': `${err.message}; nothing was scanned.`,
      'no-commits': `${err.message}; there is no history to scan.`,
      cancelled: 'cancelled.',
      failed: `git failed (${err.message}), so the scan is incomplete.`,
    };
    io.stderr(`ring-keys scan: ${escapeControls(why[err.code] ?? err.message)}${blocked}\n`);
    return 2;
  }
  throw err;
}

export async function gitScan(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: {
      git: { type: 'boolean' }, staged: { type: 'boolean' }, 'pre-push': { type: 'boolean' },
      since: { type: 'string' }, branches: { type: 'string', default: 'current' },
      format: { type: 'string', default: 'text' }, output: { type: 'string' }, baseline: { type: 'string' },
      'no-baseline': { type: 'boolean' }, 'write-baseline': { type: 'string' }, annotate: { type: 'boolean' },
      'max-file-size': { type: 'string' }, quiet: { type: 'boolean' }, 'fail-on': { type: 'string' },
    } });
  } catch (err) {
    throw new UsageError(errorMessage(err));
  }
  const { values, positionals } = parsed;
  const modes = [values.git && 'history', values.staged && 'staged', values['pre-push'] && 'pre-push'].filter(Boolean) as GitScanMode[];
  if (modes.length !== 1) { throw new UsageError('use one of --git, --staged and --pre-push'); }
  const mode = modes[0];
  const failOn = parseFailOn(values['fail-on'], false);
  if (failOn === 'live') { throw new UsageError('--fail-on live goes with a scan of files (--verify), not with --git, --staged or --pre-push'); }
  const format = values.format;
  if (!['text', 'json', 'sarif'].includes(format)) { throw new UsageError(`--format must be text, json or sarif, not '${format}'`); }
  if (values.branches !== 'all' && values.branches !== 'current') { throw new UsageError(`--branches must be all or current, not '${values.branches}'`); }
  if (mode !== 'history' && (values.since !== undefined || args.includes('--branches'))) { throw new UsageError('--since and --branches go with --git'); }
  const maxMiB = values['max-file-size'] === undefined ? DEFAULT_MAX_BYTES / 1048576 : Number(values['max-file-size']);
  if (!(maxMiB > 0)) { throw new UsageError('--max-file-size must be a positive number of MiB'); }
  const maxBytes = Math.floor(maxMiB * 1048576);
  // a pre-push hook is called with the remote's name and URL; other modes take no paths
  if (positionals.length > (mode === 'pre-push' ? 2 : 0)) { throw new UsageError(`unexpected argument '${positionals[mode === 'pre-push' ? 2 : 0]}'`); }

  const cwd = io.cwd;
  const gitOpts = { cwd, env: io.env };
  let root: string;
  try { root = (await repositoryRoot(gitOpts)).root; } catch (err) { return fail(io, mode, err); }

  let baselinePath = values.baseline ? path.resolve(cwd, values.baseline) : undefined;
  if (!baselinePath && !values['no-baseline']) {
    baselinePath = [path.join(cwd, DEFAULT_BASELINE_FILE), path.join(root, DEFAULT_BASELINE_FILE)].find(p => fs.existsSync(p));
  }
  let baseline: Set<string> | undefined;
  if (baselinePath) {
    try { baseline = readBaselineSet(fs.readFileSync(baselinePath)); } catch (err) {
      const why = err instanceof BaselineError ? err.message : (err as NodeJS.ErrnoException).code ?? String(err);
      io.stderr(`ring-keys scan: cannot read the baseline ${quoteName(path.relative(cwd, baselinePath) || baselinePath)}: ${escapeControls(why)}\n`);
      return 2;
    }
  }
  const opts = { ...gitOpts, maxBytes, ...(baseline ? { baseline } : {}) };

  let result: GitScanResult; let stagedFiles: number | undefined; let pushed: readonly string[] = [];
  try {
    if (mode === 'history') {
      result = await scanHistory({ ...opts, branches: values.branches, ...(values.since !== undefined ? { since: values.since } : {}) });
    } else if (mode === 'staged') {
      const r = await scanStaged(opts);
      result = r; stagedFiles = r.stagedFiles;
    } else {
      // git's hook input; under the pre-commit framework the range comes in its environment variables instead
      const fromFramework = io.env.PRE_COMMIT_TO_REF && io.env.PRE_COMMIT_FROM_REF
        ? `${io.env.PRE_COMMIT_LOCAL_BRANCH ?? 'HEAD'} ${io.env.PRE_COMMIT_TO_REF} ${io.env.PRE_COMMIT_REMOTE_BRANCH ?? 'HEAD'} ${io.env.PRE_COMMIT_FROM_REF}\n`
        : undefined;
      const updates = parsePushUpdates(fromFramework ?? await io.stdin());
      if (!updates.length) {
        io.stderr('ring-keys scan: --pre-push read no ref updates on standard input (it runs as a git pre-push hook, ' +
          'which gets "<local ref> <sha> <remote ref> <sha>" lines), so nothing was scanned. The push is blocked.\n');
        return 2;
      }
      const r = await scanPush(updates, positionals[0] ?? io.env.PRE_COMMIT_REMOTE_NAME, opts);
      if (!r.updates) {
        if (!values.quiet) { io.stderr('ring-keys scan: the push only deletes refs; no commits to scan.\n'); }
        return 0;
      }
      result = r; pushed = r.pushed;
    }
  } catch (err) {
    return fail(io, mode, err);
  }
  const { keys, stats, baselined, ignored, capped } = result;
  const extra = { baselined, ignored, maxBytes, ...(stagedFiles === undefined ? {} : { stagedFiles }) };
  const summary = summaryLine(mode, stats, keys.length, extra);

  if (values['write-baseline']) {
    const target = path.resolve(cwd, values['write-baseline']);
    let existing: BaselineFile | undefined;
    try { existing = parseBaseline(fs.readFileSync(target, 'utf8')); } catch { existing = undefined; }
    const entries = keys.map(k => ({ rule: k.rule, fingerprint: k.fingerprint, masked: k.masked, path: k.first.path }));
    try { writeFileNoFollow(target, withEntries(existing, entries)); } catch (err) {
      io.stderr(`ring-keys scan: cannot write ${quoteName(values['write-baseline'])}: ${err instanceof UnsafeWriteError ? escapeControls(err.message) : (err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      return 2;
    }
    io.stderr(`ring-keys scan: ${entries.length} key(s) accepted in ${values['write-baseline']}\n`);
    return 0;
  }

  // a hook is quiet on success: nothing found and nothing that blocks (a scan in part blocks, below)
  const silent = !!values.quiet && !keys.length && !(stats.capped && mode !== 'history');
  let report: string;
  if (format === 'sarif') {
    const head = mode === 'staged' ? undefined : await resolveCommit('HEAD', gitOpts).catch(() => undefined);
    report = `${JSON.stringify(sarifReport(keys, mode, { baseDir: root, version: VERSION, ...(head ? { head } : {}) }), null, 2)}\n`;
  } else if (format === 'json') {
    report = `${JSON.stringify(jsonReport(keys, mode, stats, { ...extra, capped }), null, 2)}\n`;
  } else {
    report = `${textReport(keys, mode, { files: capped, count: stats.capped, maxBytes })}${summary}\n`;
  }
  if (values.output) {
    try { fs.writeFileSync(path.resolve(cwd, values.output), report); } catch (err) {
      io.stderr(`ring-keys scan: cannot write ${values.output}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      return 2;
    }
    if (!silent) { io.stderr(`ring-keys scan: ${summary}\n`); }
  } else if (!silent) {
    io.stdout(report);
    // hooks and machine formats: the summary goes to stderr so a person sees what was scanned
    if (format !== 'text') { io.stderr(`ring-keys scan: ${summary}\n`); }
  }
  if (values.annotate) { io.stdout(githubAnnotations(keys, mode)); }
  // a low-confidence key is information: it blocks nothing unless --fail-on low
  const failing = keys.filter(k => failsOn(failOn, k));
  if (mode === 'pre-push' && failing.length) { io.stderr(pushAdvice(failing, pushed)); }
  if (mode === 'staged' && failing.length) {
    io.stderr('\nCommit blocked: unstage the key (read it from the environment or a secret store instead), or accept it with ' +
      '`ring-keys scan --staged --write-baseline .ring-keys-baseline.json`.\n');
  }
  if (failing.length) { return 1; }
  // a hook that could not read everything blocks (a key could sit past the bound); a history scan notes it, as a file scan does
  if (stats.capped && mode !== 'history') {
    const what = mode === 'staged' ? 'commit' : 'push';
    const notes = format === 'text' && !values.output ? '' : capped.map(c => `  ${cappedNote(c, maxBytes)}\n`).join('');
    const whole = mode === 'staged' ? 'ring-keys scan --staged --max-file-size 64' : 'ring-keys scan --git --since <the commit the destination has> --max-file-size 64';
    io.stderr(`ring-keys scan: ${cappedText(stats, maxBytes)}: a key past the first ${maxMiB} MiB would not be seen, so the ${what} is blocked.\n${notes}` +
      `Scan them whole (\`${whole}\`), then ${what} with --no-verify if nothing is found.\n`);
    return 2;
  }
  return 0;
}
