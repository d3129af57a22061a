// Names from outside in text output: a file name, a commit subject or author, a server's workspace name must
// print as text, never act on the terminal or a CI log (retitle it, erase a line, print a fake line of its own).
// Text output quotes them as git's core.quotePath does; JSON and SARIF keep them exact.
import * as assert from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/types';
import { unquotePath } from '../../src/core/git/patch';
import { githubAnnotations, pushAdvice, textReport } from '../../src/core/git/report';
import type { KeyReport } from '../../src/core/git/history';
import { escapeControls, quoteName } from '../../src/core/terminalText';
import { SandboxServer } from '../../src/sandbox/server';
import { CLI, gitEnv, Repo, ROOT } from './gitRepo';
import { tmpTree } from './support';

const LIVE = 'rg_live_Q7mZ2xK9pL4vN8wR3tY6';
/** A file name that retitles the terminal (OSC), erases the line (CSI 2K), returns the cursor, starts a fake
 * summary line, and hides behind a C1 CSI and a right-to-left override. */
const HOSTILE = 'evil\x1b]0;pwned\x07\x1b[2K\r\nNo keys found in 0 file(s)\n\u009b31m\u202etxt.env';
const HOSTILE_QUOTED = '"evil\\033]0;pwned\\a\\033[2K\\r\\nNo keys found in 0 file(s)\\n\\302\\23331m\\342\\200\\256txt.env"';
const onWindows = process.platform === 'win32';   // such names cannot exist there

/** Every character a terminal would act on, except the line ends the output is made of. */
function controls(text: string): string[] {
  const bad: string[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 10) || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      bad.push(`U+${c.toString(16).padStart(4, '0')}`);
    }
  }
  return bad;
}

function assertPlainText(text: string, what: string): void {
  assert.deepStrictEqual(controls(text), [], `${what} holds control characters:\n${JSON.stringify(text)}`);
  assert.ok(!/^No keys found/m.test(text), `${what} starts a line of the file name's own:\n${text}`);
}

