// Provider-aware confidence and structure-aware context: whose key a UUID is, and how sure the scanner is,
// as the user sees it in the finding's rule, confidence, severity and message, and in JSON and SARIF output.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/types';
import { describe as describeFinding, scanText } from '../../src/core/scanner/scanner';

// Made-up keys for these tests.
const UUID = '5b2e7c91-4d3a-4f8e-9a1b-c2d3e4f5a6b7';
const TONIC_ODD = '37|Xq9LmZ2vB7nK4pR8tW1yC3!dF6*hJ0';

type Verdict = [rule: string, confidence: 'high' | 'low'] | null;

/** The verdict on each value (a name shipped to clients, rule client-exposed-key, is a finding about a name: scannerClientExposure.test.ts). */
function verdict(text: string, fileName?: string): Verdict | Verdict[] {
  const fs2 = scanText(text, fileName ? { fileName } : {}).findings.filter(f => f.rule !== 'client-exposed-key');
  const v = fs2.map(f => [f.rule, f.confidence] as Verdict);
  return v.length === 0 ? null : v.length === 1 ? v[0]! : v;
}

function rows(list: Array<[string, string, Verdict, string?]>): void {
  for (const [title, text, want, fileName] of list) {
    it(`${want ? `${want[1]}: ` : 'not reported: '}${title}`, () => {
      assert.deepStrictEqual(verdict(text, fileName), want, JSON.stringify(text));
    });
  }
}

describe('confidence: whose key a UUID is', () => {
  describe('tied to Ringg: normal confidence', () => rows([
    ['a ringg name', `RINGG_API_KEY = "${UUID}"`, ['ringg-api-key', 'high']],
    ['the X-API-KEY header with no other host in sight', `req.Header.Set("X-API-KEY", "${UUID}")`, ['ringg-api-key', 'high']],
    ['Ringg named earlier on the line', `client = Ringg(api_key="${UUID}")`, ['ringg-api-key', 'high']],
    ['a Ringg host in the file', `const BASE = "https://prod-api.ringg.ai/ca/api/v0";\nconst apiKey = "${UUID}";`, ['ringg-api-key', 'high']],
    ['an enclosing Ringg section (appsettings.json)', `{\n  "Ringg": {\n    "ApiKey": "${UUID}"\n  }\n}`, ['ringg-api-key', 'high']],
    ['a dotted properties name with a ringg prefix', `ringg.apiKey=${UUID}`, ['ringg-api-key', 'high'], 'gradle.properties'],
    ['the workspace answer', `{"workspace_info": {"name": "Acme", "api_key": "${UUID}"}}`, ['ringg-api-key', 'high']],
  ]));

  describe('a generic name only: low confidence, reported as information', () => {
    rows([
      ['api_key', `api_key = "${UUID}"`, ['ringg-api-key', 'low']],
      ['a token', `const AUTH_TOKEN = "${UUID}";`, ['ringg-api-key', 'low']],
      ['a dotted properties name', `voice.api.key = ${UUID}`, ['ringg-api-key', 'low'], 'app.properties'],
      ['X-API-KEY sent to another host', `curl https://api.othervendor.io/v1/things -H "X-API-KEY: ${UUID}"`, ['ringg-api-key', 'low']],
    ]);
    it('says "possibly" and is information where the rule is an error', () => {
      const [f] = scanText(`api_key = "${UUID}"`).findings;
      assert.strictEqual(f?.severity, 'info');
      assert.match(describeFinding(f), /^Possibly a Ringg AI API key …a6b7 \(assigned to api_key; nothing here ties it to Ringg AI\)\.$/);
      const [high] = scanText(`RINGG_API_KEY = "${UUID}"`).findings;
      assert.strictEqual(high?.severity, 'error');
      assert.doesNotMatch(describeFinding(high), /Possibly/);
    });
    it('a project that mentions a Ringg host makes the generic name a Ringg key', () => {
      assert.strictEqual(scanText(`api_key = "${UUID}"`, { ringgProject: true }).findings[0]?.confidence, 'high');
    });
  });

  describe("another vendor's key or a GUID constant: not reported", () => rows([
    ['an npm legacy token in .npmrc', `//registry.npmjs.org/:_authToken=${UUID}`, null, '.npmrc'],
    ['NPM_TOKEN', `NPM_TOKEN=${UUID}`, null, '.env'],
    ['a Heroku API key', `HEROKU_API_KEY: ${UUID}`, null, 'ci.yml'],
    ['a Snyk token', `set SNYK_API_TOKEN=${UUID}`, null],
    ['a HubSpot hapikey', `const hapikey = '${UUID}';`, null],
    ['an Octopus API key header', `-H "X-Octopus-ApiKey: ${UUID}"`, null],
    ['an Azure client secret', `AZURE_CLIENT_SECRET="${UUID}"`, null],
    ['a service principal password', `"password": "${UUID}"`, null],
    ['a vendor named earlier on the line', `railwayapp token = '${UUID}'`, null],
    ['a vendor section', `{\n  "Octopus": {\n    "ApiKey": "${UUID}"\n  }\n}`, null],
    ['a C# GUID constant in braces', `public const string SensorKey = "{${UUID}}";`, null],
    ['a C# Guid(...) constant', `static readonly Guid AttributeKey = new Guid("${UUID}");`, null],
    ['a Go key constant that is no credential', `const TimeoutKey = "${UUID}"`, null],
    ['a dotted name with a vendor prefix', `heroku.apiKey=${UUID}`, null, 'gradle.properties'],
    ['a vendor name in CamelCase', `HubSpotApiKey = "${UUID}"`, null],
    ['an id followed by a key-like name field', `{"_id": "${UUID}",\n "name": "RinggAPIKey"}`, null],
  ]));
});

