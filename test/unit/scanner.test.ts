import * as assert from 'node:assert';
import { keyFingerprint } from '../../src/core/keys';
import { baselineSet, findingFingerprint, parseBaseline, withEntries } from '../../src/core/scanner/baseline';
import { classifyName, normalizeName } from '../../src/core/scanner/context';
import { FOREIGN_MARKERS, IGNORE_MARKER } from '../../src/core/scanner/ignore';
import { ownKeyPrint } from '../../src/core/scanner/ownKeys';
import { scanBuffer, scanText, type ScanOptions } from '../../src/core/scanner/scanner';
import type { RuleId } from '../../src/core/scanner/rules';

// Keys made up for these tests (random-looking, not the docs' examples).
const UUID = '3f6d2c1a-9b7e-4c2d-8e5f-a1b2c3d4e5f6';
const UUID2 = '9e0c4f7b-21d8-4a6e-b3c5-7d8e9f0a1b2c';
const LIVE = 'rg_live_Q7mZ2xK9pL4vN8wR3tY6';
const TEST = 'rg_test_H3jK8mN2pQ5rS9tV4wX7';
const VB = 'vb_live_T4kP9sW2xZ7cB3nM8qR5';
const TONIC = 'rt_8Qyg60OFbfxFPGHUAfkvVjnQ2Lm4';

type Row = readonly [string, string, RuleId | null, string?];   // [title, text, rule or null (nothing), fileName]

function rules(text: string, fileName?: string, opts: ScanOptions = {}): RuleId[] {
  return scanText(text, { ...opts, ...(fileName ? { fileName } : {}) }).findings.map(f => f.rule);
}

function table(rows: readonly Row[]): void {
  for (const [title, text, rule, fileName] of rows) {
    it(`${rule ? 'flags' : 'ignores'}: ${title}`, () => {
      assert.deepStrictEqual(rules(text, fileName), rule ? [rule] : [], JSON.stringify(text));
    });
  }
}

