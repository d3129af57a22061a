import type * as vscode from 'vscode';

/** A request file: language `http` (ours, REST Client's or httpyac's) or a `.http` / `.rest` name. */
export function isRequestFile(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'http' || /\.(http|rest)$/i.test(doc.uri.path);
}
