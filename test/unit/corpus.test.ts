// The planted-key corpus (test/fixtures/corpus): excerpts of real files from public repositories with keys
// planted where people write them. Every planted key must be found, by the expected rule and with the expected
// confidence, and nothing else in those files may be reported. `npm run bench` measures the same corpus.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildHeldOut, HELD_OUT, VOICE_REPO_COMMITS, VOICE_REPOS } from '../../bench/heldOut';
import { scanText } from '../../src/core/scanner/scanner';

interface Plant {
  id: string; file: string; format: string; repo: string; commit: string; path: string;
  keys: Array<{ value: string; rule: string; confidence: string }>;
}

const dir = path.resolve(__dirname, '../../../test/fixtures/corpus');
const { plants } = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { plants: Plant[] };

describe('planted-key corpus (real files, keys where people paste them)', () => {
  it('spans at least 15 languages and formats from several public repositories, each pinned to a commit', () => {
    assert.ok(new Set(plants.map(p => p.format)).size >= 15);
    assert.ok(new Set(plants.map(p => p.repo)).size >= 8);
    for (const p of plants) { assert.match(p.commit, /^[0-9a-f]{40}$/, p.id); }
  });

  for (const p of plants) {
    it(`${p.format}: ${p.id} (${p.repo} ${p.path})`, () => {
      const text = fs.readFileSync(path.join(dir, p.file), 'utf8');
      const found = scanText(text, { fileName: p.file }).findings
        .map(f => ({ value: text.slice(f.start, f.end), rule: f.rule, confidence: f.confidence }));
      assert.deepStrictEqual(found, p.keys.map(k => ({ value: k.value, rule: k.rule, confidence: k.confidence })));
    });
  }
});

describe('held-out plants in voice-AI code (bench/heldOut.ts, built from the clean corpus checkouts)', () => {
  it('at least 20 keys of ours in the classes once missed, and other vendors\' credentials, in voice-AI repositories pinned to the commits tools/corpus/clean.mjs clones', () => {
    const positives = HELD_OUT.filter(p => p.expect.length > 0);
    assert.ok(positives.length >= 20, `${positives.length} plants of ours`);
    assert.ok(HELD_OUT.filter(p => p.insert.includes('{OTHER}')).length >= 5);
    // the cloner's list: clean.mjs clones every repository of tools/corpus/repos.json at its commit
    const corpus = path.resolve(__dirname, '../../../tools/corpus');
    assert.match(fs.readFileSync(path.join(corpus, 'clean.mjs'), 'utf8'), /new URL\('\.\/repos\.json', import\.meta\.url\)/);
    const lists = JSON.parse(fs.readFileSync(path.join(corpus, 'repos.json'), 'utf8')) as Record<string, Record<string, string>>;
    const cloned = new Map(Object.values(lists).flatMap(l => Object.entries(l)));
    assert.ok(Object.keys(VOICE_REPO_COMMITS).length >= 12);
    for (const [repo, commit] of Object.entries(VOICE_REPO_COMMITS)) {
      assert.match(commit, /^[0-9a-f]{40}$/, repo);
      assert.strictEqual(cloned.get(repo), commit, `${repo} at ${commit} in the list clean.mjs clones`);
    }
    for (const p of HELD_OUT) { assert.ok(VOICE_REPOS.has(p.repo), p.id); }
    assert.strictEqual(new Set(HELD_OUT.map(p => p.id)).size, HELD_OUT.length);
  });

  const dir = process.env.RING_KEYS_CLEAN_CORPUS;
  const built = dir && fs.existsSync(dir) ? buildHeldOut(dir) : undefined;
  if (!built) {
    it('needs RING_KEYS_CLEAN_CORPUS (node tools/corpus/clean.mjs <dir> clones the repositories)', function () { this.skip(); });
    return;
  }
  it('every plant is built (its repository and file are there)', () => assert.deepStrictEqual(built.missing, []));
  for (const b of built.plants) {
    it(`${b.plant.klass}: ${b.plant.id} (${b.plant.repo} ${b.plant.path})`, () => {
      for (const ringgProject of [false, true]) {
        const found = scanText(b.text, { fileName: b.fileName, ringgProject }).findings
          .map(f => ({ value: f.rule === 'client-exposed-key' ? f.name : b.text.slice(f.start, f.end), rule: f.rule, confidence: f.confidence }));
        // a project that mentions ringg.ai raises a credential nothing binds; never one bound to another vendor
        assert.deepStrictEqual(found, b.keys.map(k => ({ value: k.value, rule: k.rule, confidence: ringgProject && k.rule === 'ringg-api-key' ? 'high' : k.confidence })), `ringgProject: ${ringgProject}`);
      }
    });
  }
});

describe('the demo workspace', () => {
  it('scanned where the demo puts it (inside an ignored .vscode-test/ of a git checkout), its two hard-coded keys are found (and nothing in its request file, which names the key)', async () => {
    const { execFileSync } = await import('node:child_process');
    const os = await import('node:os');
    const { main } = await import('../../src/cli/main');
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-demo-'));
    execFileSync('git', ['init', '-q'], { cwd: repo });
    fs.writeFileSync(path.join(repo, '.gitignore'), '.vscode-test/\n');
    const workspace = path.join(repo, '.vscode-test', 'demo', 'workspace');
    fs.cpSync(path.resolve(__dirname, '../../../tools/demo-workspace'), workspace, { recursive: true });
    let out = '';
    const code = await main(['scan', '--format', 'json'], { stdout: s => { out += s; }, stderr: () => undefined, env: {}, stdin: async () => '', cwd: workspace, onSignal: () => undefined });
    assert.strictEqual(code, 1);
    const report = JSON.parse(out) as { findings: Array<{ path: string; rule: string; confidence: string }>; stats: { files: number } };
    assert.deepStrictEqual(report.findings.map(f => [f.path, f.rule, f.confidence]),
      [['agents.js', 'ringg-api-key', 'high'], ['leaky.py', 'ringyo-test-key', 'high']]);
    assert.strictEqual(report.stats.files, 5);
    fs.rmSync(repo, { recursive: true, force: true });
  });
});
