// JUnit XML for CI systems (GitHub Actions reporters, GitLab's `artifacts:reports:junit`, Jenkins): one
// testsuite per request file, one testcase per request. Everything in it is already redacted by the runner.
import type { RequestOutcome } from './run';

export interface SuiteReport {
  /** The request file, relative to where the run started. */
  readonly file: string;
  readonly outcomes: readonly RequestOutcome[];
  /** A file that could not be read or parsed at all. */
  readonly problems?: readonly string[];
}

/** XML 1.0 text: the five entities escaped and characters XML cannot hold removed. */
export function xmlText(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function failureText(o: RequestOutcome): string {
  const lines = o.assertions.filter(a => !a.pass).map(a => `line ${a.assertion.line + 1}: ${a.assertion.text} (got ${a.actual})`);
  if (o.message) { lines.unshift(o.message); }
  return lines.join('\n');
}

export function junitXml(suites: readonly SuiteReport[]): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = suites.flatMap(s => s.outcomes);
  const count = (st: RequestOutcome['state']) => all.filter(o => o.state === st).length;
  const problems = suites.reduce((n, s) => n + (s.problems?.length ?? 0), 0);
  const secs = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);
  const total = (os: readonly RequestOutcome[]) => os.reduce((t, o) => t + (o.durationMs ?? 0), 0);
  out.push(`<testsuites name="ring-keys http run" tests="${all.length + problems}" failures="${count('failed')}" errors="${count('error') + count('refused') + problems}" time="${secs(total(all))}">`);
  for (const s of suites) {
    const n = (st: RequestOutcome['state']) => s.outcomes.filter(o => o.state === st).length;
    const p = s.problems?.length ?? 0;
    out.push(`  <testsuite name="${xmlText(s.file)}" tests="${s.outcomes.length + p}" failures="${n('failed')}" errors="${n('error') + n('refused') + p}" skipped="0" time="${secs(total(s.outcomes))}">`);
    for (const problem of s.problems ?? []) {
      out.push(`    <testcase classname="${xmlText(s.file)}" name="parse" time="0.000">`);
      out.push(`      <error message="${xmlText(problem)}" type="parse"/>`);
      out.push('    </testcase>');
    }
    for (const o of s.outcomes) {
      out.push(`    <testcase classname="${xmlText(s.file)}" name="${xmlText(o.name)}" time="${secs(o.durationMs)}">`);
      if (o.state === 'failed') {
        const text = failureText(o);
        out.push(`      <failure message="${xmlText(text.split('\n')[0] ?? '')}" type="assertion">${xmlText(text)}</failure>`);
      } else if (o.state === 'refused' || o.state === 'error') {
        out.push(`      <error message="${xmlText(o.message ?? o.state)}" type="${o.state}"/>`);
      }
      out.push(`      <system-out>${xmlText(`${o.label}${o.status !== undefined ? ` → ${o.status}` : ''}`)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