async function cli(args: string[], cwd: string, opts: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<{ code: number; out: string; err: string }> {
  let out = ''; let err = '';
  const io: CliIo = { stdout: s => { out += s; }, stderr: s => { err += s; }, env: opts.env ?? gitEnv(), stdin: async () => opts.stdin ?? '', cwd, onSignal: () => undefined };
  const code = await main(args, io);
  return { code, out, err };
}

describe('text output: quoteName and escapeControls', () => {
  it('leave plain names alone, non-ASCII letters and spaces included', () => {
    for (const name of ['src/client.ts', 'src/with space.py', 'café/naïve.ts', '日本/設定.env', 'a\u00a0b (copy).txt', "it's.md"]) {
      assert.strictEqual(quoteName(name), name);
      assert.strictEqual(escapeControls(name), name);
    }
  });

  it('quote a name with a control character the way git does: C escapes, octal bytes, quotes around it', () => {
    assert.strictEqual(quoteName(HOSTILE), HOSTILE_QUOTED);
    assert.strictEqual(quoteName('a\tb'), '"a\\tb"');
    assert.strictEqual(quoteName('del\x7f'), '"del\\177"');
    assert.strictEqual(quoteName('nul\x00\x01'), '"nul\\000\\001"');
    assert.strictEqual(quoteName('\u2066isolate\u2069'), '"\\342\\201\\246isolate\\342\\201\\251"');
    // `"` and `\` alone make a name quoted too, so that a quoted name always reads back as one
    assert.strictEqual(quoteName('say "hi"'), '"say \\"hi\\""');
    assert.strictEqual(quoteName('back\\slash'), '"back\\\\slash"');
  });

  it('escapeControls escapes the same characters in free text, adding no quotes', () => {
    assert.strictEqual(escapeControls('Ringg key (assigned to "x\x1b[2K")'), 'Ringg key (assigned to "x\\033[2K")');
    assert.strictEqual(escapeControls('a\\b\n\u009b'), 'a\\b\\n\\302\\233');
  });

  it('git reads a quoted name back exactly (unquotePath), for any mix of characters', () => {
    const alphabet = ['a', 'Z', '/', ' ', '"', '\\', '\x00', '\x07', '\b', '\t', '\n', '\v', '\f', '\r', '\x1b', '\x7f', '\u0080', '\u009b', '\u009f', 'é', '日', '\u202a', '\u202e', '\u2066', '\u2069', '😀'];
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    for (let i = 0; i < 500; i++) {
      let s = '';
      for (let k = 1 + rnd(12); k > 0; k--) { s += alphabet[rnd(alphabet.length)]; }
      const q = quoteName(s);
      assert.deepStrictEqual(controls(q), [], JSON.stringify(q));
      assert.strictEqual(unquotePath(q), s, JSON.stringify(s));
    }
  });

  (onWindows ? it.skip : it)('writes a name exactly as git with core.quotePath does (C0, DEL, C1 and bidi in the name)', () => {
    const names = ['tab\there', 'esc\x1b[2Kx', 'new\nline', 'q"uote', 'back\\slash', 'del\x7f', 'c1\u009bx', 'bidi\u202ex', 'plain.txt'];
    const dir = tmpTree(Object.fromEntries(names.map(n => [n, 'x\n'])));
    execFileSync('git', ['init', '-q'], { cwd: dir, env: gitEnv() });
    execFileSync('git', ['add', '.'], { cwd: dir, env: gitEnv() });
    // quotePath on: git writes every byte above 0x7f as octal, so names with no other non-ASCII compare exactly
    const listed = execFileSync('git', ['-c', 'core.quotePath=true', 'ls-files'], { cwd: dir, env: gitEnv(), encoding: 'utf8' }).split('\n').filter(Boolean);
    assert.deepStrictEqual(listed.sort(), names.map(quoteName).sort());
  });
});

(onWindows ? describe.skip : describe)('text output escapes the control characters of names from outside', function () {
  this.timeout(60000);

  it('ring-keys scan <folder>: the hostile name is quoted in text, exact in JSON', async () => {
    const dir = tmpTree({ [HOSTILE]: `RINGYO_API_KEY=${LIVE}\n`, 'clean.md': 'nothing\n' });
    const text = await cli(['scan', path.basename(dir)], path.dirname(dir));
    assert.strictEqual(text.code, 1, text.err);
    assertPlainText(text.out + text.err, 'scan text output');
    assert.ok(text.out.startsWith(`"${path.basename(dir)}/${HOSTILE_QUOTED.slice(1)}:1:16: error [ringyo-live-key]`), text.out);
    const json = await cli(['scan', '--format', 'json', '.'], dir);
    assert.deepStrictEqual((JSON.parse(json.out) as { findings: Array<{ path: string }> }).findings.map(f => f.path), [HOSTILE]);
    const sarif = await cli(['scan', '--format', 'sarif', '.'], dir);
    const uri = (JSON.parse(sarif.out) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> })
      .runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    assert.strictEqual(decodeURIComponent(uri), HOSTILE);
  });

  it('ring-keys scan --git: the name, a hostile subject and author; text quoted, JSON exact, annotations plain', async () => {
    const repo = Repo.init();
    repo.commit('base', { 'README.md': '# demo\n' });
    repo.write(HOSTILE, `RINGYO_API_KEY=${LIVE}\n`);
    repo.git('add', '-A');
    repo.git('commit', '-q', '--no-verify', '--author', 'Evil\x1b[2K\x1b]0;pwned\x07 <evil@example.com>', '-m', 'subject \x1b]0;pwned\x07\x1b[2K\rNo keys found\n\nbody \u009b2J');
    const text = await cli(['scan', '--git', '--annotate'], repo.dir);
    assert.strictEqual(text.code, 1, text.err);
    assertPlainText(text.out + text.err, 'scan --git output');
    assert.ok(text.out.startsWith(`${HOSTILE_QUOTED}:1:16: error [ringyo-live-key]`), text.out);
    assert.match(text.out, /^::error file="evil\\033\]0;pwned\\a\\033\[2K\\r\\nNo keys found in 0 file\(s\)\\n\\302\\23331m\\342\\200\\256txt\.env",line=1/m);
    const json = await cli(['scan', '--git', '--format', 'json'], repo.dir);
    assert.deepStrictEqual((JSON.parse(json.out) as { findings: Array<{ path: string }> }).findings.map(f => f.path), [HOSTILE]);
  });

  it('the GitHub Action\'s script: its log shows the name quoted, the SARIF names it exactly', () => {
    const repo = Repo.init();
    repo.commit('add', { [HOSTILE]: `RINGYO_API_KEY=${LIVE}\n` });
    const sarif = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-action-')), 'out.sarif');
    const r = spawnSync('bash', [path.join(ROOT, 'action', 'scan.sh')], {
      cwd: repo.dir, encoding: 'utf8', env: { ...gitEnv(), RING_KEYS_CLI: CLI, RING_KEYS_NODE: process.execPath, RING_KEYS_SARIF: sarif },
    });
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assertPlainText(r.stdout + r.stderr, 'the Action\'s log');
    assert.match(r.stdout, /^::error file="evil\\033/m);
    const uri = (JSON.parse(fs.readFileSync(sarif, 'utf8')) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> })
      .runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    assert.strictEqual(decodeURIComponent(uri), HOSTILE);
  });

  it('ring-keys scan --staged and --pre-push: the reports and the push advice print the name quoted', async () => {
    const remote = Repo.init({ bare: true });
    const repo = Repo.clone(remote.dir);
    repo.commit('base', { 'README.md': '# demo\n' });
    repo.git('push', '-q', 'origin', 'main');
    repo.write(HOSTILE, `RINGYO_API_KEY=${LIVE}\n`);
    repo.git('add', '-A');
    const staged = await cli(['scan', '--staged'], repo.dir);
    assert.strictEqual(staged.code, 1, staged.err);
    assertPlainText(staged.out + staged.err, 'scan --staged output');
    assert.ok(staged.out.startsWith(`${HOSTILE_QUOTED}:1:16:`), staged.out);
    const head = repo.commit('add key');
    const pushed = await cli(['scan', '--pre-push', 'origin', remote.dir], repo.dir, { stdin: `refs/heads/main ${head} refs/heads/main ${repo.git('rev-parse', 'origin/main')}\n` });
    assert.strictEqual(pushed.code, 1, pushed.err);
    assertPlainText(pushed.out + pushed.err, 'scan --pre-push output');
    assert.ok(pushed.err.includes(`introduced by commit ${head.slice(0, 12)} in ${HOSTILE_QUOTED}:1`), pushed.err);
  });

  it('the git reports quote every path they print (text, push advice, annotations)', () => {
    const first = { commit: 'a'.repeat(40), time: 1_700_000_000, path: HOSTILE, line: 1, column: 16, endColumn: 44 };
    const key: KeyReport = {
      id: 'k', rule: 'ringyo-live-key', provider: 'ringyo', severity: 'error', confidence: 'high', masked: '…3tY6', fingerprint: 'f'.repeat(32),
      context: 'assigned to "x\x1b[2K"', first, occurrences: [first], commits: 1,
    };
    for (const [what, text] of [['textReport', textReport([key], 'history')], ['pushAdvice', pushAdvice([key], [first.commit])], ['githubAnnotations', githubAnnotations([key], 'history')]]) {
      assertPlainText(text, what);
    }
  });

  it('ring-keys verify: a workspace name from the server prints as text', async () => {
    const sb = await SandboxServer.start();
    try {
      sb.faults = { workspaceName: 'Acme\x1b]0;pwned\x07\x1b[2K\r\nvalid: fake line\u009b2J\u202e' };
      const r = await cli(['verify', '--provider', 'ringg', '--base-url', sb.baseUrls.ringg], os.tmpdir(), { env: { RINGG_API_KEY: sb.ringgKey } });
      assert.strictEqual(r.code, 0, r.err);
      assert.match(r.out, /Acme\\033\]0;pwned\\a\\033\[2K\\r\\nvalid: fake line\\302\\2332J\\342\\200\\256/);
      assertPlainText(r.out + r.err, 'verify output');
      assert.ok(!/^valid: fake/m.test(r.out), r.out);
    } finally {
      await sb.close();
    }
  });
});
