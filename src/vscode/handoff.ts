// The webview serializers and language-model tools of the extension, registered through here so that the
// start-up entry's stand-ins (src/start.ts) can hand them a call that came before the extension had loaded:
// a panel VS Code restored, or an agent's tool call that activated Ring Keys.
import * as vscode from 'vscode';

const serializers = new Map<string, vscode.WebviewPanelSerializer>();
const tools = new Map<string, vscode.LanguageModelTool<unknown>>();

export interface Handoff {
  serializer(viewType: string): vscode.WebviewPanelSerializer | undefined;
  tool(name: string): vscode.LanguageModelTool<unknown> | undefined;
}

export const handoff: Handoff = { serializer: v => serializers.get(v), tool: n => tools.get(n) };

export function registerSerializer(viewType: string, serializer: vscode.WebviewPanelSerializer): vscode.Disposable {
  serializers.set(viewType, serializer);
  const registration = vscode.window.registerWebviewPanelSerializer(viewType, serializer);
  return new vscode.Disposable(() => { serializers.delete(viewType); registration.dispose(); });
}

export function registerTool(name: string, tool: vscode.LanguageModelTool<unknown>): vscode.Disposable {
  tools.set(name, tool);
  const registration = vscode.lm.registerTool<unknown>(name, tool);
  return new vscode.Disposable(() => { tools.delete(name); registration.dispose(); });
}
