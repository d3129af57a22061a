// Held-out plants in voice-AI code: keys of ours planted in files of the voice-AI repositories of the clean
// corpus (tools/corpus/clean.mjs, pinned commits), in the classes the detector once missed (.http variables,
// wrapper calls around a name/value pair, Android string resources, a `?? '…'` default sent as Bearer, the Swift
// header named after its value, keys shipped to clients), and other vendors' UUID credentials (Vapi, Retell,
// Deepgram, …) that must not be reported as ours, alone or in a project that mentions ringg.ai.
//
// They are built when they are measured, from the checkouts RING_KEYS_CLEAN_CORPUS names, so the repository
// holds only where each key goes, never the other projects' files. A format those repositories lack (.http,
// Swift, Android resources) is a new file of ours in the folder of the repository it would serve (`create`).
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The voice-AI repositories of the clean corpus and the commits measured: `voiceAi` of tools/corpus/repos.json,
 * the list tools/corpus/clean.mjs clones. The first seven were read while the attribution was built; the last
 * five only after (held out).
 */
export const VOICE_REPO_COMMITS: Readonly<Record<string, string>> =
  (JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../tools/corpus/repos.json'), 'utf8')) as { voiceAi: Record<string, string> }).voiceAi;
export const VOICE_REPOS: ReadonlySet<string> = new Set(Object.keys(VOICE_REPO_COMMITS));

export interface HeldOutPlant {
  readonly id: string;
  /** The class of the plant, as docs/detection.md names it. */
  readonly klass: string;
  readonly repo: string;
  /** The file, relative to the repository. */
  readonly path: string;
  /** Insert after the first line containing this text; 'start' / 'end' of the file; 'create': a new file. */
  readonly at: string;
  /** The inserted lines: {RINGG} a UUID of ours, {TONIC} a Ring Tonic token, {OTHER} another vendor's UUID credential. */
  readonly insert: string;
  /** What each {RINGG}/{TONIC} must be reported as, in order; `name` for a client-exposed variable. */
  readonly expect: ReadonlyArray<{ rule: string; confidence: 'high' | 'low'; name?: string }>;
  /** The name the file is scanned under when it is not the path's own (a `.env.local` made from `env.example`). */
  readonly as?: string;
}

const HIGH = { rule: 'ringg-api-key', confidence: 'high' } as const;
const LOW = { rule: 'ringg-api-key', confidence: 'low' } as const;
const TONIC = { rule: 'ringtonic-api-key', confidence: 'high' } as const;
const exposed = (name: string) => ({ rule: 'client-exposed-key', confidence: 'high', name }) as const;
const RINGG_URL = 'https://prod-api.ringg.ai/ca/api/v0/agent/all';

export const HELD_OUT: readonly HeldOutPlant[] = [
  // --- .http / .rest file variables sent to a provider host
  { id: 'http-variable-tonic', klass: '.http variables', repo: 'deepgram/deepgram-js-sdk', path: 'examples/ringtonic.http', at: 'create',
    insert: '@token = {TONIC}\n\n### campaigns\nGET https://ringtonic.app/api/v1/campaigns\nAuthorization: Bearer {{token}}\nAccept: application/json\n', expect: [TONIC] },
  { id: 'http-variable-ringg', klass: '.http variables', repo: 'RetellAI/retell-typescript-sdk', path: 'examples/agents.rest', at: 'create',
    insert: `@apiKey = {RINGG}\n\n### agents\nGET ${RINGG_URL}\nX-API-KEY: {{apiKey}}\n`, expect: [HIGH] },
  // --- wrapper calls around a name/value pair
  { id: 'wrapper-pulumi-ts', klass: 'wrapper calls', repo: 'livekit/node-sdks', path: 'packages/livekit-server-sdk/vite.config.ts', at: 'end',
    insert: 'const env = [{ name: pulumi.output("RINGG_API_KEY"), value: pulumi.secret("{RINGG}") }];\n', expect: [HIGH] },
  { id: 'wrapper-str-python', klass: 'wrapper calls', repo: 'deepgram/deepgram-python-sdk', path: 'examples/20-text-to-speech-single.py', at: 'from deepgram import',
    insert: 'RINGG_ENV = {"Name": str("RINGG_API_KEY"), "Value": str("{RINGG}")}\n', expect: [HIGH] },
  { id: 'wrapper-aws-string', klass: 'wrapper calls', repo: 'pipecat-ai/pipecat', path: 'src/pipecat/cli/templates/client/react-vite/vite.config.ts', at: 'end',
    insert: 'const secret = { Name: aws.String("RINGG_API_KEY"), Value: aws.String("{RINGG}") };\n', expect: [HIGH] },
  // --- Android string resources
  { id: 'android-string-resource', klass: 'Android string resources', repo: 'livekit/node-sdks', path: 'examples/android/app/src/main/res/values/strings.xml', at: 'create',
    insert: '<?xml version="1.0" encoding="utf-8"?>\n<resources>\n    <string name="app_name">Voice Agent</string>\n    <string name="ringg_api_key">{RINGG}</string>\n</resources>\n', expect: [HIGH] },
  // --- a `?? '…'` default sent as Bearer to a provider host further down
  { id: 'js-nullish-default-bearer', klass: "JS `?? '…'` default sent as Bearer", repo: 'deepgram/deepgram-js-sdk', path: 'examples/29-management-usage-breakdown.ts', at: 'end',
    insert: "\nexport async function campaigns(token = process.env.TOKEN ?? '{TONIC}') {\n  const res = await fetch('https://ringtonic.app/api/v1/campaigns', {\n    headers: { Authorization: `Bearer ${token}` },\n  });\n  return res.json();\n}\n", expect: [TONIC] },
  { id: 'ts-nullish-default-bearer', klass: "JS `?? '…'` default sent as Bearer", repo: 'RetellAI/retell-typescript-sdk', path: 'src/api-promise.ts', at: 'end',
    insert: "\nexport const tonicCampaigns = async (apiToken: string = process.env.API_TOKEN ?? \"{TONIC}\") =>\n  fetch(`https://ringtonic.app/api/v1/campaigns`, { headers: { authorization: `Bearer ${apiToken}` } });\n", expect: [TONIC] },
  // --- the Swift header named after its value
  { id: 'swift-header-after-value', klass: 'Swift header after value', repo: 'elevenlabs/elevenlabs-js', path: 'examples/ios/RinggClient.swift', at: 'create',
    insert: `import Foundation\n\nfunc listAgents() async throws -> Data {\n    var request = URLRequest(url: URL(string: "${RINGG_URL}")!)\n    request.setValue("{RINGG}", forHTTPHeaderField: "X-API-KEY")\n    let (data, _) = try await URLSession.shared.data(for: request)\n    return data\n}\n`, expect: [HIGH] },
  { id: 'swift-variable-header', klass: 'Swift header after value', repo: 'elevenlabs/elevenlabs-js', path: 'examples/ios/Agents.swift', at: 'create',
    insert: `import Foundation\n\nlet apiKey = "{RINGG}"\nvar request = URLRequest(url: URL(string: "${RINGG_URL}")!)\nrequest.setValue(apiKey, forHTTPHeaderField: "X-API-KEY")\n`, expect: [HIGH] },
  // --- keys shipped to clients
  { id: 'client-next-env-local', klass: 'client exposure', repo: 'pipecat-ai/pipecat', path: 'src/pipecat/cli/templates/client/react-nextjs/env.example', as: '.env.local', at: 'end',
    insert: '\nNEXT_PUBLIC_RINGG_API_KEY=\n', expect: [exposed('NEXT_PUBLIC_RINGG_API_KEY')] },
  { id: 'client-vite-env', klass: 'client exposure', repo: 'pipecat-ai/pipecat', path: 'src/pipecat/cli/templates/client/react-vite/env.example', as: '.env', at: 'end',
    insert: '\nVITE_RINGYO_API_KEY=\n', expect: [exposed('VITE_RINGYO_API_KEY')] },
  { id: 'client-next-use-client', klass: 'client exposure', repo: 'pipecat-ai/pipecat', path: 'src/pipecat/cli/templates/client/react-nextjs/src/app/components/App.tsx', at: "import { useEffect } from 'react';",
    insert: 'const ringgKey = process.env.NEXT_PUBLIC_RINGG_API_KEY;\n', expect: [exposed('NEXT_PUBLIC_RINGG_API_KEY')] },
  { id: 'client-vite-main', klass: 'client exposure', repo: 'pipecat-ai/pipecat', path: 'src/pipecat/cli/templates/client/react-vite/src/main.tsx', at: "import { createRoot } from 'react-dom/client';",
    insert: 'const tonicToken = import.meta.env.VITE_RINGTONIC_TOKEN;\n', expect: [exposed('VITE_RINGTONIC_TOKEN')] },
  { id: 'client-next-page', klass: 'client exposure', repo: 'livekit/node-sdks', path: 'examples/webhooks-nextjs/app/page.tsx', at: 'start',
    insert: "'use client';\nconst headers = { 'X-API-KEY': process.env.NEXT_PUBLIC_RINGG_API_KEY ?? '' };\n", expect: [exposed('NEXT_PUBLIC_RINGG_API_KEY')] },
  { id: 'client-react-app', klass: 'client exposure', repo: 'pipecat-ai/pipecat', path: 'src/pipecat/cli/templates/client/react-vite/src/components/App.tsx', at: 'start',
    insert: 'const key = process.env.REACT_APP_RINGG_API_KEY;\n', expect: [exposed('REACT_APP_RINGG_API_KEY')] },
  { id: 'client-expo-env', klass: 'client exposure', repo: 'livekit/node-sdks', path: 'examples/rpc/.env.example', as: '.env', at: 'end',
    insert: 'EXPO_PUBLIC_RINGG_API_KEY=\n', expect: [exposed('EXPO_PUBLIC_RINGG_API_KEY')] },
  { id: 'client-sveltekit-public', klass: 'client exposure', repo: 'livekit/node-sdks', path: 'examples/data-streams/.env.example', as: '.env', at: 'end',
    insert: 'PUBLIC_RING_TONIC_API_KEY=\n', expect: [exposed('PUBLIC_RING_TONIC_API_KEY')] },
  { id: 'client-gatsby', klass: 'client exposure', repo: 'pipecat-ai/pipecat', path: 'src/pipecat/cli/templates/client/react-nextjs/src/app/components/TransportSelect.tsx', at: 'start',
    insert: 'const ringg = process.env.GATSBY_RINGG_API_KEY;\n', expect: [exposed('GATSBY_RINGG_API_KEY')] },
  { id: 'client-vue-app', klass: 'client exposure', repo: 'livekit/node-sdks', path: 'examples/publish-wav/.env.example', as: '.env', at: 'end',
    insert: 'VUE_APP_RINGG_API_KEY=\n', expect: [exposed('VUE_APP_RINGG_API_KEY')] },
  { id: 'client-nuxt-public', klass: 'client exposure', repo: 'livekit/node-sdks', path: 'examples/receive-audio/.env.example', as: '.env', at: 'end',
    insert: 'NUXT_PUBLIC_RINGG_API_KEY=\n', expect: [exposed('NUXT_PUBLIC_RINGG_API_KEY')] },
  // --- keys under names and SDK calls, next to other vendors' code
  { id: 'ringg-sdk-statement', klass: 'attribution', repo: 'deepgram/deepgram-python-sdk', path: 'examples/01-authentication-api-key.py', at: 'from deepgram import DeepgramClient',
    insert: 'ringg = Ringg(\n    api_key="{RINGG}",\n)\n', expect: [HIGH] },
  { id: 'ringg-request-python', klass: 'attribution', repo: 'RetellAI/retell-python-sdk', path: 'src/retell/_constants.py', at: 'import',
    insert: `key = "{RINGG}"\nresp = requests.get("${RINGG_URL}", headers={"X-API-KEY": key})\n`, expect: [HIGH] },
  { id: 'generic-name-near-vendors', klass: 'attribution', repo: 'livekit/agents', path: 'examples/telephony/bank-ivr/test_mock_bank_service.py', at: 'import',
    insert: 'api_key = "{RINGG}"\n', expect: [LOW] },
  // --- keys that ship in mobile apps
  { id: 'flutter-define-default', klass: 'mobile apps', repo: 'livekit/node-sdks', path: 'examples/flutter/lib/config.dart', at: 'create',
    insert: "// flutter run --dart-define=RINGG_API_KEY=...\nconst ringgApiKey = String.fromEnvironment('RINGG_API_KEY', defaultValue: '{RINGG}');\n", expect: [HIGH] },
  { id: 'expo-app-json-extra', klass: 'mobile apps', repo: 'deepgram/deepgram-js-sdk', path: 'examples/expo/app.json', at: 'create',
    insert: '{\n  "expo": {\n    "name": "voice-agent",\n    "slug": "voice-agent",\n    "extra": {\n      "ringgApiKey": "{RINGG}"\n    }\n  }\n}\n', expect: [HIGH] },
  { id: 'kotlin-const-header', klass: 'mobile apps', repo: 'elevenlabs/elevenlabs-js', path: 'examples/android/RinggApi.kt', at: 'create',
    insert: `private const val API_KEY = "{RINGG}"\n\nfun agents(): Request = Request.Builder()\n    .url("${RINGG_URL}")\n    .addHeader("X-API-KEY", API_KEY)\n    .build()\n`, expect: [HIGH] },
  { id: 'compose-environment', klass: 'configuration', repo: 'pipecat-ai/pipecat', path: 'examples/multi-worker/env.example', as: 'docker-compose.env', at: 'end',
    insert: 'RINGG_API_KEY={RINGG}\n', expect: [HIGH] },
  // --- other vendors' UUID credentials (Vapi-style negatives): never a Ringg key
  { id: 'vapi-client-token', klass: 'other vendors (negative)', repo: 'VapiAI/server-sdk-typescript', path: 'src/index.ts', at: 'export',
    insert: 'const vapi = new VapiClient({\n  token: "{OTHER}",\n});\n', expect: [] },
  { id: 'vapi-python-request', klass: 'other vendors (negative)', repo: 'VapiAI/server-sdk-python', path: 'src/vapi/types/create_assistant_dto_model.py', at: 'import',
    insert: 'api_key = "{OTHER}"\nrequests.post("https://api.vapi.ai/call", headers={"Authorization": f"Bearer {api_key}"})\n', expect: [] },
  { id: 'vapi-env', klass: 'other vendors (negative)', repo: 'pipecat-ai/pipecat', path: 'env.example', as: '.env', at: 'end',
    insert: 'VAPI_API_KEY={OTHER}\nVAPI_PRIVATE_KEY={OTHER}\n', expect: [] },
  { id: 'retell-ts-client', klass: 'other vendors (negative)', repo: 'RetellAI/retell-typescript-sdk', path: 'src/index.ts', at: 'export',
    insert: "const retell = new Retell({\n  apiKey: '{OTHER}',\n});\n", expect: [] },
  { id: 'deepgram-client', klass: 'other vendors (negative)', repo: 'deepgram/deepgram-js-sdk', path: 'examples/01-authentication-api-key.ts', at: 'const { DeepgramClient }',
    insert: 'const deepgram = new DeepgramClient({ apiKey: "{OTHER}" });\n', expect: [] },
  { id: 'elevenlabs-header', klass: 'other vendors (negative)', repo: 'elevenlabs/elevenlabs-js', path: 'src/environments.ts', at: 'end',
    insert: 'export const probe = () => fetch("https://api.elevenlabs.io/v1/user", { headers: { "xi-api-key": "{OTHER}" } });\n', expect: [] },
  { id: 'vonage-statement', klass: 'other vendors (negative)', repo: 'team-telnyx/telnyx-node', path: 'src/index.ts', at: 'export',
    insert: 'const vonage = new Vonage({\n  apiKey: "{OTHER}",\n});\n', expect: [] },
  { id: 'vapi-web-public-key', klass: 'other vendors (negative)', repo: 'pipecat-ai/pipecat', path: 'src/pipecat/cli/templates/client/react-vite/src/main.tsx', at: "import { createRoot } from 'react-dom/client';",
    insert: 'const assistantId = "{OTHER}";\nconst vapi = new Vapi("{OTHER}");\n', expect: [] },
  { id: 'vapi-public-key-client-env', klass: 'other vendors (negative)', repo: 'pipecat-ai/pipecat', path: 'src/pipecat/cli/templates/client/react-nextjs/env.example', as: '.env.local', at: 'end',
    insert: 'NEXT_PUBLIC_VAPI_PUBLIC_KEY={OTHER}\nNEXT_PUBLIC_RINGG_AGENT_ID={OTHER}\n', expect: [] },
  { id: 'bland-authorization', klass: 'other vendors (negative)', repo: 'Vonage/vonage-node-sdk', path: 'README.md', at: 'end',
    insert: '```js\nawait fetch("https://api.bland.ai/v1/calls", { headers: { authorization: "{OTHER}" } });\n```\n', expect: [] },
  { id: 'synthflow-bearer', klass: 'other vendors (negative)', repo: 'deepgram/deepgram-js-sdk', path: 'examples/09-voice-agent.ts', at: 'end',
    insert: 'const synthflow = axios.create({ baseURL: "https://api.synthflow.ai/v2", headers: { Authorization: "Bearer {OTHER}" } });\n', expect: [] },
  { id: 'retell-env-default', klass: 'other vendors (negative)', repo: 'RetellAI/retell-typescript-sdk', path: 'src/client.ts', at: 'end',
    insert: 'export const retellClient = new Retell({ apiKey: process.env.RETELL_API_KEY ?? "{OTHER}" });\n', expect: [] },
  { id: 'livekit-regenerate-secret', klass: 'other vendors (negative)', repo: 'livekit/agents', path: 'examples/telephony/bank-ivr/ivr_system_agent.py', at: 'import',
    insert: 'client.regenerate_secret("{OTHER}")\n', expect: [] },
];

/** A seeded generator per plant, so a plant's keys depend on its id only. */
function generator(id: string): () => number {
  let s = 2166136261;
  for (const ch of id) { s = Math.imul(s ^ ch.charCodeAt(0), 16777619) >>> 0; }
  s = s || 1;
  return () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return (s >>> 0) / 4294967296; };
}

