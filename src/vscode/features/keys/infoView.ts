// The workspace info panel's controller (loaded on first use: infoPanel.ts): asks the provider for the key's
// facts and posts them, the raw answer redacted, to the webview.
import * as vscode from 'vscode';
import { Commands } from '../../../constants';
import { scrubKey } from '../../../core/http/redact';
import type { InfoFromWebview, InfoStrings, InfoToWebview, InfoView } from '../../../core/info/protocol';
import { PROVIDERS } from '../../../core/providers/catalog';
import { errorMessage } from '../../../core/errorMessage';
import type { Services } from '../../services';
import { errorWords, factWords } from '../../ui/words';
import type { HostedPanel, PanelController } from '../../webview/host';

function infoStrings(): InfoStrings {
  return {
    refresh: vscode.l10n.t('Refresh'),
    loading: vscode.l10n.t('Loading…'),
    showLogs: vscode.l10n.t('Show Logs'),
    fetchedAt: vscode.l10n.t('Fetched {0}'),
    rawResponse: vscode.l10n.t('Raw response (api_key redacted)'),
  };
}

export class WorkspaceInfoPanel implements PanelController<InfoFromWebview> {
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
