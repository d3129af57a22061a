// The Request Tester panel: a webview that picks a provider, key profile and catalogue endpoint, and shows
// the redacted answer. The webview never sees a key: it posts a form, and the extension host reads the key
// from SecretStorage, asks first when the request spends credits or cannot be undone, and sends it through
// the one HTTP layer (RequestTester → ProviderClients).
import * as vscode from 'vscode';
import { Commands } from '../../../constants';
import { errorMessage } from '../../../core/errorMessage';
import { describeError } from '../../../core/http/errors';
import { PROVIDER_IDS, PROVIDERS } from '../../../core/providers/catalog';
import { endpointById, ENDPOINTS, GROUP_ORDER } from '../../../core/tester/catalog';
import type { RequestHistory } from '../../../core/tester/history';
import {
  type FormState, type FromWebview, type HistoryEntry, isFromWebview, type ProfileView, type ResultView, type ToWebview,
} from '../../../core/tester/protocol';
import { type AccountIds, agentListPath, firstAgentId } from '../../../core/tester/examples';
import { buildRequest, mayHaveSpentCredits } from '../../../core/tester/request';
import { historyEntryHttpText, toHttpText } from '../../../core/httpFiles/write';
import type { RequestTester } from '../../../core/tester/tester';
import type { Services } from '../../services';
import { errorText } from '../../../words/messages';
import type { HostedPanel, PanelController, WebviewPage } from '../../webview/host';
import { groupLabels, webviewStrings } from './strings';
import { confirmText, formProblemText, localisedEndpoint, refuseText, resultView, testKeyNoteText } from './words';

import { TESTER_VIEW_TYPE } from './index';

/** The tester's page: its bundle (src/webview/tester), style sheet and the check of its messages. */
export const TESTER_PAGE: WebviewPage<FromWebview> = {
  viewType: TESTER_VIEW_TYPE, logName: 'tester', script: 'dist/tester.js', styles: ['tester.css'], rootId: 'tester-root',
  isMessage: isFromWebview, enableFindWidget: true,
};

export interface TesterDeps {
  readonly services: Services;
  readonly tester: RequestTester;
  readonly history: RequestHistory;
  /** Re-reads a key's credits (the verifier), after a request that may have spent some. */
  readonly creditsMayHaveChanged?: (profileId: string) => void;
}

/** What tests may read: what the panel last showed and what history holds. Never a key. */
export interface TesterSnapshot {
  readonly open: boolean;
  readonly result?: ResultView;
  readonly history: readonly HistoryEntry[];
}

/** Where a command asked the panel to start (e.g. from a key's context). */
export interface TesterOpenArgs {
  readonly profileId?: string;
  readonly endpointId?: string;
}

/** The Request Tester's side of its panel; the webview host (src/vscode/webview/host.ts) owns the panel. */
export class RequestTesterPanel implements PanelController<FromWebview> {
  private lastResult: ResultView | undefined;
  /** A form the webview should load when it is (re)created (from a command's arguments). */
  private pendingForm: FormState | undefined;
  private inFlight: AbortController | undefined;
  /** The question the webview is showing, answered by its `confirmed` message (or by closing or cancelling). */
  private confirming: { requestId: number; answer: (send: boolean) => void } | undefined;
  /** Per key: ids from its account for the examples (read once per panel). */
  private readonly accountIds = new Map<string, Promise<AccountIds>>();

  constructor(private readonly view: HostedPanel<ToWebview>, private readonly deps: TesterDeps, form: FormState | undefined) {
    this.pendingForm = form;
    view.register(deps.services.onDidChangeKeys(() => this.post({ type: 'profiles', profiles: this.profiles() })));
  }

  /** The panel was already open: show this form in it. */
  load(form: FormState): void {
    this.post({ type: 'load', form });
  }

  get result(): ResultView | undefined { return this.lastResult; }

  onClose(): void {
    this.confirming?.answer(false);
    this.inFlight?.abort();
  }