describe('scanner rules', () => {
  describe('Ringyo key prefixes', () => table([
    ['a live key in code', `const key = "${LIVE}";`, 'ringyo-live-key'],
    ['a test key (warning rule)', `RINGYO_API_KEY=${TEST}`, 'ringyo-test-key', '.env'],
    ['the vb_ prefix of some Ringyo pages', `Authorization: Bearer ${VB}`, 'ringyo-live-key'],
    ['a bare key in prose', `our key is ${LIVE} so`, 'ringyo-live-key'],
    ['a key in a 200 KB minified line', `${'a=1;b=c(d,e)-f;'.repeat(12_500)}k="${LIVE}";`, 'ringyo-live-key'],
    ['the docs placeholder vb_live_YOUR_API_KEY', 'Authorization: Bearer vb_live_YOUR_API_KEY', null],
    ['a truncated example', 'rg_live_Q7mZ2xK9pL4vN8wR3tY6...', null],
    ['the docs alphabet example', 'rg_live_aBcDeFgHiJkLmNoPqRsT', null],
    ['xxxx placeholders', 'rg_live_xxxxxxxxxxxxxxxxxxxx', null],
    ['a short body', 'rg_live_abc123', null],
    ['an identifier that continues', 'rg_live_Q7mZ2xK9pL4vN8wR3tY6_handler', null],
    ['inside a longer word', `xrg_live_Q7mZ2xK9pL4vN8wR3tY6`, null],
    ['another prefix', 'rg_prod_Q7mZ2xK9pL4vN8wR3tY6', null],
  ]));

  describe('Ringg: a UUID used as a key', () => table([
    ['X-API-KEY in a JS headers object', `headers: { 'X-API-KEY': '${UUID}' }`, 'ringg-api-key'],
    ['x-api-key in a Python dict', `headers = {"x-api-key": "${UUID}"}`, 'ringg-api-key'],
    ['curl -H', `curl https://prod-api.ringg.ai/ca/api/v0/workspace -H "X-API-KEY: ${UUID}"`, 'ringg-api-key'],
    ['curl --header single quotes', `  --header 'x-api-key: ${UUID}' \\`, 'ringg-api-key'],
    ['a .http file header', `GET https://prod-api.ringg.ai/ca/api/v0/workspace\nX-API-KEY: ${UUID}\n`, 'ringg-api-key', 'a.http'],
    ['Go Header.Set', `req.Header.Set("X-API-KEY", "${UUID}")`, 'ringg-api-key'],
    ['C# DefaultRequestHeaders.Add', `client.DefaultRequestHeaders.Add("X-API-KEY", "${UUID}");`, 'ringg-api-key'],
    ['api_key =', `api_key = "${UUID}"`, 'ringg-api-key'],
    ['apiKey:', `const client = new Ringg({ apiKey: '${UUID}' });`, 'ringg-api-key'],
    ['x_api_key kwarg', `call(x_api_key="${UUID}")`, 'ringg-api-key'],
    ['RINGG_API_KEY in .env', `RINGG_API_KEY=${UUID}`, 'ringg-api-key', '.env'],
    ['export in a shell script', `export RINGG_API_KEY="${UUID}"`, 'ringg-api-key', 'run.sh'],
    ['*_KEY', `MY_SERVICE_KEY: ${UUID}`, 'ringg-api-key', 'ci.yml'],
    ['*_TOKEN', `const AUTH_TOKEN = "${UUID}";`, 'ringg-api-key'],
    ['secret', `secret: "${UUID}"`, 'ringg-api-key'],
    ['the value on the line after the name', `RINGG_API_KEY =\n    "${UUID}"`, 'ringg-api-key'],
    ['a JSON value on the next line', `{\n  "api_key":\n    "${UUID}"\n}`, 'ringg-api-key'],
    ['a workspace response api_key field', `{"workspace_info": {"id": "${UUID2}", "name": "Acme", "api_key": "${UUID}"}}`, 'ringg-api-key'],
    ['new_api_key of a rotation response', `{"new_api_key": "${UUID}"}`, 'ringg-api-key'],
    ['os.environ[...] = literal', `os.environ["RINGG_API_KEY"] = "${UUID}"`, 'ringg-api-key'],
    ['a fallback after an env reference', `const key = process.env.RINGG_API_KEY || '${UUID}';`, 'ringg-api-key'],
    ['a getenv default', `key = os.getenv("RINGG_API_KEY", "${UUID}")`, 'ringg-api-key'],
    ['a typed TS field', `apiKey: string = "${UUID}";`, 'ringg-api-key'],
    ['Go var with type', `var apiKey string = "${UUID}"`, 'ringg-api-key'],
    ['a setter call', `client.setApiKey("${UUID}")`, 'ringg-api-key'],
    ['an XML element', `<apiKey>${UUID}</apiKey>`, 'ringg-api-key'],
    ['.NET appSettings key/value', `<add key="RinggApiKey" value="${UUID}" />`, 'ringg-api-key'],
    ['a Kubernetes env entry', `- name: RINGG_API_KEY\n  value: "${UUID}"`, 'ringg-api-key', 'deploy.yaml'],
    ['an api_key query parameter', `fetch("https://x.example/v0?api_key=${UUID}")`, 'ringg-api-key'],
    ['upper-case UUID', `X-API-KEY: ${UUID.toUpperCase()}`, 'ringg-api-key', 'a.http'],
    // never: ids, URL paths, GUID attributes, log fields, other keys
    ['id', `"id": "${UUID}"`, null],
    ['agent_id', `agent_id = "${UUID}"`, null],
    ['agentId', `const agentId = '${UUID}';`, null],
    ['workspace_id in JSON', `{"workspace_id": "${UUID}"}`, null],
    ['from_number_id', `from_number_id: ${UUID}`, null, 'a.yaml'],
    ['api_key_id', `api_key_id = "${UUID}"`, null],
    ['campaign_uuid', `campaign_uuid = "${UUID}"`, null],
    ['a URL path', `GET https://prod-api.ringg.ai/ca/api/v0/agent/${UUID}`, null],
    ['a URL path in a string', `url = "https://prod-api.ringg.ai/ca/api/v0/calling/call-details/${UUID}"`, null],
    ['a C# Guid attribute', `[Guid("${UUID}")]`, null],
    ['a csproj ProjectGuid', `<ProjectGuid>{${UUID}}</ProjectGuid>`, null],
    ['an .sln project line', `Project("{${UUID.toUpperCase()}}") = "App", "App.csproj", "{${UUID2.toUpperCase()}}"`, null],
    ['a structured log line', `2024-05-01T10:00:00Z INFO call ended call=${UUID} agent=${UUID2}`, null],
    ['a JSON log record', `{"level":"info","msg":"verified","workspace":"${UUID}","request":"${UUID2}"}`, null],
    ['an idempotency key', `"Idempotency-Key": "${UUID}"`, null],
    ['a React key', `<Row key="${UUID}" />`, null],
    ['a bare key property', `{ key: '${UUID}' }`, null],
    ['a cache key', `cache_key = "${UUID}"`, null],
    ['a public key (webcall widget)', `webcallPublicKey: "${UUID}"`, null],
    ['a bare UUID', `${UUID}`, null],
    ['a UUID argument', `getAgent("${UUID}")`, null],
    ['the docs example key', `X-API-KEY: 7251cb4b-3373-43a4-844c-b27a1d45e0c9`, null, 'a.http'],
    ['the docs rotation example', `{"new_api_key": "e89b12d3-a456-426c-8001-f05de02b54b4"}`, null],
    ['the nil UUID', `api_key = "00000000-0000-0000-0000-000000000000"`, null],
    ['a typed sequence', `api_key = "12345678-1234-1234-1234-123456789012"`, null],
    ['a hash-named field', `api_key_sha256 = "${UUID}"`, null],
    ['part of a longer dash run', `api_key = "x-${UUID}-y"`, null],
  ]));

  describe('Ring Tonic', () => table([
    ['a Bearer token sent to ringtonic.app (curl)', `curl https://ringtonic.app/api/v1/campaigns/${UUID}/geo-data \\\n  -H "Authorization: Bearer ${TONIC}"`, 'ringtonic-api-key'],
    ['a Bearer token with the host in a constant above', `const BASE = "https://ringtonic.app/api/v1";\n\nfunction geo(id) {\n  return fetch(BASE + "/campaigns/" + id, { headers: { Authorization: "Bearer ${TONIC}" } });\n}`, 'ringtonic-api-key'],
    ['a UUID Bearer token to ringtonic.app', `fetch("https://ringtonic.app/api/v1/x", { headers: { Authorization: "Bearer ${UUID}" } })`, 'ringtonic-api-key'],
    ['RINGTONIC_API_KEY in .env', `RINGTONIC_API_KEY=${TONIC}`, 'ringtonic-api-key', '.env'],
    ['RINGTONIC_TOKEN in YAML', `RINGTONIC_TOKEN: "${TONIC}"`, 'ringtonic-api-key', 'a.yml'],
    ['ringtonicApiKey in code', `const ringtonicApiKey = '${TONIC}';`, 'ringtonic-api-key'],
    ['a RINGTONIC_ value with another name', `RINGTONIC_AGENCY=${TONIC}`, 'ringtonic-api-key', '.env'],
    ['a fallback after the env reference', `const k = process.env.RINGTONIC_API_KEY ?? "${TONIC}";`, 'ringtonic-api-key'],
    ['a UUID assigned to a Ring Tonic key name', `RINGTONIC_API_KEY=${UUID}`, 'ringtonic-api-key', '.env'],
    ['an env reference', `const k = process.env.RINGTONIC_API_KEY;`, null],
    ['a ${{ secrets.X }} reference', `RINGTONIC_API_KEY: \${{ secrets.RINGTONIC_API_KEY }}`, null, 'ci.yml'],
    ['a $VAR reference', `RINGTONIC_API_KEY=$RINGTONIC_KEY_FROM_VAULT`, null, '.env'],
    ['a {{VAR}} reference', `Authorization: Bearer {{RINGTONIC_API_KEY}}\nGET https://ringtonic.app/api/v1/x`, null, 'a.http'],
    ['a variable in code', `const RINGTONIC_API_KEY = loadKeyFromVault2();`, null],
    ['a URL', `RINGTONIC_BASE_URL=https://ringtonic.app/api/v1`, null, '.env'],
    ['a campaign id', `RINGTONIC_CAMPAIGN_ID=${UUID}`, null, '.env'],
    ['a plain word', `RINGTONIC_PLAN=agency`, null, '.env'],
    ['a placeholder', `RINGTONIC_API_KEY=your-ringtonic-api-key`, null, '.env'],
    ['a redacted value', `RINGTONIC_API_KEY=redacted-1234abcd5678`, null, '.env'],
    ['a hash', `RINGTONIC_KEY_SHA256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08`, null, '.env'],
    ['a Bearer token with no provider host near', `fetch("https://api.github.com/user", { headers: { Authorization: "Bearer ${TONIC}" } })`, null],
    ['a Bearer template', `fetch("https://ringtonic.app/api/v1/x", { headers: { Authorization: \`Bearer \${token}\` } })`, null],
    ['a Bearer concatenation', `headers = {"Authorization": "Bearer " + key}  # https://ringtonic.app`, null],
    ['a Bearer word in prose', `Send the key as a Bearer token to https://ringtonic.app.`, null],
  ]));

  describe('Bearer tokens sent to Ringyo hosts', () => table([
    ['an unknown-format token to api.ringyo.ai', `curl https://api.ringyo.ai/v1/agents -H "Authorization: Bearer sk9Xf2LqP7vB4nM1zR8tW3yK"`, 'ringyo-bearer-token'],
    ['an rg_ key is reported once, by the prefix rule', `curl https://api.ringyo.ai/v1/agents -H "Authorization: Bearer ${LIVE}"`, 'ringyo-live-key'],
    ['a Ringg host with the old docs Bearer placeholder', `curl https://prod-api.ringg.ai/x -H "Authorization: Bearer your_token_here"`, null],
    ['a Bearer token near a Ringg host only', `curl https://prod-api.ringg.ai/x -H "Authorization: Bearer sk9Xf2LqP7vB4nM1zR8tW3yK"`, null],
  ]));
});

