// The status-bar workspace indicator: a state machine rendered by one update().
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../constants';
import { RateLimitedError } from '../../../core/http/errors';
import { PROVIDERS } from '../../../core/providers/catalog';
import type { VerifyOutcome, WorkspaceInfo } from '../../../core/providers/clients';
import type { KeyProfile } from '../../../core/vault';
import { Disposable } from '../../lifecycle';
import { iconSafe, markdownText as md } from '../../ui/markdown';
import type { Services } from '../../services';
import { credits, outcomeWords, storedOutcomeWords } from '../../ui/words';
import type { Verifier } from './verification';

export type StatusState =
  | { kind: 'noKey' }
  | { kind: 'verifying'; profile: KeyProfile }
  | { kind: 'valid'; profile: KeyProfile; summary: string; workspace?: WorkspaceInfo }
  | { kind: 'unverifiable'; profile: KeyProfile; reason: string }
  | { kind: 'invalid'; profile: KeyProfile; message: string }
  | { kind: 'error'; profile: KeyProfile; message: string };

export class StatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private state: StatusState = { kind: 'noKey' };
  /** What the shown state is about: profile id + key fingerprint. Re-verify only when it changes. */
  private shownFor = '';
  private timer: NodeJS.Timeout | undefined;
  private notBefore = 0;

  constructor(private readonly services: Services, private readonly verifier: Verifier) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem('ringKeys.status', vscode.StatusBarAlignment.Left, 50));
    this.item.name = vscode.l10n.t('Ring Keys');
    this.item.command = Commands.statusBarMenu;
    this._register(services.onDidChangeKeys(() => { void this.syncSafely(); }));
    this._register(verifier.onDidChange(e => {
      const active = services.vault.active();
      if (!active || active.id !== e.profileId) { return; }
      if (!e.outcome) { this.set({ kind: 'verifying', profile: active }); return; }
      this.show(services.vault.get(e.profileId) ?? active, e.outcome);
    }));
    this._register(vscode.window.onDidChangeWindowState(s => { if (s.focused) { void this.syncSafely(); } }));
    this._register(vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration(Settings.refreshMinutes)) { this.schedule(); }
    }));
    this._register({ dispose: () => clearTimeout(this.timer) });
    // Start-up: show "verifying" at once and verify after activate() has returned, so the first request
    // (and the HTTP library it loads) never delays activation.
    const first = services.vault.active();
    if (first) { this.set({ kind: 'verifying', profile: first }); }
    this.item.show();
    const initial = setTimeout(() => { void this.syncSafely(); }, 0);
    this._register({ dispose: () => clearTimeout(initial) });
    this.schedule();
  }

  get current(): StatusState { return this.state; }
  get text(): string { return this.item.text; }
  get tooltip(): string { const t = this.item.tooltip; return typeof t === 'string' ? t : t?.value ?? ''; }

  private async syncSafely(force = false): Promise<void> {
    try { await this.sync(force); } catch (err) { this.services.logger.error(`[status] ${(err as Error).message}`); }
  }

  /** Re-reads the active profile; verifies it when it, or its key, changed since last shown. */
  async sync(force = false): Promise<void> {
    const profile = this.services.vault.active();
    if (!profile) { this.shownFor = ''; this.set({ kind: 'noKey' }); return; }
    const fp = await this.verifier.fingerprint(profile.id);
    const id = `${profile.id}:${fp ?? 'missing'}`;
    if (!force && id === this.shownFor) {
      this.show(profile);   // metadata may have changed (rename, another window's verification)
      return;
    }
    this.shownFor = id;
    if (Date.now() < this.notBefore && !force) { this.show(profile); return; }
    const outcome = await this.verifier.verify(profile.id);
    if (outcome.state === 'undetermined' && outcome.error instanceof RateLimitedError && outcome.error.retryAfterMs) {
      this.notBefore = Date.now() + outcome.error.retryAfterMs;
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const minutes = vscode.workspace.getConfiguration().get<number>(Settings.refreshMinutes, 0);
    if (!minutes || minutes <= 0) { return; }
    const ms = Math.max(1, minutes) * 60_000;
    this.timer = setTimeout(() => {
      // an interval refresh never runs into a provider's rate limit window
      if (Date.now() >= this.notBefore) { void this.syncSafely(true); }
      this.schedule();
    }, ms);
  }

  /** Renders a profile from an outcome, or from what the profile last recorded. */
  private show(profile: KeyProfile, outcome?: VerifyOutcome): void {
    if (this.verifier.isVerifying(profile.id) && !outcome) { this.set({ kind: 'verifying', profile }); return; }
    if (outcome) {
      const words = outcomeWords(outcome, PROVIDERS[profile.provider].label);
      switch (outcome.state) {
        case 'valid': return this.set({ kind: 'valid', profile, summary: words, workspace: outcome.workspace });
        case 'unverifiable': return this.set({ kind: 'unverifiable', profile, reason: words });
        case 'rejected': return this.set({ kind: 'invalid', profile, message: words });
        case 'forbidden': return this.set({ kind: 'valid', profile, summary: words });
        case 'undetermined': return this.set({ kind: 'error', profile, message: words });
      }
    }
    // what the profile recorded (in any window): as data, or in English from before lastOutcome existed
    const last = profile.lastOutcome ? storedOutcomeWords(profile.lastOutcome) : profile.lastSummary ?? '';
    switch (profile.lastState) {
      case 'valid':
      case 'forbidden':
        return this.set({ kind: 'valid', profile, summary: last,
          workspace: profile.workspaceName ? { id: '', name: profile.workspaceName, available: profile.credits } : undefined });
      case 'rejected': return this.set({ kind: 'invalid', profile, message: last });
      case 'undetermined': return this.set({ kind: 'error', profile, message: last });
      case 'unverifiable': return this.set({ kind: 'unverifiable', profile, reason: last });
      default: return this.set({ kind: 'verifying', profile });
    }
  }

  private set(state: StatusState): void {
    this.state = state;
    this.update();
  }

  /** The one renderer. */
  private update(): void {
    const s = this.state;
    const item = this.item;
    item.backgroundColor = undefined;
    // Only the one command link this state's tooltip adds is enabled; every string from outside (profile
    // name, workspace name, summaries and errors from the server) is inserted as text, never as Markdown.
    const tip = new vscode.MarkdownString(undefined, true);
    const linkTo = (command: string) => { tip.isTrusted = { enabledCommands: [command] }; return `command:${command}`; };
    tip.isTrusted = false;
    if (s.kind === 'noKey') {
      item.text = `$(key) ${vscode.l10n.t('Ring Keys: add a key')}`;
      linkTo(Commands.addKey);
      tip.appendMarkdown(vscode.l10n.t('No API key stored yet. [Add Key](command:{0})', Commands.addKey));
      item.tooltip = tip;
      item.accessibilityInformation = { label: vscode.l10n.t('Ring Keys: no API key stored. Activate to add a key.'), role: 'button' };
      return;
    }
    const p = s.profile;
    const who = md(`${PROVIDERS[p.provider].label} · ${p.name} (${p.tail})`);
    const name = iconSafe(p.name);
    const badge = p.mode === 'test' ? ' $(beaker) TEST' : '';
    switch (s.kind) {
      case 'verifying':
        item.text = `$(sync~spin) ${name}${badge}`;
        tip.appendMarkdown(`${who}\n\n${vscode.l10n.t('Verifying the key…')}`);
        break;
      case 'valid': {
        const ws = s.workspace;
        item.text = ws
          ? `$(key) ${iconSafe(ws.name)} · ${credits(ws.available ?? ws.credits)} ${vscode.l10n.t('credits')}${badge}`
          : `$(key) ${name}${badge}`;
        tip.appendMarkdown(`**${who}**\n\n$(pass) ${md(s.summary)}`);
        if (ws?.credits !== undefined) {
          tip.appendMarkdown(`\n\n${vscode.l10n.t('Credits')}: ${credits(ws.credits)} · ${vscode.l10n.t('locked')}: ${credits(ws.lockedCredits)}`);
        }
        if (p.mode === 'test') { tip.appendMarkdown(`\n\n${vscode.l10n.t('Test key: no real calls, no credits used.')}`); }
        break;
      }
      case 'unverifiable':
        item.text = `$(key) ${name} · ${vscode.l10n.t('stored')}`;
        tip.appendMarkdown(`**${who}**\n\n${md(s.reason)}`);
        break;
      case 'invalid':
        item.text = `$(warning) ${name}: ${vscode.l10n.t('key rejected')}`;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        tip.appendMarkdown(`**${who}**\n\n$(error) ${md(s.message)}\n\n[${vscode.l10n.t('Re-enter Key')}](${linkTo(Commands.reenterKey)})`);
        break;
      case 'error':
        item.text = `$(question) ${name}: ${vscode.l10n.t('unverified')}`;
        tip.appendMarkdown(`**${who}**\n\n${md(s.message)}\n\n[${vscode.l10n.t('Verify Again')}](${linkTo(Commands.verifyKey)})`);
        break;
    }
    // one active key per provider: the item shows the provider chosen last; the others are listed here
    const others = this.services.vault.actives().filter(o => o.provider !== p.provider);
    if (others.length) {
      tip.appendMarkdown(`\n\n${vscode.l10n.t('Also active')}: `);
      tip.appendText(others.map(o => `${PROVIDERS[o.provider].label} · ${o.name} (${o.tail})`).join(', '));
    }
    tip.appendMarkdown(`\n\n---\n\n${vscode.l10n.t('Click for key actions')}`);
    item.tooltip = tip;
    // what a screen reader says: plain words, no icon ids or Markdown
    item.accessibilityInformation = { label: spokenLabel(s), role: 'button' };
  }
}

