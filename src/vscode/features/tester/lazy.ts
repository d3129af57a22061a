// Loaded on first use (src/vscode/lazy.ts): the Request Tester's panel and its requests.
import * as vscode from 'vscode';
import type { FromWebview, ToWebview } from '../../../core/tester/protocol';
import { RequestTester } from '../../../core/tester/tester';
import { WebviewPanelHost } from '../../webview/host';
import { formFromArgs, RequestTesterPanel, TESTER_PAGE, type TesterDeps, type TesterOpenArgs } from './panel';

export function createTester(context: vscode.ExtensionContext, d: Omit<TesterDeps, 'tester'>) {
  const deps: TesterDeps = { ...d, tester: new RequestTester(d.services.clients, d.history) };
  // the serializer is registered at start-up (index.ts) and hands restored panels to restorePanel
  const host = new WebviewPanelHost<FromWebview, ToWebview, RequestTesterPanel>(context.extensionUri, d.services.logger, TESTER_PAGE,
    view => new RequestTesterPanel(view, deps, undefined), 'caller');
  context.subscriptions.push(host);
  return {
    restorePanel: (panel: vscode.WebviewPanel) => host.restorePanel(panel),
    async open(args: TesterOpenArgs): Promise<void> {
      const form = formFromArgs(deps, args);
      const { controller, created } = await host.show(vscode.l10n.t('Request Tester'), view => new RequestTesterPanel(view, deps, form));
      if (!created && form) { controller.load(form); }
    },
    snapshot: () => ({ open: !!host.controller, result: host.controller?.result, history: d.history.list() }),
    stats: () => host.stats(),
  };
}
