// Workspace info view: a webview with the provider's facts (Ringg: name, id, created, credits, locked,
// available, role) and the raw answer with api_key redacted. No key is ever posted into the webview.
// The panel itself (page, CSP, one panel at a time, disposal) is the webview host's; the script is
// src/webview/info/main.ts; the messages are typed in src/core/info/protocol.ts. The panel's controller
// (infoView.ts) loads on first use, with the key flows of lazy.ts (dist/lazy-keys.js).
import * as vscode from 'vscode';
import { type InfoFromWebview, type InfoToWebview, type InfoView, isInfoFromWebview } from '../../../core/info/protocol';
import { lazyFeature } from '../../lazy';
import type { Services } from '../../services';
import { type HostStats, type WebviewPage, WebviewPanelHost } from '../../webview/host';
import type { WorkspaceInfoPanel } from './infoView';

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

const panel = lazyFeature(() => import('./lazy'));

/** One host for the window's workspace-info panel: one disposable in context.subscriptions, however often it opens. */
export function registerWorkspaceInfo(context: vscode.ExtensionContext, services: Services): WorkspaceInfo {
  const host = new WebviewPanelHost<InfoFromWebview, InfoToWebview, WorkspaceInfoPanel>(context.extensionUri, services.logger, INFO_PAGE);
  context.subscriptions.push(host);
  return {
    async show(profileId) {
      const { WorkspaceInfoPanel } = await panel();
      const { controller, created } = await host.show(vscode.l10n.t('Workspace Info'), view => new WorkspaceInfoPanel(view, services, profileId));
      if (!created) { controller.showProfile(profileId); }
    },
    shown: () => host.controller?.shown,
    stats: () => host.stats(),
  };
}

