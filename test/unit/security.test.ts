// Security hardening: no piece of a key in any output, against a hostile server that echoes the key back
// in every disguise, for all three providers; rotation answers of any shape; the sandbox's Host/Origin
// checks; the CLI never echoing a key given as an argument.
import * as assert from 'node:assert';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/types';
import { HttpClient } from '../../src/core/http/client';
import { REDACTED, Redactor, scrubKey } from '../../src/core/http/redact';
import type { Logger } from '../../src/core/log';
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '../../src/core/providers/catalog';
import { newKeyCandidates, ProviderClients } from '../../src/core/providers/clients';
import { rotateRingg } from '../../src/core/rotation';
import { KeyVault } from '../../src/core/vault';
import { SANDBOX_CAMPAIGN_ID, type SandboxFaults, SandboxServer } from '../../src/sandbox/server';
import { leaks } from './leaks';
import { memorySecrets, memoryState } from './support';

function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const w = (m: string) => { lines.push(m); };
  return { lines, trace: w, debug: w, info: w, warn: w, error: w };
}

function cliIo(env: Record<string, string> = {}): CliIo & { out: string; err: string } {
  const r = {
    out: '', err: '', env, cwd: process.cwd(),
    stdout(s: string) { r.out += s; }, stderr(s: string) { r.err += s; },
    stdin: async () => '', onSignal() { /* not used */ },
  };
  return r;
}

const LEAKS: ReadonlyArray<NonNullable<SandboxFaults['leak']>> = ['preview', 'case', 'urlencoded', 'host', 'name'];

