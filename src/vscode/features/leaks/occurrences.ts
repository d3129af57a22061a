// Every occurrence of a leaked key in the workspace: listed for the user to confirm, then each replaced by the
// environment reference in the file's own language (the same rewrite as the "Move to SecretStorage" quick fix).
import * as vscode from 'vscode';
import { maskKey } from '../../../core/keys';
import { rewriteFileChecked, rewriteKeyInBytes, type WriteRefusal } from '../../../core/keyRewrite';
import { rewriteForEnv } from '../../../core/scanner/envReference';
import { importLineAt } from '../diagnostics/codeActions';
import { collectOccurrences, type KeySearch, type Occurrence, type PlaceLeft, type PlaceReason } from '../keys/findKey';
import { offerLocalHistoryCleanup } from './localHistory';

export async function findOccurrences(key: string): Promise<KeySearch> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, cancellable: true,
    title: vscode.l10n.t('Looking for the key {0} in workspace files…', maskKey(key)) }, (_p, token) => collectOccurrences(key, token));
}

/**
 * Lists the occurrences (all ticked) for the user to confirm; undefined when the user cancels. With no
 * occurrence left (already replaced) it answers [] without asking.
 */
export async function confirmOccurrences(occurrences: readonly Occurrence[], title: string): Promise<Occurrence[] | undefined> {
  if (!occurrences.length) { return []; }
  const items = occurrences.map(o => ({ label: `${vscode.workspace.asRelativePath(o.uri)}:${o.line + 1}`, detail: o.text, picked: true, o }));
  const chosen = await vscode.window.showQuickPick(items, { title, canPickMany: true, ignoreFocusOut: true,
    placeHolder: vscode.l10n.t('Untick what must keep the literal; Enter to go on, Escape to cancel') });
  return chosen?.map(c => c.o);
}

export interface ReplaceSummary {
  /** Occurrences replaced in files on disk, and the files they were in. */
  readonly replaced: number;
  readonly files: number;
  /**
   * Every place the key may still be: what the search could not cover, and the chosen files that were not
   * rewritten on disk (unsaved editors, files changed meanwhile, links, binary files, refusals).
   */
  readonly left: PlaceLeft[];
}

/**
 * Replaces each chosen occurrence of `key` with a read of `envVar`. Files are rewritten on disk byte for byte
 * (core/keyRewrite.ts: the encoding, line endings and every other byte stay), after checking again that each is
 * the file that was read, inside its folder and not a link. A document with unsaved changes is edited in its
 * editor and left for the user to save: the file on disk still holds the key, and the summary says so.
 */
export async function replaceOccurrences(search: KeySearch, chosen: readonly Occurrence[], key: string, envVar: string): Promise<ReplaceSummary> {
  const byFile = new Map<string, { uri: vscode.Uri; lines: Set<number>; source: Occurrence['source'] }>();
  for (const o of chosen) {
    const e = byFile.get(o.uri.toString()) ?? { uri: o.uri, lines: new Set<number>(), source: o.source };
    e.lines.add(o.line);
    byFile.set(o.uri.toString(), e);
  }
  let replaced = 0; let files = 0;
  const left: PlaceLeft[] = [...search.left];
  const done: vscode.Uri[] = [];   // files the key was taken out of: their earlier saved versions may still hold it
  for (const { uri, lines, source } of byFile.values()) {
    const open = vscode.workspace.textDocuments.find(d => !d.isClosed && d.uri.toString() === uri.toString());
    if (source.kind === 'editor') {
      // read from an editor with unsaved changes: edit it there (VS Code keeps its encoding and line endings)
      if (!open?.isDirty) { left.push({ uri, reason: 'changed' }); continue; }
      const edited = await editDocument(open, lines, key, envVar);
      if (edited) { done.push(uri); }
      left.push({ uri, reason: edited ? 'unsaved' : 'failed' });
      continue;
    }
    // read from disk: a document opened meanwhile and edited is the user's newer text
    if (open?.isDirty) { left.push({ uri, reason: 'changed' }); continue; }
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (uri.scheme !== 'file' || !folder) { left.push({ uri, reason: 'failed' }); continue; }
    let languageId = open?.languageId;
    if (!languageId) {
      try { languageId = (await vscode.workspace.openTextDocument(uri)).languageId; } catch { languageId = 'plaintext'; }
    }
    const out = await rewriteFileChecked({ folder: folder.uri.fsPath, file: uri.fsPath, expectedSha256: source.sha256,
      rewrite: bytes => rewriteKeyInBytes(bytes, { key, envVar, languageId, fileName: uri.fsPath, lines }) });
    if (out.written) {
      if (out.replaced) { replaced += out.replaced; files++; done.push(uri); }
      continue;
    }
    left.push({ uri, reason: PLACE_OF[out.reason] });
  }
  void offerLocalHistoryCleanup(done, key);   // VS Code's Local History may still hold the key for these files
  return { replaced, files, left };
}

