import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { confineToFolder } from '../core/paths';
import { PROVIDERS, PROVIDER_IDS } from '../core/providers/catalog';
import { baselineSet, BaselineError, DEFAULT_BASELINE_FILE, parseBaseline, withEntries, type BaselineFile } from '../core/scanner/baseline';
import { gitleaksConfig, secretlintConfig } from '../core/scanner/export';
import { ownKeyPrint, type OwnKeyPrint } from '../core/scanner/ownKeys';
import { RULE_IDS, RULES, ruleHelpUrl } from '../core/scanner/rules';
import { toSarif, type FileFindings } from '../core/scanner/sarif';
import { hasRaisableFindings } from '../core/scanner/project';
import { defaultJobs, FileFeed, scanFile, scanFiles } from '../core/scanner/scanFiles';
import { DEFAULT_MAX_BYTES, describe } from '../core/scanner/scanner';
import { listFiles } from '../core/scanner/walk';
import type { LiveVerdict } from '../core/liveCheck';
import { verdictText as describeVerdict } from './messages';
import { GIT_SCAN_HELP, gitScan, isGitScan } from './gitScan';
import { UsageError, type CliCommand, type CliIo } from './types';
import { addValidityToSarif, baseUrlEnvVar, parseFailOn, resolveBaseUrls, validityOf } from './verifyOptions';
import { VERSION } from './version';
import { errorMessage } from '../core/errorMessage';
import { escapeControls, quoteName } from '../core/terminalText';
import { UnsafeWriteError, writeFileNoFollow } from '../core/safeWrite';

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

