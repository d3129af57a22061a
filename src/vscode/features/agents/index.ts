// Ring Keys for AI agents in VS Code: the language-model tools `ringkeys_endpoints` and `ringkeys_request`
// (contributed in package.json under languageModelTools). An agent names a catalogue endpoint; the extension
// host adds the key from SecretStorage and sends through the one HTTP layer. The agent never gets a key: the
// core (src/core/agents/tools.ts) refuses one in an argument and removes every key from what goes back.
// A credit-spending or irreversible request with a live key is confirmed in Ring Keys' own modal on every call,
// even when the user set the tool to run without asking: an agent cannot approve its own spending.
// At start-up only the two tools are registered; their work (tools.ts) loads on an agent's first call.
import type * as vscode from 'vscode';
import { ENDPOINTS_TOOL, REQUEST_TOOL } from '../../../core/agents/names';
import { registerTool } from '../../handoff';
import { lazyFeature } from '../../lazy';
import type { Services } from '../../services';
import { registerMcpConfigFix } from './configFix';

/** What the agent tools let tests see: how many confirmations were asked and what the last one said (never a key). */
export interface AgentToolsView {
  readonly confirmations: number;
  readonly lastConfirmation?: { message: string; detail: string };
}

export function registerAgentTools(context: vscode.ExtensionContext, services: Services,
  creditsMayHaveChanged?: (profileId: string) => void): AgentToolsView {
  const view = { confirmations: 0, lastConfirmation: undefined as AgentToolsView['lastConfirmation'] };
  const tools = lazyFeature(async () => (await import('./lazy')).createAgentTools(services, view, creditsMayHaveChanged));
  context.subscriptions.push(
    registerMcpConfigFix(),
    registerTool(ENDPOINTS_TOOL, {
      invoke: async options => (await tools()).endpoints(options.input),
    }),
    registerTool(REQUEST_TOOL, {
      prepareInvocation: async options => (await tools()).prepareInvocation(options),
      invoke: async (options, token) => (await tools()).invoke(options, token),
    }),
  );
  return view;
}
