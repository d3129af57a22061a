// The "Keys" view in the Ring Keys activity-bar container: providers → key profiles with their state.
import * as vscode from 'vscode';
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '../../../core/providers/catalog';
import { credits as creditsText, storedOutcomeWords } from '../../ui/words';
import type { KeyProfile } from '../../../core/vault';
import { Disposable } from '../../lifecycle';
import type { Services } from '../../services';
import type { Verifier } from './verification';

export type KeyNode = { kind: 'provider'; provider: ProviderId } | { kind: 'profile'; id: string; provider: ProviderId };

export class KeysTree extends Disposable implements vscode.TreeDataProvider<KeyNode> {
  private readonly changed = this._register(new vscode.EventEmitter<KeyNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly services: Services, private readonly verifier: Verifier) {
    super();
    this._register(services.onDidChangeKeys(() => this.refresh()));
    this._register(verifier.onDidChange(() => this.refresh()));
    this._register(vscode.window.createTreeView('ringKeys.keys', { treeDataProvider: this, showCollapseAll: false }));
    this.refresh();
  }

  refresh(): void {
    const all = this.services.vault.list();
    void vscode.commands.executeCommand('setContext', 'ringKeys.hasKeys', all.length > 0);
    // the walkthrough's "Verify it" step completes on this
    void vscode.commands.executeCommand('setContext', 'ringKeys.hasVerifiedKey', all.some(p => p.lastState === 'valid'));
    this.changed.fire(undefined);
  }

  getChildren(node?: KeyNode): KeyNode[] {
    const { vault } = this.services;
    if (!node) {
      return PROVIDER_IDS.filter(p => vault.list(p).length > 0).map(provider => ({ kind: 'provider', provider }));
    }
    if (node.kind === 'provider') {
      return vault.list(node.provider).map(p => ({ kind: 'profile', id: p.id, provider: p.provider }));
    }
    return [];
  }

  getParent(node: KeyNode): KeyNode | undefined {
    return node.kind === 'profile' ? { kind: 'provider', provider: node.provider } : undefined;
  }

  getTreeItem(node: KeyNode): vscode.TreeItem {
    if (node.kind === 'provider') {
      const item = new vscode.TreeItem(PROVIDERS[node.provider].label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `provider:${node.provider}`;
      item.contextValue = 'provider';
      item.iconPath = new vscode.ThemeIcon('organization');
      return item;
    }
    const p = this.services.vault.get(node.id);
    if (!p) { return new vscode.TreeItem(vscode.l10n.t('(removed)')); }
    const item = new vscode.TreeItem(p.name, vscode.TreeItemCollapsibleState.None);
    item.id = `profile:${p.id}`;
    const active = this.services.vault.active(p.provider)?.id === p.id;   // one active key per provider
    const { icon, state } = this.visual(p);
    const credits = p.credits !== undefined ? vscode.l10n.t('{0} credits', creditsText(p.credits)) : undefined;
    // The row shows one thing, so it is not cut at a narrow side bar: what is wrong, else the credits, else
    // TEST or "verified". The active key is the star; the rest is in the tooltip and the accessible label.
    const healthy = p.lastState === 'valid' && !this.verifier.isVerifying(p.id);
    // (credits as "2,897.5 cr": with the full word a 13-letter name already cuts it at a 250 px side bar)
    const shortCredits = p.credits !== undefined ? vscode.l10n.t('{0} cr', creditsText(p.credits)) : undefined;
    item.description = !healthy ? state : shortCredits ?? (p.mode === 'test' ? vscode.l10n.t('TEST') : state);
    item.iconPath = active ? new vscode.ThemeIcon('star-full', icon.color) : icon;
    const facts = [
      active ? vscode.l10n.t('Active key') : undefined,
      `${vscode.l10n.t('State')}: ${state}`,
      p.mode === 'test' ? vscode.l10n.t('Test key: no real calls, no credits used') : undefined,
      p.workspaceName ? `${vscode.l10n.t('Workspace')}: ${p.workspaceName}` : undefined,
      credits ? `${vscode.l10n.t('Credits')}: ${credits}` : undefined,
      p.lastOutcome ? storedOutcomeWords(p.lastOutcome) : p.lastSummary ?? vscode.l10n.t('Not verified yet.'),
      p.lastVerifiedAt ? `${vscode.l10n.t('Checked')} ${new Date(p.lastVerifiedAt).toLocaleString(vscode.env.language)}` : undefined,
    ].filter(Boolean);
    // plain text: names and summaries come from the user and the provider, and are shown as they are
    item.tooltip = `${PROVIDERS[p.provider].label} · ${p.name} (${p.tail})\n\n${facts.join('\n')}`;
    item.contextValue = `profile.${p.provider}${active ? '.active' : ''}`;
    item.command = { command: 'ringKeys.switchKey', title: vscode.l10n.t('Make Active'), arguments: [{ id: p.id }] };
    item.accessibilityInformation = { label: [p.name, PROVIDERS[p.provider].label, active ? vscode.l10n.t('active') : undefined, state,
      p.mode === 'test' ? vscode.l10n.t('test key') : undefined, p.workspaceName, credits, vscode.l10n.t('key ending {0}', p.tail.replace(/^…/, ''))].filter(Boolean).join(', ') };
    return item;
  }

  private visual(p: KeyProfile): { icon: vscode.ThemeIcon; state: string } {
    if (this.verifier.isVerifying(p.id)) { return { icon: new vscode.ThemeIcon('sync~spin'), state: vscode.l10n.t('verifying') }; }
    switch (p.lastState) {
      case 'valid': return { icon: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')), state: vscode.l10n.t('verified') };
      case 'forbidden': return { icon: new vscode.ThemeIcon('shield', new vscode.ThemeColor('problemsWarningIcon.foreground')), state: vscode.l10n.t('restricted (403)') };
      case 'rejected': return { icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')), state: vscode.l10n.t('invalid') };
      case 'undetermined': return { icon: new vscode.ThemeIcon('question'), state: vscode.l10n.t('unverified') };
      case 'unverifiable': return { icon: new vscode.ThemeIcon('key'), state: vscode.l10n.t('not verifiable') };
      default: return { icon: new vscode.ThemeIcon('key'), state: vscode.l10n.t('not verified') };
    }
  }
}
