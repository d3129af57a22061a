// Leaked keys, live: "Check whether this key works" and "Rotate this leaked key" on every finding (code actions
// and hover links), the verdict in the diagnostic and the hover, and the one-flow remediation.
import * as vscode from 'vscode';
import { Commands, DIAGNOSTIC_SOURCE } from '../../../constants';
import { PROVIDERS } from '../../../core/providers/catalog';
import type { Finding } from '../../../core/scanner/scanner';
import type { Services } from '../../services';
import { isOurDiagnostic, SCHEMES, type LeakDiagnostics } from '../diagnostics/leakDiagnostics';
import { isFindingTarget, LiveChecks, type FindingTarget } from './liveChecks';
import { registerLocalHistory } from './localHistory';
import type { RemediationResult } from './remediation';
import { lazyFeature } from '../../lazy';
import { HOVER_COMMANDS, verdictHoverMarkdown } from './verdictHover';
import { checkedAt, verdictLabel, verdictSentence } from './verdictText';

export function registerLeakRemediation(context: vscode.ExtensionContext, services: Services, diagnostics: LeakDiagnostics): LiveChecks {
  const checks = new LiveChecks(services, diagnostics, services.logger);
  context.subscriptions.push(checks, registerLocalHistory(context, services.logger));
  const selector = SCHEMES.map(scheme => ({ scheme }));
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(selector, new LiveCheckActions(checks), { providedCodeActionKinds: LiveCheckActions.kinds }),
    vscode.languages.registerHoverProvider(selector, new VerdictHover(checks)),
    vscode.commands.registerCommand(Commands.checkFoundKey, (t: unknown) => checkCommand(checks, t)),
    vscode.commands.registerCommand(Commands.rotateFoundKey, (t: unknown) => rotateCommand(context, services, checks, t)),
  );
  return checks;
}

/** The one-flow remediation (remediation.ts) loads on first use: dist/lazy-remediation.js. */
const remediation = lazyFeature(() => import('./lazy'));

const gone = () => void vscode.window.showWarningMessage(vscode.l10n.t('That key is no longer at this place in the file.'));

/** Checks the key at a finding (always asks the provider: the user asked). Returns the validity. */
async function checkCommand(checks: LiveChecks, t: unknown): Promise<string | undefined> {
  if (!isFindingTarget(t)) { return undefined; }
  const found = await checks.resolve(t);
  if (!found) { gone(); return undefined; }
  const v = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking the key {0}…', found.finding.masked) },
    () => checks.check(found, { force: true }));
  if (v.validity === 'live') {
    const rotate = found.finding.provider === 'ringg' ? vscode.l10n.t('Rotate This Leaked Key') : vscode.l10n.t('Replace This Leaked Key');
    void vscode.window.showWarningMessage(`${found.finding.masked}: ${verdictSentence(v, checks.isAwaitingRevoke(found.finding.fingerprint))}`, rotate)
      .then(c => { if (c === rotate) { void vscode.commands.executeCommand(Commands.rotateFoundKey, t); } });
  }
  return v.validity;
}

async function rotateCommand(context: vscode.ExtensionContext, services: Services, checks: LiveChecks, t: unknown): Promise<RemediationResult | undefined> {
  if (!isFindingTarget(t)) { return undefined; }
  const found = await checks.resolve(t);
  if (!found) { gone(); return undefined; }
  return (await remediation()).remediate({ services, checks, globalState: context.globalState, logger: services.logger }, found);
}

function targetOf(uri: vscode.Uri, f: Finding): FindingTarget {
  return { uri: uri.toString(), line: f.line, character: f.column, rule: f.rule };
}

/** Whether the flow applies: a key that works, or one that cannot be checked (Ring Tonic without a campaign). */
function rotatable(checks: LiveChecks, f: Finding): boolean {
  const v = checks.verdict(f.fingerprint);
  return !!v && (v.validity === 'live' || v.validity === 'restricted' || (v.validity === 'unknown' && v.reason === 'noCampaign'));
}

function rotateTitle(f: Finding): string {
  return f.provider === 'ringg'
    ? vscode.l10n.t('Rotate this leaked key (new key to SecretStorage, {0} in the code)', PROVIDERS.ringg.envVar)
    : vscode.l10n.t('Replace this leaked key (new key from the {0} dashboard, {1} in the code)', PROVIDERS[f.provider].label, PROVIDERS[f.provider].envVar);
}

class LiveCheckActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  constructor(private readonly checks: LiveChecks) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (!isOurDiagnostic(d)) { continue; }
      const f = this.checks.diagnostics.findingIn(doc, d.range, d.code.value);
      // a key shipped to clients is a variable's name, not a key: nothing to check or rotate here
      if (!f || f.rule === 'client-exposed-key') { continue; }
      const target = targetOf(doc.uri, f);
      const checked = this.checks.verdict(f.fingerprint);
      const check = new vscode.CodeAction(checked ? vscode.l10n.t('Check again whether this key works') : vscode.l10n.t('Check whether this key works'), vscode.CodeActionKind.QuickFix);
      check.diagnostics = [d];
      check.command = { command: Commands.checkFoundKey, title: check.title, arguments: [target] };
      out.push(check);
      if (rotatable(this.checks, f)) {
        const rotate = new vscode.CodeAction(rotateTitle(f), vscode.CodeActionKind.QuickFix);
        rotate.diagnostics = [d];
        rotate.command = { command: Commands.rotateFoundKey, title: rotate.title, arguments: [target] };
        out.push(rotate);
      }
    }
    return out;
  }
}

/** What is known of the key and the links that act on it, under the diagnostic's own hover (verdictHover.ts). */
class VerdictHover implements vscode.HoverProvider {
  constructor(private readonly checks: LiveChecks) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const f = this.checks.diagnostics.findingsOf(doc.uri).find(x => x.line === pos.line && pos.character >= x.column && pos.character <= x.column + (x.end - x.start));
    if (!f || f.rule === 'client-exposed-key') { return undefined; }
    // only where a diagnostic of ours is shown (not for a rule set to off)
    const shown = vscode.languages.getDiagnostics(doc.uri).some(d => d.source === DIAGNOSTIC_SOURCE && d.range.start.line === f.line && d.range.start.character === f.column);
    if (!shown) { return undefined; }
    const v = this.checks.verdict(f.fingerprint);
    const md = new vscode.MarkdownString(verdictHoverMarkdown(vscode.l10n, {
      providerLabel: PROVIDERS[f.provider].label, envVar: PROVIDERS[f.provider].envVar, masked: f.masked,
      verdict: v && { validity: v.validity, label: verdictLabel(v, this.checks.isAwaitingRevoke(f.fingerprint)), when: checkedAt(v) },
      dead: !!this.checks.diagnostics.deadKeyOf(f),
      rotate: rotatable(this.checks, f) ? (f.provider === 'ringg' ? 'rotate' : 'replace') : undefined,
      arg: encodeURIComponent(JSON.stringify([targetOf(doc.uri, f)])),
    }), true);
    md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    return new vscode.Hover(md, new vscode.Range(f.line, f.column, f.line, f.column + (f.end - f.start)));
  }
}
