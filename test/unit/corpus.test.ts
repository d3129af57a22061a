// The planted-key corpus (test/fixtures/corpus): excerpts of real files from public repositories with keys
// planted where people write them. Every planted key must be found, by the expected rule and with the expected
// confidence, and nothing else in those files may be reported. `npm run bench` measures the same corpus.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
