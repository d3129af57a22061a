// Attribution before confidence: a UUID credential visibly bound to another vendor (its name, its SDK on the
// line or in the statement, its API host in the same request) is not a Ringg key, whatever the project says;
// a project-wide signal raises only credentials nothing binds. Plus the property that the new attribution never
// lowers a finding tied to Ringg on its own line: a Ringg name, the Ringg SDK or a request to a Ringg host, in
// code and configuration, with other vendors' SDKs, hosts, keys and sections around it and on the same line.
import * as assert from 'node:assert';
import fc from 'fast-check';
import { scanText, type Finding } from '../../src/core/scanner/scanner';
import { isVendorHost, VOICE_VENDORS } from '../../src/core/scanner/vendors';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261206) });

const UUID = '3f6d2c1a-9b7e-4c2d-8e5f-a1b2c3d4e5f6';

/** The Ringg findings of a text, as `confidence` strings, scanned alone and in a project that mentions ringg.ai. */
function verdicts(text: string, fileName = 'a.ts'): { alone: string[]; project: string[] } {
  const pick = (fs: Finding[]) => fs.filter(f => f.rule === 'ringg-api-key').map(f => f.confidence);
  return {
    alone: pick(scanText(text, { fileName }).findings),
    project: pick(scanText(text, { fileName, ringgProject: true }).findings),
  };
}

describe('scanner attribution: other vendors\' UUID credentials', () => {
  const bound: Array<[string, string, string?]> = [
    ['a Vapi name', `VAPI_API_KEY=${UUID}`, '.env'],
    ['a Vapi private key in a .env next to Ringg', `VAPI_PRIVATE_KEY=${UUID}`, '.env'],
    ['Vapi SDK on the line', `const vapi = new VapiClient({ token: "${UUID}" });`],
    ['Vapi SDK in the statement, the key on its own line (TS)', `const vapi = new VapiClient({\n  token: "${UUID}",\n});`],
    ['Vapi SDK in the statement (Python)', `client = Vapi(\n    token="${UUID}",\n)`, 'a.py'],
    ['Vonage SDK in the statement', `const vonage = new Vonage({\n  apiKey: "${UUID}",\n  apiSecret: process.env.SECRET,\n})`, 'a.js'],
    ['Retell SDK on the line', `retell = Retell(api_key="${UUID}")`, 'a.py'],
    ['ElevenLabs SDK in the statement', `client = ElevenLabs(\n  api_key="${UUID}"\n)`, 'a.py'],
    ['Deepgram, Telnyx, LiveKit, Bland, Synthflow names', `DEEPGRAM_API_KEY=${UUID}\nTELNYX_API_KEY=${UUID}\nLIVEKIT_API_KEY=${UUID}\nBLAND_API_KEY=${UUID}\nSYNTHFLOW_API_KEY=${UUID}\nASSEMBLY_AI_KEY=${UUID}`, '.env'],
    ['a generic name sent to api.vapi.ai in the same request (TS)', `const apiKey = "${UUID}";\nawait fetch("https://api.vapi.ai/call", { headers: { Authorization: \`Bearer \${apiKey}\` } });`],
    ['a generic name sent to api.vapi.ai in the same request (Python)', `api_key = "${UUID}"\nrequests.post("https://api.vapi.ai/call", headers={"Authorization": f"Bearer {api_key}"})`, 'a.py'],
    ['an X-API-KEY header to a Bland host', `fetch("https://api.bland.ai/v1/calls", { headers: { "x-api-key": "${UUID}" } })`],
    ['a method named for a secret, called with an id', `client.regenerate_secret("${UUID}")`, 'a.py'],
    ['a verb acting on a token, the id on the next line', `const r = client.rooms.actions.refreshClientToken(\n  '${UUID}',\n);`],
  ];
  for (const [title, text, file] of bound) {
    it(`not a Ringg key, even in a project that mentions ringg.ai: ${title}`, () => {
      assert.deepStrictEqual(verdicts(text, file), { alone: [], project: [] });
    });
  }

  it('a project-wide mention still raises a credential nothing binds', () => {
    assert.deepStrictEqual(verdicts(`api_key = "${UUID}"`, 'a.py'), { alone: ['low'], project: ['high'] });
  });

  it('a Ringg SDK in the statement ties the key on its own line to Ringg', () => {
    assert.deepStrictEqual(verdicts(`client = Ringg(\n    api_key="${UUID}",\n)`, 'a.py'), { alone: ['high'], project: ['high'] });
  });

  it('a Ringg request nearer than another vendor\'s keeps the key Ringg\'s', () => {
    const text = `// calls go to https://api.vapi.ai elsewhere\n${'\n'.repeat(30)}const token = "${UUID}";\nfetch("https://prod-api.ringg.ai/ca/api/v0/agent/all", { headers: { "X-API-KEY": token } });`;
    assert.deepStrictEqual(verdicts(text).alone, ['high']);
  });

  it('setters and constructors still pass the credential itself', () => {
    assert.deepStrictEqual(verdicts(`client.setApiKey("${UUID}")`).alone, ['low']);
  });

  it('every vendor entry has words or hosts and a source; hosts match their subdomains only', () => {
    for (const v of VOICE_VENDORS) {
      assert.ok(v.source.length > 10 && v.words.length + v.hosts.length > 0, v.vendor);
      for (const w of v.words) { assert.match(w, /^[a-z0-9]+$/, v.vendor); }
    }
    assert.ok(isVendorHost('api.vapi.ai') && isVendorHost('eu.api.vapi.ai') && isVendorHost('my-app.livekit.cloud'));
    assert.ok(!isVendorHost('notapi.vapi.ai.example') && !isVendorHost('xapi.vapi.ai') && !isVendorHost('prod-api.ringg.ai'));
  });
});

