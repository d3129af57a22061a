// Scan Git History for Keys and Open Commit (loaded on first use through lazy.ts): the history streamed with
// progress and cancel, and a commit's version of a file opened read-only at the line.
import * as vscode from 'vscode';
import { GitError, repositoryRoot } from '../../../core/git/git';
import { scanHistory } from '../../../core/git/history';
import type { Logger } from '../../../core/log';
import { errorMessage } from '../../../core/errorMessage';
import { explainGitRestricted, gitAllowed, restrictedGitReason } from '../../ui/trust';
import type { HistoryScanSummary } from './index';
import { languageOf } from './gitContent';
import { HISTORY_VIEW, keysInCommits, type HistoryNode, type HistoryTree } from './historyTree';

async function pickFolder(given?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (given instanceof vscode.Uri) { return given; }
  const folders = (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file');
  if (folders.length <= 1) { return folders[0]?.uri; }
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Which folder\'s git history?') }))?.uri;
}

function gitProblem(err: unknown): string {
  if (err instanceof GitError) {
    switch (err.code) {
      case 'git-missing': return vscode.l10n.t('git was not found on PATH, so nothing was scanned.');
      case 'not-a-repository': return vscode.l10n.t('This folder is not in a git repository.');
      case 'no-commits': return vscode.l10n.t('The repository has no commits yet.');
      default: return vscode.l10n.t('git failed: {0}', err.message);
    }
  }
  return errorMessage(err);
}

export async function scanCommand(tree: HistoryTree, log: Logger, given?: vscode.Uri): Promise<HistoryScanSummary> {
  if (!gitAllowed()) {
    log.info('history scan not started: Restricted Mode runs no git');
    void explainGitRestricted();
    return { keys: 0, commits: 0, cancelled: false, error: restrictedGitReason() };
  }
  const folder = await pickFolder(given);
  if (!folder || folder.scheme !== 'file') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Scan Git History for Keys needs a folder on disk that is a git repository.'));
    return { keys: 0, commits: 0, cancelled: false, error: 'no folder' };
  }
  const t0 = Date.now();
  let root: string;
  try {
    root = (await repositoryRoot({ cwd: folder.fsPath })).root;
  } catch (err) {
    const error = gitProblem(err);
    log.warn(`history scan of ${folder.fsPath}: ${error}`);
    void vscode.window.showWarningMessage(vscode.l10n.t('Ring Keys cannot scan the git history: {0}', error));
    return { keys: 0, commits: 0, cancelled: false, error };
  }
  const summary = await vscode.window.withProgress({
    location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Ring Keys: scanning git history for keys'), cancellable: true,
  }, async (progress, token): Promise<HistoryScanSummary> => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const r = await scanHistory({
        cwd: root, signal: abort.signal, branches: 'all',
        onProgress: s => progress.report({ message: vscode.l10n.t('{0} commits, {1} file versions', s.commits, s.files) }),
      });
      tree.show({ root, keys: r.keys, commits: r.stats.commits });
      return { keys: r.keys.length, commits: r.stats.commits, cancelled: false, reports: r.keys };
    } catch (err) {
      if (err instanceof GitError && err.code === 'cancelled') { return { keys: 0, commits: 0, cancelled: true }; }
      const error = gitProblem(err);
      void vscode.window.showWarningMessage(vscode.l10n.t('Ring Keys cannot scan the git history: {0}', error));
      return { keys: 0, commits: 0, cancelled: false, error };
    } finally {
      sub.dispose();
    }
  });
  log.info(`history of ${root}: ${summary.cancelled ? 'cancelled' : `${summary.keys} keys in ${summary.commits} commits`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (summary.error) { return summary; }
  if (summary.cancelled) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Ring Keys: git history scan cancelled; nothing was reported.'));
    return summary;
  }
  await vscode.commands.executeCommand(`${HISTORY_VIEW}.focus`);
  const text = summary.keys
    ? vscode.l10n.t('Ring Keys found {0} of git history. A key removed from the code is still leaked: right-click it in Keys in Git History to check whether it works and rotate it.', keysInCommits(summary.keys, summary.commits))
    : summary.commits === 1 ? vscode.l10n.t('Ring Keys scanned 1 commit: no keys in git history.')
      : vscode.l10n.t('Ring Keys scanned {0} commits: no keys in git history.', summary.commits);
  void (summary.keys ? vscode.window.showWarningMessage(text) : vscode.window.showInformationMessage(text));
  return summary;
}

export async function openCommit(tree: HistoryTree, node?: HistoryNode): Promise<vscode.TextEditor | undefined> {
  if (!node || node.kind !== 'commit' || !tree.results) { return undefined; }
  const o = node.occurrence;
  // the node carries its version's URI (titled `file @ abc1234 (date, read-only)`); the language is the file's
  let doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(node.uri));
  const language = languageOf(o.path);
  if (language && doc.languageId !== language) { doc = await vscode.languages.setTextDocumentLanguage(doc, language); }
  const line = Math.max(0, Math.min(o.line - 1, doc.lineCount - 1));
  const range = new vscode.Range(line, Math.max(0, o.column - 1), line, Math.max(0, o.endColumn - 1));
  return vscode.window.showTextDocument(doc, { preview: true, selection: range });
}
