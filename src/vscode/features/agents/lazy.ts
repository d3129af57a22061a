// Loaded on first use (src/vscode/lazy.ts): the agent tools' work (tools.ts).
export { createAgentTools } from './tools';
