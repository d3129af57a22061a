import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Logger } from '../../../core/log';
import { maskKey } from '../../../core/keys';
import { confineToFolder } from '../../../core/paths';
import { scrubKey } from '../../../core/http/redact';

const MAX_FILES = 5000;
const MAX_BYTES = 2 * 1024 * 1024;

/** One place a literal key sits: its line and column, and the line with the key masked (for lists). */
export interface Occurrence {
  readonly uri: vscode.Uri;
  readonly line: number;
  readonly col: number;
  readonly text: string;
}

/**
 * Every occurrence of a literal key in the workspace's files (open documents as they are in the editor, with
 * unsaved changes; other files as on disk). Large and binary files are skipped.
 */
export async function collectOccurrences(literal: string, token?: vscode.CancellationToken): Promise<Occurrence[]> {
  const files = await vscode.workspace.findFiles('**/*', '**/{node_modules,.git,dist,out}/**', MAX_FILES, token);
  const open = new Map(vscode.workspace.textDocuments.filter(d => !d.isClosed).map(d => [d.uri.toString(), d]));
  const found: Occurrence[] = [];
  for (const uri of files) {
    if (token?.isCancellationRequested) { break; }
    // search follows symbolic links: a file whose real path leaves its folder is not read
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || (uri.scheme === 'file' && !confineToFolder(folder.uri.fsPath, path.relative(folder.uri.fsPath, uri.fsPath)).ok)) { continue; }
    let text: string;
    const doc = open.get(uri.toString());
    if (doc) {
      text = doc.getText();
    } else {
      let bytes: Uint8Array;
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > MAX_BYTES) { continue; }
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch { continue; }
      if (bytes.subarray(0, 8192).includes(0)) { continue; }   // binary
      text = Buffer.from(bytes).toString('utf8');
    }
    if (!text.includes(literal)) { continue; }
    text.split(/\r?\n/).forEach((l, i) => {
      const col = l.indexOf(literal);
      if (col >= 0) { found.push({ uri, line: i, col, text: scrubKey(l, literal, maskKey(literal)).trim().slice(0, 200) }); }
    });
  }
  return found;
}

/**
 * Finds every occurrence of a literal key in the workspace's files (after a rotation: where the old key
 * still sits) and lets the user jump to each. Lines are shown with the key masked.
 */
export async function findLiteralInWorkspace(literal: string, label: string, logger: Logger): Promise<number> {
  const hits = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for the {0} in workspace files…', label), cancellable: true },
    (_p, token) => collectOccurrences(literal, token));
  logger.info(`[find] ${label}: ${hits.length} occurrence(s) in workspace files`);
  if (hits.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The {0} appears in no workspace file.', label));
    return 0;
  }
  const choice = await vscode.window.showQuickPick(hits.map(h => ({
    label: `${vscode.workspace.asRelativePath(h.uri)}:${h.line + 1}`, detail: h.text, hit: h,
  })), { title: vscode.l10n.t('{0} occurrence(s) of the {1}', hits.length, label), placeHolder: vscode.l10n.t('Open an occurrence to replace it') });
  if (choice) {
    const pos = new vscode.Position(choice.hit.line, choice.hit.col);
    await vscode.window.showTextDocument(choice.hit.uri, { selection: new vscode.Range(pos, pos.translate(0, literal.length)) });
  }
  return hits.length;
}