describe('structure-aware context', () => rows([
  ['a notebook cell (JSON-escaped Python)', `"source": [\n  "RINGG_API_KEY = \\"${UUID}\\"\\n"\n]`, ['ringg-api-key', 'high'], 'a.ipynb'],
  ['JSON inside a JSON string', `"raw": "{\\"ringg_api_key\\": \\"${UUID}\\"}"`, ['ringg-api-key', 'high'], 'c.json'],
  ['a HAR header pair', `{"name": "X-API-KEY", "value": "${UUID}"}`, ['ringg-api-key', 'high'], 'a.har'],
  ['a pair with other fields between', `{"key": "X-API-KEY", "type": "text", "value": "${UUID}"}`, ['ringg-api-key', 'high']],
  ['a pair with the value first', `{"value": "${UUID}", "key": "X-API-KEY"}`, ['ringg-api-key', 'high']],
  ['Postman API-key auth', `"apikey": [{"key": "value", "value": "${UUID}", "type": "string"}, {"key": "key", "value": "X-API-KEY", "type": "string"}]`, ['ringg-api-key', 'high']],
  ['an XML policy header', `<set-header name="X-API-KEY" exists-action="override">\n  <value>${UUID}</value>\n</set-header>`, ['ringg-api-key', 'high'], 'p.xml'],
  ['a header name after the value in a call', `request.headers.add({ value: '${UUID}', key: 'X-API-KEY' });`, ['ringg-api-key', 'high']],
  ['a Terraform variable default', `variable "ringg_api_key" {\n  type    = string\n  default = "${UUID}"\n}`, ['ringg-api-key', 'high'], 'v.tf'],
  ['a CloudFormation parameter default', `Parameters:\n  RinggApiKey:\n    Type: String\n    Default: ${UUID}\n`, ['ringg-api-key', 'high'], 't.yaml'],
  ['an ARM template parameter default', `"parameters": {\n  "ringgApiKey": {\n    "type": "securestring",\n    "defaultValue": "${UUID}"\n  }\n}`, ['ringg-api-key', 'high'], 'azuredeploy.json'],
  ['an INI / TOML section', `[ringg]\nregion = "in"\napi_key = "${UUID}"\n`, ['ringg-api-key', 'high'], 'config.toml'],
  ['an XML element with the name attribute after the value', `<header value="${UUID}" name="X-API-KEY"/>`, ['ringg-api-key', 'high'], 'a.xml'],
  ['a default of something else', `variable "agent" {\n  default = "${UUID}"\n}`, null, 'v.tf'],
  ['a Python env fallback with or', `key = os.environ.get("RINGG_API_KEY") or "${UUID}"`, ['ringg-api-key', 'high']],
  ['a Rust env fallback', `let key = env::var("RINGG_API_KEY").unwrap_or("${UUID}".into());`, ['ringg-api-key', 'high']],
  ['a Dart/Flutter compile-time define with a defaultValue', `const key = String.fromEnvironment('RINGG_API_KEY', defaultValue: '${UUID}');`, ['ringg-api-key', 'high'], 'main.dart'],
  ['a Dart define of an agent id stays an id', `const agent = String.fromEnvironment('RINGG_AGENT_ID', defaultValue: '${UUID}');`, null, 'main.dart'],
  ['a shell default expansion', `KEY="\${RINGG_API_KEY:-${UUID}}"`, ['ringg-api-key', 'high'], 'run.sh'],
  ['a Clojure keyword header', `{:headers {:x-api-key "${UUID}"}}`, ['ringg-api-key', 'high']],
  ['an Objective-C dictionary', `@{ @"X-API-KEY": @"${UUID}" }`, ['ringg-api-key', 'high']],
  ['an agent id in an env fallback stays an id', `agent_id = os.getenv("AGENT_ID", "${UUID}")`, null],
]));

