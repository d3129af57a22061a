// The quick fix for a key found in VS Code's `.vscode/mcp.json`: replace it with `${input:<provider>-api-key}`
// and declare that input (promptString, password: true), so VS Code asks for the key when the server starts and
// keeps it in its secret storage. The file then names no key. Edits from src/core/agents/mcpConfig.ts.
import * as vscode from 'vscode';
import { isVsCodeMcpConfig, mcpInputEdits } from '../../../core/agents/mcpConfig';
import { isProviderId } from '../../../core/providers/catalog';
import { RULES, type RuleId } from '../../../core/scanner/rules';
import { isOurDiagnostic } from '../diagnostics/leakDiagnostics';

export class McpConfigFix implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!isVsCodeMcpConfig(document.uri.path)) { return []; }
    const text = document.getText();
    const out: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (!isOurDiagnostic(d)) { continue; }
      const provider = (RULES as Partial<Record<string, { provider?: string }>>)[d.code.value as RuleId]?.provider;
      if (!isProviderId(provider)) { continue; }
      const edits = mcpInputEdits(text, document.offsetAt(d.range.start), document.offsetAt(d.range.end), provider);
      if (!edits) { continue; }
      const action = new vscode.CodeAction(vscode.l10n.t('Replace with {0}: VS Code asks for the key (password: true)', `\${input:${provider}-api-key}`), vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.edit = new vscode.WorkspaceEdit();
      for (const e of edits) { action.edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text); }
      out.push(action);
    }
    return out;
  }
}

export function registerMcpConfigFix(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ pattern: '**/.vscode/mcp.json' }, new McpConfigFix(), { providedCodeActionKinds: McpConfigFix.kinds });
}