describe('security: redaction', () => {
  describe('the redaction function', () => {
    const key = '7251cb4b-3373-43a4-844c-b27a1d45e0c9';
    const ringyo = 'rg_live_Ab12Cd34Ef56Gh78Ij90Kl12';
    const r = new Redactor();
    r.add(key);
    r.add(ringyo);

    it('removes the key exactly, in any letter case, %-encoded (also twice) and \\u-escaped', () => {
      const enc = [...key].map(c => '%' + c.charCodeAt(0).toString(16)).join('');
      const forms = [key, key.toUpperCase(), ringyo.toLowerCase(), ringyo.toUpperCase(), enc, enc.replace(/%/g, '%25'),
        [...ringyo].map(c => '\\u00' + c.charCodeAt(0).toString(16)).join(''), encodeURIComponent(ringyo)];
      for (const f of forms) {
        const out = r.text(`before ${f} after`);
        assert.strictEqual(out, `before ${REDACTED} after`, f);
      }
    });

    it('the last-check fallback (scrubKey) removes every verbatim copy of one key, even one the redactor was never told', () => {
      const unknown = 'rg_test_Zz98Yy76Xx54Ww32Vv10';
      assert.strictEqual(scrubKey(`a ${unknown} b ${unknown}`, unknown), `a ${REDACTED} b ${REDACTED}`);
      assert.strictEqual(scrubKey(`line ${unknown};`, unknown, '…Vv10'), 'line …Vv10;', 'a list shows the mask instead');
      assert.strictEqual(scrubKey('nothing here', unknown), 'nothing here');
      assert.strictEqual(scrubKey('no key given', undefined), 'no key given');
      assert.strictEqual(scrubKey('empty key', ''), 'empty key', 'an empty key does not split the text between every character');
    });

    it('removes any run of 8+ characters of the key (a truncated copy), but not shorter runs or the public prefix', () => {
      assert.strictEqual(r.text(`cut: ${key.slice(0, 31)}`), `cut: ${REDACTED}`);
      assert.strictEqual(r.text(`tail: ${key.slice(-8)}!`), `tail: ${REDACTED}!`);
      assert.strictEqual(r.text(`host ${ringyo.slice(5, 20).toLowerCase()}.evil.example`), `host ${REDACTED}.evil.example`);
      assert.strictEqual(r.text(`masked …${key.slice(-4)}`), `masked …${key.slice(-4)}`);
      assert.strictEqual(r.text(`seven ${key.slice(0, 7)}`), `seven ${key.slice(0, 7)}`);
      assert.strictEqual(r.text('Ringyo keys start with rg_live_ or rg_test_'), 'Ringyo keys start with rg_live_ or rg_test_');
    });

    it('truncates only after redacting: a preview cut mid-key shows no part of it', () => {
      const body = 'x'.repeat(50) + key + ' trailing';
      const shown = r.truncated(body, 80);
      assert.strictEqual(leaks(shown, key), undefined, shown);
      assert.ok(shown.length <= 81);
      // the old order (cut, then redact) would have shown 30 characters of the key
      assert.ok(leaks(new Redactor().text(body.slice(0, 80)), key));
    });

    it('leaves text without a known key alone, and is linear on a large body', () => {
      assert.strictEqual(r.text('nothing to see: 100% of 42'), 'nothing to see: 100% of 42');
      const big = 'a%41\\u0041 '.repeat(200_000) + key;
      const out = r.text(big);
      assert.ok(out.endsWith(REDACTED));
      assert.strictEqual(out.length, big.length - key.length + REDACTED.length);
    });
  });

  describe('a hostile server echoing the key, for every provider and every disguise', () => {
    let sb: SandboxServer;
    before(async () => { sb = await SandboxServer.start(); });
    after(() => sb.close());
    beforeEach(() => sb.reset());

    const keyOf = (p: ProviderId) => p === 'ringg' ? sb.keys.ringg : p === 'ringyo' ? sb.keys.ringyoLive : sb.keys.ringtonic;

    for (const provider of PROVIDER_IDS) {
      for (const leak of LEAKS) {
        it(`${provider}, ${leak}: \`verify --json --verbose\` prints no run of the key on stdout or stderr`, async () => {
          sb.faults = { leak };
          const key = keyOf(provider);
          const h = cliIo({ [PROVIDERS[provider].envVar]: key });
          const code = await main(['verify', '--provider', provider, '--base-url', sb.baseUrls[provider], '--json', '--verbose',
            ...(provider === 'ringtonic' ? ['--campaign', SANDBOX_CAMPAIGN_ID] : []), '--timeout', '5'], h);
          assert.ok(code === 0 || code === 1 || code === 3, `exit ${code}: ${h.err}`);
          assert.ok(h.out.trim().startsWith('{'), h.out);
          assert.strictEqual(leaks(h.out, key), undefined, `stdout: ${h.out}`);
          assert.strictEqual(leaks(h.err, key), undefined, `stderr: ${h.err}`);
          // the hostile answer was really seen (a request was made, the log says so)
          assert.match(h.err, /\[debug\] \[http\] →/);
        });

        it(`${provider}, ${leak}: errors, log lines and persisted profile metadata hold no run of the key`, async () => {
          sb.faults = { leak };
          const key = keyOf(provider);
          const log = recorder();
          const redactor = new Redactor();
          const global = memoryState();
          const vault = new KeyVault(memorySecrets(), global, memoryState(), () => 1, redactor);
          const clients = new ProviderClients({ http: new HttpClient({ logger: log, redactor, limits: { baseDelayMs: 1, maxDelayMs: 2 } }), baseUrl: p => sb.baseUrls[p] });
          const profile = await vault.add({ provider, name: 'Hostile', key, campaignId: provider === 'ringtonic' ? SANDBOX_CAMPAIGN_ID : undefined });
          const outcome = await clients.verify(provider, await vault.getKey(profile.id), { campaignId: profile.campaignId });
          await vault.recordVerification(profile.id, outcome);
          const persisted = JSON.stringify([...global.data.entries()]);
          assert.strictEqual(leaks(persisted, key), undefined, persisted);
          assert.strictEqual(leaks(JSON.stringify(outcome, (_k, v: unknown) => v instanceof Error ? { message: v.message } : v), key), undefined);
          assert.strictEqual(leaks(log.lines.join('\n'), key), undefined, log.lines.join('\n'));
          assert.ok(vault.get(profile.id)?.lastOutcome, 'the outcome was recorded');
        });
      }
    }
  });
});

