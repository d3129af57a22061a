// The parts of the official MCP TypeScript SDK that `ring-keys mcp` uses. esbuild bundles this file on its own
// (dist/mcpSdk.js) and the CLI loads it only when `ring-keys mcp` runs: no other command parses the SDK.
export { Server } from '@modelcontextprotocol/sdk/server/index.js';
export { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
export { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