describe('scanner attribution (property-based): a Ringg tie on the line is never lowered', () => {
  const vendorWord = fc.constantFrom(...VOICE_VENDORS.flatMap(v => v.words.map(w => w[0].toUpperCase() + w.slice(1))));
  const host = fc.constantFrom(...VOICE_VENDORS.flatMap(v => v.hosts));
  const ringgLine = fc.constantFrom(
    `RINGG_API_KEY = "${UUID}"`,
    `ringg = Ringg(api_key="${UUID}")`,
    `const ringgKey = '${UUID}';`,
    `ringg_headers = {"X-API-KEY": "${UUID}"}`,
  );
  const before = fc.array(fc.oneof(
    vendorWord.map(w => `client = ${w}Client(`),
    vendorWord.map(w => `const ${w.toLowerCase()} = new ${w}({`),
    host.map(h => `requests.post("https://${h}/v1/calls", headers=headers)`),
    host.map(h => `fetch("https://${h}/call", {`),
    fc.constant('  token: process.env.TOKEN,'),
  ), { maxLength: 4 });
  const after = fc.array(host.map(h => `await fetch("https://${h}/x")`), { maxLength: 2 });

  it('stays a normal-confidence Ringg finding whatever vendors, SDKs and hosts surround it', () => {
    fc.assert(fc.property(before, ringgLine, after, fc.boolean(), (b, line, a, project) => {
      const text = [...b, line, ...a].join('\n');
      const found = scanText(text, { fileName: 'a.py', ringgProject: project }).findings.filter(f => f.rule === 'ringg-api-key');
      assert.deepStrictEqual(found.map(f => f.confidence), ['high'], text);
    }), { numRuns: 300 });
  });
});

