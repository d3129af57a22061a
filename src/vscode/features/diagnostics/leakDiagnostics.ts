// Diagnostics for open documents (rescanned after a short debounce, cleared on close) and for the files of
// the last workspace scan. Holds no key: own keys arrive as prints, findings carry masked tails only.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, Settings } from '../../../constants';
import { scoped, type Logger } from '../../../core/log';
import { type Confined, confineToFolder } from '../../../core/paths';
import { PROVIDERS, type ProviderId } from '../../../core/providers/catalog';
import { baselineSet, parseBaseline } from '../../../core/scanner/baseline';
import { isIncluded } from '../../../core/scanner/glob';
import { ownKeyPrints, type OwnKeyPrint, type OwnKeySource } from '../../../core/scanner/ownKeys';
import { isRuleId, ruleHelpUrl } from '../../../core/scanner/rules';
import { scanBuffer, scanText, type Finding } from '../../../core/scanner/scanner';
import { GitIgnoreFilter, trackedFiles } from '../../../core/scanner/walk';
import { gitAllowed } from '../../ui/trust';
import { Disposable } from '../../lifecycle';
import { lowerSetting } from '../../../core/scanner/confidence';
import { hasRaisableFindings, RinggProjectTie } from '../../../core/scanner/project';
import { findingMessage } from './messages';
import { readSettings, relativePath, toVscodeSeverity, type DiagnosticsSettings } from './settings';
import { errorMessage } from '../../../core/errorMessage';

export const DEBOUNCE_MS = 300;
/** Document schemes worth scanning (not output channels, git revisions or search editors). */
export const SCHEMES = ['file', 'untitled', 'vscode-userdata', 'vscode-remote', 'vscode-vfs'] as const;
const CAPPED_CODE = 'scan-capped';
/** What a worker saw when it reports a Ringg host (the project tie reads content; the file's content stays in the worker). */
const RINGG_HOST_MARK = 'ringg.ai';

/** What a live check adds to a finding's diagnostic: words after the message, and whether it is urgent now. */
export interface FindingAnnotation {
  readonly suffix: string;
  /** A key that works: shown as an error whatever the rule's configured severity (unless the rule is off). */
  readonly urgent: boolean;
}

/** Keys known to be dead (their provider rejected them: rotated away, revoked), by fingerprint. */
export interface DeadKeySource {
  find(fingerprint: string): { readonly provider: ProviderId; readonly tail: string } | undefined;
  onDidChange(listener: () => void): { dispose(): void };
}

