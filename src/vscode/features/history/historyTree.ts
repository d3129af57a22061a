// The "Keys in Git History" view: one node per distinct key (masked), under it the commits that added it.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { KeyReport, Occurrence } from '../../../core/git/history';
import { isoDate, shortHash } from '../../../core/git/report';
import { PROVIDERS } from '../../../core/providers/catalog';
import { RULES } from '../../../core/scanner/rules';
import { Disposable } from '../../lifecycle';
import type { FindingTarget } from '../leaks/liveChecks';
import { gitUri } from './gitContent';

export const HISTORY_VIEW = 'ringKeys.history';

/**
 * A row of the view. Each is also a FindingTarget (the commit's version of the file, at the key), so the
 * working-tree findings' own commands (Check Whether This Key Works, Rotate This Leaked Key) act on it as it is.
 */
export type HistoryNode =
  | ({ kind: 'key'; report: KeyReport } & FindingTarget)
  | ({ kind: 'commit'; report: KeyReport; occurrence: Occurrence } & FindingTarget);

/** Where a key sits in a commit's version of a file, as the leak commands take it. */
function targetOf(root: string, report: KeyReport, o: Occurrence): FindingTarget {
  return { uri: gitUri({ root, commit: o.commit, path: o.path, time: o.time }).toString(), line: o.line - 1, character: o.column - 1, rule: report.rule, fileName: o.path };
}

/** What the last scan found, for the view and for tests (keys masked). */
export interface HistoryResults {
  readonly root: string;
  readonly keys: readonly KeyReport[];
  readonly commits: number;
}

/** "1 key in 3 commits", "2 keys in 1 commit": a count in the words its numbers take (the view, the notification). */
export function keysInCommits(keys: number, commits: number): string {
  if (keys === 1) { return commits === 1 ? vscode.l10n.t('1 key in 1 commit') : vscode.l10n.t('1 key in {0} commits', commits); }
  return commits === 1 ? vscode.l10n.t('{0} keys in 1 commit', keys) : vscode.l10n.t('{0} keys in {1} commits', keys, commits);
}

export class HistoryTree extends Disposable implements vscode.TreeDataProvider<HistoryNode> {
  private readonly changed = this._register(new vscode.EventEmitter<HistoryNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<HistoryNode>;
  results: HistoryResults | undefined;

  constructor(private readonly openCommand: string) {
    super();
    this.view = this._register(vscode.window.createTreeView(HISTORY_VIEW, { treeDataProvider: this, showCollapseAll: true }));
  }

  show(results: HistoryResults): void {
    this.results = results;
    void vscode.commands.executeCommand('setContext', 'ringKeys.historyScanned', true);
    this.view.message = results.keys.length
      ? vscode.l10n.t('{0} of {1}', keysInCommits(results.keys.length, results.commits), basename(results.root))
      : results.commits === 1 ? vscode.l10n.t('No keys in 1 commit of {0}', basename(results.root))
        : vscode.l10n.t('No keys in {0} commits of {1}', results.commits, basename(results.root));
    this.changed.fire(undefined);
  }

  clear(): void {
    this.results = undefined;
    this.view.message = undefined;
    void vscode.commands.executeCommand('setContext', 'ringKeys.historyScanned', false);
    this.changed.fire(undefined);
  }

  getChildren(node?: HistoryNode): HistoryNode[] {
    const root = this.results?.root;
    if (root === undefined) { return []; }
    if (!node) { return this.results!.keys.map(report => ({ kind: 'key', report, ...targetOf(root, report, report.first) })); }
    if (node.kind === 'key') { return node.report.occurrences.map(occurrence => ({ kind: 'commit', report: node.report, occurrence, ...targetOf(root, node.report, occurrence) })); }
    return [];
  }

  getParent(node: HistoryNode): HistoryNode | undefined {
    const root = this.results?.root;
    return node.kind === 'commit' && root !== undefined ? { kind: 'key', report: node.report, ...targetOf(root, node.report, node.report.first) } : undefined;
  }

  // Rows are short (the key masked, the file's name and line), so they fit a narrow side bar; the description
  // and the tooltip carry the rest.
  getTreeItem(node: HistoryNode): vscode.TreeItem {
    const r = node.report;
    if (node.kind === 'key') {
      const item = new vscode.TreeItem(r.masked, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `key:${r.id}`;
      const commits = r.commits === 1 ? vscode.l10n.t('1 commit') : vscode.l10n.t('{0} commits', r.commits);
      item.description = [PROVIDERS[r.provider].label, commits, r.inWorkingTree ? vscode.l10n.t('in files') : ''].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon('key', new vscode.ThemeColor(r.severity === 'error' ? 'list.errorForeground' : 'list.warningForeground'));
      item.contextValue = `historyKey:${r.provider}`;
      const where = r.inWorkingTree === undefined ? '' : r.inWorkingTree ? vscode.l10n.t('Still in the working tree.') : vscode.l10n.t('Only in history.');
      const tip = new vscode.MarkdownString(undefined, false);
      tip.appendText([
        vscode.l10n.t('{0} {1}: first added in commit {2} ({3}) to {4}, line {5}.', RULES[r.rule].title, r.masked, shortHash(r.first.commit), isoDate(r.first.time).slice(0, 10), r.first.path, r.first.line),
        r.commits === 1 ? vscode.l10n.t('Added in 1 commit.') : vscode.l10n.t('Added in {0} commits.', r.commits), where,
      ].filter(Boolean).join(' '));
      item.tooltip = tip;
      return item;
    }
    const o = node.occurrence;
    const item = new vscode.TreeItem(`${basename(o.path)}:${o.line}`, vscode.TreeItemCollapsibleState.None);
    item.id = `occ:${r.id}:${o.commit}:${o.path}:${o.line}`;
    item.description = `${o.commit.slice(0, 7)} · ${isoDate(o.time).slice(0, 10)}`;
    item.iconPath = new vscode.ThemeIcon('git-commit');
    item.contextValue = `historyCommit:${r.provider}`;
    const tip = new vscode.MarkdownString(undefined, false);
    tip.appendText(vscode.l10n.t('Open {0} as of commit {1} ({2}, read-only), at line {3}', o.path, shortHash(o.commit), isoDate(o.time).slice(0, 10), o.line));
    item.tooltip = tip;
    item.command = { command: this.openCommand, title: vscode.l10n.t('Open this version'), arguments: [node] };
    return item;
  }
}
