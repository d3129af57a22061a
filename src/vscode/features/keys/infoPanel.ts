// Workspace info view: a webview with the provider's facts (Ringg: name, id, created, credits, locked,
// available, role) and the raw answer with api_key redacted. No key is ever posted into the webview.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { PROVIDERS } from '../../../core/providers/catalog';
import type { Services } from '../../services';
import { errorWords, factWords } from '../../ui/words';

export type InfoToWebview =
  | { type: 'loading'; title: string }
  | { type: 'info'; title: string; facts: Array<[string, string]>; raw: string; fetchedAt: string }
  | { type: 'error'; title: string; message: string; fix: string };
export type InfoFromWebview = { type: 'refresh' } | { type: 'showLogs' };

export class WorkspaceInfoPanel {
  private static current: WorkspaceInfoPanel | undefined;
  private readonly panel: vscode.WebviewPanel;
  private lastMessage: InfoToWebview | undefined;

  static show(context: vscode.ExtensionContext, services: Services, profileId: string): WorkspaceInfoPanel {
    const existing = WorkspaceInfoPanel.current;
    if (existing) {
      existing.profileId = profileId;
      existing.panel.reveal();
      void existing.refresh();
      return existing;
    }
    WorkspaceInfoPanel.current = new WorkspaceInfoPanel(context, services, profileId);
    return WorkspaceInfoPanel.current;
  }

  /** For tests: the last state shown. */
  static get shown(): InfoToWebview | undefined { return WorkspaceInfoPanel.current?.lastMessage; }

  private constructor(context: vscode.ExtensionContext, private readonly services: Services, private profileId: string) {
    const media = vscode.Uri.joinPath(context.extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel('ringKeys.workspaceInfo', vscode.l10n.t('Workspace Info'), vscode.ViewColumn.Active,
      { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: false });
    const nonce = randomBytes(16).toString('base64');
    const w = this.panel.webview;
    const script = w.asWebviewUri(vscode.Uri.joinPath(media, 'info.js'));
    const style = w.asWebviewUri(vscode.Uri.joinPath(media, 'info.css'));
    w.html = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${w.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0"><link rel="stylesheet" href="${style.toString()}"><title>Workspace Info</title></head>
<body><header><h1 id="title"></h1><button id="refresh" type="button">${vscode.l10n.t('Refresh')}</button></header>
<main id="content" aria-live="polite"></main><script nonce="${nonce}" src="${script.toString()}"></script></body></html>`;
    const subs: vscode.Disposable[] = [];
    subs.push(w.onDidReceiveMessage((m: InfoFromWebview) => {
      if (m?.type === 'refresh') { void this.refresh(); }
      if (m?.type === 'showLogs') { void vscode.commands.executeCommand('ringKeys.showLogs'); }
    }));
    subs.push(this.panel.onDidChangeViewState(e => { if (e.webviewPanel.visible && this.lastMessage) { void w.postMessage(this.lastMessage); } }));
    subs.push(services.onDidChangeKeys(() => { if (this.panel.visible) { void this.refresh(); } }));
    this.panel.onDidDispose(() => { for (const s of subs) { s.dispose(); } WorkspaceInfoPanel.current = undefined; });
    context.subscriptions.push(this.panel);
    void this.refresh();
  }

  private post(m: InfoToWebview): void {
    this.lastMessage = m;
    void this.panel.webview.postMessage(m);
  }

  async refresh(): Promise<void> {
    const { vault, clients, logger } = this.services;
    const profile = vault.get(this.profileId);
    if (!profile) { this.post({ type: 'error', title: vscode.l10n.t('Workspace Info'), message: vscode.l10n.t('This key profile was removed.'), fix: '' }); return; }
    const title = `${PROVIDERS[profile.provider].label} · ${profile.name} (${profile.tail})`;
    this.panel.title = vscode.l10n.t('Info: {0}', profile.name);
    this.post({ type: 'loading', title });
    try {
      const key = await vault.getKey(profile.id);
      const info = await clients.info(profile.provider, key, { campaignId: profile.campaignId });
      // raw is redacted by the HTTP layer (api_key and every key it carried); checked once more here
      let raw = JSON.stringify(info.raw, null, 2);
      if (raw.includes(key)) { raw = raw.split(key).join('[REDACTED]'); }
      this.post({ type: 'info', title, facts: info.facts.map(factWords), raw, fetchedAt: new Date().toLocaleString(vscode.env.language) });
    } catch (err) {
      const advice = errorWords(err, PROVIDERS[profile.provider].label);
      logger.error(`[info] ${err instanceof Error ? err.message : String(err)}`);
      this.post({ type: 'error', title, message: advice.message, fix: advice.fix });
    }
  }
}
