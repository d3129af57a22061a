// Loaded on first use (src/vscode/lazy.ts): Rotate Key's flows and the workspace info panel.
export { rotateCommand } from './rotateHandlers';
export { WorkspaceInfoPanel } from './infoView';
