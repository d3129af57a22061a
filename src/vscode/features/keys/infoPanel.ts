// Workspace info view: a webview with the provider's facts (Ringg: name, id, created, credits, locked,
// available, role) and the raw answer with api_key redacted. No key is ever posted into the webview.
// The panel itself (page, CSP, one panel at a time, disposal) is the webview host's; the script is
// src/webview/info/main.ts; the messages are typed in src/core/info/protocol.ts. The panel's controller
// (infoView.ts) loads on first use, with the key flows of lazy.ts (dist/lazy-keys.js).
import * as vscode from 'vscode';
import { type InfoFromWebview, type InfoToWebview, type InfoView, isInfoFromWebview } from '../../../core/info/protocol';
import { registerSerializer } from '../../handoff';
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

/** Workspace state: the profile the panel last showed, so a panel restored after a window reload shows it again. */
const SHOWN_PROFILE = 'ringKeys.workspaceInfo.profileId';

const panel = lazyFeature(() => import('./lazy'));

/**
 * One host for the window's workspace-info panel: one disposable in context.subscriptions, however often it
 * opens. After a window reload VS Code brings the tab back (`onWebviewPanel:ringKeys.workspaceInfo`): the
 * serializer registered here loads the panel's controller (dist/lazy-keys.js) and the panel asks the provider
 * again for the profile it showed (an id, never a key, in workspace state).
 */
export function registerWorkspaceInfo(context: vscode.ExtensionContext, services: Services): WorkspaceInfo {
  const remember = (profileId: string) => { void context.workspaceState.update(SHOWN_PROFILE, profileId); };
  let loaded: Awaited<ReturnType<typeof panel>> | undefined;
  const host = new WebviewPanelHost<InfoFromWebview, InfoToWebview, WorkspaceInfoPanel>(context.extensionUri, services.logger, INFO_PAGE,
    view => new loaded!.WorkspaceInfoPanel(view, services, context.workspaceState.get<string>(SHOWN_PROFILE) ?? ''), 'caller');
  context.subscriptions.push(host, registerSerializer(INFO_PAGE.viewType, {
    deserializeWebviewPanel: async restored => { loaded = await panel(); host.restorePanel(restored); },
  }));
  return {
    async show(profileId) {
      remember(profileId);
      const { WorkspaceInfoPanel } = await panel();
      const { controller, created } = await host.show(vscode.l10n.t('Workspace Info'), view => new WorkspaceInfoPanel(view, services, profileId));
      if (!created) { controller.showProfile(profileId); }
    },
    shown: () => host.controller?.shown,
    stats: () => host.stats(),
  };
}

