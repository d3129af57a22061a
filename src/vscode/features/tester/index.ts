import * as vscode from 'vscode';
import { Commands } from '../../../constants';
import { RequestHistory } from '../../../core/tester/history';
import type { FromWebview, ToWebview } from '../../../core/tester/protocol';
import { RequestTester } from '../../../core/tester/tester';
import type { Services } from '../../services';
import { type HostStats, WebviewPanelHost } from '../../webview/host';
import { formFromArgs, RequestTesterPanel, TESTER_PAGE, type TesterDeps, type TesterOpenArgs, type TesterSnapshot } from './panel';

/**
 * Request Tester feature: the Open Request Tester command and the panel's restore after a reload.
 * Returns a read-only view for tests (what the panel shows and what history holds: never a key).
 */
export function registerRequestTester(context: vscode.ExtensionContext, services: Services,
  creditsMayHaveChanged?: (profileId: string) => void): { snapshot(): TesterSnapshot; stats(): HostStats } {
  // history lives in global state, redacted by the same redactor the HTTP layer uses
  const history = new RequestHistory(context.globalState, services.clients.http.redactor);
  const deps: TesterDeps = { services, history, tester: new RequestTester(services.clients, history), creditsMayHaveChanged };
  // after a window reload the webview brings its own saved state
  const host = new WebviewPanelHost<FromWebview, ToWebview, RequestTesterPanel>(context.extensionUri, services.logger, TESTER_PAGE,
    view => new RequestTesterPanel(view, deps, undefined));
  context.subscriptions.push(
    host,
    vscode.commands.registerCommand(Commands.openRequestTester, async (args?: unknown) => {
      const form = formFromArgs(deps, openArgs(args));
      const { controller, created } = await host.show(vscode.l10n.t('Request Tester'), view => new RequestTesterPanel(view, deps, form));
      if (!created && form) { controller.load(form); }
    }),
  );
  return {
    snapshot: () => ({ open: !!host.controller, result: host.controller?.result, history: history.list() }),
    stats: () => host.stats(),
  };
}

/** `{profileId?, endpointId?}` from a caller, or a key profile node of the Keys view (`{kind: 'profile', id}`). */
function openArgs(args: unknown): TesterOpenArgs {
  if (!args || typeof args !== 'object') { return {}; }
  const a = args as { kind?: unknown; id?: unknown; profileId?: unknown; endpointId?: unknown };
  if (a.kind === 'profile' && typeof a.id === 'string') { return { profileId: a.id }; }
  return {
    profileId: typeof a.profileId === 'string' ? a.profileId : undefined,
    endpointId: typeof a.endpointId === 'string' ? a.endpointId : undefined,
  };
}
