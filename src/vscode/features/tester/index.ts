import * as vscode from 'vscode';
import { Commands } from '../../../constants';
import { RequestHistory } from '../../../core/tester/history';
import { RequestTester } from '../../../core/tester/tester';
import type { Services } from '../../services';
import { RequestTesterPanel, TESTER_VIEW_TYPE, type TesterDeps, type TesterOpenArgs, type TesterSnapshot } from './panel';

/**
 * Request Tester feature: the Open Request Tester command and the panel's restore after a reload.
 * Returns a read-only view for tests (what the panel shows and what history holds: never a key).
 */
export function registerRequestTester(context: vscode.ExtensionContext, services: Services,
  creditsMayHaveChanged?: (profileId: string) => void): { snapshot(): TesterSnapshot } {
  // history lives in global state, redacted by the same redactor the HTTP layer uses
  const history = new RequestHistory(context.globalState, services.clients.http.redactor);
  const deps: TesterDeps = { context, services, history, tester: new RequestTester(services.clients, history), creditsMayHaveChanged };
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.openRequestTester, async (args?: unknown) => {
      await RequestTesterPanel.show(deps, openArgs(args));
    }),
    vscode.window.registerWebviewPanelSerializer(TESTER_VIEW_TYPE, {
      deserializeWebviewPanel: async panel => { RequestTesterPanel.revive(panel, deps); },
    }),
  );
  return { snapshot: () => RequestTesterPanel.snapshot(history) };
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
