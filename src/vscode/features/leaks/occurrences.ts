// Every occurrence of a leaked key in the workspace: listed for the user to confirm, then each replaced by the
// environment reference in the file's own language (the same rewrite as the "Move to SecretStorage" quick fix).
import * as vscode from 'vscode';
import { maskKey } from '../../../core/keys';
import { rewriteForEnv } from '../../../core/scanner/envReference';
import { importLineAt } from '../diagnostics/codeActions';
import { collectOccurrences, type Occurrence } from '../keys/findKey';
import { offerLocalHistoryCleanup } from './localHistory';

export async function findOccurrences(key: string): Promise<Occurrence[]> {
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
  /** Occurrences replaced, and the files they were in. */
  readonly replaced: number;
  readonly files: number;
  /** Files left with unsaved changes (they had unsaved changes of the user's before). */
  readonly unsaved: string[];
  /** Files whose edit VS Code refused. */
  readonly failed: string[];
}

/**
 * Replaces each chosen occurrence of `key` with a read of `envVar` and saves the files (a file that already
 * had unsaved changes is edited but left for the user to save).
 */
export async function replaceOccurrences(chosen: readonly Occurrence[], key: string, envVar: string): Promise<ReplaceSummary> {
  const byFile = new Map<string, { uri: vscode.Uri; lines: Set<number> }>();
  for (const o of chosen) {
    const e = byFile.get(o.uri.toString()) ?? { uri: o.uri, lines: new Set<number>() };
    e.lines.add(o.line);
    byFile.set(o.uri.toString(), e);
  }
  let replaced = 0; let files = 0;
  const unsaved: string[] = []; const failed: string[] = []; const done: vscode.Uri[] = [];
  for (const { uri, lines } of byFile.values()) {
    let doc: vscode.TextDocument;
    try { doc = await vscode.workspace.openTextDocument(uri); } catch { failed.push(vscode.workspace.asRelativePath(uri)); continue; }
    const wasDirty = doc.isDirty;
    let count = 0; let importLine: string | undefined; let ok = true;
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
        any = true; count++;
      }
      if (!any) { break; }
      ok = await vscode.workspace.applyEdit(edit);
    }
    if (ok && importLine) { ok = await vscode.workspace.applyEdit(insertAt(uri, importLineAt(doc), `${importLine}\n`)); }
    const rel = vscode.workspace.asRelativePath(uri);
    if (!ok) { failed.push(rel); continue; }
    replaced += count; files++;
    if (wasDirty) { unsaved.push(rel); } else if (!await doc.save()) { unsaved.push(rel); }
    done.push(uri);
  }
  void offerLocalHistoryCleanup(done, key);   // earlier saved versions of these files may still hold the key
  return { replaced, files, unsaved, failed };
}

function insertAt(uri: vscode.Uri, line: number, text: string): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(line, 0), text);
  return edit;
}
