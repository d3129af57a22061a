// "Scan Workspace for Keys": the files that count as git sees them (tracked, and untracked not ignored),
// files.exclude and our include/exclude respected, with progress and cancel; results go to the Problems
// panel, a summary with what was skipped and why comes at the end.
import * as vscode from 'vscode';
import { scoped, type Logger } from '../../../core/log';
import { isIncluded } from '../../../core/scanner/glob';
import { hasRaisableFindings } from '../../../core/scanner/project';
import { scanFiles } from '../../../core/scanner/scanFiles';
import { listFiles } from '../../../core/scanner/walk';
import { gitAllowed } from '../../ui/trust';
import type { LeakDiagnostics } from './leakDiagnostics';
import { filesExclude, readSettings } from './settings';

export interface WorkspaceScanSummary {
  readonly files: number;
  readonly findings: number;
  readonly filesWithFindings: number;
  readonly cancelled: boolean;
  readonly seconds: number;
  /** What was left out and why (ignored: files and folders git ignores, each folder counted once). */
  readonly skipped: { readonly ignored: number; readonly excluded: number; readonly binary: number; readonly tooLarge: number; readonly unreadable: number };
}

/**
 * The same machinery as `ring-keys scan`: git's file list (listFiles), then reading and scanning in worker
 * threads (scanFiles), so the extension host stays free to draw progress and take a cancel.
 */
export async function scanWorkspace(diagnostics: LeakDiagnostics, logger: Logger): Promise<WorkspaceScanSummary> {
  const log = scoped(logger, 'workspace-scan');
  const folders = (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file');
  const t0 = Date.now();
  let files = 0; let findings = 0; let filesWithFindings = 0; let cancelled = false;
  const skipped = { ignored: 0, excluded: 0, binary: 0, tooLarge: 0, unreadable: 0 };
  if (!folders.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Scan Workspace for Keys needs a folder on disk; open documents are checked as you edit them.'));
    return { files, findings, filesWithFindings, cancelled, seconds: 0, skipped };
  }
  diagnostics.markWorkspaceScanned();
  diagnostics.workspaceResults.clear();
  await vscode.window.withProgress({
    location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Ring Keys: scanning the workspace for keys'), cancellable: true,
  }, async (progress, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    const count = (n: number) => {
      files++;
      if (n) { findings += n; filesWithFindings++; }
      if (files % 50 === 0) { progress.report({ message: vscode.l10n.t('{0} files, {1} findings', files, findings) }); }
    };
    try {
      for (const folder of folders) {
        const settings = readSettings(folder.uri);
        if (!settings.enable) { continue; }
        const exclude = [...settings.exclude, ...filesExclude(folder.uri)];
        // Restricted Mode: no git; the folder's .gitignore files are read here instead
        const list = await listFiles(folder.uri.fsPath, { signal: abort.signal, git: gitAllowed() });
        skipped.ignored += list.skipped.ignoredFiles + list.skipped.ignoredFolders;
        const uris: vscode.Uri[] = [];
        const paths: string[] = [];
        for (const entry of list.files) {
          if (abort.signal.aborted) { break; }
          if (!isIncluded(entry.rel, settings.include, exclude) || entry.rel === settings.baselineFile) { skipped.excluded++; continue; }
          const uri = vscode.Uri.joinPath(folder.uri, ...entry.rel.split('/'));
          if (diagnostics.isLive(uri)) {
            count(diagnostics.live.get(uri)?.length ?? 0);   // an open editor: its live result (unsaved edits included)
            continue;
          }
          uris.push(uri); paths.push(entry.abs);
        }
        const baseline = diagnostics.baselineFor(folder.uri, settings);
        const tied = diagnostics.ringgProject(folder.uri);
        const raisable: number[] = [];
        await scanFiles(paths, {
          maxBytes: settings.maxBytes, ownKeys: diagnostics.ownKeyPrints(), ...(baseline?.size ? { baseline: [...baseline] } : {}),
          ringgProject: tied, lookForRinggHost: !tied,
        }, {
          offThread: true, signal: abort.signal,
          onResult: (i, r) => {
            if (r.skipped) { if (r.skipped !== 'ENOENT' && r.skipped !== 'link' && r.skipped !== 'not-file') { skipped.unreadable++; } return; }
            if (r.binary) { skipped.binary++; }
            if (r.capped) { skipped.tooLarge++; }
            diagnostics.showDiskResult(uris[i], r, settings);
            if (hasRaisableFindings(r.findings)) { raisable.push(i); }
            count(r.findings.length);
          },
        });
        if (abort.signal.aborted) { break; }
        // a Ringg host seen in this folder during the scan: files scanned before it was known are scanned again
        if (!tied && diagnostics.ringgProject(folder.uri)) {
          for (const i of raisable) { await diagnostics.scanFileFromDisk(uris[i]); }
        }
      }
    } finally {
      cancelled = token.isCancellationRequested;
      sub.dispose();
    }
  });
  const seconds = (Date.now() - t0) / 1000;
  log.info(`${cancelled ? 'cancelled after' : 'scanned'} ${files} files in ${seconds.toFixed(1)} s: ${findings} findings in ${filesWithFindings} files; ` +
    `skipped ${skipped.ignored} ignored by git, ${skipped.excluded} excluded, ${skipped.binary} binary, ${skipped.unreadable} unreadable; ${skipped.tooLarge} too large, scanned in part`);
  const summary = cancelled
    ? vscode.l10n.t('Ring Keys: scan cancelled after {0} files; {1} findings so far are in the Problems panel.', files, findings)
    : findings
      ? vscode.l10n.t('Ring Keys scanned {0} files: {1} hard-coded keys in {2} files. They are listed in the Problems panel.', files, findings, filesWithFindings)
      : vscode.l10n.t('Ring Keys scanned {0} files: no hard-coded keys found.', files);
  const skips = [
    ...(skipped.ignored ? [vscode.l10n.t('{0} ignored by git', skipped.ignored)] : []),
    ...(skipped.excluded ? [vscode.l10n.t('{0} excluded by settings', skipped.excluded)] : []),
    ...(skipped.binary ? [vscode.l10n.t('{0} binary', skipped.binary)] : []),
    ...(skipped.unreadable ? [vscode.l10n.t('{0} unreadable', skipped.unreadable)] : []),
    ...(skipped.tooLarge ? [vscode.l10n.t('{0} too large (checked in part)', skipped.tooLarge)] : []),
  ];
  const message = skips.length ? `${summary} ${vscode.l10n.t('Skipped: {0}.', skips.join(', '))}` : summary;
  const show = vscode.l10n.t('Show Problems');
  void (findings
    ? vscode.window.showWarningMessage(message, show).then(a => { if (a === show) { void vscode.commands.executeCommand('workbench.actions.view.problems'); } })
    : vscode.window.showInformationMessage(message));
  return { files, findings, filesWithFindings, cancelled, seconds, skipped };
}
