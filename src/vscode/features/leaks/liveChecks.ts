// Live checks of found keys in the editor: the verdict cache (per finding fingerprint), the check itself
// (the key read from the document at the finding, sent only through the provider clients), what the
// diagnostics show for a verdict, and the optional automatic check of new findings.
import * as vscode from 'vscode';
import { Settings } from '../../../constants';
import { keyFingerprint } from '../../../core/keys';
import { checkFoundKey, VerdictCache, type LiveVerdict } from '../../../core/liveCheck';
import { scoped, type Logger } from '../../../core/log';
import { findingFingerprint } from '../../../core/scanner/baseline';
import { isRuleId, type RuleId } from '../../../core/scanner/rules';
import { scanText, type Finding } from '../../../core/scanner/scanner';
import type { KeyProfile } from '../../../core/vault';
import { Disposable } from '../../lifecycle';
import type { Services } from '../../services';
import type { FindingAnnotation, LeakDiagnostics } from '../diagnostics/leakDiagnostics';
import { verdictSentence } from './verdictText';

/** Where a finding is (what code actions and hover links carry: never the key). */
export interface FindingTarget {
  readonly uri: string;
  readonly line: number;
  readonly character: number;
  readonly rule: RuleId;
  /** The file's name, when the URI's path is not it (a commit's version of a file, titled for its tab). */
  readonly fileName?: string;
}

export function isFindingTarget(t: unknown): t is FindingTarget {
  const x = t as FindingTarget | undefined;
  return !!x && typeof x.uri === 'string' && Number.isInteger(x.line) && Number.isInteger(x.character) && isRuleId(x.rule);
}

/** A finding resolved against the document as it is now, with its key (held only for the action at hand). */
export interface FoundKey {
  readonly uri: vscode.Uri;
  readonly finding: Finding;
  readonly key: string;
}

export class LiveChecks extends Disposable {
  private readonly cache: VerdictCache;
  private readonly inFlight = new Map<string, Promise<LiveVerdict>>();
  /** Finding fingerprints of keys the user replaced but has not revoked yet: "still live". */
  private readonly awaitingRevoke = new Set<string>();
  /** Findings the automatic check already tried (it does not ask twice for the same finding in a session). */
  private readonly autoTried = new Set<string>();
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly log: Logger;

  constructor(private readonly services: Services, readonly diagnostics: LeakDiagnostics, logger: Logger, now: () => number = Date.now) {
    super();
    this.log = scoped(logger, 'live-check');
    this.cache = new VerdictCache(15 * 60_000, now);
    diagnostics.setAnnotator(f => this.annotation(f));
    this._register(this.onDidChange(() => diagnostics.rescanAll()));
    this._register(diagnostics.onDidScan(e => { if (this.automatic()) { void this.checkNew(e.uri, e.findings); } }));
  }

  verdict(fingerprint: string): LiveVerdict | undefined { return this.cache.get(fingerprint); }
  isAwaitingRevoke(fingerprint: string): boolean { return this.awaitingRevoke.has(fingerprint); }

  /** Records a verdict learnt elsewhere (the rotate flow's check of the old key) and shows it. */
  record(found: FoundKey, fingerprints: readonly string[], verdict: LiveVerdict, opts: { awaitingRevoke?: boolean } = {}): void {
    if (verdict.validity === 'rejected') { void this.services.vault.markDead(found.finding.provider, found.key).catch(() => undefined); }
    for (const fp of fingerprints) {
      this.cache.set(fp, verdict);
      if (opts.awaitingRevoke && verdict.validity === 'live') { this.awaitingRevoke.add(fp); } else { this.awaitingRevoke.delete(fp); }
    }
    this.changed.fire();
  }

  /** The finding at a target, checked against the document as it is now, and its key. */
  async resolve(t: FindingTarget): Promise<FoundKey | undefined> {
    const uri = vscode.Uri.parse(t.uri);
    let doc: vscode.TextDocument;
    try { doc = await vscode.workspace.openTextDocument(uri); } catch { return undefined; }
    if (this.diagnostics.isLive(uri)) { this.diagnostics.scanDocument(doc); }   // the text may have changed since
    let finding = this.diagnostics.findingAt(uri, new vscode.Range(t.line, t.character, t.line, t.character), t.rule);
    if (!finding && !this.diagnostics.eligibleSettings(uri)) {
      // a document the diagnostics do not scan (a commit's version, from the history view): scanned here, as it is
      finding = scanText(doc.getText(), {}, typeof t.fileName === 'string' ? t.fileName : uri.path).findings.find(f => f.rule === t.rule && f.line === t.line && f.column === t.character);
    }
    if (!finding) { return undefined; }
    const key = this.keyOf(doc, finding);
    return key ? { uri, finding, key } : undefined;
  }

