// "Scan Git History for Keys": the VS Code edge of src/core/git. At start-up only the commands, the results
// view and the read-only git: documents are registered; the scan and the commit view (scan.ts) load on first
// use.
import * as vscode from 'vscode';
import { Commands } from '../../../constants';
import type { KeyReport } from '../../../core/git/history';
import { scoped, type Logger } from '../../../core/log';
import { lazyFeature } from '../../lazy';
import { GitContentProvider, GIT_SCHEME } from './gitContent';
import { HistoryTree, type HistoryNode } from './historyTree';

export interface HistoryScanSummary {
  readonly keys: number;
  readonly commits: number;
  readonly cancelled: boolean;
  /** What the view shows (keys masked). */
  readonly reports?: readonly KeyReport[];
  /** Set when git could not scan (not a repository, git missing …). */
  readonly error?: string;
}

/** The scan and the commit view (scan.ts) load on first use: dist/lazy-history.js. */
const scan = lazyFeature(() => import('./lazy'));

export function registerHistory(context: vscode.ExtensionContext, deps: { logger: Logger }): HistoryTree {
  const log = scoped(deps.logger, 'git-history');
  const tree = new HistoryTree(Commands.openHistoryCommit);
  context.subscriptions.push(
    tree,
    vscode.workspace.registerTextDocumentContentProvider(GIT_SCHEME, new GitContentProvider()),
    vscode.commands.registerCommand(Commands.scanGitHistory, async (folder?: vscode.Uri) => (await scan()).scanCommand(tree, log, folder)),
    vscode.commands.registerCommand(Commands.openHistoryCommit, async (node?: HistoryNode) => (await scan()).openCommit(tree, node)),
    vscode.commands.registerCommand(Commands.clearGitHistory, () => tree.clear()),
    vscode.commands.registerCommand(Commands.copyHistoryCommit, async (node?: HistoryNode) => {
      const commit = node?.kind === 'commit' ? node.occurrence.commit : node?.report.first.commit;
      if (!commit) { return undefined; }
      await vscode.env.clipboard.writeText(commit);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied commit {0}', commit.slice(0, 12)), 3000);
      return commit;
    }),
  );
  return tree;
}

