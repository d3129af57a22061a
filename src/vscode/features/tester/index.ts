import * as vscode from 'vscode';
import { Commands } from '../../../constants';
import { RequestHistory } from '../../../core/tester/history';
import { registerSerializer } from '../../handoff';
import { lazyFeature } from '../../lazy';
import type { Services } from '../../services';
import type { HostStats } from '../../webview/host';
import type { TesterOpenArgs, TesterSnapshot } from './panel';

export const TESTER_VIEW_TYPE = 'ringKeys.requestTester';

/**
 * Request Tester feature: the Open Request Tester command and the panel's restore after a reload. The panel
 * and the requests (lazy.ts) load on first use, dist/lazy-tester.js: the command, or a tab to restore.
 * Returns a read-only view for tests (what the panel shows and what history holds: never a key).
 */
export function registerRequestTester(context: vscode.ExtensionContext, services: Services,
  creditsMayHaveChanged?: (profileId: string) => void): { snapshot(): TesterSnapshot; stats(): HostStats } {
  // history lives in global state, redacted by the same redactor the HTTP layer uses
  const history = new RequestHistory(context.globalState, services.clients.http.redactor);
  let loaded: { snapshot(): TesterSnapshot; stats(): HostStats } | undefined;
  const tester = lazyFeature(async () => loaded = (await import('./lazy')).createTester(context, { services, history, creditsMayHaveChanged }));
  context.subscriptions.push(
    // after a window reload the webview brings its own saved state
    registerSerializer(TESTER_VIEW_TYPE, { deserializeWebviewPanel: async panel => { (await tester()).restorePanel(panel); } }),
    vscode.commands.registerCommand(Commands.openRequestTester, async (args?: unknown) => { await (await tester()).open(openArgs(args)); }),
  );
  return {
    snapshot: () => loaded?.snapshot() ?? { open: false, history: history.list() },
    stats: () => loaded?.stats() ?? { open: false, opened: 0, listeners: 0 },
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
