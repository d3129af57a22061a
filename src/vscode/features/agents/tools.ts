// The agent tools' work, loaded on first use (dist/lazy-agents.js through lazy.ts): the catalogue, the key of
// the chosen profile, the spend gate's modal and the send. Registered at start-up by index.ts.
import * as vscode from 'vscode';
import { type AgentKeySource, type AgentPrepared, AgentTools } from '../../../core/agents/tools';
import type { Gate } from '../../../core/tester/request';
import { errorText } from '../../../words/messages';
import { statusMeaningText } from '../../../words/statusMeaning';
import type { Services } from '../../services';
import { askModal } from '../../ui/dialogs';
import { confirmText } from '../tester/words';
import type { AgentToolsView } from './index';

/** The keys of the vault, for agents: profiles by name, keys only to the HTTP layer. */
function vaultKeys(services: Services): AgentKeySource {
  const { vault } = services;
  return {
    profiles: () => vault.list().map(p => ({ id: p.id, provider: p.provider, name: p.name, tail: p.tail, mode: p.mode, active: vault.active(p.provider)?.id === p.id })),
    key: p => vault.getKey(p.id),
    allKeys: async () => (await vault.keys()).map(k => k.key),
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The two tools' handlers; `view` is what tests read (counts and wording, never a key). */
export function createAgentTools(services: Services, view: Mutable<AgentToolsView>, creditsMayHaveChanged?: (profileId: string) => void) {
  const tools = new AgentTools(services.clients, vaultKeys(services), {
    meaning: m => statusMeaningText(vscode.l10n, m),
    error: a => errorText(vscode.l10n, a),
  });
  const log = services.logger;
  const text = (s: string) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(s)]);
  // prepareInvocation and invoke see the same input: prepare once, reuse it in invoke
  const preparedFor = new WeakMap<object, Awaited<ReturnType<AgentTools['prepare']>>>();
  const prepare = async (input: unknown) => {
    const cached = input && typeof input === 'object' ? preparedFor.get(input) : undefined;
    if (cached) { return cached; }
    const r = await tools.prepare(input);
    if (input && typeof input === 'object') { preparedFor.set(input, r); }
    return r;
  };

  async function confirmSpend(p: AgentPrepared, gate: Extract<Gate, { kind: 'confirm' }>): Promise<boolean> {
    const q = confirmText(vscode.l10n, gate);
    const detail = `${vscode.l10n.t('An AI agent asks Ring Keys to send this request.')} ${q.detail}\n\n${tools.describe(p, false)}`;
    view.confirmations++;
    view.lastConfirmation = { message: q.message, detail };
    const send = vscode.l10n.t('Send');
    return await askModal('warning', q.message, detail, send) === send;
  }

  return {
    endpoints: (input: unknown) => text(tools.endpoints(input)),
  async prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<unknown>): Promise<vscode.PreparedToolInvocation> {
      const r = await prepare(options.input);
      if (!r.ok) { return { invocationMessage: vscode.l10n.t('Ring Keys: request refused (nothing is sent)') }; }
      const what = tools.describe(r.prepared);
      const md = new vscode.MarkdownString();
      md.appendText(vscode.l10n.t('Ring Keys adds the key and sends:'));
      md.appendCodeblock(what, 'text');
      if (r.prepared.needsConfirmation) { md.appendText(vscode.l10n.t('It spends credits or cannot be undone: Ring Keys asks you again before sending, every time.')); }
      return {
        invocationMessage: vscode.l10n.t('Ring Keys: {0} with "{1}" ({2})', r.prepared.label, r.prepared.profile.name, r.prepared.profile.tail),
        confirmationMessages: { title: vscode.l10n.t('Send a request with a Ring Keys key?'), message: md },
      };
    },
  async invoke(options: vscode.LanguageModelToolInvocationOptions<unknown>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
      const r = await prepare(options.input);
      if (!r.ok) { log.info(`[agents] refused: ${r.text}`); return text(r.text); }
      const p = r.prepared;
      if (p.gate.kind === 'confirm' && !await confirmSpend(p, p.gate)) {
        log.info(`[agents] ${p.label} not sent: the user did not confirm`);
        return text(`Not sent: the user did not confirm ${p.label}. Do not retry unless the user asks for it.`);
      }
      if (token.isCancellationRequested) { return text('Not sent: cancelled.'); }
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        log.info(`[agents] ${p.endpoint.method} ${p.endpoint.path} with "${p.profile.name}" (${p.profile.tail})`);
        const answer = await tools.send(p, controller.signal);
        if (p.endpoint.risk === 'spends' && p.profile.mode !== 'test') { creditsMayHaveChanged?.(p.profile.id); }
        return text(answer);
      } finally {
        sub.dispose();
      }
    },
  };
}