  onMessageFailed(m: FromWebview, err: unknown): void {
    // nothing should get here (failed requests are results); never leave the webview waiting
    if (m.type === 'send' || m.type === 'rerun') {
      const message = this.deps.services.clients.http.redactor.text(errorMessage(err));
      this.show({ kind: 'error', requestId: m.requestId, request: '', message, fix: vscode.l10n.t('See the Ring Keys log for details.') });
    }
  }

  private post(m: ToWebview): void {
    this.view.post(m);
  }

  private profiles(): ProfileView[] {
    const { vault } = this.deps.services;
    // each provider's active key is marked; the status bar's comes first, so a new panel opens on its provider
    const focus = vault.active()?.id;
    return [...vault.list()]
      .sort((a, b) => Number(b.id === focus) - Number(a.id === focus))
      .map(p => ({ id: p.id, provider: p.provider, name: p.name, tail: p.tail, mode: p.mode, active: p.id === vault.active(p.provider)?.id }));
  }

  async onMessage(m: FromWebview): Promise<void> {
    const { history, services } = this.deps;
    switch (m.type) {
      case 'ready':
        this.post({
          type: 'init', profiles: this.profiles(), history: history.list(), strings: webviewStrings(), result: this.lastResult, form: this.pendingForm,
          catalogue: {
            providers: PROVIDER_IDS.map(id => ({ id, label: PROVIDERS[id].label, envVar: PROVIDERS[id].envVar })),
            groups: GROUP_ORDER.map(id => ({ id, label: groupLabels()[id] })),
            endpoints: ENDPOINTS.map(e => localisedEndpoint(vscode.l10n, e)),
          },
        });
        this.pendingForm = undefined;
        return;
      case 'send':
        return this.send(m.form, m.requestId);
      case 'rerun': {
        const entry = history.get(m.id);
        if (!entry) { return; }
        const form = { ...entry.form, profileId: this.profileFor(entry.form) };
        this.post({ type: 'load', form });
        return this.send(form, m.requestId);
      }
      case 'loadHistory': {
        const entry = history.get(m.id);
        if (entry) { this.post({ type: 'load', form: { ...entry.form, profileId: this.profileFor(entry.form) } }); }
        return;
      }
      case 'cancel':
        this.confirming?.answer(false);
        this.inFlight?.abort();
        return;
      case 'confirmed':
        if (this.confirming?.requestId === m.requestId) { this.confirming.answer(m.send); }
        return;
      case 'copyCurl':
        return this.copyCurl(m.form);
      case 'saveHttp':
        return this.saveHttp(m.form);
      case 'copyHistoryHttp':
        return this.copyHistoryHttp(m.id);
      case 'clearHistory':
        await history.clear();
        this.post({ type: 'history', history: history.list() });
        return;
      case 'addKey':
        await vscode.commands.executeCommand(Commands.addKey, m.provider);
        return;
      case 'showLogs':
        await vscode.commands.executeCommand(Commands.showLogs);
        return;
      case 'accountIds': {
        const ids = await this.idsOf(m.profileId);
        this.post({ type: 'accountIds', profileId: m.profileId, ids });
        return;
      }
      case 'openDocs': {
        const url = endpointById(m.endpointId)?.docUrl;
        if (url) { await vscode.env.openExternal(vscode.Uri.parse(url)); }
        return;
      }
      default:
        services.logger.warn(`[tester] unhandled message ${(m as { type: string }).type}`);
    }
  }

