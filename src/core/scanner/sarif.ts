// SARIF 2.1.0 for GitHub code scanning: rules with ids and help, results with 1-based startLine and
// startColumn, artifact URIs relative to the %SRCROOT% base. Keys appear masked only. No `vscode` import.
import { pathToFileURL } from 'node:url';
import { CONFIDENCE_RANK } from './confidence';
import { describe, type Finding } from './scanner';
import { RULE_IDS, RULES, ruleHelpUrl, REPOSITORY_URL, type Severity } from './rules';

export interface FileFindings {
  /** Relative to the base directory, `/` separators. */
  readonly path: string;
  readonly findings: readonly Finding[];
  readonly capped?: boolean;
  readonly truncated?: boolean;
  /** Findings past the per-file cap, not listed (ScanResult.omitted). */
  readonly omitted?: number;
}

export const SRCROOT = '%SRCROOT%';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { error: '9.0', warning: '6.0', info: '3.0', hint: '1.0' };

export function toSarif(files: readonly FileFindings[], opts: { baseDir: string; version: string; capBytes?: number }): object {
  const ruleIndex = new Map(RULE_IDS.map((id, i) => [id, i]));
  const results = files.flatMap(f => f.findings.map(x => ({
    ruleId: x.rule,
    ruleIndex: ruleIndex.get(x.rule),
    level: LEVEL[x.severity],
    message: { text: describe(x) },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: encodePath(f.path), uriBaseId: SRCROOT },
        region: { startLine: x.line + 1, startColumn: x.column + 1, endLine: x.line + 1, endColumn: x.column + 1 + (x.end - x.start) },
      },
    }],
    rank: CONFIDENCE_RANK[x.confidence],
    properties: { confidence: x.confidence },
    partialFingerprints: { 'ringKeys/v1': x.fingerprint },
  })));
  // a file scanned in part, and a file with more findings than listed (how many more, when counted)
  const note = (f: FileFindings, text: string, properties?: object) => ({
    level: 'note',
    message: { text },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodePath(f.path), uriBaseId: SRCROOT } } }],
    ...(properties ? { properties } : {}),
  });
  const notes = files.flatMap(f => [
    ...(f.capped ? [note(f, `Scanned only the first ${Math.round((opts.capBytes ?? 0) / 1048576)} MiB of ${f.path}; findings there are reported.`)] : []),
    ...(f.omitted ? [note(f, `${f.omitted} more finding(s) in ${f.path} not listed (the first ${f.findings.length} are).`, { omitted: f.omitted })]
      : f.truncated && !f.capped ? [note(f, `More findings in ${f.path} than reported.`)] : []),
  ]);
  const base = pathToFileURL(opts.baseDir.endsWith('/') ? opts.baseDir : `${opts.baseDir}/`).href;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'Ring Keys',
          informationUri: REPOSITORY_URL,
          semanticVersion: opts.version,
          rules: RULE_IDS.map(id => {
            const r = RULES[id];
            return {
              id,
              name: id.split('-').map(w => w[0].toUpperCase() + w.slice(1)).join(''),
              shortDescription: { text: r.title },
              fullDescription: { text: r.summary },
              help: { text: `${r.summary} ${r.help}`, markdown: `**${r.title}**\n\n${r.summary}\n\n${r.help}\n\n[Rule reference](${ruleHelpUrl(id)})` },
              helpUri: ruleHelpUrl(id),
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              properties: { tags: ['security', 'secret', 'api-key'], precision: 'high', 'security-severity': SECURITY_SEVERITY[r.defaultSeverity] },
            };
          }),
        },
      },
      originalUriBaseIds: { [SRCROOT]: { uri: base } },
      columnKind: 'utf16CodeUnits',
      invocations: [{ executionSuccessful: true, toolExecutionNotifications: notes }],
      results,
    }],
  };
}

/** A relative path as a URI reference (spaces and such percent-encoded, `/` kept). */
function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}
