// Quick fixes for our diagnostics, tied to diagnostic.code: move the key to SecretStorage and read it from
// the environment (preferred), ignore this occurrence (a comment in the file's own syntax), add to baseline.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileNoFollow } from '../../../core/safeWrite';
import * as vscode from 'vscode';
import { Commands } from '../../../constants';
import { scoped, type Logger } from '../../../core/log';
import { PROVIDERS, isProviderId, type ProviderId } from '../../../core/providers/catalog';
import { parseBaseline, withEntries, type BaselineFile } from '../../../core/scanner/baseline';
import { rewriteForEnv } from '../../../core/scanner/envReference';
import { exposureFix } from '../../../core/scanner/serverRoute';
import { commentStyle, IGNORE_MARKER } from '../../../core/scanner/ignore';
import { isRuleId, type RuleId } from '../../../core/scanner/rules';
import { isOurDiagnostic, SCHEMES, type LeakDiagnostics } from './leakDiagnostics';
import type { OutcomeFacts } from '../../../core/providers/clients';
import { storedOutcomeWords } from '../../ui/words';
import { errorMessage } from '../../../core/errorMessage';
import { offerLocalHistoryCleanup } from '../leaks/localHistory';

/** What storing a found key came to: stored (with its verification) or not stored because the key is dead. */
export type StoreOutcome =
  | { readonly kind: 'stored'; readonly name: string; readonly state: 'valid' | 'forbidden' | 'undetermined' | 'unverifiable'; readonly outcome: OutcomeFacts }
  | { readonly kind: 'dead' };

export type StoreKey = (provider: ProviderId, suggestedName: string, key: string) => Promise<StoreOutcome>;
/** Where the variable a fixed file now reads comes from in new terminals, tasks and debug sessions (if it is set there). */
export type VariableNotice = (provider: ProviderId, variable: string) => { profileName: string; tail: string } | undefined;

/** What a quick-fix command gets: where the finding is (never the key). */
export interface FixTarget {
  readonly uri: string;
  readonly line: number;
  readonly character: number;
  readonly rule: RuleId;
}

export class LeakCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: LeakDiagnostics) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (!isOurDiagnostic(d)) { continue; }
      const rule = d.code.value as RuleId;
      const finding = this.diagnostics.findingIn(doc, d.range, rule);
      if (!finding) { continue; }
      const target: FixTarget = { uri: doc.uri.toString(), line: d.range.start.line, character: d.range.start.character, rule };

      const dead = this.diagnostics.deadKeyOf(finding);
      const move = new vscode.CodeAction(dead
        ? vscode.l10n.t('Delete the dead key from the file (it then reads {0} from the environment)', PROVIDERS[finding.provider].envVar)
        : rule === 'own-key'
        ? vscode.l10n.t('Read it from the environment ({0}); the key is already in SecretStorage', PROVIDERS[finding.provider].envVar)
        : vscode.l10n.t('Move to SecretStorage and read it from the environment ({0})', PROVIDERS[finding.provider].envVar),
      vscode.CodeActionKind.QuickFix);
      move.diagnostics = [d];
      move.isPreferred = true;
      move.command = { command: Commands.moveKeyToSecretStorage, title: move.title, arguments: [target] };
      // a client-exposed name holds no key to move: its fix is a server route (docs/detection.md)
      if (rule !== 'client-exposed-key') { actions.push(move); }
      if (rule === 'client-exposed-key' && finding.name) {
        const fix = serverRouteAction(doc, finding.provider, finding.name);
        if (fix) { fix.diagnostics = [d]; fix.isPreferred = true; actions.push(fix); }
      }

      const style = commentStyle(doc.languageId);
      if (style) {
        const ignore = new vscode.CodeAction(vscode.l10n.t('Ignore this occurrence (add a {0} comment)', IGNORE_MARKER), vscode.CodeActionKind.QuickFix);
        ignore.diagnostics = [d];
        const line = doc.lineAt(d.range.start.line);
        const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
        ignore.edit = new vscode.WorkspaceEdit();
        ignore.edit.insert(doc.uri, new vscode.Position(line.lineNumber, 0), `${indent}${style.start}${IGNORE_MARKER}${style.end ?? ''}\n`);
        actions.push(ignore);
      }

      if (this.diagnostics.baselinePath(doc.uri)) {
        const base = new vscode.CodeAction(vscode.l10n.t('Add to baseline (accept this key here and wherever it moves)'), vscode.CodeActionKind.QuickFix);
        base.diagnostics = [d];
        base.command = { command: Commands.addKeyToBaseline, title: base.title, arguments: [target] };
        actions.push(base);
      }
    }
    return actions;
  }
}

/**
 * The fix for a key shipped to clients (src/core/scanner/serverRoute.ts): a Next.js route handler (or, for a
 * Vite, Create React App or Vue CLI app, an Express router) that holds the key and the client file pointed at
 * it, or the `.env` variable renamed to its server-only name. Applied as a
 * WorkspaceEdit the user previews (nothing is written until they accept); no file is created over an existing
 * one or through a link.
 */