describe('Ring Tonic tokens of any alphabet', () => rows([
  ['a Sanctum-style token in .env', `RINGTONIC_API_KEY=${TONIC_ODD}`, ['ringtonic-api-key', 'high'], '.env'],
  ['quoted in code', `const ringtonicKey = "${TONIC_ODD}";`, ['ringtonic-api-key', 'high']],
  ['with # $ & ^ % in .env, a comment after it', 'RINGTONIC_API_KEY=Ab3#kP9!zQ2$wX7&mN4^r%T8 # agency key', ['ringtonic-api-key', 'high'], '.env'],
  ['a Bearer header to ringtonic.app', `fetch("https://ringtonic.app/api/v1/x", { headers: { Authorization: "Bearer ${TONIC_ODD}" } })`, ['ringtonic-api-key', 'high']],
  ['the scheme as its own argument', `// https://ringtonic.app/api/v1\nhttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "${TONIC_ODD}");`, ['ringtonic-api-key', 'high']],
  ['the token concatenated to the scheme', `headers = {"Authorization": "Bearer " + "${TONIC_ODD}"}  # https://ringtonic.app`, ['ringtonic-api-key', 'high']],
  ['a call expression is code, not a key', `RINGTONIC_API_KEY = loadKey(config.vault.path)`, null],
]));

describe('confidence in the CLI output', () => {
  async function cli(args: string[], cwd: string): Promise<{ code: number; out: string }> {
    let out = '';
    const io: CliIo = { stdout: s => { out += s; }, stderr: () => undefined, env: {}, stdin: async () => '', cwd, onSignal: () => undefined };
    return { code: await main(args, io), out };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-confidence-'));
  fs.writeFileSync(path.join(dir, 'a.py'), `RINGG_API_KEY = "${UUID}"\napi_key = "${UUID.replace('5b2e', '6c3f')}"\n`);

  it('JSON carries confidence and the lowered severity', async () => {
    const r = await cli(['scan', '--format', 'json'], dir);
    const findings = JSON.parse(r.out).findings as Array<{ confidence: string; severity: string; message: string }>;
    assert.deepStrictEqual(findings.map(f => [f.confidence, f.severity]), [['high', 'error'], ['low', 'info']]);
    assert.match(findings[1].message, /^Possibly a Ringg AI API key/);
  });

  it('SARIF carries properties.confidence and rank', async () => {
    const r = await cli(['scan', '--format', 'sarif'], dir);
    const results = JSON.parse(r.out).runs[0].results as Array<{ level: string; rank: number; properties: { confidence: string } }>;
    assert.deepStrictEqual(results.map(x => [x.properties.confidence, x.rank, x.level]), [['high', 90, 'error'], ['low', 40, 'note']]);
  });
});

describe('the project tie: a Ringg host anywhere in the scanned project', () => {
  async function scanJson(files: Record<string, string>): Promise<Array<{ path: string; confidence: string; severity: string }>> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-project-'));
    for (const [rel, content] of Object.entries(files)) { fs.writeFileSync(path.join(dir, rel), content); }
    let out = '';
    const io: CliIo = { stdout: s => { out += s; }, stderr: () => undefined, env: {}, stdin: async () => '', cwd: dir, onSignal: () => undefined };
    await main(['scan', '--format', 'json'], io);
    return (JSON.parse(out).findings as Array<{ path: string; confidence: string; severity: string }>).map(f => ({ path: f.path, confidence: f.confidence, severity: f.severity }));
  }

  it('raises a generic name to a Ringg key, also in files scanned before the host was seen', async () => {
    assert.deepStrictEqual(await scanJson({ 'a.py': `api_key = "${UUID}"\n`, 'z.md': 'Calls https://prod-api.ringg.ai/ca/api/v0\n' }),
      [{ path: 'a.py', confidence: 'high', severity: 'error' }]);
  });

  it('leaves it low in a project that never mentions Ringg', async () => {
    assert.deepStrictEqual(await scanJson({ 'a.py': `api_key = "${UUID}"\n`, 'z.md': 'Calls https://api.example.org\n' }),
      [{ path: 'a.py', confidence: 'low', severity: 'info' }]);
  });
});
