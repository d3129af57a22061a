// VS Code's Local History keeps a copy of a file at each save: <user data>/User/History/<hash of the file's URI>/
// <id><ext>, listed (eventually: desktop writes the list every few minutes and on exit) in entries.json as
// { resource, entries: [{ id, timestamp, source }] }. After Ring Keys removed a key from files, those copies may
// still hold it. VS Code has no extension API for Local History: Ring Keys finds the copies that hold the key
// and offers to delete them through VS Code's own command, workbench.action.localHistory.delete (VS Code asks
// before each, and keeps its Timeline right), or tells where they are.
import * as vscode from 'vscode';
import { type Logger, scoped } from '../../../core/log';
import { maskKey } from '../../../core/keys';

const ENTRIES_FILE = 'entries.json';
/** More copies than VS Code keeps by default (workbench.localHistory.maxFileEntries: 50), and no huge ones. */
const MAX_ENTRIES = 500;
const MAX_BYTES = 8 * 1024 * 1024;

/** One earlier version of a file, in Local History, that holds the key. */
export interface KeyInHistory {
  /** The file it is a version of. */
  readonly file: vscode.Uri;
  /** VS Code's id of the entry (its file name in the folder). */
  readonly id: string;
  /** The copy itself. */
  readonly location: vscode.Uri;
}

/** Set while the extension is active: every rewrite (quick fix, replace, rotation) may offer the clean-up. */
let active: { home: vscode.Uri; log: Logger } | undefined;

/** Local History sits next to the extensions' global storage: <user data>/User/History. */
export function registerLocalHistory(context: vscode.ExtensionContext, logger: Logger): vscode.Disposable {
  active = { home: vscode.Uri.joinPath(context.globalStorageUri, '..', '..', 'History'), log: scoped(logger, 'local-history') };
  return { dispose: () => { active = undefined; } };
}

/** VS Code's string hash (src/vs/base/common/hash.ts), which names a file's Local History folder. */
export function historyFolderName(resource: string): string {
  const step = (val: number, h: number) => (((h << 5) - h) + val) | 0;
  let h = step(149417, 0);
  for (let i = 0; i < resource.length; i++) { h = step(resource.charCodeAt(i), h); }
  return h.toString(16);
}

/** The Local History copies of `files` that hold `key` (names only are ever shown; the content is only compared). */
export async function findKeyInLocalHistory(home: vscode.Uri, files: readonly vscode.Uri[], key: string): Promise<KeyInHistory[]> {
  let folders: [string, vscode.FileType][];
  try { folders = await vscode.workspace.fs.readDirectory(home); } catch { return []; }   // no history yet, or turned off
  const byPath = new Map(files.map(f => [f.path, f]));
  const byHash = new Map(files.map(f => [historyFolderName(f.toString()), f]));
  const out: KeyInHistory[] = [];
  for (const [name, type] of folders) {
    if (type !== vscode.FileType.Directory) { continue; }
    const folder = vscode.Uri.joinPath(home, name);
    let file = byHash.get(name);
    if (!file) {
      // a remote window keys its history by the remote URI (vscode-remote://…): the path is what matches
      try {
        const listed = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, ENTRIES_FILE)))) as { resource?: unknown };
        file = typeof listed.resource === 'string' ? byPath.get(vscode.Uri.parse(listed.resource).path) : undefined;
      } catch { continue; }
    }
    if (!file) { continue; }
    let copies: [string, vscode.FileType][];
    try { copies = await vscode.workspace.fs.readDirectory(folder); } catch { continue; }
    for (const [id, t] of copies.slice(0, MAX_ENTRIES)) {
      if (t !== vscode.FileType.File || id === ENTRIES_FILE) { continue; }
      const location = vscode.Uri.joinPath(folder, id);
      try {
        if ((await vscode.workspace.fs.stat(location)).size > MAX_BYTES) { continue; }
        if (Buffer.from(await vscode.workspace.fs.readFile(location)).includes(key)) { out.push({ file, id, location }); }
      } catch { /* removed meanwhile */ }
    }
  }
  return out;
}

/** Where to tell the user the copies are: the folders, as paths. */
function foldersOf(found: readonly KeyInHistory[]): string[] {
  return [...new Set(found.map(f => vscode.Uri.joinPath(f.location, '..').fsPath))];
}

/**
 * After a rewrite removed `key` from `files`: when Local History still holds it, says where and offers to delete
 * those entries with VS Code's own command. Returns what is left (empty: nothing holds the key any more).
 */
export async function offerLocalHistoryCleanup(files: readonly vscode.Uri[], key: string): Promise<KeyInHistory[]> {
  if (!active || files.length === 0) { return []; }
  const { home, log } = active;
  const found = await findKeyInLocalHistory(home, files, key);
  if (found.length === 0) { return []; }
  const names = [...new Set(found.map(f => vscode.workspace.asRelativePath(f.file)))].join(', ');
  const where = foldersOf(found).join(', ');
  log.info(`${found.length} Local History version(s) of ${names} still hold ${maskKey(key)} (${where})`);
  const remove = vscode.l10n.t('Delete from Local History');
  const copy = vscode.l10n.t('Copy Folder Path');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('VS Code\'s Local History still holds the key {0} in {1} earlier version(s) of {2}, in {3}. Delete those versions?', maskKey(key), found.length, names, where),
    remove, copy);
  if (choice === copy) { await vscode.env.clipboard.writeText(where); return found; }
  if (choice !== remove) { return found; }
  for (const f of found) {
    // the Timeline's "Delete" (VS Code confirms; the entry leaves its list and its copy leaves the disk)
    try { await vscode.commands.executeCommand('workbench.action.localHistory.delete', { uri: f.file, handle: f.id }); } catch (err) { log.warn(`deleting a Local History entry failed: ${(err as Error).message}`); }
  }
  const left = await findKeyInLocalHistory(home, files, key);
  if (left.length) {
    log.warn(`${left.length} Local History version(s) still hold ${maskKey(key)} (${foldersOf(left).join(', ')})`);
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} Local History version(s) still hold the key {1}: {2}', left.length, maskKey(key), foldersOf(left).join(', ')));
  } else {
    log.info(`the Local History versions that held ${maskKey(key)} are deleted`);
  }
  return left;
}
