// The agent tools' names: package.json's languageModelTools, the VS Code registration and the MCP server use them.
export const ENDPOINTS_TOOL = 'ringkeys_endpoints';
export const REQUEST_TOOL = 'ringkeys_request';
