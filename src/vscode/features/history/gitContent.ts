// Read-only documents of a file as one commit had it: `ring-keys-git:/<path>?<query>` answered by `git show`.
// Documents from a content provider cannot be edited or saved, which is what an old version should be.
import * as vscode from 'vscode';
import { runGit } from '../../../core/git/git';
import { gitAllowed, restrictedGitReason } from '../../ui/trust';

export const GIT_SCHEME = 'ring-keys-git';

interface GitRef { readonly root: string; readonly commit: string; readonly path: string }

/** The URI of `path` at `commit` in the repository at `root`; the file name keeps its extension (language mode). */
export function gitUri(ref: GitRef): vscode.Uri {
  return vscode.Uri.from({ scheme: GIT_SCHEME, path: `/${ref.path}`, query: JSON.stringify({ root: ref.root, commit: ref.commit }) });
}

function parse(uri: vscode.Uri): GitRef | undefined {
  try {
    const q = JSON.parse(uri.query) as { root?: unknown; commit?: unknown };
    const path = uri.path.replace(/^\//, '');
    // a commit is hex; a path never starts with '-' and never climbs out (`git show` reads the object store only)
    if (typeof q.root !== 'string' || typeof q.commit !== 'string' || !/^[0-9a-f]{40,64}$/.test(q.commit) || !path || path.startsWith('-')) { return undefined; }
    return { root: q.root, commit: q.commit, path };
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
