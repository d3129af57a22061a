import * as path from 'node:path';
import * as vscode from 'vscode';
import { Settings } from '../../../constants';
import { DEFAULT_BASELINE_FILE } from '../../../core/scanner/baseline';
import { RULE_IDS, RULES, type RuleId, type Severity } from '../../../core/scanner/rules';
import { DEFAULT_MAX_BYTES } from '../../../core/scanner/scanner';

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface DiagnosticsSettings {
  readonly enable: boolean;
  readonly severity: Readonly<Record<RuleId, SeveritySetting>>;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly baselineFile: string;
  readonly maxBytes: number;
}

const FROM_CORE: Record<Severity, SeveritySetting> = { error: 'error', warning: 'warning', info: 'information', hint: 'hint' };

export function defaultSeverity(rule: RuleId): SeveritySetting {
  return FROM_CORE[RULES[rule].defaultSeverity];
}

/** The settings that apply to one resource (a folder may override the user's). */
export function readSettings(scope: vscode.Uri | undefined): DiagnosticsSettings {
  const c = vscode.workspace.getConfiguration(Settings.diagnostics, scope);
  const configured = c.get<Record<string, unknown>>('severity') ?? {};
  const severity = {} as Record<RuleId, SeveritySetting>;
  for (const id of RULE_IDS) {
    const v = configured[id];
    severity[id] = v === 'error' || v === 'warning' || v === 'information' || v === 'hint' || v === 'off' ? v : defaultSeverity(id);
  }
  const list = (key: string, fallback: string[]): string[] => {
    const v = c.get<unknown>(key);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : fallback;
  };
  const mb = c.get<number>('maxFileSizeMB');
  return {
    enable: c.get<boolean>('enable') ?? true,
    severity,
    include: list('include', ['**/*']),
    exclude: list('exclude', []),
    baselineFile: c.get<string>('baselineFile') || DEFAULT_BASELINE_FILE,
    maxBytes: typeof mb === 'number' && mb > 0 ? Math.floor(mb * 1048576) : DEFAULT_MAX_BYTES,
  };
}

/** files.exclude patterns that are switched on (the workspace scan honours them). */
export function filesExclude(scope: vscode.Uri | undefined): string[] {
  const v = vscode.workspace.getConfiguration('files', scope).get<Record<string, unknown>>('exclude') ?? {};
  return Object.entries(v).filter(([, on]) => on === true).map(([g]) => g);
}

export function toVscodeSeverity(s: SeveritySetting): vscode.DiagnosticSeverity | undefined {
  switch (s) {
    case 'error': return vscode.DiagnosticSeverity.Error;
    case 'warning': return vscode.DiagnosticSeverity.Warning;
    case 'information': return vscode.DiagnosticSeverity.Information;
    case 'hint': return vscode.DiagnosticSeverity.Hint;
    case 'off': return undefined;
  }
}

/** A document's path relative to its workspace folder, `/` separators (undefined outside any folder). */
export function relativePath(uri: vscode.Uri): { folder: vscode.WorkspaceFolder; rel: string } | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) { return undefined; }
  const rel = path.posix.relative(folder.uri.path, uri.path);
  return rel && !rel.startsWith('..') ? { folder, rel } : undefined;
}
