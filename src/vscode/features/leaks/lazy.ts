// Loaded on first use (src/vscode/lazy.ts): the leaked key's rotate-or-replace flow.
export { remediate } from './remediation';
