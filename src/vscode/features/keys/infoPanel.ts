// Workspace info view: a webview with the provider's facts (Ringg: name, id, created, credits, locked,
// available, role) and the raw answer with api_key redacted. No key is ever posted into the webview.
// The panel itself (page, CSP, one panel at a time, disposal) is the webview host's; the script is
// src/webview/info/main.ts; the messages are typed in src/core/info/protocol.ts.
import * as vscode from 'vscode';
import { Commands } from '../../../constants';
import { scrubKey } from '../../../core/http/redact';
import { type InfoFromWebview, type InfoStrings, type InfoToWebview, type InfoView, isInfoFromWebview } from '../../../core/info/protocol';
import { PROVIDERS } from '../../../core/providers/catalog';
import type { Services } from '../../services';
import { errorWords, factWords } from '../../ui/words';
import { type HostedPanel, type HostStats, type PanelController, type WebviewPage, WebviewPanelHost } from '../../webview/host';
import { errorMessage } from '../../../core/errorMessage';

export const INFO_PAGE: WebviewPage<InfoFromWebview> = {
  viewType: 'ringKeys.workspaceInfo', logName: 'info', script: 'dist/info.js', styles: ['info.css'], rootId: 'info-root',
  isMessage: isInfoFromWebview,
};

/** The Show Workspace Info command's panel, and a read-only view of it for tests. */
export interface WorkspaceInfo {
  show(profileId: string): Promise<void>;
  /** What the panel shows now (never a key). */
  shown(): InfoView | undefined;
  stats(): HostStats;
}

/** Workspace state: the profile the panel last showed, so a panel restored after a window reload shows it again. */
const SHOWN_PROFILE = 'ringKeys.workspaceInfo.profileId';

/**
 * One host for the window's workspace-info panel: one disposable in context.subscriptions, however often it
 * opens. After a window reload VS Code brings the tab back (`onWebviewPanel:ringKeys.workspaceInfo`) and the
 * panel asks the provider again for the profile it showed (an id, never a key, in workspace state).
 */
export function registerWorkspaceInfo(context: vscode.ExtensionContext, services: Services): WorkspaceInfo {
  const remember = (profileId: string) => { void context.workspaceState.update(SHOWN_PROFILE, profileId); };
  const host = new WebviewPanelHost<InfoFromWebview, InfoToWebview, WorkspaceInfoPanel>(context.extensionUri, services.logger, INFO_PAGE,
    view => new WorkspaceInfoPanel(view, services, context.workspaceState.get<string>(SHOWN_PROFILE) ?? ''));
  context.subscriptions.push(host);
  return {
    async show(profileId) {
      remember(profileId);
      const { controller, created } = await host.show(vscode.l10n.t('Workspace Info'), view => new WorkspaceInfoPanel(view, services, profileId));
      if (!created) { controller.showProfile(profileId); }
    },
    shown: () => host.controller?.shown,
    stats: () => host.stats(),
  };
}

function infoStrings(): InfoStrings {
  return {
    refresh: vscode.l10n.t('Refresh'),
    loading: vscode.l10n.t('Loading…'),
    showLogs: vscode.l10n.t('Show Logs'),
    fetchedAt: vscode.l10n.t('Fetched {0}'),
    rawResponse: vscode.l10n.t('Raw response (api_key redacted)'),
  };
}

class WorkspaceInfoPanel implements PanelController<InfoFromWebview> {
  private last: InfoView | undefined;
  /** Counts refreshes: an answer that arrives after a newer refresh started is dropped. */
  private refreshes = 0;

  constructor(private readonly view: HostedPanel<InfoToWebview>, private readonly services: Services, private profileId: string) {
    view.register(services.onDidChangeKeys(() => { if (view.visible) { void this.refresh(); } }));
    void this.refresh();
  }

  get shown(): InfoView | undefined { return this.last; }

  /** The open panel, asked for (another) key. */
  showProfile(profileId: string): void {
    this.profileId = profileId;
    void this.refresh();
  }

  async onMessage(m: InfoFromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.view.post({ type: 'init', strings: infoStrings(), view: this.last });
        return;
      case 'refresh':
        return this.refresh();
      case 'showLogs':
        await vscode.commands.executeCommand(Commands.showLogs);
        return;
    }
  }

  private show(view: InfoView): void {
    this.last = view;
    this.view.post({ type: 'view', view });
  }

  async refresh(): Promise<void> {
    const { vault, clients, logger } = this.services;
    const run = ++this.refreshes;
    const current = () => run === this.refreshes && !this.view.closed;
    const profile = vault.get(this.profileId);
    if (!profile) { this.show({ type: 'error', title: vscode.l10n.t('Workspace Info'), message: vscode.l10n.t('This key profile was removed.'), fix: '' }); return; }
    const title = `${PROVIDERS[profile.provider].label} · ${profile.name} (${profile.tail})`;
    this.view.title = vscode.l10n.t('Info: {0}', profile.name);
    this.show({ type: 'loading', title });
    try {
      const key = await vault.getKey(profile.id);
      const info = await clients.info(profile.provider, key, { campaignId: profile.campaignId });
      // raw is redacted by the HTTP layer (api_key and every key it carried); checked once more here
      const raw = scrubKey(JSON.stringify(info.raw, null, 2), key);
      if (current()) { this.show({ type: 'info', title, facts: info.facts.map(factWords), raw, fetchedAt: new Date().toLocaleString(vscode.env.language) }); }
    } catch (err) {
      const advice = errorWords(err, PROVIDERS[profile.provider].label);
      logger.error(`[info] ${errorMessage(err)}`);
      if (current()) { this.show({ type: 'error', title, message: advice.message, fix: advice.fix }); }
    }
  }
}
