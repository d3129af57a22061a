// "Scan Workspace for Keys": every file git would track (.gitignore, files.exclude and our include/exclude
// respected), with progress and cancel; results go to the Problems panel, a summary comes at the end.
import * as vscode from 'vscode';
import { scoped, type Logger } from '../../../core/log';
import { isIncluded } from '../../../core/scanner/glob';
import { walkFiles } from '../../../core/scanner/walk';
import type { LeakDiagnostics } from './leakDiagnostics';
import { filesExclude, readSettings } from './settings';

export interface WorkspaceScanSummary {
  readonly files: number;
  readonly findings: number;
  readonly filesWithFindings: number;
  readonly cancelled: boolean;
  readonly seconds: number;
}

export async function scanWorkspace(diagnostics: LeakDiagnostics, logger: Logger): Promise<WorkspaceScanSummary> {
  const log = scoped(logger, 'workspace-scan');
  const folders = (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file');
  const t0 = Date.now();
  let files = 0; let findings = 0; let filesWithFindings = 0; let cancelled = false;
  if (!folders.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Scan Workspace for Keys needs a folder on disk; open documents are checked as you edit them.'));
    return { files, findings, filesWithFindings, cancelled, seconds: 0 };
  }
  diagnostics.markWorkspaceScanned();
  diagnostics.workspaceResults.clear();
  await vscode.window.withProgress({
    location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Ring Keys: scanning the workspace for keys'), cancellable: true,
  }, async (progress, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      for (const folder of folders) {
        const settings = readSettings(folder.uri);
        if (!settings.enable) { continue; }
        const exclude = [...settings.exclude, ...filesExclude(folder.uri)];
        for await (const entry of walkFiles(folder.uri.fsPath, { signal: abort.signal })) {
          if (token.isCancellationRequested) { break; }
          if (!isIncluded(entry.rel, settings.include, exclude)) { continue; }
          const uri = vscode.Uri.joinPath(folder.uri, ...entry.rel.split('/'));
          let n = 0;
          if (diagnostics.isLive(uri)) {
            n = diagnostics.live.get(uri)?.length ?? 0;   // an open editor: its live result (unsaved edits included)
          } else {
            n = (await diagnostics.scanFileFromDisk(uri)).findings;
          }
          files++;
          if (n) { findings += n; filesWithFindings++; }
          if (files % 50 === 0) { progress.report({ message: vscode.l10n.t('{0} files, {1} findings', files, findings) }); }
        }
        if (token.isCancellationRequested) { break; }
      }
    } finally {
      cancelled = token.isCancellationRequested;
      sub.dispose();
    }
  });
  const seconds = (Date.now() - t0) / 1000;
  log.info(`${cancelled ? 'cancelled after' : 'scanned'} ${files} files in ${seconds.toFixed(1)} s: ${findings} findings in ${filesWithFindings} files`);
  const summary = cancelled
    ? vscode.l10n.t('Ring Keys: scan cancelled after {0} files; {1} findings so far are in the Problems panel.', files, findings)
    : findings
      ? vscode.l10n.t('Ring Keys scanned {0} files: {1} hard-coded keys in {2} files. They are listed in the Problems panel.', files, findings, filesWithFindings)
      : vscode.l10n.t('Ring Keys scanned {0} files: no hard-coded keys found.', files);
  const show = vscode.l10n.t('Show Problems');
  void (findings
    ? vscode.window.showWarningMessage(summary, show).then(a => { if (a === show) { void vscode.commands.executeCommand('workbench.actions.view.problems'); } })
    : vscode.window.showInformationMessage(summary));
  return { files, findings, filesWithFindings, cancelled, seconds };
}