describe('scanner attribution (property-based): every kind of Ringg tie on the line, in every syntax, against every kind of vendor binding', () => {
  const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
  const uuid = fc.tuple(hex(8), hex(4), hex(3), fc.constantFrom('8', '9', 'a', 'b'), hex(3), hex(12))
    .map(([a, b, c, v, d, e]) => `${a}-${b}-4${c}-${v}${d}-${e}`);
  const ringgName = fc.constantFrom('RINGG_API_KEY', 'ringg_api_key', 'ringgKey', 'RinggApiKey', 'ringgApiKey', 'RINGG_TOKEN', 'ringg_secret');
  const vendors = VOICE_VENDORS.filter(v => v.words.length > 0);
  const vendorWord = fc.constantFrom(...vendors.flatMap(v => v.words));
  const cap = (w: string) => w[0].toUpperCase() + w.slice(1);
  /** A line tying the value to Ringg by itself, with the file it is written in; `prefix` is code put before it on the same line. */
  type Tie = { file: string; line: (value: string, prefix: string) => string; code: boolean };
  const ties: Tie[] = [
    { file: 'a.py', code: true, line: (v, p) => `${p}KEY_NAME = "${v}"` },
    { file: 'a.ts', code: true, line: (v, p) => `${p}const KEY_NAME = '${v}';` },
    { file: 'a.go', code: true, line: (v, p) => `${p}KEY_NAME: "${v}",` },
    { file: '.env', code: false, line: v => `KEY_NAME=${v}` },
    { file: 'config.yaml', code: false, line: v => `  KEY_NAME: "${v}"` },
    { file: 'a.json', code: false, line: v => `  "KEY_NAME": "${v}",` },
    { file: 'a.py', code: true, line: (v, p) => `${p}ringg = Ringg(api_key="${v}")` },
    { file: 'a.ts', code: true, line: (v, p) => `${p}const client = new RinggClient({ apiKey: "${v}" });` },
    { file: 'a.py', code: true, line: (v, p) => `${p}requests.get("https://prod-api.ringg.ai/ca/api/v0/agent/all", headers={"X-API-KEY": "${v}"})` },
    { file: 'a.sh', code: true, line: (v, p) => `${p}curl https://prod-api.ringg.ai/ca/api/v0/agent/all -H "X-API-KEY: ${v}"` },
  ];
  const tie = fc.tuple(fc.constantFrom(...ties), ringgName);
  /** Other vendors around it: their SDK opened above, their hosts, their own UUID keys, a section named for them. */
  const context = (file: string) => fc.array(fc.oneof(
    vendorWord.map(w => `client = ${cap(w)}Client(`),
    vendorWord.map(w => `const ${w} = new ${cap(w)}({`),
    fc.constantFrom(...vendors.flatMap(v => v.hosts)).map(h => `fetch("https://${h}/v1/calls", {`),
    fc.tuple(vendorWord, uuid).map(([w, v]) => file === '.env' ? `${w.toUpperCase()}_API_KEY=${v}` : `${w}_api_key = "${v}"`),
    vendorWord.map(w => file === 'config.yaml' || file === 'a.json' ? `${w}:` : `# ${cap(w)} settings`),
  ), { maxLength: 5 });
  const sameLine = fc.option(vendorWord.map(w => `${w}_timeout = 30; `), { nil: '' });
  const trailing = fc.option(vendorWord.map(w => `  # see ${cap(w)}`), { nil: '' });

  it('the Ringg-tied value is found, at high confidence, whatever surrounds it and whether or not the project mentions ringg.ai', () => {
    fc.assert(fc.property(tie, uuid, fc.boolean(), ([t, name], value, project) => {
      fc.assert(fc.property(context(t.file), context(t.file), sameLine, trailing, (before, after, prefix, tail) => {
        const line = t.line(value, t.code ? prefix : '').replace('KEY_NAME', name) + (t.code && t.file !== 'a.sh' && t.file !== 'a.go' ? tail : '');
        const text = [...before, line, ...after].join('\n');
        const at = text.indexOf(value);
        const found = scanText(text, { fileName: t.file, ringgProject: project }).findings.filter(f => f.start === at);
        assert.deepStrictEqual(found.map(f => `${f.rule}/${f.confidence}`), ['ringg-api-key/high'], `${t.file}:\n${text}`);
      }), { numRuns: 15 });
    }), { numRuns: 60 });
  });

  it('adding other vendors\' context never lowers what the line alone says', () => {
    fc.assert(fc.property(tie, uuid, fc.boolean(), ([t, name], value, project) => {
      const line = t.line(value, '').replace('KEY_NAME', name);
      const alone = scanText(line, { fileName: t.file, ringgProject: project }).findings.map(f => `${f.rule}/${f.confidence}`);
      fc.assert(fc.property(context(t.file), context(t.file), (before, after) => {
        const text = [...before, line, ...after].join('\n');
        const at = text.indexOf(value);
        const found = scanText(text, { fileName: t.file, ringgProject: project }).findings.filter(f => f.start === at).map(f => `${f.rule}/${f.confidence}`);
        assert.deepStrictEqual(found, alone, text);
      }), { numRuns: 10 });
    }), { numRuns: 60 });
  });
});
