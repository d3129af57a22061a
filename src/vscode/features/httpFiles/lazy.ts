// Loaded on first use (src/vscode/lazy.ts): the request-file editor (editor.ts).
export { createHttpFiles } from './editor';