describe('security: rotation answers of any shape', () => {
  let sb: SandboxServer;
  before(async () => { sb = await SandboxServer.start(); });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  for (const shape of ['single-quotes', 'form', 'non-uuid', 'text', 'nested'] as const) {
    it(`${shape}: the new key is stored, works, and no log line or message carries it`, async () => {
      sb.faults = { rotationShape: shape };
      const log = recorder();
      const redactor = new Redactor();
      const vault = new KeyVault(memorySecrets(), memoryState(), memoryState(), () => 1, redactor);
      const clients = new ProviderClients({ http: new HttpClient({ logger: log, redactor }), baseUrl: p => sb.baseUrls[p] });
      const profile = await vault.add({ provider: 'ringg', name: 'R', key: sb.keys.ringg });
      const result = await rotateRingg({ clients, vault, state: memoryState() }, profile.id);
      assert.strictEqual(result.kind, 'rotated', JSON.stringify(result, (_k, v: unknown) => v instanceof Error ? v.message : v));
      const newKey = sb.ringgKey;
      assert.strictEqual(await vault.getKey(profile.id), newKey);
      assert.strictEqual(result.kind === 'rotated' && result.verification.state, 'valid');
      assert.strictEqual(leaks(log.lines.join('\n'), newKey), undefined, log.lines.join('\n'));
    });
  }

  it('an answer with no readable key: "lost", and neither the error nor the log carries the body', async () => {
    const log = recorder();
    const redactor = new Redactor();
    const vault = new KeyVault(memorySecrets(), memoryState(), memoryState(), () => 1, redactor);
    const body = 'Your new key is below:\n\n  <b>SECRET</b> Zm9vYmFyYmF6cXV4';   // unreadable: no field, no bare key
    const { MockAgent } = await import('undici');
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get('https://prod-api.ringg.ai');
    pool.intercept({ path: '/ca/api/v0/workspace/api-key', method: 'PATCH' }).reply(200, body, { headers: { 'content-type': 'text/html' } });
    pool.intercept({ path: '/ca/api/v0/workspace', method: 'GET' }).reply(401, { detail: 'Invalid key' });
    const clients = new ProviderClients({ http: new HttpClient({ logger: log, redactor, dispatcher: agent }) });
    const profile = await vault.add({ provider: 'ringg', name: 'R', key: '7251cb4b-3373-43a4-844c-b27a1d45e0c9' });
    const result = await rotateRingg({ clients, vault, state: memoryState() }, profile.id);
    assert.strictEqual(result.kind, 'lost');
    const msg = (result as { error: Error }).error.message;
    assert.doesNotMatch(msg, /Zm9v|SECRET|new key is below/);
    assert.doesNotMatch(log.lines.join('\n'), /Zm9v|SECRET/);
  });

  it('reads every documented and undocumented shape, never the old key', () => {
    const old = '11111111-2222-4333-8444-555555555555';
    const next = '7251cb4b-3373-43a4-844c-b27a1d45e0c9';
    assert.deepStrictEqual(newKeyCandidates(JSON.stringify({ new_api_key: next }), old), [next]);
    assert.deepStrictEqual(newKeyCandidates(`{'new_api_key': '${next}'}`, old), [next]);
    assert.deepStrictEqual(newKeyCandidates(`new_api_key=${next}&x=1`, old), [next]);
    assert.deepStrictEqual(newKeyCandidates(`"${next}"`, old), [next]);
    assert.deepStrictEqual(newKeyCandidates(`New API key: ${next}`, old), [next]);
    assert.deepStrictEqual(newKeyCandidates(JSON.stringify({ NEW_API_KEY: next, api_key: old }), old), [next]);
    assert.deepStrictEqual(newKeyCandidates(JSON.stringify({ ok: true }), old), []);
    assert.deepStrictEqual(newKeyCandidates(old, old), []);
  });
});

