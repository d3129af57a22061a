// Request files (.http / .rest) in the editor. At start-up only the three commands and a watch for the first
// request file are registered; the editor (CodeLens, completions, diagnostics, sending: editor.ts) loads when a
// request file is open or a command runs, as dist/lazy-httpFiles.js.
import * as vscode from 'vscode';
import { Commands } from '../../../constants';
import { lazyFeature } from '../../lazy';
import type { Services } from '../../services';
import { isRequestFile } from './requestFile';

export interface HttpFilesView {
  /** The last answers shown (redacted text), newest last: for tests. */
  shown(): readonly string[];
}

export function registerHttpFiles(context: vscode.ExtensionContext, services: Services): HttpFilesView {
  let loaded: { shown(): readonly string[] } | undefined;
  const editor = lazyFeature(async () => {
    const made = (await import('./lazy')).createHttpFiles(context, services);
    watch.dispose();
    return loaded = made;
  });
  const load = () => { editor().catch(err => services.logger.error(`request files: ${String(err)}`)); };
  const watch = vscode.workspace.onDidOpenTextDocument(doc => { if (isRequestFile(doc)) { load(); } });
  context.subscriptions.push(
    watch,
    vscode.commands.registerCommand(Commands.sendHttpRequest, async (uri?: vscode.Uri, line?: number) => (await editor()).sendOne(uri, line)),
    vscode.commands.registerCommand(Commands.sendAllHttpRequests, async (uri?: vscode.Uri) => (await editor()).sendAll(uri)),
    vscode.commands.registerCommand(Commands.chooseHttpEnvironment, async () => (await editor()).chooseEnvironment()),
  );
  if (vscode.workspace.textDocuments.some(isRequestFile)) { load(); }
  return { shown: () => loaded?.shown() ?? [] };
}