Live checks (--verify): each distinct key found is sent once, to its own provider's API only, and the
report says whether it works: live, rejected (revoked or rotated), restricted (accepted, 403) or unknown.
  --verify             check the keys found (at most 4 at a time, within each provider's rate limit)
  --fail-on WHAT       any (default): exit 1 on any finding; live: exit 1 only when a key works
  --ringg-base-url URL, --ringyo-base-url URL, --ringtonic-base-url URL
                       where that provider's keys are checked (also ${PROVIDER_IDS.map(baseUrlEnvVar).join(', ')}):
                       HTTPS under the provider's domain, or loopback (the ring-keys sandbox)
  --ringtonic-campaign UUID  a campaign to check Ring Tonic keys through (it has no other endpoint)

${GIT_SCAN_HELP}
Exit status: 0 nothing found, 1 findings, 2 usage or I/O error (or no file to scan; in the git modes, nothing
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

async function scan(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: {
      format: { type: 'string', default: 'text' }, output: { type: 'string' }, baseline: { type: 'string' },
      'no-baseline': { type: 'boolean' }, 'write-baseline': { type: 'string' }, 'own-keys-from-env': { type: 'boolean' },
      'max-file-size': { type: 'string' }, jobs: { type: 'string', short: 'j' }, verify: { type: 'boolean' }, 'fail-on': { type: 'string' },
      'ringg-base-url': { type: 'string' }, 'ringyo-base-url': { type: 'string' }, 'ringtonic-base-url': { type: 'string' },
      'ringtonic-campaign': { type: 'string' },
    } });
  } catch (err) {
    throw new UsageError(errorMessage(err));
  }
  const { values, positionals } = parsed;
  const format = values.format;
  if (!['text', 'json', 'sarif'].includes(format)) { throw new UsageError(`--format must be text, json or sarif, not '${format}'`); }
  const maxMiB = values['max-file-size'] === undefined ? DEFAULT_MAX_BYTES / 1048576 : Number(values['max-file-size']);
  if (!(maxMiB > 0)) { throw new UsageError('--max-file-size must be a positive number of MiB'); }
  const maxBytes = Math.floor(maxMiB * 1048576);
  const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) { throw new UsageError('--jobs must be a whole number from 1 to 256'); }
  const cwd = io.cwd;
  const verify = !!values.verify;
  const failOn = parseFailOn(values['fail-on'], verify);
  const baseUrls = verify ? resolveBaseUrls(values, io.env) : {};

  // baseline
  let baselinePath = values.baseline ? path.resolve(cwd, values.baseline) : undefined;
  if (!baselinePath && !values['no-baseline'] && fs.existsSync(path.join(cwd, DEFAULT_BASELINE_FILE))) {
    // the default file is the repository's choice: read it only if it really lies in this folder
    const where = confineToFolder(cwd, DEFAULT_BASELINE_FILE, 'The baseline');
    if (!where.ok) { io.stderr(`ring-keys scan: ${where.reason} Pass --baseline FILE or --no-baseline.\n`); return 2; }
    baselinePath = where.path;
  }
  let baseline: Set<string> | undefined;
  if (baselinePath) {
    try {
      baseline = baselineSet(parseBaseline(fs.readFileSync(baselinePath, 'utf8')));
    } catch (err) {
      const why = err instanceof BaselineError ? err.message : (err as NodeJS.ErrnoException).code ?? String(err);
      io.stderr(`ring-keys scan: cannot read the baseline ${quoteName(path.relative(cwd, baselinePath) || baselinePath)}: ${escapeControls(why)}\n`);
      return 2;
    }
  }

  // own keys from the environment: prints only, the values are dropped here
  const ownKeys: OwnKeyPrint[] = [];
  if (values['own-keys-from-env']) {
    for (const p of PROVIDER_IDS) {
      const v = io.env[PROVIDERS[p].envVar];
      const print = v ? ownKeyPrint(`$${PROVIDERS[p].envVar}`, p, v) : undefined;
      if (print) { ownKeys.push(print); }
    }
  }

  // files: each PATH's list (git's idea of which files count), then one scan over all of them
  const roots = positionals.length ? positionals : ['.'];
  // each PATH as named (`abs`, how the report shows it) and where it is read (`real`): a symbolic link named
  // here is followed, as ripgrep does (links met in a folder are not)
  const targets: Array<{ abs: string; real: string; folder: boolean }> = [];
  for (const root of roots) {
    const abs = path.resolve(cwd, root);
    const t = namedTarget(abs, quoteName(root));
    if ('error' in t) { io.stderr(`ring-keys scan: ${t.error}\n`); return 2; }
    targets.push({ abs, ...t });
  }
  // the files are scanned as the folders are listed, in the order they are found; the report takes them PATH
  // by PATH, each one's files sorted, a file under two overlapping PATHs once
  const feed = new FileFeed();
  const shownAs = new Map<number, string>();   // a file's place in the feed → its path as named, where that differs
  const skipped = { ignoredFiles: 0, ignoredFolders: 0 };
  const listing = (async () => {
    const order: number[] = [];   // the report's order: each file's place in the feed
    for (const t of targets) {
      const offset = feed.paths.length;
      if (t.folder) {
        const l = await listFiles(t.real, { onFiles: entries => feed.add(entries.map(f => f.abs)) });
        for (const f of l.files) {
          order.push(offset + f.found);
          if (t.real !== t.abs) { shownAs.set(offset + f.found, path.join(t.abs, ...f.rel.split('/'))); }
        }
        skipped.ignoredFiles += l.skipped.ignoredFiles; skipped.ignoredFolders += l.skipped.ignoredFolders;
      } else {
        feed.add([t.real]);   // a file named on the command line is scanned as given, ignored or not
        order.push(offset);
        if (t.real !== t.abs) { shownAs.set(offset, t.abs); }
      }
    }
    if (targets.length > 1) {
      const seen = new Set<string>();
      return order.filter(at => !seen.has(feed.paths[at]) && !!seen.add(feed.paths[at]));
    }
    return order;
  })();
  void listing.then(() => feed.end(), err => feed.fail(err));
  // --write-baseline accepts every finding, not just those a report would list (no cap per file)
  const scanOpts = { maxBytes, ...(baseline ? { baseline: [...baseline] } : {}), ...(ownKeys.length ? { ownKeys } : {}),
    ...(values['write-baseline'] ? { maxFindings: Number.MAX_SAFE_INTEGER } : {}) };
  const scans = await scanFiles(feed, { ...scanOpts, lookForRinggHost: true }, { jobs });
  const order = await listing;
  if (!order.length) {
    io.stderr(`ring-keys scan: no files to scan in ${roots.map(quoteName).join(', ')}${skipped.ignoredFiles + skipped.ignoredFolders ? ` (${ignoredText(skipped)})` : ''}\n`);
    return 2;
  }
  // a Ringg host anywhere in the project makes generic key names Ringg keys in every file (README: Confidence):
  // the few files with such findings are scanned again
  const notable = [...scans.notable()];
  if (notable.some(([, r]) => r.ringgHost)) {
    for (const [i, r] of notable) {
      if (hasRaisableFindings(r.findings)) { scans.set(i, scanFile(feed.paths[i], { ...scanOpts, ringgProject: true }, baseline)); }
    }
  }
  const files: FileFindings[] = [];
  let scanned = 0; let bytes = 0; let binary = 0; let capped = 0; let unreadable = 0; let baselined = 0; let ignored = 0;
  for (const at of order) {
    const r = scans.get(at)!;
    const abs = shownAs.get(at) ?? feed.paths[at];
    // the shown path, worked out only for the files the report names
    const rel = () => toPosix(path.relative(cwd, abs)) || path.basename(abs);
    if (r.skipped) {
      if (r.skipped !== 'link' && r.skipped !== 'not-file' && r.skipped !== 'ENOENT') {   // a deleted tracked file is no error
        unreadable++;
        io.stderr(`ring-keys scan: skipped ${quoteName(rel())}: ${r.skipped}\n`);
      }
      continue;
    }
    scanned++; bytes += r.scannedBytes;
    if (r.binary) { binary++; continue; }
    if (r.capped) { capped++; }
    baselined += r.baselined; ignored += r.ignored;
    if (r.findings.length || r.capped || r.truncated) { files.push({ path: rel(), findings: r.findings, capped: r.capped, truncated: r.truncated, omitted: r.omitted ?? 0 }); }
  }
  const findings = files.reduce((n, f) => n + f.findings.length, 0);
  // findings past the per-file cap: counted, not listed (each report says how many)
  const omitted = files.reduce((n, f) => n + (f.omitted ?? 0), 0);

  if (values['write-baseline']) {
    const target = path.resolve(cwd, values['write-baseline']);
    let existing: BaselineFile | undefined;
    try { existing = parseBaseline(fs.readFileSync(target, 'utf8')); } catch { existing = undefined; }
    const entries = files.flatMap(f => f.findings.map(x => ({ rule: x.rule, fingerprint: x.fingerprint, masked: x.masked, path: f.path })));
    try { writeFileNoFollow(target, withEntries(existing, entries)); } catch (err) {
      io.stderr(`ring-keys scan: cannot write ${quoteName(values['write-baseline'])}: ${err instanceof UnsafeWriteError ? escapeControls(err.message) : (err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      return 2;
    }
    io.stderr(`ring-keys scan: ${entries.length} finding(s) accepted in ${values['write-baseline']}\n`);
    return 0;
  }

  // live checks: a stage after the scan, over its findings
  let verdicts: ReadonlyMap<string, LiveVerdict> | undefined;
  let verifyNote = '';
  if (verify && findings > 0) {
    const { verifyFindings } = await import('./verifyStage');   // the HTTP client loads only for --verify
    const r = await verifyFindings(files, { cwd, baseUrls, ringtonicCampaign: values['ringtonic-campaign'] });
    verdicts = r.verdicts;
    const live = files.reduce((n, f) => n + f.findings.filter(x => verdicts!.get(x.fingerprint)?.validity === 'live').length, 0);
    verifyNote = ` Checked ${r.checked} distinct key(s): ${live} finding(s) live.${r.unreadable ? ` ${r.unreadable} not checked (the file changed).` : ''}`;
  }
  const failing = failOn === 'live'
    ? files.some(f => f.findings.some(x => verdicts?.get(x.fingerprint)?.validity === 'live'))
    : findings > 0;

  let report: string;
  if (format === 'sarif') {
    const sarif = toSarif(files, { baseDir: cwd, version: VERSION, capBytes: maxBytes });
    if (verdicts) { addValidityToSarif(sarif, verdicts, describeVerdict); }
    report = `${JSON.stringify(sarif, null, 2)}\n`;
  } else if (format === 'json') {
    report = `${JSON.stringify({
      version: 1,
      findings: files.flatMap(f => f.findings.map(x => ({
        path: f.path, line: x.line + 1, column: x.column + 1, endColumn: x.column + 1 + (x.end - x.start),
        rule: x.rule, severity: x.severity, confidence: x.confidence, provider: x.provider, masked: x.masked, fingerprint: x.fingerprint,
        message: describe(x), help: ruleHelpUrl(x.rule),
        ...(verdicts ? { validity: validityOf(verdicts, x.fingerprint), ...(verdicts.get(x.fingerprint) ? { validityReason: describeVerdict(verdicts.get(x.fingerprint)!) } : {}) } : {}),
      }))),
      capped: files.filter(f => f.capped).map(f => f.path),
      truncated: files.filter(f => f.truncated).map(f => f.path),
      omitted: Object.fromEntries(files.filter(f => f.omitted).map(f => [f.path, f.omitted])),
      stats: { files: scanned, bytes, binary, baselined, ignored, omitted, skipped: { ...skipped, binary, capped, unreadable } },
    }, null, 2)}\n`;
  } else {
    // names from the files and the servers with their control characters escaped, so they print as text
    const lines: string[] = [];
    for (const f of files) {
      const shown = quoteName(f.path);
      for (const x of f.findings) {
        const v = verdicts?.get(x.fingerprint);
        lines.push(`${shown}:${x.line + 1}:${x.column + 1}: ${x.severity} [${x.rule}] ${escapeControls(`${describe(x)}${verdicts ? ` [${v ? describeVerdict(v) : 'unchecked'}]` : ''}`)}`);
      }
      if (f.capped) { lines.push(`${shown}: note: scanned only the first ${maxMiB} MiB of this file`); }
      if (f.truncated) { lines.push(`${shown}: note: ${f.omitted ? `${f.omitted} more finding(s) not listed (the first ${f.findings.length} are)` : 'more findings than reported'}`); }
    }
    const errors = files.reduce((n, f) => n + f.findings.filter(x => x.severity === 'error').length, 0);
    const skips = [`${binary} binary skipped`, ...(capped ? [`${capped} too large (scanned in part)`] : []),
      ...(skipped.ignoredFiles + skipped.ignoredFolders ? [ignoredText(skipped)] : []), ...(unreadable ? [`${unreadable} unreadable`] : [])];
    lines.push(`${findings ? `${findings} finding(s)${omitted ? ` listed and ${omitted} more not listed` : ''}, ${errors} error(s)` : 'No keys found'} in ${scanned} file(s) ` +
      `(${formatBytes(bytes)}, ${skips.join(', ')}); ${baselined} accepted by the baseline, ${ignored} silenced inline.${verifyNote}`);
    report = `${lines.join('\n')}\n`;
  }
  if (values.output) {
    try { fs.writeFileSync(path.resolve(cwd, values.output), report); } catch (err) {
      io.stderr(`ring-keys scan: cannot write ${values.output}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      return 2;
    }
  } else {
    io.stdout(report);
  }
  return failing ? 1 : 0;
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

/**
 * Where a PATH named on the command line is read: itself, or for a symbolic link what it leads to (a file or
 * a folder), as ripgrep does for the paths it is given. A link that leads nowhere is an error.
 */
function namedTarget(abs: string, shown: string): { real: string; folder: boolean } | { error: string } {
  let st: fs.Stats;
  try { st = fs.statSync(abs); } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    let link: string | undefined;
    try { link = fs.lstatSync(abs).isSymbolicLink() ? fs.readlinkSync(abs) : undefined; } catch { link = undefined; }
    if (link !== undefined) {
      return { error: code === 'ELOOP'
        ? `${shown} is a symbolic link that leads back to itself; nothing to scan`
        : `${shown} is a symbolic link to ${quoteName(link)}, which does not exist; nothing to scan` };
    }
    return { error: code === 'ENOENT' || code === 'ENOTDIR' ? `no such file or folder: ${shown}` : `cannot read ${shown}: ${code ?? String(err)}` };
  }
  if (!st.isDirectory() && !st.isFile()) { return { error: `${shown} is not a file or a folder; nothing to scan` }; }
  let real = abs;
  try { if (fs.lstatSync(abs).isSymbolicLink()) { real = fs.realpathSync(abs); } } catch (err) {
    return { error: `cannot read ${shown}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  return { real, folder: st.isDirectory() };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function ignoredText(s: { ignoredFiles: number; ignoredFolders: number }): string {
  const parts = [...(s.ignoredFiles ? [`${s.ignoredFiles} file(s)`] : []), ...(s.ignoredFolders ? [`${s.ignoredFolders} folder(s)`] : [])];
  return `${parts.join(' and ')} ignored by git`;
}

function formatBytes(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}
