import { parseArgs } from 'node:util';
import { errorMessage } from '../core/errorMessage';
import type { LiveVerdict } from '../core/liveCheck';
import { PROVIDERS, PROVIDER_IDS } from '../core/providers/catalog';
import { DEFAULT_BASELINE_FILE } from '../core/scanner/baseline';
import { gitleaksConfig, secretlintConfig } from '../core/scanner/export';
import { RULE_IDS, RULES, ruleHelpUrl } from '../core/scanner/rules';
import type { FileFindings } from '../core/scanner/sarif';
import { DEFAULT_MAX_BYTES } from '../core/scanner/scanner';
import { quoteName } from '../core/terminalText';
import { archivesIn, BUILD_OUTPUT_DIRS, findBuildOutput, markShipped } from './buildOutput';
import { GIT_SCAN_HELP, gitScan, isGitScan } from './gitScan';
import { loadBaseline, ownKeysFromEnv, parseScanOptions, type ScanOptions } from './scanOptions';
import { countFindings, formatReport, ignoredText, writeBaselineFile, writeReport } from './scanOutput';
import { collectFindings, rescanRinggProject, resolveTargets, scanTargets } from './scanTargets';
import { UsageError, type CliCommand, type CliIo } from './types';
import { baseUrlEnvVar, failsOn } from './verifyOptions';

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'Find hard-coded Ringg AI, Ringyo AI and Ring Tonic keys (text, JSON or SARIF)',
  help: `Usage: ring-keys scan [--format text|json|sarif] [--output FILE] [--baseline FILE] [PATH...]

Scans the files that count under each PATH (default: .): in a git repository, every tracked file and the
untracked files git does not ignore (.gitignore, .git/info/exclude, the global excludes file); elsewhere,
every file but those the folder's .gitignore files name. A PATH that names a file, or a folder its
repository ignores, is scanned as given; a PATH that is a symbolic link, as what it leads to (links inside
a folder are not followed). Binary files are skipped; files larger than --max-file-size are
scanned up to that size (and say so). The summary counts what was skipped and why. Keys are masked in
every format.

Options:
  --format F           text (default), json, or sarif (SARIF 2.1.0 for GitHub code scanning)
  --output FILE        write the report to FILE instead of standard output
  --baseline FILE      skip findings accepted in FILE (default: ${DEFAULT_BASELINE_FILE} when it exists)
  --no-baseline        do not read the default baseline
  --write-baseline F   write every finding of this scan to F as accepted (keeps F's entries), exit 0
  --own-keys-from-env  also report, as own keys, the values of ${PROVIDER_IDS.map(p => PROVIDERS[p].envVar).join(', ')}
  --max-file-size MIB  scan at most this many MiB of one file (default ${DEFAULT_MAX_BYTES / 1048576})
  --jobs N, -j N       scan on N threads (default: the number of cores); the output is the same for any N
  --fail-on WHAT       high (default): exit 1 on findings of high confidence (a low-confidence one is
                       information); low (or any): on every finding; live: see --verify
  --build-output       also scan the build output under each folder, ignored or not (${BUILD_OUTPUT_DIRS.map(d => `${d}/`).join(', ')}):
                       minified bundles and source maps included; a key there ships to every client, and
                       its finding says so. App archives in it (.apk, .aab, .ipa) are opened: each entry is
                       scanned, a binary one by its strings (app.apk!/classes.dex)

Live checks (--verify): each distinct key found is sent once, to its own provider's API only, and the
report says whether it works: live, rejected (revoked or rotated), restricted (accepted, 403) or unknown.
  --verify             check the keys found (at most 4 at a time, within each provider's rate limit)
  --fail-on live       exit 1 only when a found key works
  --ringg-base-url URL, --ringyo-base-url URL, --ringtonic-base-url URL
                       where that provider's keys are checked (also ${PROVIDER_IDS.map(baseUrlEnvVar).join(', ')}):
                       HTTPS under the provider's domain, or loopback (the ring-keys sandbox)
  --ringtonic-campaign UUID  a campaign to check Ring Tonic keys through (it has no other endpoint)

${GIT_SCAN_HELP}
Exit status: 0 nothing found (or only low-confidence findings), 1 findings, 2 usage or I/O error (or no file to scan; in the git modes, nothing
could be scanned).
Rules: ring-keys rules (and ${ruleHelpUrl('ringg-api-key').replace(/#.*/, '')}#leak-diagnostics).
`,
  async run(args, io) {
    try {
      return await (isGitScan(args) ? gitScan(args, io) : scan(args, io));
    } catch (err) {
      if (err instanceof UsageError) { io.stderr(`ring-keys scan: ${err.message}\n`); return 2; }
      throw err;
    }
  },
};

