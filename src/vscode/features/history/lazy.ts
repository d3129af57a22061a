// Loaded on first use (src/vscode/lazy.ts): the history scan and the commit view.
export { openCommit, scanCommand } from './scan';
