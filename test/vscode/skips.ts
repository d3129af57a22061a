// The VS Code tier may skip a test only for a reason its own file lists. A file declares its reasons once
//
//     const SKIPS = allowSkips(__filename, { desktop: NO_UI_BRIDGE });
//
// and skips with skipBecause(this, SKIPS.desktop). The runner (index.ts) watches every pending test: one
// skipped with this.skip(), it.skip or a reason its file does not list fails the run; the others are counted
// by reason and printed ("2 skipped: runs only in the reload session ×1, …"). No `vscode` import, so the unit
// tier runs the same code against a real mocha run (test/unit/skips.test.ts).
import type Mocha from 'mocha';

const allowed = new Map<string, ReadonlySet<string>>();
const REASON = Symbol.for('ring-keys.skipReason');
type Marked = { [REASON]?: string };

/** Declares the reasons the tests of `file` (pass `__filename`) may skip for. Returns them for skipBecause. */
export function allowSkips<R extends Record<string, string>>(file: string, reasons: R): R {
  allowed.set(file, new Set(Object.values(reasons)));
  return reasons;
}

/**
 * Skips the running test (from `it`) or the rest of the suite (from a hook), naming why. The reason must be
 * one the test's file listed with allowSkips, or the run fails.
 */
export function skipBecause(ctx: Mocha.Context, reason: string): never {
  const runnable = ctx.test;
  // a hook's skip makes its suite's tests pending: the reason goes on the suite
  const target = ((runnable as { type?: string } | undefined)?.type === 'hook' ? runnable?.parent : runnable) as Marked | undefined;
  if (target) { target[REASON] = reason; }
  ctx.skip();
}

export interface Skip { readonly file: string; readonly title: string; readonly reason?: string }

/** The reason a pending test was skipped for: its own, else the nearest suite's; undefined for a bare skip. */
function reasonOf(test: Mocha.Test): string | undefined {
  for (let r: Mocha.Runnable | Mocha.Suite | undefined = test; r; r = r.parent) {
    const reason = (r as Marked)[REASON];
    if (reason) { return reason; }
  }
  return undefined;
}

export interface CheckedRun { readonly passes: number; readonly failures: number; readonly skips: readonly Skip[]; readonly verdict: SkipVerdict }

/**
 * Runs the tests, collecting every test the run leaves pending (its file and reason), and judges the skips.
 * `watch` gets the runner before the first test runs (to listen to its events).
 */
export function runChecked(mocha: Mocha, watch?: (runner: Mocha.Runner) => void): Promise<CheckedRun> {
  const skips: Skip[] = [];
  return new Promise(resolve => {
    const runner = mocha.run(failures => {
      resolve({ passes: runner.stats?.passes ?? 0, failures, skips, verdict: judgeSkips(skips) });
    });
    watch?.(runner);
    runner.on('pending', (test: Mocha.Test) => {
      const reason = reasonOf(test);
      skips.push({ file: test.file ?? '(unknown file)', title: test.fullTitle(), ...(reason ? { reason } : {}) });
    });
  });
}

export interface SkipVerdict {
  /** One line per skip whose reason its file does not list (or that names none). The run fails on any. */
  readonly problems: string[];
  /** How many tests skipped for each (listed) reason. */
  readonly byReason: ReadonlyMap<string, number>;
}

/** The policy: a skip is allowed only when its reason is in its own file's list. */
export function judgeSkips(skips: readonly Skip[], lists: ReadonlyMap<string, ReadonlySet<string>> = allowed): SkipVerdict {
  const problems: string[] = [];
  const byReason = new Map<string, number>();
  for (const s of skips) {
    const name = s.file.replace(/^.*[\\/]/, '');
    if (!s.reason) {
      problems.push(`"${s.title}" (${name}) skipped without a reason: use skipBecause with a reason its file lists`);
    } else if (!lists.get(s.file)?.has(s.reason)) {
      problems.push(`"${s.title}" (${name}) skipped because "${s.reason}", a reason ${name} does not list`);
    } else {
      byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
    }
  }
  return { problems, byReason };
}

/** "0 skipped" or "3 skipped (reason ×2; other reason ×1)". */
export function describeSkips(count: number, byReason: Iterable<[string, number]>): string {
  const parts = [...byReason].map(([reason, n]) => `${reason} ×${n}`);
  return `${count} skipped${parts.length ? ` (${parts.join('; ')})` : ''}`;
}