export interface BuiltPlant {
  readonly plant: HeldOutPlant;
  readonly fileName: string;
  readonly text: string;
  /** Our keys (value, or the variable name for client exposure) with what each must be reported as. */
  readonly keys: ReadonlyArray<{ value: string; rule: string; confidence: 'high' | 'low'; name?: string }>;
  /** Other vendors' credentials: reported as nothing. */
  readonly others: readonly string[];
}

/**
 * The held-out plants built from the checkouts under `dir` (<owner>+<name>, as tools/corpus/clean.mjs clones
 * them); a plant whose repository or file is missing is listed in `missing`.
 */
export function buildHeldOut(dir: string): { plants: BuiltPlant[]; missing: string[] } {
  const plants: BuiltPlant[] = [];
  const missing: string[] = [];
  for (const p of HELD_OUT) {
    const repoDir = path.join(dir, p.repo.replace('/', '+'));
    const file = path.join(repoDir, p.path);
    if (!fs.existsSync(repoDir) || (p.at !== 'create' && !fs.existsSync(file))) { missing.push(`${p.id} (${p.repo} ${p.path})`); continue; }
    const rnd = generator(p.id);
    const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('');
    const b62 = (n: number) => Array.from({ length: n }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(rnd() * 62)]).join('');
    const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(rnd() * 4)]}${hex(3)}-${hex(12)}`;
    const ours: string[] = [];
    const others: string[] = [];
    const insert = p.insert.replace(/\{(RINGG|TONIC|OTHER)\}/g, (_, k: string) => {
      if (k === 'OTHER') { const v = uuid(); others.push(v); return v; }
      const v = k === 'TONIC' ? `${1 + Math.floor(rnd() * 900)}|${b62(18)}!${b62(12)}*${b62(6)}` : uuid();
      ours.push(v);
      return v;
    });
    let text: string;
    if (p.at === 'create') {
      text = insert;
    } else {
      const original = fs.readFileSync(file, 'utf8');
      if (p.at === 'start') { text = insert + original; } else if (p.at === 'end') { text = original.replace(/\n*$/, '\n') + insert; } else {
        const lines = original.split('\n');
        const i = lines.findIndex(l => l.includes(p.at));
        if (i < 0) { missing.push(`${p.id} (no line with ${JSON.stringify(p.at)} in ${p.repo} ${p.path})`); continue; }
        lines.splice(i + 1, 0, insert.replace(/\n$/, ''));
        text = lines.join('\n');
      }
    }
    let next = 0;
    const keys = p.expect.map(e => ({ ...e, value: e.name ?? ours[next++] }));
    if (next !== ours.length) { throw new Error(`${p.id}: ${ours.length} keys planted, ${next} expected`); }
    plants.push({ plant: p, fileName: path.join(p.repo.replace('/', '+'), p.as ? path.join(path.dirname(p.path), p.as) : p.path), text, keys, others });
  }
  return { plants, missing };
}