describe('security: the sandbox refuses foreign Host and any Origin on control requests', () => {
  let sb: SandboxServer;
  before(async () => { sb = await SandboxServer.start(); });
  after(() => sb.close());

  const raw = async (path: string, headers: Record<string, string>, method = 'GET', body?: string) => {
    const http = await import('node:http');
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: sb.port, path, method, headers }, res => {
        let b = '';
        res.on('data', c => { b += String(c); });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
      });
      req.on('error', reject);
      req.end(body);
    });
  };

  it('GET /__sandbox/state with a DNS-rebound Host: 403, no keys in the answer', async () => {
    const r = await raw('/__sandbox/state', { host: `attacker.example:${sb.port}` });
    assert.strictEqual(r.status, 403);
    assert.ok(!r.body.includes(sb.keys.ringg));
    const api = await raw('/ca/api/v0/workspace', { host: `rebind.example:${sb.port}`, 'x-api-key': sb.keys.ringg });
    assert.strictEqual(api.status, 403);
  });

  it('POST /__sandbox/faults with a foreign Origin (or any Origin): 403, faults unchanged', async () => {
    for (const origin of ['https://evil.example', 'null', sb.origin]) {
      const r = await raw('/__sandbox/faults', { host: `127.0.0.1:${sb.port}`, origin, 'content-type': 'text/plain' }, 'POST', '{"failNext": 5}');
      assert.strictEqual(r.status, 403, origin);
    }
    assert.deepStrictEqual(sb.faults, {});
  });

  it('still answers the tests, the demo and curl: 127.0.0.1, localhost, no Origin', async () => {
    assert.strictEqual((await raw('/__sandbox/state', { host: `127.0.0.1:${sb.port}` })).status, 200);
    assert.strictEqual((await raw('/__sandbox/state', { host: `localhost:${sb.port}` })).status, 200);
    assert.strictEqual((await fetch(`${sb.origin}/__sandbox/state`)).status, 200);
    const api = await raw('/ca/api/v0/workspace', { host: `localhost:${sb.port}`, 'x-api-key': sb.keys.ringg });
    assert.strictEqual(api.status, 200);
  });
});

describe('security: the CLI never echoes an argument that looks like a key', () => {
  const uuid = '7251cb4b-3373-43a4-844c-b27a1d45e0c9';
  const cases: string[][] = [
    ['verify', '--provider', 'ringg', uuid],
    ['verify', '--provider', 'ringyo', 'rg_live_Ab12Cd34Ef56Gh78Ij90Kl12'],
    ['verify', `--key=${uuid}`],
    [uuid],
    ['scan', '--format', uuid],
    ['scan', uuid],
    ['sandbox', '--nope', 'rt_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0Ed'],
  ];
  for (const args of cases) {
    it(`ring-keys ${args.join(' ').replace(uuid, '<uuid>')}`, async () => {
      const h = cliIo({});
      let thrown = '';
      try { await main(args, h); } catch (err) { thrown = (err as Error).message; }
      const key = args.find(a => /[0-9a-f]{8}-|_live_|^rt_|--key=/.test(a))!.replace('--key=', '');
      const all = h.out + h.err + thrown;
      assert.ok(all.length > 0, 'something was said');
      assert.strictEqual(leaks(all, key), undefined, all);
    });
  }
});