describe('scanner: positions, suppressions, baseline, own keys', () => {
  it('reports 0-based line and column of the key itself, masked', () => {
    const text = `line one\n  headers = {"X-API-KEY": "${UUID}"}\n`;
    const [f] = scanText(text).findings;
    assert.ok(f);
    assert.strictEqual(f.line, 1);
    assert.strictEqual(f.column, text.split('\n')[1].indexOf(UUID));
    assert.strictEqual(text.slice(f.start, f.end), UUID);
    assert.strictEqual(f.masked, '…e5f6');
    assert.strictEqual(f.severity, 'error');
    assert.ok(!JSON.stringify(f).includes(UUID.slice(0, 20)), 'a finding never holds the key');
  });

  it('counts columns in UTF-16 code units after CRLF and non-ASCII text', () => {
    const text = `é\r\n// 🔑 x\r\nk = "${LIVE}"\r\n`;
    const [f] = scanText(text).findings;
    assert.strictEqual(f?.line, 2);
    assert.strictEqual(f?.column, 5);
  });

  // every marker the module knows: a marker added there that the line's first check (MARKER_WORDS) misses fails here
  for (const m of [IGNORE_MARKER, ...FOREIGN_MARKERS]) {
    it(`honours "${m}" on the line and on the line above`, () => {
      assert.deepStrictEqual(rules(`k = "${LIVE}"  # ${m}`), []);
      assert.deepStrictEqual(rules(`# ${m}\nk = "${LIVE}"`), []);
      assert.strictEqual(scanText(`# ${m}\nk = "${LIVE}"`).ignored, 1);
    });
  }

  it('with a key on every line, a marker silences its own line and the next, wherever the marked lines run', () => {
    // each line is read once: what a line said of itself is what the next line asks of the line above
    const marked = [false, true, true, true, false, false, true, false, false, false, true];
    const text = marked.map((m, i) => `k${i} = "${LIVE}"${m ? `  # ${IGNORE_MARKER}` : ''}`).join('\n');
    const lines = scanText(text).findings.map(f => f.line);
    assert.deepStrictEqual(lines, marked.flatMap((m, i) => (m || marked[i - 1] ? [] : [i])));
    assert.deepStrictEqual(lines, [0, 5, 8, 9]);
  });

  it('an ignore marker two lines above does not silence', () => {
    assert.deepStrictEqual(rules(`// ring-keys-ignore\n\nk = "${LIVE}"`), ['ringyo-live-key']);
  });

  it('a baseline accepts a finding by rule and value, wherever the line moves', () => {
    const first = scanText(`a\nk = "${LIVE}"`).findings[0];
    assert.strictEqual(first.fingerprint, findingFingerprint('ringyo-live-key', LIVE));
    const file = parseBaseline(withEntries(undefined, [{ rule: first.rule, fingerprint: first.fingerprint, masked: first.masked, path: 'a.ts' }]));
    const moved = scanText(`x\ny\nz\nother = "${LIVE}"\nk2 = "${TEST}"`, { baseline: baselineSet(file) });
    assert.deepStrictEqual(moved.findings.map(f => f.rule), ['ringyo-test-key']);
    assert.strictEqual(moved.baselined, 1);
    assert.ok(!withEntries(file, []).includes(LIVE), 'the baseline file holds no key');
  });

  it('rejects a malformed baseline with a reason', () => {
    assert.throws(() => parseBaseline('{'), /not JSON/);
    assert.throws(() => parseBaseline('{"entries": []}'), /version/);
  });

  it('own keys are errors anywhere, whatever the context, and win over other rules', () => {
    const print = ownKeyPrint('Production', 'ringg', UUID)!;
    const tonic = ownKeyPrint('Agency', 'ringtonic', TONIC)!;
    const text = `agent_id = "${UUID}"\nnotes: ${TONIC}\nX-API-KEY: ${UUID}\n`;
    const r = scanText(text, { ownKeys: [print, tonic] });
    assert.deepStrictEqual(r.findings.map(f => [f.rule, f.line, f.ownKeyName, f.provider]), [
      ['own-key', 0, 'Production', 'ringg'], ['own-key', 1, 'Agency', 'ringtonic'], ['own-key', 2, 'Production', 'ringg'],
    ]);
    assert.ok(!JSON.stringify(print).includes(UUID.slice(0, 30)), 'a print keeps no more than the masked tail');
    assert.strictEqual(print.fingerprint, keyFingerprint(UUID));
  });

  it('own keys match whole tokens only', () => {
    const print = ownKeyPrint('Production', 'ringtonic', TONIC)!;
    assert.deepStrictEqual(rules(`x${TONIC}`, undefined, { ownKeys: [print] }), []);
    assert.deepStrictEqual(rules(`${TONIC}9`, undefined, { ownKeys: [print] }), []);
  });

  it('stops at maxFindings and says so', () => {
    const r = scanText(Array.from({ length: 5 }, (_, i) => `k${i} = "${LIVE}"`).join('\n'), { maxFindings: 3 });
    assert.strictEqual(r.findings.length, 3);
    assert.strictEqual(r.truncated, true);
  });

  it('skips binary buffers (a NUL in the first 8 KiB)', () => {
    const buf = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00]), Buffer.from(`k = "${LIVE}"`)]);
    const r = scanBuffer(buf);
    assert.strictEqual(r.binary, true);
    assert.strictEqual(r.findings.length, 0);
  });

  it('caps a large buffer and keeps what it found before the cap', () => {
    const head = `k = "${LIVE}"\n`;
    const buf = Buffer.from(head + 'x'.repeat(4096) + `\nk2 = "${TEST}"\n`);
    const r = scanBuffer(buf, { maxBytes: 2048 });
    assert.strictEqual(r.capped, true);
    assert.strictEqual(r.scannedBytes, 2048);
    assert.deepStrictEqual(r.findings.map(f => f.rule), ['ringyo-live-key']);
  });

  it('finishes on hostile single lines and still finds the key at their end', () => {
    const hostile = [
      '-'.repeat(1 << 20),
      'aaaaaaaa-aaaa-aaaa-aaaa-'.repeat(40_000),
      'rg_live_'.repeat(100_000),
      'rg_live_' + 'A'.repeat(1 << 20),
      'Bearer '.repeat(100_000),
      `x-api-key: ${UUID.slice(0, 35)} `.repeat(20_000),
      'api_key = "'.repeat(60_000),
      'ringtonic_key='.repeat(60_000),
    ];
    for (const h of hostile) {
      const r = scanText(`${h} X-API-KEY: ${UUID2}`);
      assert.deepStrictEqual(r.findings.map(f => f.rule), ['ringg-api-key'], h.slice(0, 30));
    }
  });
});

describe('key-name classification', () => {
  const cases: Array<[string, string]> = [
    ['X-API-KEY', 'key'], ['apiKey', 'key'], ['RINGG_API_KEY', 'key'], ['x_api_key', 'key'], ['APIKey', 'key'],
    ['AUTH_TOKEN', 'key'], ['secret', 'key'], ['client_secret', 'key'], ['token', 'key'],
    ['id', 'id'], ['agent_id', 'id'], ['agentId', 'id'], ['callIds', 'id'], ['ProjectGuid', 'id'], ['campaign_uuid', 'id'],
    ['key', 'other'], ['idempotency_key', 'other'], ['Idempotency-Key', 'other'], ['cacheKey', 'other'], ['publicKey', 'other'],
    ['next_token', 'other'], ['api_key_hash', 'other'], ['name', 'other'], ['url', 'other'],
  ];
  for (const [name, kind] of cases) {
    it(`${name} → ${kind}`, () => assert.strictEqual(classifyName(normalizeName(name)), kind));
  }
});
