// Keys shipped to clients: a provider key read through a variable that build tools inline into browser or app
// code, per framework, with the server-side reads that must stay silent; and code that runs on clients ('use client'
// components, app entry points, Vue and Svelte components, HTML pages, browser extension scripts) that calls a
// provider's API with a key.
import * as assert from 'node:assert';
import { describe as message, scanText } from '../../src/core/scanner/scanner';

/** The client-exposed-key findings: `provider:name`. */
function exposed(text: string, fileName: string): string[] {
  return scanText(text, { fileName }).findings.filter(f => f.rule === 'client-exposed-key').map(f => `${f.provider}:${f.name}`);
}

describe('scanner: keys shipped to clients', () => {
  const positives: Array<[string, string, string, string]> = [
    ['Next.js, a client component', 'app/page.tsx', `'use client';\nconst key = process.env.NEXT_PUBLIC_RINGG_API_KEY;`, 'ringg:NEXT_PUBLIC_RINGG_API_KEY'],
    ['Next.js, .env.local (empty value: the build ships whatever it holds)', '.env.local', 'NEXT_PUBLIC_RINGG_API_KEY=\n', 'ringg:NEXT_PUBLIC_RINGG_API_KEY'],
    ['Vite', 'src/main.ts', 'const api = new Api(import.meta.env.VITE_RINGYO_API_KEY);', 'ringyo:VITE_RINGYO_API_KEY'],
    ['Vite, .env.production', '.env.production', 'VITE_RINGTONIC_TOKEN=abc', 'ringtonic:VITE_RINGTONIC_TOKEN'],
    ['Create React App', 'src/App.js', 'fetch(url, { headers: { "X-API-KEY": process.env.REACT_APP_RINGG_API_KEY } })', 'ringg:REACT_APP_RINGG_API_KEY'],
    ['Expo', 'app.config.js', 'export default { extra: { ringgKey: process.env.EXPO_PUBLIC_RINGG_API_KEY } };', 'ringg:EXPO_PUBLIC_RINGG_API_KEY'],
    ['Nuxt', '.env', 'NUXT_PUBLIC_RING_TONIC_API_KEY=x', 'ringtonic:NUXT_PUBLIC_RING_TONIC_API_KEY'],
    ['SvelteKit / Astro', 'src/routes/+page.svelte', "import { PUBLIC_RINGG_API_KEY } from '$env/static/public';", 'ringg:PUBLIC_RINGG_API_KEY'],
    ['Gatsby', 'src/pages/index.js', 'const k = process.env.GATSBY_RINGG_SECRET_KEY', 'ringg:GATSBY_RINGG_SECRET_KEY'],
    ['Vue CLI', 'src/api.js', 'axios.defaults.headers["X-API-KEY"] = process.env.VUE_APP_RINGG_API_KEY', 'ringg:VUE_APP_RINGG_API_KEY'],
    // mobile builds that compile a value into the app
    ['Flutter, a --dart-define', 'lib/api.dart', "const apiKey = String.fromEnvironment('RINGG_API_KEY');", 'ringg:RINGG_API_KEY'],
    ['Flutter, a camelCase --dart-define', 'lib/config.dart', 'final token = const String.fromEnvironment("ringyoApiKey", defaultValue: "");', 'ringyo:ringyoApiKey'],
    ['React Native, react-native-config', 'src/api.ts', "import Config from 'react-native-config';\nconst headers = { 'X-API-KEY': Config.RINGG_API_KEY };", 'ringg:RINGG_API_KEY'],
    ['React Native, react-native-dotenv', 'src/api.js', "import { API_URL, RINGYO_API_KEY } from '@env';", 'ringyo:RINGYO_API_KEY'],
    ['Expo, an app config reading the server-only name', 'app.config.ts', 'export default { extra: { tonic: process.env.RINGTONIC_API_KEY } };', 'ringtonic:RINGTONIC_API_KEY'],
  ];
  for (const [framework, file, text, want] of positives) {
    it(`reports ${framework}`, () => assert.deepStrictEqual(exposed(text, file), [want]));
  }

  const negatives: Array<[string, string, string]> = [
    ['a server read in a Next.js route handler', 'app/api/agents/route.ts', 'export async function GET() {\n  const key = process.env.RINGG_API_KEY;\n}'],
    ['a server-only .env entry', '.env', 'RINGG_API_KEY=\nNEXT_PUBLIC_APP_NAME=Caller'],
    ['a public id or URL under a client prefix', '.env', 'NEXT_PUBLIC_RINGG_AGENT_ID=x\nVITE_RINGG_BASE_URL=https://prod-api.ringg.ai'],
    ['the webcall widget\'s public key', 'src/main.ts', 'init({ key: import.meta.env.VITE_RINGG_WEBCALL_PUBLIC_KEY })'],
    ['a \'use server\' action', 'app/actions.ts', '"use server";\nconst key = process.env.NEXT_PUBLIC_RINGG_API_KEY;'],
    ['advice in documentation', 'README.md', 'Never name it NEXT_PUBLIC_RINGG_API_KEY.'],
    // each framework's server side reads the server-only name
    ['Vite, a server file', 'server/index.ts', 'const key = process.env.RINGG_API_KEY;'],
    ['Create React App, a server-only .env entry', '.env', 'RINGYO_API_KEY=x'],
    ['Expo, an API route', 'app/agents+api.ts', 'export function GET() { return process.env.RINGG_API_KEY; }'],
    ['a Dart server reading its environment at run time', 'bin/server.dart', "final key = Platform.environment['RINGG_API_KEY'];"],
    ['a --dart-define that is no secret', 'lib/api.dart', "const agent = String.fromEnvironment('RINGG_AGENT_ID');"],
    ['Config.X in code that does not use react-native-config', 'server/config.ts', 'const key = Config.RINGG_API_KEY;'],
    ['an ordinary module reading the server-only name', 'src/server.ts', 'const key = process.env.RINGG_API_KEY;'],
    ['Nuxt, private runtime config', '.env', 'NUXT_RING_TONIC_API_KEY=x'],
    ['SvelteKit, $env/static/private', 'src/routes/+page.server.ts', "import { RINGG_API_KEY } from '$env/static/private';"],
    ['Gatsby, gatsby-node.js', 'gatsby-node.js', 'const k = process.env.RINGG_API_KEY;'],
    ['Vue CLI, an Express server', 'server.js', 'app.get("/api", (q, r) => call(process.env.RINGYO_API_KEY));'],
    ['a longer identifier that only contains the name', 'a.ts', 'const MY_NEXT_PUBLIC_RINGG_API_KEY_HELPER = 1;'],
  ];
  for (const [title, file, text] of negatives) {
    it(`stays silent: ${title}`, () => assert.deepStrictEqual(exposed(text, file), []));
  }

  it('reports a \'use client\' component that calls a provider API with a key, not one that calls its own route', () => {
    const direct = `'use client';\nexport function Agents() {\n  useEffect(() => { fetch('https://prod-api.ringg.ai/ca/api/v0/agent/all', { headers: { 'X-API-KEY': key } }); }, []);\n}`;
    const viaRoute = `'use client';\nexport function Agents() {\n  useEffect(() => { fetch('/api/agents'); }, []);\n}`;
    assert.deepStrictEqual(exposed(direct, 'app/agents.tsx'), ['ringg:ringg.ai']);
    assert.deepStrictEqual(exposed(viaRoute, 'app/agents.tsx'), []);
  });

  // code that runs on clients, by what the file itself says, calling a provider's API with a key: reported at the
  // host; the same call from a server file stays silent
  const RINGG_CALL = "fetch('https://prod-api.ringg.ai/ca/api/v0/agent/all', { headers: { 'X-API-KEY': key } })";
  const RINGYO_CALL = "fetch('https://api.ringyo.ai/v1/agents', { headers: { Authorization: `Bearer ${token}` } })";
  const TONIC_CALL = "axios.get('https://ringtonic.app/api/v1/campaigns', { headers: { Authorization: 'Bearer ' + k } })";
  const browserCode: Array<[string, string, string, string, string]> = [
    ['a Chrome extension\'s background script', 'extension/background.js',
      `chrome.runtime.onMessage.addListener(async (msg) => {\n  const { key } = await chrome.storage.local.get('key');\n  ${RINGG_CALL};\n});`, 'ringg:ringg.ai', 'browser extension script'],
    ['a Firefox (WebExtensions) popup script', 'popup/popup.ts', `browser.tabs.query({ active: true }).then(() => ${RINGYO_CALL});`, 'ringyo:ringyo.ai', 'browser extension script'],
    ['a Vite / Create React App entry point', 'src/main.tsx',
      `import { createRoot } from 'react-dom/client';\n${RINGG_CALL};\ncreateRoot(document.getElementById('root')!).render(<App />);`, 'ringg:ringg.ai', 'browser entry point'],
    ['a Vue CLI entry point', 'src/main.js', `${TONIC_CALL};\ncreateApp(App).use(router).mount('#app');`, 'ringtonic:ringtonic.app', 'browser entry point'],
    ['a Vue component', 'src/components/Agents.vue', `<script setup>\nonMounted(() => ${RINGG_CALL});\n</script>`, 'ringg:ringg.ai', 'Vue component'],
    ['a Svelte component', 'src/routes/+page.svelte', `<script>\nonMount(() => ${RINGYO_CALL});\n</script>`, 'ringyo:ringyo.ai', 'Svelte component'],
    ['an HTML page\'s script', 'public/index.html', `<script>\n${RINGG_CALL};\n</script>`, 'ringg:ringg.ai', 'HTML page'],
  ];
  for (const [title, file, text, want, where] of browserCode) {
    it(`reports ${title} that calls a provider API with a key`, () => {
      const found = scanText(text, { fileName: file }).findings.filter(f => f.rule === 'client-exposed-key');
      assert.deepStrictEqual(found.map(f => `${f.provider}:${f.name}`), [want]);
      assert.strictEqual(found[0].context, `${where} calls ${want.split(':')[1]} with a key`);
      assert.strictEqual(found[0].confidence, 'high');
    });
  }
  const serverCode: Array<[string, string, string]> = [
    ['a Node script', 'scripts/agents.mjs', `const key = process.env.RINGG_API_KEY;\n${RINGG_CALL};`],
    ['an Express server', 'server/index.ts', `app.get('/api/agents', async (q, r) => r.json(await ${RINGYO_CALL}));\napp.listen(3000);`],
    ['a SvelteKit server load', 'src/routes/+page.server.ts', `export async function load() { return (await ${RINGG_CALL}).json(); }`],
    ['a Vue component that calls its own server route', 'src/components/Agents.vue', "<script setup>\nonMounted(() => fetch('/api/ringg/agent/all'));\n</script>"],
    ['an extension script that calls its own server', 'extension/background.js', "chrome.runtime.onInstalled.addListener(() => fetch('https://caller.example.com/api/agents'));"],
    ['a page that names the host in a link only', 'public/index.html', '<a href="https://ringg.ai/docs">Ringg AI docs</a>'],
    ['a server file that mentions chrome in prose', 'server/agents.ts', `// tested in chrome and firefox\n${RINGG_CALL};`],
    ['a JSON file that names the host and the header', 'openapi.json', '{"servers":[{"url":"https://prod-api.ringg.ai"}],"security":[{"X-API-KEY":[]}]}'],
  ];
  for (const [title, file, text] of serverCode) {
    it(`stays silent: ${title}`, () => assert.deepStrictEqual(exposed(text, file), []));
  }

  it('says why it matters and what to do, and is a warning by default', () => {
    const [f] = scanText('VITE_RINGG_API_KEY=x', { fileName: '.env' }).findings.filter(x => x.rule === 'client-exposed-key');
    assert.strictEqual(f.severity, 'warning');
    const text = message(f);
    assert.match(text, /every visitor can read/);
    assert.match(text, /server route/);
    assert.match(text, /RINGG_API_KEY/);
    // a value a mobile build compiles in: the app's users, and a server the app calls
    const [app] = scanText("final k = String.fromEnvironment('RINGG_API_KEY');", { fileName: 'lib/main.dart' }).findings.filter(x => x.rule === 'client-exposed-key');
    assert.strictEqual(message(app), 'Ringg AI key read through RINGG_API_KEY: --dart-define values are compiled into the app, so every user of the app can read the key. Call the API from your server, which holds the key, and have the app call your server.');
    // a browser extension's users, and a server the extension calls; code in a page, its visitors and a server route
    const [ext] = scanText(`chrome.storage.local.get('k');\n${RINGG_CALL}`, { fileName: 'background.js' }).findings.filter(x => x.rule === 'client-exposed-key');
    assert.strictEqual(message(ext), "Ringg AI API called with a key from a browser extension's script: the key ships in the extension's package, where every user can read it. Call the API from your server, which holds the key, and have the extension call your server.");
    const [entry] = scanText(`${RINGG_CALL};\ncreateRoot(document.body).render(<App />);`, { fileName: 'src/main.jsx' }).findings.filter(x => x.rule === 'client-exposed-key');
    assert.strictEqual(message(entry), 'Ringg AI API called with a key from code that runs in the browser (browser entry point): every visitor can read the request and its key. Call it from a server route that holds the key (RINGG_API_KEY).');
    // the same finding in build output (markShipped adds to its context) keeps its message
    assert.strictEqual(message({ ...entry, context: `${entry.context}; in build output, shipped to every client` }), message(entry));
  });
});
