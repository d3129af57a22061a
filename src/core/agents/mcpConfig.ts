// Agent configurations are leak sites: a key written into VS Code's `.vscode/mcp.json` (an `env` or `headers`
// value) is read by every agent and often committed. The fix VS Code itself offers for it: an `inputs` entry of
// type promptString with `password: true`, and `${input:<id>}` where the key was; VS Code asks for the value
// when the server starts and keeps it in its secret storage. This computes those edits on the file's text
// (comments and formatting kept). No `vscode` import.
import { PROVIDERS, type ProviderId } from '../providers/catalog';

export interface TextEdit { readonly start: number; readonly end: number; readonly text: string }

/** Whether a path is VS Code's MCP configuration (`.vscode/mcp.json`), where `${input:…}` works. */
export function isVsCodeMcpConfig(filePath: string): boolean {
  return /(?:^|[\\/])\.vscode[\\/]mcp\.json$/i.test(filePath);
}

/** The input id a provider's key gets: `ringg-api-key`. */
export const inputIdFor = (provider: ProviderId) => `${provider}-api-key`;

/**
 * The edits that replace the key at [start, end) with `${input:<provider>-api-key}` and declare that input
 * (promptString, password: true) unless the file already does. Undefined when the key is not inside a JSON
 * string value (nothing is guessed).
 */
export function mcpInputEdits(text: string, start: number, end: number, provider: ProviderId): TextEdit[] | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  const quotes = (before.match(/(?<!\\)"/g) ?? []).length;
  if (quotes % 2 !== 1 || !/^[^"\n]*"/.test(text.slice(end))) { return undefined; }   // not inside a string on this line
  const id = inputIdFor(provider);
  const edits: TextEdit[] = [{ start, end, text: `\${input:${id}}` }];
  if (new RegExp(`"id"\\s*:\\s*"${id}"`).test(text)) { return edits; }
  const entry = `{ "type": "promptString", "id": "${id}", "description": "${PROVIDERS[provider].label} API key", "password": true }`;
  const inputs = /"inputs"\s*:\s*\[/.exec(text);
  if (inputs) {
    const at = inputs.index + inputs[0].length;
    const empty = /^\s*\]/.test(text.slice(at));
    edits.push({ start: at, end: at, text: `\n    ${entry}${empty ? '\n  ' : ','}` });
  } else {
    const open = text.indexOf('{');
    if (open < 0 || open > start) { return undefined; }
    edits.push({ start: open + 1, end: open + 1, text: `\n  "inputs": [\n    ${entry}\n  ],` });
  }
  return edits.sort((a, b) => b.start - a.start);
}

/** Applies edits (any order, not overlapping) to text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) { out = out.slice(0, e.start) + e.text + out.slice(e.end); }
  return out;
}