/** The status bar item in words a screen reader can say: no `$(icon)` ids, no Markdown. */
export function spokenLabel(s: Exclude<StatusState, { kind: 'noKey' }>): string {
  const p = s.profile;
  const who = vscode.l10n.t('{0} key "{1}", ending {2}', PROVIDERS[p.provider].label, p.name, p.tail.replace(/^…/, ''));
  const test = p.mode === 'test' ? `, ${vscode.l10n.t('test key')}` : '';
  const actions = vscode.l10n.t('Activate for key actions.');
  switch (s.kind) {
    case 'verifying': return `Ring Keys: ${who}${test}, ${vscode.l10n.t('verifying')}. ${actions}`;
    case 'valid': {
      const ws = s.workspace;
      const available = ws && (ws.available ?? ws.credits) !== undefined ? `, ${vscode.l10n.t('{0} credits available', credits(ws.available ?? ws.credits))}` : '';
      return `Ring Keys: ${who}${test}, ${vscode.l10n.t('verified')}${ws ? `, ${vscode.l10n.t('workspace {0}', ws.name)}` : ''}${available}. ${actions}`;
    }
    case 'unverifiable': return `Ring Keys: ${who}${test}, ${vscode.l10n.t('stored, not verifiable')}. ${actions}`;
    case 'invalid': return `Ring Keys: ${who}${test}, ${vscode.l10n.t('rejected by the provider')}. ${actions}`;
    case 'error': return `Ring Keys: ${who}${test}, ${vscode.l10n.t('unverified')}. ${actions}`;
  }
}