  /** The key under a finding, if the document still holds the very key the scan found there. */
  private keyOf(doc: vscode.TextDocument, f: Finding): string | undefined {
    if (f.line >= doc.lineCount) { return undefined; }
    const key = doc.lineAt(f.line).text.slice(f.column, f.column + (f.end - f.start));
    return key && findingFingerprint(f.rule, key) === f.fingerprint ? key : undefined;
  }

  /**
   * Asks the provider whether the key works (a cached verdict unless `force`). Concurrent checks of one
   * finding share one request. The key goes only through the provider clients, to the provider's origin.
   */
  async check(found: FoundKey, opts: { force?: boolean } = {}): Promise<LiveVerdict> {
    const fp = found.finding.fingerprint;
    const cached = opts.force ? undefined : this.cache.get(fp);
    if (cached) { return cached; }
    const running = this.inFlight.get(fp);
    if (running) { return running; }
    const p = (async () => {
      const f = found.finding;
      const profile = await this.profileFor(f.provider, found.key);
      const v = await checkFoundKey(this.services.clients, f.provider, found.key, { campaignId: profile?.campaignId });
      this.log.info(`${f.provider} key ${f.masked} (${f.rule}) in ${vscode.workspace.asRelativePath(found.uri)}: ${v.validity} (${v.reason}${v.status ? `, ${v.status}` : ''})`);
      this.cache.set(fp, v);
      if (v.validity !== 'live') { this.awaitingRevoke.delete(fp); }
      // a rejected key is dead wherever a copy of it sits (the vault remembers it across windows and restarts)
      if (v.validity === 'rejected') { await this.services.vault.markDead(f.provider, found.key).catch(() => undefined); }
      this.changed.fire();
      return v;
    })().finally(() => this.inFlight.delete(fp));
    this.inFlight.set(fp, p);
    return p;
  }

  /** The stored profile that holds this key, if any (the own-key rule: the same flows act on it). */
  async profileFor(provider: Finding['provider'], key: string): Promise<KeyProfile | undefined> {
    const print = keyFingerprint(key);
    try {
      return (await this.services.vault.keys()).find(k => k.profile.provider === provider && keyFingerprint(k.key) === print)?.profile;
    } catch {
      return undefined;   // SecretStorage unavailable: no profile to act on
    }
  }

  /** What the diagnostic of a finding says about its verdict. */
  private annotation(f: Finding): FindingAnnotation | undefined {
    const v = this.cache.get(f.fingerprint);
    if (!v) { return undefined; }
    return { suffix: ` ${verdictSentence(v, this.awaitingRevoke.has(f.fingerprint))}`, urgent: v.validity === 'live' };
  }

  /** The user's own setting, and only in a trusted workspace: a folder cannot make Ring Keys send its keys. */
  private automatic(): boolean {
    if (!vscode.workspace.isTrusted) { return false; }
    return vscode.workspace.getConfiguration().inspect<boolean>(Settings.leaksCheckAutomatically)?.globalValue === true;
  }

  /** Checks findings not checked yet, one after another (the clients' limiter keeps each key within its rate). */
  private async checkNew(uri: vscode.Uri, findings: readonly Finding[]): Promise<void> {
    const fresh = findings.filter(f => !this.cache.get(f.fingerprint) && !this.inFlight.has(f.fingerprint) && !this.autoTried.has(f.fingerprint));
    if (!fresh.length) { return; }
    let doc: vscode.TextDocument;
    try { doc = await vscode.workspace.openTextDocument(uri); } catch { return; }
    for (const f of fresh) {
      this.autoTried.add(f.fingerprint);
      const key = this.keyOf(doc, f);
      if (key) { await this.check({ uri, finding: f, key }); }
    }
  }
}