describe('security: paths from settings and file names stay in their folder', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require('node:path') as typeof import('node:path');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const os = require('node:os') as typeof import('node:os');
  let root = '';
  let folder = '';
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-confine-'));
    folder = path.join(root, 'repo');
    fs.mkdirSync(path.join(folder, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(root, 'outside.json'), '{}');
    fs.symlinkSync(path.join(root, 'outside.json'), path.join(folder, 'link.json'));
    fs.symlinkSync(root, path.join(folder, 'up'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('accepts plain relative paths (existing or not), as their real path inside the folder', async () => {
    const { confineToFolder } = await import('../../src/core/paths');
    for (const rel of ['.ring-keys-baseline.json', 'sub/baseline.json', 'sub/../b.json', 'new/dir/b.json']) {
      const r = confineToFolder(folder, rel);
      assert.ok(r.ok, rel);
      assert.ok(r.ok && r.path.startsWith(fs.realpathSync(folder) + path.sep), rel);
    }
  });

  it('refuses `..`, absolute paths and symlinks that lead out, saying why', async () => {
    const { confineToFolder } = await import('../../src/core/paths');
    const cases: Array<[string, RegExp]> = [
      ['../../.bash_profile', /leads out of the folder/], ['sub/../../x.json', /leads out/],
      [path.join(root, 'outside.json'), /absolute/], ['/etc/passwd', /absolute/], ['C:\\Users\\x', /absolute/],
      ['link.json', /symbolic link/], ['up/outside.json', /symbolic link/], ['up/new.json', /symbolic link/], ['', /empty/],
    ];
    for (const [rel, why] of cases) {
      const r = confineToFolder(folder, rel, 'The baseline');
      assert.ok(!r.ok, rel);
      assert.match(!r.ok ? r.reason : '', why, rel);
    }
  });

  it('`ring-keys scan` refuses a default baseline that is a symlink out of the folder, and reads nothing there', async () => {
    fs.writeFileSync(path.join(root, 'secret.txt'), 'export TOKEN=abc');
    const repo = path.join(root, 'scanrepo');
    fs.mkdirSync(repo);
    fs.symlinkSync(path.join(root, 'secret.txt'), path.join(repo, '.ring-keys-baseline.json'));
    const h = cliIo();
    (h as { cwd: string }).cwd = repo;
    const code = await main(['scan', '.'], h);
    assert.strictEqual(code, 2);
    assert.match(h.err, /symbolic link/);
    assert.doesNotMatch(h.err, /TOKEN|export/);
  });

  it('a baseline that is not JSON is reported without quoting its content', async () => {
    const { parseBaseline } = await import('../../src/core/scanner/baseline');
    assert.throws(() => parseBaseline('export AWS_SECRET=abc'), (e: Error) => /not JSON/.test(e.message) && !/AWS|export/.test(e.message));
  });
});

describe('security: Markdown from outside text', () => {
  it('renders as the text itself: no link, image, emphasis, autolink, command URI or icon', async () => {
    const { markdownText, iconSafe } = await import('../../src/vscode/ui/markdown');
    const hostile = '[Click](command:ringKeys.removeKey?%5B%22x%22%5D) ![i](https://evil.example/x.png) **bold** <b>x</b> https://evil.example www.evil.example $(zap)\nline';
    const md = markdownText(hostile);
    assert.doesNotMatch(md, /[[\]()<>*!:$]/, md);
    // decoding the references gives back the text (line break as a space)
    assert.strictEqual(md.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))), hostile.replace('\n', ' '));
    assert.strictEqual(iconSafe('$(zap) name'), '\\$(zap) name');
  });
});

describe('security: ignore markers on long lines cost once per line, and mean what they meant', () => {
  it('a marker within reach of a key on a minified line silences it; one farther away does not; one ending the line does', async () => {
    const { scanText } = await import('../../src/core/scanner/scanner');
    const key = 'rg_live_Ab12Cd34Ef56Gh78Ij90Kl12';
    const filler = 'a=1;b=c(d,e)-f;'.repeat(6_000);   // 90 KB: a long line
    const near = scanText(`${filler}k="${key}"; // ring-keys-ignore\n${filler}`, {});
    assert.strictEqual(near.findings.length, 0);
    assert.strictEqual(near.ignored, 1);
    const far = scanText(`/* ring-keys-ignore */${filler}k="${key}";${filler}`, {});
    assert.strictEqual(far.findings.length, 1);
    const end = scanText(`${filler}k="${key}";${filler} // gitleaks:allow`, {});
    assert.strictEqual(end.findings.length, 0);
    const prev = scanText(`// ${'x'.repeat(70_000)} ring-keys-ignore\n${filler}k="${key}";${filler}`, {});
    assert.strictEqual(prev.findings.length, 0);
  });
});

describe('security: a .gitignore that is a symbolic link is not followed', () => {
  it('its target (outside the folder) is not read as ignore rules', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { GitIgnoreFilter } = await import('../../src/core/scanner/walk');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-gitignore-'));
    try {
      fs.writeFileSync(path.join(root, 'outside-rules'), '*\n');
      fs.mkdirSync(path.join(root, 'repo'));
      fs.symlinkSync(path.join(root, 'outside-rules'), path.join(root, 'repo', '.gitignore'));
      assert.strictEqual(new GitIgnoreFilter(path.join(root, 'repo')).isIgnored('app.ts'), false);
      fs.rmSync(path.join(root, 'repo', '.gitignore'));
      fs.writeFileSync(path.join(root, 'repo', '.gitignore'), '*\n');
      assert.strictEqual(new GitIgnoreFilter(path.join(root, 'repo')).isIgnored('app.ts'), true, 'a real .gitignore is read');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
