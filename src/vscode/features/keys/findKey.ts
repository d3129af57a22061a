import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Logger } from '../../../core/log';
import { maskKey } from '../../../core/keys';
import { findKeyInBytes, sha256, splitLines, type KeyLine } from '../../../core/keyRewrite';
import { confineToFolder } from '../../../core/paths';
import { scrubKey } from '../../../core/http/redact';

const MAX_FILES = 5000;
const MAX_BYTES = 2 * 1024 * 1024;
/** Folders the search does not change (generated or git's own); they are still searched, so a key there is named. */
const EXCLUDED = '**/{node_modules,.git,dist,out}/**';
/** How many paths are listed at most (the search reads the first MAX_FILES of them; the rest are named, not read). */
const LIST_LIMIT = 200_000;

/** One place a literal key sits: its line and column, and the line with the key masked (for lists). */
export interface Occurrence {
  readonly uri: vscode.Uri;
  readonly line: number;
  readonly col: number;
  readonly text: string;
  /** Where the line was read: an editor with unsaved changes, or the file's bytes (and their hash, checked again before a write). */
  readonly source: { readonly kind: 'editor' } | { readonly kind: 'disk'; readonly sha256: string };
}

/**
 * Why the key may still be at a place after a replacement. At search time: `excluded` (found in an excluded
 * folder, not changed), `too-large` / `over-cap` (not read), `binary` (holds the key's bytes but is not text that
 * can be rewritten losslessly), `outside` (a link out of the folder, not followed), `symlink`, `unreadable`. At
 * write time: `changed` (its bytes or its editor changed meanwhile), `symlink` (swapped in, or a hard link),
 * `unsaved` (edited in its editor, the file on disk still holds the key), `failed`.
 */
export type PlaceReason = 'excluded' | 'too-large' | 'over-cap' | 'binary' | 'outside' | 'unreadable' | 'changed' | 'symlink' | 'unsaved' | 'failed';

export interface PlaceLeft {
  readonly uri: vscode.Uri;
  readonly reason: PlaceReason;
}

export interface KeySearch {
  readonly occurrences: Occurrence[];
  /** Places the key may be that the search could not list as occurrences (it does not change them). */
  readonly left: PlaceLeft[];
}

/**
 * Every occurrence of a literal key in the workspace's files (documents with unsaved changes as they are in the
 * editor; other files from their bytes on disk, in any encoding keyRewrite.ts reads), and every place the search
 * could not cover: files in excluded folders that hold the key, files too large or beyond the limit (not read),
 * binary files that hold it, links out of the folder.
 */
export async function collectOccurrences(literal: string, token?: vscode.CancellationToken): Promise<KeySearch> {
  const files = await vscode.workspace.findFiles('**/*', EXCLUDED, LIST_LIMIT, token);
  const excluded = await vscode.workspace.findFiles(EXCLUDED, null, LIST_LIMIT, token);
  const open = new Map(vscode.workspace.textDocuments.filter(d => !d.isClosed).map(d => [d.uri.toString(), d]));
  const listed = new Set(files.map(u => u.fsPath));
  const occurrences: Occurrence[] = [];
  const left: PlaceLeft[] = [];
  const masked = maskKey(literal);
  const add = (uri: vscode.Uri, lines: readonly KeyLine[], source: Occurrence['source']) => {
    for (const l of lines) { occurrences.push({ uri, line: l.line, col: l.col, text: scrubKey(l.text, literal, masked).trim().slice(0, 200), source }); }
  };
  const search = async (list: readonly vscode.Uri[], inExcluded: boolean) => {
    for (const [i, uri] of list.entries()) {
      if (token?.isCancellationRequested || i >= MAX_FILES) { left.push(...list.slice(i).map(u => ({ uri: u, reason: 'over-cap' as const }))); return; }
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder) { continue; }
      if (uri.scheme === 'file') {
        // search follows symbolic links: a file whose real path leaves its folder is not read
        if (!confineToFolder(folder.uri.fsPath, path.relative(folder.uri.fsPath, uri.fsPath)).ok) { left.push({ uri, reason: 'outside' }); continue; }
        // a link to a file that is listed itself: that file is searched (and rewritten) under its own name
        const real = await realLink(uri.fsPath);
        if (real !== undefined) { if (!listed.has(real)) { left.push({ uri, reason: 'symlink' }); } continue; }
      }
      const doc = open.get(uri.toString());
      if (doc?.isDirty && !inExcluded) {
        add(uri, findKeyInText(doc.getText(), literal), { kind: 'editor' });
        continue;
      }
      let bytes: Uint8Array;
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > MAX_BYTES) { left.push({ uri, reason: 'too-large' }); continue; }
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch { left.push({ uri, reason: 'unreadable' }); continue; }
      const found = findKeyInBytes(bytes, literal);
      if (found.kind === 'none') { continue; }
      if (inExcluded) { left.push({ uri, reason: 'excluded' }); continue; }
      if (found.kind === 'unrewritable') { left.push({ uri, reason: 'binary' }); continue; }
      add(uri, found.lines, { kind: 'disk', sha256: sha256(bytes) });
    }
  };
  await search(files, false);
  await search(excluded, true);
  return { occurrences, left };
}

/** The real path of a symbolic link, or undefined when `p` is not one. */
async function realLink(p: string): Promise<string | undefined> {
  try {
    if (!(await fs.promises.lstat(p)).isSymbolicLink()) { return undefined; }
    return await fs.promises.realpath(p);
  } catch { return ''; }
}

function findKeyInText(text: string, literal: string): KeyLine[] {
  const out: KeyLine[] = [];
  if (!text.includes(literal)) { return out; }
  splitLines(text).forEach((l, i) => { const col = l.text.indexOf(literal); if (col >= 0) { out.push({ line: i, col, text: l.text }); } });
  return out;
}

/**
 * Finds every occurrence of a literal key in the workspace's files (after a rotation: where the old key
 * still sits) and lets the user jump to each. Lines are shown with the key masked.
 */
export async function findLiteralInWorkspace(literal: string, label: string, logger: Logger): Promise<number> {
  const { occurrences: hits, left } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for the {0} in workspace files…', label), cancellable: true },
    (_p, token) => collectOccurrences(literal, token));
  logger.info(`[find] ${label}: ${hits.length} occurrence(s) in workspace files; ${left.length} other place(s) not searched or not rewritable`);
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