function serverRouteAction(doc: vscode.TextDocument, provider: ProviderId, name: string): vscode.CodeAction | undefined {
  const folder = doc.uri.scheme === 'file' ? vscode.workspace.getWorkspaceFolder(doc.uri) : undefined;
  if (!folder || folder.uri.scheme !== 'file') { return undefined; }
  const root = folder.uri.fsPath;
  const rel = path.relative(root, doc.uri.fsPath).split(path.sep).join('/');
  if (rel.startsWith('../') || path.isAbsolute(rel)) { return undefined; }
  const lstat = (r: string) => { try { return fs.lstatSync(path.join(root, ...r.split('/'))); } catch { return undefined; } };
  const text = doc.getText();
  const fix = exposureFix({ text, file: rel, provider, name, exists: r => !!lstat(r), isLink: r => !!lstat(r)?.isSymbolicLink() });
  if (!fix) { return undefined; }
  const edit = new vscode.WorkspaceEdit();
  const label = PROVIDERS[provider].label;
  const meta: vscode.WorkspaceEditEntryMetadata = { label: vscode.l10n.t('Keep the {0} key on the server', label), needsConfirmation: true };
  let title: string;
  if (fix.kind === 'route') {
    title = vscode.l10n.t('Call {0} from a server route that holds the key (creates {1}; preview)', label, fix.route.path);
    // created empty, then filled: the create fails if the file appeared meanwhile (overwrite: false)
    const route = vscode.Uri.joinPath(folder.uri, ...fix.route.path.split('/'));
    edit.createFile(route, { overwrite: false, ignoreIfExists: false }, meta);
    edit.insert(route, new vscode.Position(0, 0), fix.route.text, meta);
  } else {
    title = vscode.l10n.t('Rename {0} to the server-only {1} (preview)', name, fix.serverName);
  }
  for (const e of fix.edits) { edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text, meta); }
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.edit = edit;
  return action;
}

export function registerCodeActions(diagnostics: LeakDiagnostics, logger: Logger, storeKey: StoreKey, notice: VariableNotice = () => undefined): vscode.Disposable[] {
  const log = scoped(logger, 'quick-fix');
  const selector = SCHEMES.map(scheme => ({ scheme }));
  return [
    vscode.languages.registerCodeActionsProvider(selector, new LeakCodeActions(diagnostics), { providedCodeActionKinds: LeakCodeActions.kinds }),
    vscode.commands.registerCommand(Commands.moveKeyToSecretStorage, (t: FixTarget) => moveToSecretStorage(diagnostics, log, storeKey, t, notice)),
    vscode.commands.registerCommand(Commands.addKeyToBaseline, (t: FixTarget) => addToBaseline(diagnostics, log, t)),
  ];
}

function validTarget(t: unknown): t is FixTarget {
  const x = t as FixTarget | undefined;
  return !!x && typeof x.uri === 'string' && Number.isInteger(x.line) && Number.isInteger(x.character) && isRuleId(x.rule);
}