  /**
   * The first agent of the key's account (one read-only list request, once per key and panel), so the
   * examples name an agent the account has; {} when there is none or the list cannot be read.
   */
  private idsOf(profileId: string): Promise<AccountIds> {
    let ids = this.accountIds.get(profileId);
    if (!ids) {
      ids = (async () => {
        const { vault, clients, logger } = this.deps.services;
        const profile = vault.get(profileId);
        const path = profile && agentListPath(profile.provider);
        if (!profile || !path) { return {}; }
        try {
          const res = await clients.call(profile.provider, await vault.getKey(profileId), 'GET', path);
          const agent = res.status === 200 ? firstAgentId(profile.provider, JSON.parse(res.text())) : undefined;
          logger.info(`[tester] example ids for "${profile.name}" (${profile.tail}): ${agent ? 'the account\'s first agent' : `none (${res.status})`}`);
          return agent ? { agent_id: agent } : {};
        } catch (err) {
          logger.info(`[tester] example ids for "${profile.name}" (${profile.tail}) not read: ${(err as Error).message}`);
          return {};
        }
      })();
      this.accountIds.set(profileId, ids);
    }
    return ids;
  }

  /** The form's profile if it still exists; else the active key of the same provider. */
  private profileFor(form: FormState): string | undefined {
    const { vault } = this.deps.services;
    if (form.profileId && vault.get(form.profileId)) { return form.profileId; }
    return vault.active(form.provider)?.id;
  }

  private confirm(requestId: number, request: string, message: string, detail: string): Promise<boolean> {
    this.confirming?.answer(false);
    return new Promise<boolean>(resolve => {
      const answer = (send: boolean) => { if (this.confirming?.requestId === requestId) { this.confirming = undefined; } resolve(send); };
      this.confirming = { requestId, answer };
      this.post({ type: 'confirm', requestId, request, message, detail, button: vscode.l10n.t('Send') });
    });
  }

  private notSent(requestId: number, request: string, message: string, detail?: string): void {
    this.show({ kind: 'notSent', requestId, request, message, detail });
  }

  private show(result: ResultView): void {
    this.lastResult = result;
    this.post({ type: 'result', result });
  }

  private async send(form: FormState, requestId: number): Promise<void> {
    const { services, tester, history } = this.deps;
    if (this.inFlight) { this.post({ type: 'invalid', errors: [vscode.l10n.t('A request is still being sent: wait for it or cancel it.')] }); return; }
    const profile = form.profileId ? services.vault.get(form.profileId) : undefined;
    const prepared = tester.prepare(form, profile);
    if (!prepared.ok) { this.post({ type: 'invalid', errors: prepared.errors.map(e => formProblemText(vscode.l10n, e)) }); return; }
    const p = prepared.prepared;
    const gate = p.gate;
    if (gate.kind === 'refuse') {
      const refused = refuseText(vscode.l10n, gate);
      this.notSent(requestId, p.label, refused.message, refused.detail);
      const rotate = vscode.l10n.t('Rotate Key…');
      void vscode.window.showWarningMessage(`${refused.message} ${refused.detail}`, rotate).then(async pick => {
        if (pick === rotate) { await vscode.commands.executeCommand(Commands.rotateKey, p.profile.id); }
      });
      return;
    }
    const controller = new AbortController();
    this.inFlight = controller;
    try {
      if (gate.kind === 'confirm') {
        // asked where the user pressed Send, with Cancel focused: Enter or Space right away sends nothing
        const question = confirmText(vscode.l10n, gate);
        const confirmed = await this.confirm(requestId, p.label, question.message, question.detail);
        if (!confirmed || controller.signal.aborted) {
          services.logger.info(`[tester] ${p.label} not sent: cancelled at the confirmation`);
          this.notSent(requestId, p.label, vscode.l10n.t('Not sent: you cancelled at the confirmation.'), question.detail);
          return;
        }
      }
      this.post({ type: 'sending', requestId, request: p.label, note: gate.kind === 'testKey' ? testKeyNoteText(vscode.l10n, gate) : undefined });
      let key: string;
      try {
        key = await services.vault.getKey(p.profile.id);
      } catch (err) {
        this.show({ kind: 'error', requestId, request: p.label, ...errorText(vscode.l10n, describeError(err, PROVIDERS[p.endpoint.provider].label)) });
        return;
      }
      services.logger.info(`[tester] ${p.endpoint.method} ${p.endpoint.path} with "${p.profile.name}" (${p.profile.tail})`);
      const outcome = await tester.execute(p, key, requestId, controller.signal);
      const result = resultView(vscode.l10n, outcome);
      if (result.kind === 'response') {
        services.logger.info(`[tester] ${p.endpoint.method} ${p.endpoint.path}: ${result.response.status} in ${result.response.timeMs} ms`);
      } else if (outcome.kind === 'error') {
        services.logger.warn(`[tester] ${p.endpoint.method} ${p.endpoint.path}: ${outcome.error.kind}`);
      }
      this.show(result);
      this.post({ type: 'history', history: history.list() });
      if (result.kind === 'response' && mayHaveSpentCredits(p.endpoint, p.profile.mode, result.response.status)) {
        this.deps.creditsMayHaveChanged?.(p.profile.id);
      }
    } finally {
      if (this.inFlight === controller) { this.inFlight = undefined; }
    }
  }