/** `ring-keys scan [PATH...]` without the git modes: each stage a function, in the order they run. */
async function scan(args: string[], io: CliIo): Promise<number> {
  const cwd = io.cwd;
  const fail = (error: string) => { io.stderr(`ring-keys scan: ${error}\n`); return 2; };
  const opts = parseScanOptions(args, io.env);
  const read = loadBaseline(opts, cwd);
  if ('error' in read) { return fail(read.error); }
  const ownKeys = opts.ownKeysFromEnv ? ownKeysFromEnv(io.env) : [];

  const resolved = resolveTargets(opts.roots, cwd);
  if ('error' in resolved) { return fail(resolved.error); }
  // --build-output: the build folders under each folder named, scanned as named (a repository's ignore rules
  // do not apply to a folder named), each finding there marked as shipped
  const shipped = opts.buildOutput ? findBuildOutput(resolved.targets.filter(t => t.folder).map(t => t.abs), cwd) : [];
  if (opts.buildOutput) {
    io.stderr(shipped.length
      ? `ring-keys scan: build output: ${shipped.map(d => quoteName(`${d}/`)).join(', ')}\n`
      : `ring-keys scan: no build output found (looked for ${BUILD_OUTPUT_DIRS.map(d => `${d}/`).join(', ')})\n`);
    const more = resolveTargets(shipped, cwd);
    if ('error' in more) { return fail(more.error); }
    resolved.targets.push(...more.targets);
  }
  // --write-baseline accepts every finding, not just those a report would list (no cap per file)
  const fileOpts = { maxBytes: opts.maxBytes, baseline: read.baseline, ownKeys, jobs: opts.jobs, uncapped: opts.writeBaseline !== undefined };
  const run = await scanTargets(resolved.targets, fileOpts);
  if (!run.order.length) {
    const { skipped } = run;
    return fail(`no files to scan in ${opts.roots.map(quoteName).join(', ')}${skipped.ignoredFiles + skipped.ignoredFolders ? ` (${ignoredText(skipped)})` : ''}`);
  }
  rescanRinggProject(run, fileOpts);
  const collected = collectFindings(run, cwd, text => io.stderr(text));
  const { stats } = collected;
  // app archives in build output: their entries scanned too, each finding shown as `app.apk!/entry`
  const archives = shipped.length ? archivesIn(run.feed.paths, shipped, cwd) : [];
  if (archives.length) {
    const { scanArchive } = await import('./archives');
    let entries = 0; let bytes = 0;
    for (const a of archives) {
      const r = await scanArchive(a.abs, a.shown, { maxBytes: opts.maxBytes, ...(read.baseline ? { baseline: read.baseline } : {}), ...(ownKeys.length ? { ownKeys } : {}) });
      collected.files.push(...r.files);
      entries += r.entries; bytes += r.bytes;
      for (const p of r.problems) { stats.unreadable++; io.stderr(`ring-keys scan: app archive ${p}\n`); }
    }
    io.stderr(`ring-keys scan: opened ${archives.length} app archive(s) (.apk, .aab, .ipa): ${entries} entries, ${(bytes / 1048576).toFixed(1)} MiB inflated\n`);
  }
  const files = markShipped(collected.files, shipped);

  if (opts.writeBaseline) {
    const written = writeBaselineFile(opts.writeBaseline, cwd, files);
    if ('error' in written) { return fail(written.error); }
    io.stderr(`ring-keys scan: ${written.accepted} finding(s) accepted in ${opts.writeBaseline}\n`);
    return 0;
  }

  const { verdicts, verifyNote } = opts.verify ? await liveChecks(files, opts, cwd) : { verdicts: undefined, verifyNote: '' };
  const failOn = opts.failOn;
  const failing = failOn === 'live'
    ? files.some(f => f.findings.some(x => verdicts?.get(x.fingerprint)?.validity === 'live'))
    : files.some(f => f.findings.some(x => failsOn(failOn, x))) || stats.omitted > 0;   // a finding past a cap is a finding

  const report = formatReport(opts.format, { files, stats, skipped: run.skipped, verdicts, verifyNote, cwd, maxMiB: opts.maxMiB, maxBytes: opts.maxBytes });
  const written = writeReport(report, opts.output, cwd, text => io.stdout(text));
  if (written) { return fail(written.error); }
  return failing ? 1 : 0;
}

/** Live checks (--verify): a stage after the scan, over its findings; the verdicts and what the summary says of them. */
async function liveChecks(files: readonly FileFindings[], opts: ScanOptions, cwd: string): Promise<{ verdicts: ReadonlyMap<string, LiveVerdict> | undefined; verifyNote: string }> {
  if (countFindings(files) === 0) { return { verdicts: undefined, verifyNote: '' }; }
  const { verifyFindings } = await import('./verifyStage');   // the HTTP client loads only for --verify
  const r = await verifyFindings(files, { cwd, baseUrls: opts.baseUrls, ringtonicCampaign: opts.ringtonicCampaign });
  const live = files.reduce((n, f) => n + f.findings.filter(x => r.verdicts.get(x.fingerprint)?.validity === 'live').length, 0);
  return { verdicts: r.verdicts,
    verifyNote: ` Checked ${r.checked} distinct key(s): ${live} finding(s) live.${r.unreadable ? ` ${r.unreadable} not checked (the file changed).` : ''}` };
}

export const rulesCommand: CliCommand = {
  name: 'rules',
  summary: 'List the leak rules, or print them as gitleaks / secretlint configuration',
  help: `Usage: ring-keys rules [--format text|gitleaks|secretlint]

  text        the rules with their ids, severities and explanations (default)
  gitleaks    a gitleaks config (TOML) extending the default rules with ours
  secretlint  a .secretlintrc.json: the recommended preset plus our patterns
              (needs @secretlint/secretlint-rule-pattern)

The regular expressions approximate what \`ring-keys scan\` decides from context.
`,
  async run(args, io) {
    let format: string;
    try {
      format = parseArgs({ args, strict: true, options: { format: { type: 'string', default: 'text' } } }).values.format!;
    } catch (err) {
      io.stderr(`ring-keys rules: ${errorMessage(err)}\n`);
      return 2;
    }
    if (format === 'gitleaks') { io.stdout(gitleaksConfig()); return 0; }
    if (format === 'secretlint') { io.stdout(secretlintConfig()); return 0; }
    if (format !== 'text') { io.stderr(`ring-keys rules: --format must be text, gitleaks or secretlint\n`); return 2; }
    io.stdout(RULE_IDS.map(id => `${id} (${RULES[id].defaultSeverity})\n  ${RULES[id].summary}\n  ${ruleHelpUrl(id)}\n`).join('\n'));
    return 0;
  },
};