async function moveToSecretStorage(diagnostics: LeakDiagnostics, log: Logger, storeKey: StoreKey, t: FixTarget, notice: VariableNotice): Promise<boolean> {
  if (!validTarget(t)) { return false; }
  const uri = vscode.Uri.parse(t.uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  diagnostics.scanDocument(doc);   // the text may have changed since the diagnostic was shown
  const f = diagnostics.findingAt(uri, new vscode.Range(t.line, t.character, t.line, t.character), t.rule);
  if (!f || !isProviderId(f.provider)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('That key is no longer at this place in the file.'));
    return false;
  }
  const range = new vscode.Range(f.line, f.column, f.line, f.column + (f.end - f.start));
  const key = doc.getText(range);
  const envVar = PROVIDERS[f.provider].envVar;
  let stored: StoreOutcome | undefined;
  if (f.rule !== 'own-key' && !diagnostics.deadKeyOf(f)) {
    const suggested = suggestedName(f.name, f.provider, doc.uri);
    try {
      stored = await storeKey(f.provider, suggested, key);
    } catch (err) {
      log.error(`storing the key ${f.masked} failed: ${errorMessage(err)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Ring Keys could not store the key {0}: {1}. The file is unchanged.', f.masked,
        errorMessage(err)));
      return false;
    }
  }
  const rw = rewriteForEnv({ line: doc.lineAt(f.line).text, start: f.column, end: f.column + (f.end - f.start),
    languageId: doc.languageId, fileName: doc.fileName, envVar, fileText: doc.getText() });
  const edit = new vscode.WorkspaceEdit();
  for (const e of rw.edits) { edit.replace(uri, new vscode.Range(f.line, e.start, f.line, e.end), e.text); }
  if (rw.importLine) { edit.insert(uri, new vscode.Position(importLineAt(doc), 0), `${rw.importLine}\n`); }
  const ok = await vscode.workspace.applyEdit(edit);
  const what = stored?.kind === 'stored' ? `stored as '${stored.name}' (${stored.state}) and ` : stored?.kind === 'dead' || diagnostics.deadKeyOf(f) ? 'dead, not stored, ' : '';
  log.info(`${f.masked} (${f.rule}) ${what}replaced by ${rw.reference || 'an empty value'} in ${vscode.workspace.asRelativePath(uri)}${ok ? '' : ' (edit refused)'}`);
  if (ok) {
    void offerLocalHistoryCleanup([uri], key);   // earlier saved versions of the file may still hold the key
    const label = PROVIDERS[f.provider].label;
    // when the variable is set in new terminals, tasks and debug sessions, say so and offer a terminal
    const set = notice(f.provider, envVar);
    const open = vscode.l10n.t('Open Terminal');
    const tell = (message: string) => set
      ? void vscode.window.showInformationMessage(`${message} ${vscode.l10n.t('{0} is now set in new terminals, tasks and debug sessions (from "{1}" {2}).', envVar, set.profileName, set.tail)}`, open)
        .then(choice => { if (choice === open) { vscode.window.createTerminal().show(); } })
      : void vscode.window.showInformationMessage(message);
    if (stored?.kind === 'stored') {
      const summary = storedOutcomeWords(stored.outcome);
      const verdict = stored.state === 'valid' ? vscode.l10n.t('{0} accepts it: {1}', label, summary)
        : stored.state === 'unverifiable' ? summary : vscode.l10n.t('not verified yet: {0}', summary);
      tell(set
        ? vscode.l10n.t("Stored {0} in SecretStorage as '{1}' ({2}). The file now reads {3}; rotate the key if the file was ever shared.", f.masked, stored.name, verdict, envVar)
        : vscode.l10n.t("Stored {0} in SecretStorage as '{1}' ({2}). The file now reads {3}; set it in your environment, and rotate the key if the file was ever shared.", f.masked, stored.name, verdict, envVar));
    } else if (stored?.kind === 'dead' || diagnostics.deadKeyOf(f)) {
      tell(vscode.l10n.t('{0} rejects {1}: the key is dead (rotated or revoked), so it was not stored. The file now reads {2} from the environment.', label, f.masked, envVar));
    } else {
      tell(vscode.l10n.t('The file now reads {0} from the environment.', envVar));
    }
  }
  return ok;
}

/** After a shebang and leading comments: where Python's `import os` goes. */
export function importLineAt(doc: vscode.TextDocument): number {
  let n = 0;
  while (n < doc.lineCount && /^\s*#/.test(doc.lineAt(n).text)) { n++; }
  return n;
}

function suggestedName(name: string | undefined, provider: ProviderId, uri: vscode.Uri): string {
  const base = path.posix.basename(uri.path);
  return name && !/^x-api-key$/i.test(name) ? `${name} (${base})` : `${PROVIDERS[provider].label} (${base})`;
}

async function addToBaseline(diagnostics: LeakDiagnostics, log: Logger, t: FixTarget): Promise<boolean> {
  if (!validTarget(t)) { return false; }
  const uri = vscode.Uri.parse(t.uri);
  const f = diagnostics.findingAt(uri, new vscode.Range(t.line, t.character, t.line, t.character), t.rule);
  const where = diagnostics.baselinePath(uri);
  if (!f || !where) { return false; }
  if (!where.ok) {
    // a folder's setting pointing out of the folder: nothing is written anywhere
    log.warn(`${f.masked} (${f.rule}) not added to the baseline: ${where.reason}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Ring Keys did not add the key to the baseline: {0} Fix the setting {1}.', where.reason, 'ringKeys.diagnostics.baselineFile'));
    return false;
  }
  const file = where.path;
  let existing: BaselineFile | undefined;
  try {
    existing = parseBaseline(await fs.promises.readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      void vscode.window.showErrorMessage(vscode.l10n.t('The baseline {0} is not readable ({1}); fix or delete it first.', path.basename(file),
        errorMessage(err)));
      return false;
    }
  }
  const rel = vscode.workspace.asRelativePath(uri, false);
  try {
    // checked on the open file at write time: a baseline that is (or became) a link is not written through
    writeFileNoFollow(file, withEntries(existing, [{ rule: f.rule, fingerprint: f.fingerprint, masked: f.masked, path: rel }]));
  } catch (err) {
    log.warn(`${f.masked} (${f.rule}) not added to the baseline: ${errorMessage(err)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Ring Keys did not add the key to the baseline: {0}', errorMessage(err)));
    return false;
  }
  log.info(`${f.masked} (${f.rule}) accepted in ${path.basename(file)}`);
  diagnostics.forgetBaselines();
  diagnostics.rescanAll();
  return true;
}