  private async copyCurl(form: FormState): Promise<void> {
    const endpoint = endpointById(form.endpointId);
    if (!endpoint) { return; }
    let curl: ReturnType<RequestTester['curl']>;
    try {
      curl = this.deps.tester.curl(form);
    } catch (err) {
      const advice = errorText(vscode.l10n, describeError(err, PROVIDERS[endpoint.provider].label));
      this.post({ type: 'invalid', errors: [`${advice.message} ${advice.fix}`] });
      return;
    }
    if (!curl.ok) { this.post({ type: 'invalid', errors: curl.errors.map(e => formProblemText(vscode.l10n, e)) }); return; }
    await vscode.env.clipboard.writeText(curl.text);
    this.post({ type: 'curl', text: curl.text, envVar: `$${PROVIDERS[endpoint.provider].envVar}` });
  }

  /** "Save as .http": the request in a new, unsaved request file beside the panel; the key as {{RINGG_API_KEY}}-style variable. */
  private async saveHttp(form: FormState): Promise<void> {
    const endpoint = endpointById(form.endpointId);
    if (!endpoint) { return; }
    const built = buildRequest(endpoint, form);
    if (!built.ok) { this.post({ type: 'invalid', errors: built.errors.map(e => formProblemText(vscode.l10n, e)) }); return; }
    const redactor = this.deps.services.clients.http.redactor;
    const text = toHttpText({ provider: endpoint.provider, request: built.request, title: endpoint.summary, name: endpoint.id.split('.').pop(), redact: t => redactor.text(t) });
    const doc = await vscode.workspace.openTextDocument({ language: 'http', content: text });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
  }

  /** "Copy as .http" on a history entry: the request as it was sent, as a request file on the clipboard; the key as a variable. */
  private async copyHistoryHttp(id: string): Promise<void> {
    const entry = this.deps.history.get(id);
    if (!entry) { return; }
    const redactor = this.deps.services.clients.http.redactor;
    const out = historyEntryHttpText(entry, t => redactor.text(t));
    if (!out.ok) {
      this.post({ type: 'invalid', errors: out.errors.length ? out.errors.map(e => formProblemText(vscode.l10n, e)) : [vscode.l10n.t('This request is no longer in the endpoint catalogue.')] });
      return;
    }
    await vscode.env.clipboard.writeText(out.text);
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0} as a request file: the key is written as {1}, never the key.', `${entry.method} ${entry.path}`, `{{${PROVIDERS[entry.provider].envVar}}}`));
  }
}

/** The form a command's arguments ask for, if any. */
export function formFromArgs(deps: TesterDeps, args: TesterOpenArgs): FormState | undefined {
  const profile = args.profileId ? deps.services.vault.get(args.profileId) : undefined;
  const endpoint = args.endpointId ? endpointById(args.endpointId) : undefined;
  if (!profile && !endpoint) { return undefined; }
  const provider = endpoint?.provider ?? profile!.provider;
  const ep = endpoint ?? ENDPOINTS.find(e => e.provider === provider)!;
  return {
    provider, endpointId: ep.id, profileId: profile?.provider === provider ? profile.id : undefined,
    path: {}, query: {}, body: undefined,
  };
}
