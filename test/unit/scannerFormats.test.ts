// Formats the scanner missed, one class each (not one instance): a variable's literal sent further down as a
// Bearer token or the X-API-KEY header, wrapper calls around a name/value pair, and XML elements named by an
// attribute.
import * as assert from 'node:assert';
import { scanText } from '../../src/core/scanner/scanner';

const UUID = '3f6d2c1a-9b7e-4c2d-8e5f-a1b2c3d4e5f6';
const TOKEN = '9fQ2xL7mPz4KwT8vR3nB6yHc';

/** `rule/confidence` of each finding, and the value found. */
function found(text: string, fileName: string): string[] {
  return scanText(text, { fileName }).findings.map(f => `${f.rule}/${f.confidence}/${text.slice(f.start, f.end)}`);
}

type Row = readonly [string, string, string, string[]];

function table(rows: readonly Row[]): void {
  for (const [title, file, text, want] of rows) {
    it(`${want.length ? 'finds' : 'ignores'}: ${title}`, () => assert.deepStrictEqual(found(text, file), want, text));
  }
}

describe('scanner formats: a variable\'s literal sent as a Bearer token further down', () => table([
  ['a .http file variable used as Bearer {{token}} to ringtonic.app', 'calls.http',
    `@host = https://ringtonic.app/api/v1\n@token = ${TOKEN}\n\n###\nGET {{host}}/campaigns\nAuthorization: Bearer {{token}}\n`,
    [`ringtonic-api-key/high/${TOKEN}`]],
  ['a .rest file variable holding a UUID, sent to ringtonic.app (not a Ringg key)', 'calls.rest',
    `@key = ${UUID}\nGET https://ringtonic.app/api/v1/campaigns\nAuthorization: Bearer {{key}}\n`,
    [`ringtonic-api-key/high/${UUID}`]],
  ['a JS default parameter `?? \'…\'` sent as Bearer ${token} further down the function', 'api.ts',
    `export async function campaigns(token = process.env.TONIC_TOKEN ?? '${TOKEN}') {\n  const url = 'https://ringtonic.app/api/v1/campaigns';\n  return fetch(url, { headers: { Authorization: \`Bearer \${token}\` } });\n}`,
    [`ringtonic-api-key/high/${TOKEN}`]],
  ['a Python f-string Bearer {api_token} to api.ringyo.ai', 'client.py',
    `api_token = "${TOKEN}"\nrequests.get("https://api.ringyo.ai/v1/agents", headers={"Authorization": f"Bearer {api_token}"})`,
    [`ringyo-bearer-token/high/${TOKEN}`]],
  ['a TS typed constant with an || fallback', 'api.ts',
    `const bearer: string = process.env.T || "${TOKEN}";\nfetch("https://ringtonic.app/api/v1/me", { headers: { Authorization: \`Bearer \${bearer}\` } });`,
    [`ringtonic-api-key/high/${TOKEN}`]],
  ['a variable sent as Bearer to another host', 'api.ts',
    `const token = '${TOKEN}';\nfetch('https://api.example.org/v1', { headers: { Authorization: \`Bearer \${token}\` } });`, []],
  ['an unquoted value in code is a variable, not a literal', 'api.ts',
    `const token = someOtherVariableName;\nfetch('https://ringtonic.app/api/v1', { headers: { Authorization: \`Bearer \${token}\` } });`, []],
  ['a variable read from the environment only', 'calls.http',
    `@token = {{$dotenv RINGTONIC_TOKEN}}\nGET https://ringtonic.app/api/v1/campaigns\nAuthorization: Bearer {{token}}\n`, []],
]));

describe('scanner formats: wrapper calls around a name/value pair', () => table([
  ['Pulumi Go: Name: pulumi.String("RINGG_API_KEY"), Value: pulumi.String("…")', 'main.go',
    `Envs: cloudrun.ServiceTemplateSpecContainerEnvArray{\n  &cloudrun.ServiceTemplateSpecContainerEnvArgs{\n    Name:  pulumi.String("RINGG_API_KEY"),\n    Value: pulumi.String("${UUID}"),\n  },\n}`,
    [`ringg-api-key/high/${UUID}`]],
  ['AWS SDK Go: Name: aws.String(…), Value: aws.String(…)', 'deploy.go',
    `{Name: aws.String("RINGG_API_KEY"), Value: aws.String("${UUID}")}`, [`ringg-api-key/high/${UUID}`]],
  ['pulumi.secret around the value', 'index.ts', `const ringgApiKey = pulumi.secret("${UUID}");`, [`ringg-api-key/high/${UUID}`]],
  ['Python str() around a generic key', 'app.py', `api_key = str("${UUID}")`, [`ringg-api-key/low/${UUID}`]],
  ['a wrapper around an id stays an id', 'main.go', `AgentId: pulumi.String("${UUID}"),`, []],
]));

describe('scanner formats: XML elements named by an attribute', () => table([
  ['an Android string resource', 'res/values/strings.xml',
    `<resources>\n    <string name="app_name">Caller</string>\n    <string name="ringg_api_key">${UUID}</string>\n</resources>`,
    [`ringg-api-key/high/${UUID}`]],
  ['a Java XML properties entry', 'config.xml', `<entry key="ringg.api.key">${UUID}</entry>`, [`ringg-api-key/high/${UUID}`]],
  ['an Android resource that is an id', 'res/values/strings.xml', `<string name="default_agent_id">${UUID}</string>`, []],
]));

describe('scanner formats: the X-API-KEY header set after its value', () => table([
  ['Swift: the literal, then forHTTPHeaderField', 'Client.swift',
    `request.setValue("${UUID}", forHTTPHeaderField: "X-API-KEY")`, [`ringg-api-key/high/${UUID}`]],
  ['Swift: a constant, set as the header lines below', 'Client.swift',
    `let key = "${UUID}"\nvar request = URLRequest(url: url)\nrequest.httpMethod = "GET"\nrequest.setValue(key, forHTTPHeaderField: "X-API-KEY")`,
    [`ringg-api-key/high/${UUID}`]],
  ['JS: a constant, then the headers object', 'a.js',
    `const k = '${UUID}';\nconst res = await fetch(url, { headers: { 'X-API-KEY': k } });`, [`ringg-api-key/high/${UUID}`]],
  ['a constant never sent as the header', 'Client.swift',
    `let key = "${UUID}"\nrequest.setValue(ProcessInfo.processInfo.environment["K"], forHTTPHeaderField: "x-api-key")`, []],
]));
