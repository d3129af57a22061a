// `ring-keys scan`, the first stage: what the command line and the environment ask for (options checked,
// the baseline read, own keys' prints taken from the environment). A usage error throws UsageError; a
// baseline that cannot be read is an `error` for the caller to print.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { errorMessage } from '../core/errorMessage';
import { confineToFolder } from '../core/paths';
import { PROVIDERS, PROVIDER_IDS, type ProviderId } from '../core/providers/catalog';
import { BaselineError, DEFAULT_BASELINE_FILE, readBaselineSet } from '../core/scanner/baseline';
import { ownKeyPrint, type OwnKeyPrint } from '../core/scanner/ownKeys';
import { defaultJobs } from '../core/scanner/scanFiles';
import { DEFAULT_MAX_BYTES } from '../core/scanner/scanner';
import { escapeControls, quoteName } from '../core/terminalText';
import { UsageError } from './types';
import { parseFailOn, resolveBaseUrls, type FailOn } from './verifyOptions';

export type ScanFormat = 'text' | 'json' | 'sarif';

export interface ScanOptions {
  readonly format: ScanFormat;
  /** The PATHs as named (default: `.`). */
  readonly roots: readonly string[];
  readonly output?: string;
  readonly baseline?: string;
  readonly noBaseline: boolean;
  readonly writeBaseline?: string;
  readonly ownKeysFromEnv: boolean;
  /** --max-file-size as given (MiB) and in bytes. */
  readonly maxMiB: number;
  readonly maxBytes: number;
  readonly jobs: number;
  readonly verify: boolean;
  readonly failOn: FailOn;
  /** Where each provider's keys are checked (only with --verify). */
  readonly baseUrls: Partial<Record<ProviderId, string>>;
  readonly ringtonicCampaign?: string;
  /** --build-output: the build output folders under each folder named are scanned too (src/cli/buildOutput.ts). */
  readonly buildOutput: boolean;
}

export function parseScanOptions(args: string[], env: NodeJS.ProcessEnv): ScanOptions {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: {
      format: { type: 'string', default: 'text' }, output: { type: 'string' }, baseline: { type: 'string' },
      'no-baseline': { type: 'boolean' }, 'write-baseline': { type: 'string' }, 'own-keys-from-env': { type: 'boolean' },
      'max-file-size': { type: 'string' }, jobs: { type: 'string', short: 'j' }, verify: { type: 'boolean' }, 'fail-on': { type: 'string' },
      'ringg-base-url': { type: 'string' }, 'ringyo-base-url': { type: 'string' }, 'ringtonic-base-url': { type: 'string' },
      'ringtonic-campaign': { type: 'string' }, 'build-output': { type: 'boolean' },
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
  const verify = !!values.verify;
  const failOn = parseFailOn(values['fail-on'], verify);
  const baseUrls = verify ? resolveBaseUrls(values, env) : {};
  return {
    format: format as ScanFormat, roots: positionals.length ? positionals : ['.'],
    output: values.output, baseline: values.baseline, noBaseline: !!values['no-baseline'], writeBaseline: values['write-baseline'],
    ownKeysFromEnv: !!values['own-keys-from-env'], maxMiB, maxBytes, jobs, verify, failOn, baseUrls,
    ringtonicCampaign: values['ringtonic-campaign'], buildOutput: !!values['build-output'],
  };
}

/**
 * The fingerprints the baseline accepts: --baseline FILE, or the default file when it exists in `cwd` (and
 * really lies in it). Undefined when there is none; an error when it cannot be read.
 */
export function loadBaseline(opts: ScanOptions, cwd: string): { baseline: Set<string> | undefined } | { error: string } {
  let baselinePath = opts.baseline ? path.resolve(cwd, opts.baseline) : undefined;
  if (!baselinePath && !opts.noBaseline && fs.existsSync(path.join(cwd, DEFAULT_BASELINE_FILE))) {
    // the default file is the repository's choice: read it only if it really lies in this folder
    const where = confineToFolder(cwd, DEFAULT_BASELINE_FILE, 'The baseline');
    if (!where.ok) { return { error: `${where.reason} Pass --baseline FILE or --no-baseline.` }; }
    baselinePath = where.path;
  }
  if (!baselinePath) { return { baseline: undefined }; }
  try {
    return { baseline: readBaselineSet(fs.readFileSync(baselinePath)) };
  } catch (err) {
    const why = err instanceof BaselineError ? err.message : (err as NodeJS.ErrnoException).code ?? String(err);
    return { error: `cannot read the baseline ${quoteName(path.relative(cwd, baselinePath) || baselinePath)}: ${escapeControls(why)}` };
  }
}

/** --own-keys-from-env: the prints of the keys in the providers' variables (the values are dropped here). */
export function ownKeysFromEnv(env: NodeJS.ProcessEnv): OwnKeyPrint[] {
  const ownKeys: OwnKeyPrint[] = [];
  for (const p of PROVIDER_IDS) {
    const v = env[PROVIDERS[p].envVar];
    const print = v ? ownKeyPrint(`$${PROVIDERS[p].envVar}`, p, v) : undefined;
    if (print) { ownKeys.push(print); }
  }
  return ownKeys;
}
