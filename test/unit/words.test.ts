// The docs and the outputs use the same words (issue 24, item 8): a finding's confidence is "high" or "low" in
// docs/detection.md, in `--format json` and in SARIF; the quick fix writes in a file what the docs say it writes.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { rewriteForEnv } from '../../src/core/scanner/envReference';
import { tmpTree } from './support';

const ROOT = path.resolve(__dirname, '../../..');
const detection = fs.readFileSync(path.join(ROOT, 'docs', 'detection.md'), 'utf8');
const HIGH = '6f1d3b2a-9c4e-4d7f-8a5b-2e1c0d9f8a7b';
const LOW = '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';

async function scan(format: 'json' | 'sarif', dir: string): Promise<string> {
  let out = '';
  const code = await main(['scan', '--no-baseline', '--format', format, dir], {
    env: {}, cwd: dir, stdout: s => { out += s; }, stderr: () => undefined, stdin: async () => '', onSignal: () => undefined,
  });
  assert.strictEqual(code, 1, out);
  return out;
}

describe('the same words for confidence', () => {
  const dir = tmpTree({ 'a.py': `RINGG_API_KEY = "${HIGH}"\n`, 'b.py': `api_key = "${LOW}"\n` });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('JSON says "high" and "low", the words of docs/detection.md, which never says "normal" confidence', async () => {
    const json = JSON.parse(await scan('json', dir)) as { findings: Array<{ path: string; confidence: string; severity: string }> };
    assert.deepStrictEqual(json.findings.map(f => [f.path, f.confidence, f.severity]), [['a.py', 'high', 'error'], ['b.py', 'low', 'info']]);
    const section = /^## Confidence$([\s\S]*?)^## /m.exec(detection)?.[1] ?? '';
    for (const word of ['high', 'low']) {
      assert.ok(section.includes(`- **${word[0].toUpperCase()}${word.slice(1)}**`), `docs/detection.md defines "${word}"`);
      assert.ok(section.includes(`"${word}"`), `docs/detection.md gives the JSON value "${word}"`);
    }
    const pages = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter(f => f.endsWith('.md')).map(f => `docs/${f}`)];
    for (const page of pages) {
      assert.doesNotMatch(fs.readFileSync(path.join(ROOT, page), 'utf8'), /\bnormal confidence|confidence[^.\n]*\bnormal\b|\*\*Normal\*\*/i, page);
    }
  });

  it('SARIF carries the same word in properties.confidence, and keeps level for the severity (error, and note for low confidence)', async () => {
    const sarif = JSON.parse(await scan('sarif', dir)) as { runs: Array<{ results: Array<{ level: string; rank: number; properties: { confidence: string } }> }> };
    assert.deepStrictEqual(sarif.runs[0].results.map(r => [r.properties.confidence, r.level, r.rank]), [['high', 'error', 90], ['low', 'note', 40]]);
    assert.match(detection, /`rank`: 90 for\s+high, 40 for low/);
  });
});

describe('what "Move to SecretStorage and read it from the environment" writes, as docs/detection.md says', () => {
  const rewrite = (line: string, languageId: string, fileName?: string) => {
    const start = line.indexOf(HIGH);
    const rw = rewriteForEnv({ line, start, end: start + HIGH.length, languageId, envVar: 'RINGG_API_KEY', ...(fileName ? { fileName } : {}) });
    let out = line;
    for (const e of [...rw.edits].sort((a, b) => b.start - a.start)) { out = out.slice(0, e.start) + e.text + out.slice(e.end); }
    return out;
  };

  it('in .env: RINGG_API_KEY=${RINGG_API_KEY}, which the docs name word for word', () => {
    const written = rewrite(`RINGG_API_KEY=${HIGH}`, 'plaintext', '.env');
    assert.strictEqual(written, 'RINGG_API_KEY=${RINGG_API_KEY}');
    assert.ok(detection.includes(`In \`.env\` the line becomes \`${written}\``));
    assert.doesNotMatch(detection, /empty value in `\.env`/);
  });

  it('every reference the docs list is the one written for its language', () => {
    const bullet = /^- \*\*Move to SecretStorage and read it from the environment\*\*[\s\S]*?(?=^- )/m.exec(detection)?.[0] ?? '';
    const listed = [...bullet.matchAll(/`([^`]*RINGG_API_KEY[^`]*)`/g)].map(m => m[1]).filter(s => !s.includes('='));
    const written = new Set([
      ['typescript'], ['python'], ['go'], ['java'], ['csharp'], ['ruby'], ['php'], ['powershell'], ['shellscript'], ['yaml'],
      ['plaintext', 'a.http'], ['plaintext', '.env'],
    ].map(([id, file]) => {
      const line = rewrite(`"${HIGH}"`, id, file);   // a whole string literal: the bare reference
      return line.replace(/^"(.*)"$/, '$1');
    }));
    assert.ok(listed.length >= 10, bullet);
    for (const ref of listed) { assert.ok(written.has(ref), `${ref} is not what any language gets: ${[...written].join(' | ')}`); }
  });
});

describe('the README\'s demo paragraph', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  it('prints no bare stand-in address (it opens an empty window without the folder or Ring Keys)', () => {
    assert.doesNotMatch(readme, /http:\/\/127\.0\.0\.1:\d+\/?[`\s)]/);
  });
  it('names the demo files that hold the live and the dead key, and says how long the first run takes', () => {
    for (const file of ['agents.js', 'leaky.py']) { assert.ok(fs.existsSync(path.join(ROOT, 'tools', 'demo-workspace', file)), file); }
    assert.match(readme, /`agents\.js` holds a Ringg key the sandbox is started with/);
    assert.match(readme, /`leaky\.py` holds a dead one/);
    assert.match(readme, /The first run installs the stand-in[^.]*measured at \d+ min/);
  });
});
