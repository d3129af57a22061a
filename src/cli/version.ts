// The version the CLI reports (`--version`, SARIF `tool.driver.semanticVersion`). esbuild.mjs defines
// RING_KEYS_VERSION from package.json when it bundles; code run unbundled (compiled unit tests) says so.
declare const RING_KEYS_VERSION: string | undefined;

export const VERSION: string = typeof RING_KEYS_VERSION === 'string' ? RING_KEYS_VERSION : '0.0.0-unbundled';
