// Read-only documents of a file as one commit had it, answered by `git show`. The URI's path is what the editor
// tab shows: `src/client.ts @ 1a2b3c4 (2024-05-02, read-only)`; the query says which commit and file to read.
// Documents from a content provider cannot be edited or saved, which is what an old version should be.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runGit } from '../../../core/git/git';
import { isoDate } from '../../../core/git/report';
import { gitAllowed, restrictedGitReason } from '../../ui/trust';

export const GIT_SCHEME = 'ring-keys-git';

interface GitRef { readonly root: string; readonly commit: string; readonly path: string }

/** What the tab of `path` at `commit` (committed at `time`, seconds) is titled: `file @ abc1234 (date, read-only)`. */
export function versionLabel(file: string, commit: string, time: number): string {
  return vscode.l10n.t('{0} @ {1} ({2}, read-only)', path.posix.basename(file), commit.slice(0, 7), isoDate(time).slice(0, 10));
}

/** The URI of `path` at `commit` in the repository at `root`: its path ends in the tab's title (versionLabel). */
export function gitUri(ref: GitRef & { readonly time: number }): vscode.Uri {
  const dir = path.posix.dirname(ref.path);
  return vscode.Uri.from({
    scheme: GIT_SCHEME,
    path: `/${dir === '.' ? '' : `${dir}/`}${versionLabel(ref.path, ref.commit, ref.time)}`,
    query: JSON.stringify({ root: ref.root, commit: ref.commit, path: ref.path }),
  });
}

/** The file a version URI is of (its real path, for the language mode); undefined when it is not one. */
export function versionPath(uri: vscode.Uri): string | undefined { return parse(uri)?.path; }

function parse(uri: vscode.Uri): GitRef | undefined {
  if (uri.scheme !== GIT_SCHEME) { return undefined; }
  try {
    const q = JSON.parse(uri.query) as { root?: unknown; commit?: unknown; path?: unknown };
    // a commit is hex; a path never starts with '-' and never climbs out (`git show` reads the object store only)
    if (typeof q.root !== 'string' || typeof q.commit !== 'string' || typeof q.path !== 'string' || !/^[0-9a-f]{40,64}$/.test(q.commit) || !q.path || q.path.startsWith('-')) { return undefined; }
    return { root: q.root, commit: q.commit, path: q.path };
  } catch {
    return undefined;
  }
}

export class GitContentProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parse(uri);
    if (!ref) { throw new Error(vscode.l10n.t('Not a file version Ring Keys can show.')); }
    if (!gitAllowed()) { throw new Error(restrictedGitReason()); }
    const { stdout } = await runGit(['show', '--no-textconv', `${ref.commit}:${ref.path}`], { cwd: ref.root });
    return stdout;
  }
}

/**
 * The language mode of a file by its name, as the installed extensions contribute it (`extensions`, `filenames`):
 * the version's URI ends in its title, not in the file's extension, so VS Code cannot tell it by itself.
 */
export function languageOf(file: string): string | undefined {
  const base = path.posix.basename(file).toLowerCase();
  let best: { id: string; length: number } | undefined;
  for (const ext of vscode.extensions.all) {
    const languages = (ext.packageJSON as { contributes?: { languages?: unknown } }).contributes?.languages;
    if (!Array.isArray(languages)) { continue; }
    for (const l of languages as { id?: unknown; extensions?: unknown; filenames?: unknown }[]) {
      if (typeof l.id !== 'string') { continue; }
      const names = Array.isArray(l.filenames) ? l.filenames.filter((n): n is string => typeof n === 'string') : [];
      if (names.some(n => n.toLowerCase() === base)) { return l.id; }
      const exts = Array.isArray(l.extensions) ? l.extensions.filter((e): e is string => typeof e === 'string') : [];
      for (const e of exts) {
        // the longest matching extension wins (`.d.ts` over `.ts`)
        if (base.endsWith(e.toLowerCase()) && (!best || e.length > best.length)) { best = { id: l.id, length: e.length }; }
      }
    }
  }
  return best?.id;
}