const PLACE_OF: Record<WriteRefusal, PlaceReason> = {
  symlink: 'symlink', outside: 'outside', 'not-regular': 'symlink', 'hard-linked': 'symlink', changed: 'changed',
  binary: 'binary', undecodable: 'binary', error: 'failed',
};

/** Replaces the key on `lines` of a document with unsaved changes, in its editor (not saved). */
async function editDocument(doc: vscode.TextDocument, lines: ReadonlySet<number>, key: string, envVar: string): Promise<boolean> {
  const uri = doc.uri;
  let importLine: string | undefined; let ok = true;
  // one occurrence per line per pass (edits on one line must not overlap), until no chosen line holds the key
  for (let pass = 0; pass < 50 && ok; pass++) {
    const edit = new vscode.WorkspaceEdit();
    let any = false;
    for (const line of lines) {
      if (line >= doc.lineCount) { continue; }
      const text = doc.lineAt(line).text;
      const col = text.indexOf(key);
      if (col < 0) { continue; }
      const rw = rewriteForEnv({ line: text, start: col, end: col + key.length, languageId: doc.languageId, fileName: doc.fileName, envVar, fileText: doc.getText() });
      for (const e of rw.edits) { edit.replace(uri, new vscode.Range(line, e.start, line, e.end), e.text); }
      importLine ??= rw.importLine;
      any = true;
    }
    if (!any) { break; }
    ok = await vscode.workspace.applyEdit(edit);
  }
  if (ok && importLine) { ok = await vscode.workspace.applyEdit(insertAt(uri, importLineAt(doc), `${importLine}${doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'}`)); }
  return ok;
}

function insertAt(uri: vscode.Uri, line: number, text: string): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(line, 0), text);
  return edit;
}

/** What each reason means, for a summary's counts and the list of places. */
function reasonWords(reason: PlaceReason, n: number): string {
  switch (reason) {
    case 'excluded': return vscode.l10n.t('{0} file(s) in excluded folders (node_modules, .git, dist, out), not changed', n);
    case 'too-large': return vscode.l10n.t('{0} file(s) over 2 MiB, not searched', n);
    case 'over-cap': return vscode.l10n.t('{0} file(s) beyond the 5,000-file limit, not searched', n);
    case 'binary': return vscode.l10n.t('{0} binary or undecodable file(s), not changed', n);
    case 'outside': return vscode.l10n.t('{0} link(s) out of the folder, not followed', n);
    case 'symlink': return vscode.l10n.t('{0} symbolic or hard link(s), not written through', n);
    case 'unreadable': return vscode.l10n.t('{0} unreadable file(s)', n);
    case 'changed': return vscode.l10n.t('{0} file(s) changed since they were searched, not written', n);
    case 'unsaved': return vscode.l10n.t('{0} file(s) edited in the editor but not saved (they had unsaved changes): on disk they keep the key until you save', n);
    case 'failed': return vscode.l10n.t('{0} file(s) that could not be written', n);
  }
}

const REASON_ORDER: readonly PlaceReason[] = ['unsaved', 'changed', 'symlink', 'binary', 'excluded', 'too-large', 'over-cap', 'outside', 'unreadable', 'failed'];

/** "The key may still be in: …" with a count per reason, or '' when no place is left. */
export function placesSentence(left: readonly PlaceLeft[]): string {
  if (!left.length) { return ''; }
  const counts = REASON_ORDER.map(r => [r, left.filter(p => p.reason === r).length] as const).filter(([, n]) => n > 0);
  return vscode.l10n.t('The key may still be in: {0}.', counts.map(([r, n]) => reasonWords(r, n)).join('; '));
}

/** The button that lists the places. */
export const showFilesButton = () => vscode.l10n.t('Show Files');

/** Lists every place the key may still be; the one picked opens. */
export async function showPlaces(left: readonly PlaceLeft[]): Promise<void> {
  const items = [...left].sort((a, b) => REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason))
    .map(p => ({ label: vscode.workspace.asRelativePath(p.uri), description: reasonWords(p.reason, 1), p }));
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Where the key may still be ({0})', left.length), matchOnDescription: true });
  if (pick) { await vscode.commands.executeCommand('vscode.open', pick.p.uri); }
}
