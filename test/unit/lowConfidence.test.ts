// Low confidence means low (issue 27, item 4): a finding with nothing tying it to its provider is information in
// every output — the editor's severity, JSON `severity`, SARIF `level` — and fails neither `ring-keys scan` nor a
// commit unless asked with `--fail-on low`; a high-confidence finding fails as before.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/types';
import { lowerSetting, lowerSeverity } from '../../src/core/scanner/confidence';
import { gitEnv, Repo } from './gitRepo';
import { tmpTree } from './support';

const LOW = '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
const HIGH = '6f1d3b2a-9c4e-4d7f-8a5b-2e1c0d9f8a7b';

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = ''; let err = '';
  const io: CliIo = { stdout: s => { out += s; }, stderr: s => { err += s; }, env: gitEnv(), stdin: async () => '', cwd, onSignal: () => undefined };
  return { code: await main(args, io), out, err };
}

describe('low confidence means low', () => {
  const lowOnly = tmpTree({ 'voice.py': `api_key = "${LOW}"\n` });
  const both = tmpTree({ 'voice.py': `api_key = "${LOW}"\n`, 'ringg.py': `RINGG_API_KEY = "${HIGH}"\n` });
  after(() => { fs.rmSync(lowOnly, { recursive: true, force: true }); fs.rmSync(both, { recursive: true, force: true }); });

  it('a low-confidence finding is information, whatever the rule\'s severity; off and hint stay as they are', () => {
    assert.deepStrictEqual(['error', 'warning', 'info', 'hint'].map(s => lowerSeverity(s as 'error')), ['info', 'info', 'info', 'hint']);
    assert.deepStrictEqual(['error', 'warning', 'information', 'hint', 'off'].map(lowerSetting), ['information', 'information', 'information', 'hint', 'off']);
  });

  it('ring-keys scan lists it as info and exits 0 when it is the only finding', async () => {
    const r = await cli(['scan', '--no-baseline'], lowOnly);
    assert.strictEqual(r.code, 0, r.out + r.err);
    assert.match(r.out, /^voice\.py:1:\d+: info \[ringg-api-key\] Possibly a Ringg AI API key/m);
    assert.match(r.out, /1 finding\(s\), 0 error\(s\), 1 of low confidence \(information\) in 1 file\(s\)/);
  });

  it('--fail-on low (or any) fails on it; --fail-on high is the default', async () => {
    assert.strictEqual((await cli(['scan', '--no-baseline', '--fail-on', 'low'], lowOnly)).code, 1);
    assert.strictEqual((await cli(['scan', '--no-baseline', '--fail-on', 'any'], lowOnly)).code, 1);
    assert.strictEqual((await cli(['scan', '--no-baseline', '--fail-on', 'high'], lowOnly)).code, 0);
    const bad = await cli(['scan', '--no-baseline', '--fail-on', 'medium'], lowOnly);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.err, /--fail-on must be high, low \(or any\) or live, not 'medium'/);
  });

  it('a high-confidence finding still fails, with the low one listed beside it', async () => {
    const r = await cli(['scan', '--no-baseline'], both);
    assert.strictEqual(r.code, 1);
    assert.match(r.out, /ringg\.py:1:\d+: error \[ringg-api-key\]/);
    assert.match(r.out, /voice\.py:1:\d+: info \[ringg-api-key\]/);
  });

  it('JSON and SARIF say the same: severity info, level note, rank 40', async () => {
    const json = JSON.parse((await cli(['scan', '--no-baseline', '--format', 'json'], lowOnly)).out) as { findings: Array<{ severity: string; confidence: string }> };
    assert.deepStrictEqual(json.findings.map(f => [f.confidence, f.severity]), [['low', 'info']]);
    const sarif = JSON.parse((await cli(['scan', '--no-baseline', '--format', 'sarif'], lowOnly)).out) as { runs: Array<{ results: Array<{ level: string; rank: number }> }> };
    assert.deepStrictEqual(sarif.runs[0].results.map(x => [x.level, x.rank]), [['note', 40]]);
  });

  it('the help says what --fail-on does', async () => {
    const r = await cli(['scan', '--help'], lowOnly);
    assert.match(r.out + r.err, /--fail-on WHAT\s+high \(default\): exit 1 on findings of high confidence/);
  });

  describe('git: a commit is blocked only by a high-confidence key, unless --fail-on low', function () {
    this.timeout(30000);
    it('ring-keys scan --staged', async () => {
      const repo = Repo.init();
      repo.commit('base', { 'app.py': 'a = 1\n' });
      repo.write('voice.py', `api_key = "${LOW}"\n`);
      repo.git('add', 'voice.py');
      const r = await cli(['scan', '--staged'], repo.dir);
      assert.strictEqual(r.code, 0, r.out + r.err);
      assert.match(r.out, /voice\.py:1:\d+: info \[ringg-api-key\]/);
      assert.doesNotMatch(r.err, /Commit blocked/);
      const strict = await cli(['scan', '--staged', '--fail-on', 'low'], repo.dir);
      assert.strictEqual(strict.code, 1);
      assert.match(strict.err, /Commit blocked/);
      repo.write('ringg.py', `RINGG_API_KEY = "${HIGH}"\n`);
      repo.git('add', 'ringg.py');
      assert.strictEqual((await cli(['scan', '--staged'], repo.dir)).code, 1);
      assert.strictEqual((await cli(['scan', '--staged', '--fail-on', 'live'], repo.dir)).code, 2);
      fs.rmSync(repo.dir, { recursive: true, force: true });
    });
  });
});
