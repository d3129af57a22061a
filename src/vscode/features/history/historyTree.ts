// The "Keys in Git History" view: one node per distinct key (masked), under it the commits that added it.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { KeyReport, Occurrence } from '../../../core/git/history';
import { isoDate, shortHash } from '../../../core/git/report';
import { RULES } from '../../../core/scanner/rules';
import { Disposable } from '../../lifecycle';

export const HISTORY_VIEW = 'ringKeys.history';

export type HistoryNode =
  | { kind: 'key'; report: KeyReport }
  | { kind: 'commit'; report: KeyReport; occurrence: Occurrence };

/** What the last scan found, for the view and for tests (keys masked). */
export interface HistoryResults {
  readonly root: string;
  readonly keys: readonly KeyReport[];
  readonly commits: number;
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
      ? vscode.l10n.t('{0} keys in {1} commits of {2}', results.keys.length, results.commits, basename(results.root))
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
    if (!node) { return (this.results?.keys ?? []).map(report => ({ kind: 'key', report })); }
    if (node.kind === 'key') { return node.report.occurrences.map(occurrence => ({ kind: 'commit', report: node.report, occurrence })); }
    return [];
  }

  getParent(node: HistoryNode): HistoryNode | undefined {
    return node.kind === 'commit' ? { kind: 'key', report: node.report } : undefined;
  }

  getTreeItem(node: HistoryNode): vscode.TreeItem {
    const r = node.report;
    if (node.kind === 'key') {
      const item = new vscode.TreeItem(`${r.masked}  ${RULES[r.rule].title}`, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `key:${r.id}`;
      const where = r.inWorkingTree === undefined ? '' : r.inWorkingTree ? vscode.l10n.t('still in the working tree') : vscode.l10n.t('only in history');
      item.description = [r.commits === 1 ? vscode.l10n.t('1 commit') : vscode.l10n.t('{0} commits', r.commits), where].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon('key', new vscode.ThemeColor(r.severity === 'error' ? 'list.errorForeground' : 'list.warningForeground'));
      item.contextValue = `historyKey:${r.provider}`;
      const tip = new vscode.MarkdownString(undefined, false);
      tip.appendText(vscode.l10n.t('{0} {1}: first added in commit {2} ({3}) to {4}, line {5}.', RULES[r.rule].title, r.masked, shortHash(r.first.commit), isoDate(r.first.time).slice(0, 10), r.first.path, r.first.line));
      item.tooltip = tip;
      return item;
    }
    const o = node.occurrence;
    const item = new vscode.TreeItem(`${shortHash(o.commit).slice(0, 8)}  ${o.path}:${o.line}`, vscode.TreeItemCollapsibleState.None);
    item.id = `occ:${r.id}:${o.commit}:${o.path}:${o.line}`;
    item.description = isoDate(o.time).slice(0, 10) + (o.commit === r.first.commit && o.path === r.first.path && o.line === r.first.line ? ` · ${vscode.l10n.t('first')}` : '');
    item.iconPath = new vscode.ThemeIcon('git-commit');
    item.contextValue = 'historyCommit';
    const tip = new vscode.MarkdownString(undefined, false);
    tip.appendText(vscode.l10n.t('Open {0} as of commit {1} (read-only), at line {2}', o.path, shortHash(o.commit), o.line));
    item.tooltip = tip;
    item.command = { command: this.openCommand, title: vscode.l10n.t('Open this version'), arguments: [node] };
    return item;
  }
}