export class LeakDiagnostics extends Disposable {
  readonly live = this._register(vscode.languages.createDiagnosticCollection('ring-keys'));
  readonly workspaceResults = this._register(vscode.languages.createDiagnosticCollection('ring-keys-workspace'));
  private readonly log: Logger;
  /** Findings behind the diagnostics, per document URI (the code actions look them up by range). */
  private readonly findings = new Map<string, Finding[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Documents whose diagnostics are live (shown in an editor), by URI. */
  private readonly liveDocs = new Set<string>();
  private readonly baselines = new Map<string, { stamp: string; set: Set<string> }>();
  private readonly gitignores = new Map<string, GitIgnoreFilter>();
  /** Per folder: the files git tracks (they count even when .gitignore matches them), while loading: null. */
  private readonly tracked = new Map<string, Set<string> | null>();
  /** Per workspace folder: has a scanned file mentioned a Ringg host? */
  private readonly ties = new Map<string, RinggProjectTie>();
  private prints: OwnKeyPrint[] = [];
  private workspaceScanned = false;
  private ownKeysLoad: Promise<void> = Promise.resolve();
  private annotate: (f: Finding) => FindingAnnotation | undefined = () => undefined;
  private readonly scanned = this._register(new vscode.EventEmitter<{ uri: vscode.Uri; findings: readonly Finding[] }>());
  /** Fires after a document or file was scanned, with its findings (the live checks listen). */
  readonly onDidScan = this.scanned.event;

  constructor(logger: Logger, private readonly ownKeys: OwnKeySource, private readonly deadKeys?: DeadKeySource) {
    super();
    this.log = scoped(logger, 'diagnostics');
    if (deadKeys) { this._register(deadKeys.onDidChange(() => this.rescanAll())); }
    // "Open" means shown in an editor tab: VS Code keeps documents alive for minutes after their editor
    // closes, so closing the last tab is what clears a document's diagnostics.
    this._register(vscode.workspace.onDidOpenTextDocument(d => { if (isShown(d.uri)) { this.scanDocument(d); } }));
    this._register(vscode.window.tabGroups.onDidChangeTabs(e => {
      for (const tab of [...e.opened, ...e.changed]) {
        const uri = tabUri(tab);
        const doc = uri && vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
        if (doc && !this.isLive(doc.uri)) { this.scanDocument(doc); }
      }
      for (const tab of e.closed) {
        const uri = tabUri(tab);
        if (uri && !isShown(uri)) { this.onClose(uri); }
      }
    }));
    this._register(vscode.workspace.onDidChangeTextDocument(e => { if (e.contentChanges.length && isShown(e.document.uri)) { this.schedule(e.document); } }));
    this._register(vscode.workspace.onDidCloseTextDocument(d => this.onClose(d.uri)));
    this._register(vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration(Settings.diagnostics) || e.affectsConfiguration('files.exclude')) {
        this.baselines.clear();
        this.rescanAll();
      }
    }));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => { this.tracked.clear(); this.rescanAll(); }));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => { this.baselines.clear(); this.gitignores.clear(); this.tracked.clear(); this.rescanAll(); }));
    const gitignoreWatcher = this._register(vscode.workspace.createFileSystemWatcher('**/.gitignore'));
    const onGitignore = () => { for (const f of this.gitignores.values()) { f.clear(); } this.tracked.clear(); this.rescanAll(); };
    this._register(gitignoreWatcher.onDidChange(onGitignore));
    this._register(gitignoreWatcher.onDidCreate(onGitignore));
    this._register(gitignoreWatcher.onDidDelete(onGitignore));
    const jsonWatcher = this._register(vscode.workspace.createFileSystemWatcher('**/*.json', true, false, false));
    const onJson = (uri: vscode.Uri) => { if (this.isBaselineFile(uri)) { this.baselines.clear(); this.rescanAll(); } };
    this._register(jsonWatcher.onDidChange(onJson));
    this._register(jsonWatcher.onDidDelete(onJson));
    this._register(ownKeys.onDidChange(() => { void this.refreshOwnKeys(); }));
    this._register({ dispose: () => { for (const t of this.timers.values()) { clearTimeout(t); } this.timers.clear(); } });
    void this.refreshOwnKeys();
  }

  /** Re-reads the stored keys' prints (after a change in the vault), then rescans. */
  refreshOwnKeys(): Promise<void> {
    this.ownKeysLoad = (async () => {
      try {
        this.prints = await ownKeyPrints(this.ownKeys);
      } catch (err) {
        this.log.warn(`could not read stored keys for the own-key rule: ${errorMessage(err)}`);
      }
      this.log.debug(`own-key rule: ${this.prints.length} stored key(s)`);
      this.rescanAll();
    })();
    return this.ownKeysLoad;
  }

  /** Current prints (for the workspace scan). */
  ownKeyPrints(): readonly OwnKeyPrint[] { return this.prints; }

  rescanAll(): void {
    for (const d of vscode.workspace.textDocuments) { if (isShown(d.uri)) { this.scanDocument(d); } }
    if (this.workspaceScanned) {
      this.workspaceResults.forEach(uri => { void this.scanFileFromDisk(uri); });
    }
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); this.scanDocument(doc); }, DEBOUNCE_MS));
  }

  private onClose(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (!this.liveDocs.delete(key)) { return; }
    this.live.delete(uri);
    this.findings.delete(key);
    // after a workspace scan, a closed file goes back to its on-disk result
    if (this.workspaceScanned && uri.scheme === 'file') { void this.scanFileFromDisk(uri); }
  }

  /** Scans an open document now (its live results replace any workspace-scan result). */
  scanDocument(doc: vscode.TextDocument): void {
    if (doc.isClosed) { return; }
    this.liveDocs.add(doc.uri.toString());
    this.workspaceResults.delete(doc.uri);
    const settings = this.eligibleSettings(doc.uri);
    if (!settings) {
      this.live.delete(doc.uri);
      this.findings.delete(doc.uri.toString());
      return;
    }
    let text = doc.getText();
    const capped = text.length > settings.maxBytes;
    if (capped) { text = text.slice(0, settings.maxBytes); }
    const tie = this.tieFor(doc.uri);
    const raise = tie.observe(text);
    const r = scanText(text, { ownKeys: this.prints, baseline: this.baselineFor(doc.uri, settings), fileName: doc.fileName, ringgProject: tie.mentioned });
    this.findings.set(doc.uri.toString(), r.findings);
    const diags = this.toDiagnostics(r.findings, settings);
    if (capped) { diags.push(cappedDiagnostic(doc.positionAt(text.length), settings.maxBytes)); }
    this.live.set(doc.uri, diags);
    if (diags.length && this.firstReportAt === undefined) { this.firstReportAt = Date.now(); }
    this.scanned.fire({ uri: doc.uri, findings: r.findings });
    if (raise) { this.raiseLowFindings(doc.uri); }
  }

  /** The project tie of a resource's workspace folder (docs/detection.md: Confidence). */
  private tieFor(uri: vscode.Uri): RinggProjectTie {
    // a folder's files share its tie; an untitled document belongs to no project: only its own text ties it
    // (a Ringg host in another untitled document, or in an earlier one of the same name, says nothing about it)
    if (uri.scheme === 'untitled') { return new RinggProjectTie(); }
    const key = vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '';
    let tie = this.ties.get(key);
    if (!tie) { tie = new RinggProjectTie(); this.ties.set(key, tie); }
    return tie;
  }

  /** A Ringg host was just seen in this folder: rescan its files whose Ringg findings were low confidence. */
  private raiseLowFindings(seenIn: vscode.Uri): void {
    // an untitled document ties only itself to a provider: no other document's findings change
    if (seenIn.scheme === 'untitled') { return; }
    const folder = vscode.workspace.getWorkspaceFolder(seenIn)?.uri.toString();
    for (const [key, findings] of this.findings) {
      if (key === seenIn.toString() || !hasRaisableFindings(findings)) { continue; }
      const uri = vscode.Uri.parse(key);
      if (vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() !== folder) { continue; }
      const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === key);
      if (doc && this.isLive(uri)) { this.scanDocument(doc); } else if (uri.scheme === 'file') { void this.scanFileFromDisk(uri); }
    }
  }

  /** When the first finding of this window was reported (Date.now()), for the start-up check. */
  firstReportAt: number | undefined;

  /** Scans a file on disk into the workspace results (not for open documents: they have live results). */
  async scanFileFromDisk(uri: vscode.Uri, prints = this.prints): Promise<{ findings: number; scanned: boolean; binary?: boolean }> {
    if (this.isLive(uri)) {
      this.workspaceResults.delete(uri);
      return { findings: 0, scanned: false };
    }
    const settings = this.eligibleSettings(uri);
    if (!settings) { this.workspaceResults.delete(uri); return { findings: 0, scanned: false }; }
    let buf: Buffer;
    try {
      buf = await readHead(uri.fsPath, settings.maxBytes + 1);
    } catch {
      this.workspaceResults.delete(uri);
      return { findings: 0, scanned: false };
    }
    const tie = this.tieFor(uri);
    const raise = tie.observe(buf.subarray(0, settings.maxBytes));
    const r = scanBuffer(buf, { maxBytes: settings.maxBytes, ownKeys: prints, baseline: this.baselineFor(uri, settings), fileName: uri.fsPath, ringgProject: tie.mentioned });
    this.showDiskResult(uri, r, settings);
    if (raise) { this.raiseLowFindings(uri); }
    return { findings: r.findings.length, scanned: true, binary: r.binary };
  }

  /**
   * Shows the result of a file scanned from disk (here, or by the workspace scan's worker threads) in the
   * workspace results; a file opened in an editor meanwhile keeps its live result. A result that saw a Ringg
   * host (FileScan.ringgHost) ties the folder to Ringg and raises its low findings.
   */
  showDiskResult(uri: vscode.Uri, r: { readonly findings: Finding[]; readonly capped: boolean; readonly ringgHost?: boolean }, settings: DiagnosticsSettings): void {
    if (this.isLive(uri)) { return; }
    this.findings.set(uri.toString(), r.findings);
    const diags = this.toDiagnostics(r.findings, settings);
    if (r.capped) {
      const last = r.findings[r.findings.length - 1];
      diags.push(cappedDiagnostic(new vscode.Position(last ? last.line : 0, 0), settings.maxBytes));
    }
    if (diags.length) { this.workspaceResults.set(uri, diags); } else { this.workspaceResults.delete(uri); }
    this.scanned.fire({ uri, findings: r.findings });
    if (r.ringgHost && this.tieFor(uri).observe(RINGG_HOST_MARK)) { this.raiseLowFindings(uri); }
  }

  /** Does the folder of this resource mention a Ringg host, as far as its scanned files tell? */
  ringgProject(uri: vscode.Uri): boolean { return this.tieFor(uri).mentioned; }

  markWorkspaceScanned(): void { this.workspaceScanned = true; }

  /** Lets the live checks add their verdict to each finding's diagnostic (then call rescanAll). */
  setAnnotator(annotate: (f: Finding) => FindingAnnotation | undefined): void { this.annotate = annotate; }

  /** Is this document's result live (an open editor) rather than from disk? */
  isLive(uri: vscode.Uri): boolean { return this.liveDocs.has(uri.toString()); }

  /** The findings of a document or file as last scanned. */
  findingsOf(uri: vscode.Uri): readonly Finding[] { return this.findings.get(uri.toString()) ?? []; }

  /** The dead key a finding is, when its provider is known to reject it. */
  deadKeyOf(f: Finding): { readonly provider: ProviderId; readonly tail: string } | undefined {
    return this.deadKeys?.find(f.fingerprint);
  }

  /** The finding behind a diagnostic of ours (same rule, same start). */
  findingAt(uri: vscode.Uri, range: vscode.Range, rule: string): Finding | undefined {
    return this.findings.get(uri.toString())?.find(f => f.rule === rule && f.line === range.start.line && f.column === range.start.character);
  }

  /**
   * findingAt for an open document; when its findings do not hold the diagnostic's (the document was closed and
   * opened again, or a rescan waits for its debounce), the document is scanned now: a quick fix asked for at once
   * still finds its key.
   */
  findingIn(doc: vscode.TextDocument, range: vscode.Range, rule: string): Finding | undefined {
    const found = this.findingAt(doc.uri, range, rule);
    if (found || doc.isClosed) { return found; }
    this.scanDocument(doc);
    return this.findingAt(doc.uri, range, rule);
  }

  /** The settings for a resource, or undefined when it is not to be scanned (disabled, excluded, git-ignored). */
  eligibleSettings(uri: vscode.Uri): DiagnosticsSettings | undefined {
    if (!(SCHEMES as readonly string[]).includes(uri.scheme)) { return undefined; }
    const settings = readSettings(uri);
    if (!settings.enable) { return undefined; }
    const rel = relativePath(uri);
    if (rel) {
      if (!isIncluded(rel.rel, settings.include, settings.exclude)) { return undefined; }
      if (rel.rel === settings.baselineFile) { return undefined; }
      if (rel.folder.uri.scheme === 'file' && this.gitignoreFor(rel.folder).isIgnored(rel.rel) && !this.isTracked(rel.folder, rel.rel)) { return undefined; }
    } else if (uri.scheme === 'file' && settings.exclude.length && !isIncluded(uri.path.replace(/^\//, ''), ['**/*'], settings.exclude)) {
      return undefined;
    }
    return settings;
  }

  /**
   * Does git track this file? (Asked of git once per folder; until it answers, no; then open files are rescanned.)
   * In Restricted Mode git is never asked: an ignored file counts as untracked until the folder is trusted.
   */
  private isTracked(folder: vscode.WorkspaceFolder, rel: string): boolean {
    if (!gitAllowed()) { return false; }
    const key = folder.uri.toString();
    const known = this.tracked.get(key);
    if (known !== undefined) { return !!known?.has(rel); }
    this.tracked.set(key, null);
    void trackedFiles(folder.uri.fsPath).then(set => {
      if (this.tracked.get(key) !== null) { return; }   // cleared meanwhile: a newer question is on its way
      this.tracked.set(key, set ?? new Set());
      if (set?.size) { this.rescanAll(); }
    });
    return false;
  }

  gitignoreFor(folder: vscode.WorkspaceFolder): GitIgnoreFilter {
    const key = folder.uri.toString();
    let f = this.gitignores.get(key);
    if (!f) { f = new GitIgnoreFilter(folder.uri.fsPath); this.gitignores.set(key, f); }
    return f;
  }

  /** The baseline of a resource's folder (re-read when the file's size or mtime changes). */
  baselineFor(uri: vscode.Uri, settings: DiagnosticsSettings): Set<string> | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || folder.uri.scheme !== 'file') { return undefined; }
    const where = this.confinedBaseline(folder, settings.baselineFile);
    if (!where.ok) { return undefined; }
    const file = where.path;
    let stamp = 'missing';
    try { const st = fs.statSync(file); stamp = `${st.size}:${st.mtimeMs}`; } catch { /* no baseline */ }
    const cached = this.baselines.get(file);
    if (cached && cached.stamp === stamp) { return cached.set; }
    let set = new Set<string>();
    if (stamp !== 'missing') {
      try {
        set = baselineSet(parseBaseline(fs.readFileSync(file, 'utf8')));
      } catch (err) {
        this.log.warn(`ignoring baseline ${settings.baselineFile}: ${errorMessage(err)}`);
      }
    }
    this.baselines.set(file, { stamp, set });
    return set;
  }

  /**
   * The baseline file of a resource's folder, as a real path inside that folder, or why the setting is
   * refused (`..`, an absolute path, a symlink leading out): a folder's settings never make us read or
   * write anywhere else.
   */
  baselinePath(uri: vscode.Uri): Confined | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') { return undefined; }
    return this.confinedBaseline(folder, readSettings(uri).baselineFile);
  }

  private readonly refusedBaselines = new Set<string>();
  private confinedBaseline(folder: vscode.WorkspaceFolder, setting: string): Confined {
    const where = confineToFolder(folder.uri.fsPath, setting, Settings.diagnosticsBaselineFile);
    const id = `${folder.uri.toString()}\n${setting}`;
    if (!where.ok && !this.refusedBaselines.has(id)) {
      this.refusedBaselines.add(id);
      this.log.warn(`baseline not used in ${folder.name}: ${where.reason}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('Ring Keys ignores the baseline setting of "{0}": {1}', folder.name, where.reason));
    }
    return where;
  }

  forgetBaselines(): void { this.baselines.clear(); }

  private isBaselineFile(uri: vscode.Uri): boolean {
    const rel = relativePath(uri);
    return !!rel && rel.rel === readSettings(uri).baselineFile;
  }

  private toDiagnostics(findings: readonly Finding[], settings: DiagnosticsSettings): vscode.Diagnostic[] {
    const out: vscode.Diagnostic[] = [];
    for (const found of findings) {
      // a key the vault knows was rotated away is its provider's, whatever surrounds it (an untitled document
      // ties nothing to a provider): high confidence
      const dead = this.deadKeyOf(found);
      const f: Finding = dead && found.confidence === 'low' ? { ...found, confidence: 'high' } : found;
      const configured = settings.severity[f.rule];
      const shown = toVscodeSeverity(f.confidence === 'low' ? lowerSetting(configured) : configured);
      if (shown === undefined) { continue; }
      const note = this.annotate(f);
      const severity = note?.urgent ? vscode.DiagnosticSeverity.Error : shown;
      const range = new vscode.Range(f.line, f.column, f.line, f.column + (f.end - f.start));
      // a live check's verdict is the latest word; otherwise what the vault knows of keys rotated away
      const suffix = note ? note.suffix
        : dead ? ` ${vscode.l10n.t('This key is dead: {0} rejects it (rotated or revoked). Delete it from the file.', PROVIDERS[dead.provider].label)}` : '';
      const d = new vscode.Diagnostic(range, findingMessage(f) + suffix, severity);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = { value: f.rule, target: vscode.Uri.parse(ruleHelpUrl(f.rule)) };
      out.push(d);
    }
    return out;
  }
}

function cappedDiagnostic(at: vscode.Position, maxBytes: number): vscode.Diagnostic {
  const d = new vscode.Diagnostic(new vscode.Range(at, at),
    vscode.l10n.t('Ring Keys checked only the first {0} MiB of this file (ringKeys.diagnostics.maxFileSizeMB).', Math.round(maxBytes / 1048576)),
    vscode.DiagnosticSeverity.Information);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = CAPPED_CODE;
  return d;
}

/** Reads at most `max` bytes of a file (a capped scan never loads a huge file whole). */
async function readHead(file: string, max: number): Promise<Buffer> {
  const h = await fs.promises.open(file, 'r');
  try {
    const size = (await h.stat()).size;
    const buf = Buffer.alloc(Math.min(size, max));
    let off = 0;
    while (off < buf.length) {
      const { bytesRead } = await h.read(buf, off, buf.length - off, off);
      if (bytesRead === 0) { break; }
      off += bytesRead;
    }
    return buf.subarray(0, off);
  } finally {
    await h.close();
  }
}

/** The document a tab shows (text editors and the modified side of diffs). */
function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) { return input.uri; }
  if (input instanceof vscode.TabInputTextDiff) { return input.modified; }
  return undefined;
}

/** Is the document shown in some editor tab? */
export function isShown(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some(g => g.tabs.some(t => tabUri(t)?.toString() === key));
}

export function isOurDiagnostic(d: vscode.Diagnostic): d is vscode.Diagnostic & { code: { value: string; target: vscode.Uri } } {
  return d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'object' && isRuleId(d.code.value);
}
