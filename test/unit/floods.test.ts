// Floods of keys: the per-key work is answered from indexes of the text once a text has many keys (the
// answers must be the walks' answers), and past the per-file cap the findings are counted, never lost.
import * as assert from 'node:assert';
import { baselineSet } from '../../src/core/scanner/baseline';
import { FileSignals, inWorkspaceAnswer, lineVendor } from '../../src/core/scanner/confidence';
import { enclosingName, TextIndex } from '../../src/core/scanner/context';
import { IGNORE_MARKER } from '../../src/core/scanner/ignore';
import { scanText } from '../../src/core/scanner/scanner';
import { runCli, tmpTree } from './support';

/** A fixed-seed text of the pieces the walks look at: braces, brackets, line breaks, YAML keys, vendor words. */
function mixedText(seed: number, length: number): string {
  let x = seed;
  const rnd = () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return (x >>> 0) / 4294967296; };
  const pieces = ['{', '}', '[', ']', '[ringg]', '\n', '\r\n', '\r', '  ', '- ', 'ringgKey', 'RinggApi', 'xringg', 'HubSpot', 'stripe',
    'slackware', 'SLACK', 'sendGrid', 'api_key', ': ', '= ', '"', 'parent:', '  child:', 'workspace_info', 'value', 'x', 'a1', '.', '$'];
  let s = '';
  while (s.length < length) { s += pieces[Math.floor(rnd() * pieces.length)]; }
  return s;
}

function uuids(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${(0x10000000 + i * 7919).toString(16).slice(-8)}-3373-43a4-844c-${(0x100000000000 + i * 104729).toString(16).slice(-12)}`);
}

describe('floods of keys', () => {
  it('the indexes answer what the walks answer (enclosing name, the line\'s vendor, the workspace answer), at every position', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const text = mixedText(seed * 2654435761, 2500);
      const index = new TextIndex(text, 0);
      const signals = new FileSignals(text, false, 0);
      for (let pos = 0; pos <= text.length; pos++) {
        assert.deepStrictEqual(enclosingName(text, pos, index), enclosingName(text, pos), `enclosingName, seed ${seed}, at ${pos}`);
        assert.strictEqual(signals.lineVendor(pos), lineVendor(text, pos), `lineVendor, seed ${seed}, at ${pos}`);
        assert.strictEqual(signals.inWorkspaceAnswer(pos), inWorkspaceAnswer(text, pos), `inWorkspaceAnswer, seed ${seed}, at ${pos}`);
      }
    }
  });

  it('a long line gets the same findings from the indexes as a short text gets from the walks', () => {
    // the same keys, each alone (the walks) and all on one line (indexed after the first few), far enough
    // apart that no key's context reaches another's
    const keys = uuids(300);
    const names = ['api_key', 'stripe_api_key', 'ringgKey', 'X-API-KEY', 'agent_id', 'token', 'value'];
    const parts = keys.map((k, i) => `${names[i % names.length]}="${k}"; `);
    const line = parts.join(' '.repeat(700));
    const flood = scanText(line, { fileName: 'a.ts', maxFindings: 10_000 }).findings;
    const alone = parts.flatMap(p => scanText(p, { fileName: 'a.ts' }).findings.map(f => [f.rule, f.confidence, f.masked, f.context]));
    assert.ok(alone.length > 150, `${alone.length} keys`);
    assert.deepStrictEqual(flood.map(f => [f.rule, f.confidence, f.masked, f.context]), alone);
  });

  it('past the cap the findings are counted: listed + omitted is every key, and the listed ones are the first', () => {
    const keys = uuids(2500);
    const text = keys.map(k => `api_key="${k}";`).join('');
    const all = scanText(text, { maxFindings: 10_000 });
    assert.strictEqual(all.findings.length, 2500);
    assert.strictEqual(all.omitted, 0);
    assert.strictEqual(all.truncated, false);
    const capped = scanText(text);
    assert.strictEqual(capped.findings.length, 1000);
    assert.strictEqual(capped.omitted, 1500);
    assert.strictEqual(capped.truncated, true);
    assert.deepStrictEqual(capped.findings, all.findings.slice(0, 1000));
    // a baseline accepting every other key, and markers on some lines: every key is in exactly one count
    const baseline = baselineSet({ version: 1, entries: all.findings.filter((_, i) => i % 2).map(f => ({ rule: f.rule, fingerprint: f.fingerprint })) });
    const lines = keys.map((k, i) => `api_key="${k}";${i % 5 === 0 ? ` // ${IGNORE_MARKER}` : ''}`).join('\n');
    const r = scanText(lines, { baseline, maxFindings: 300 });
    assert.strictEqual(r.findings.length, 300);
    assert.strictEqual(r.findings.length + r.omitted + r.baselined + r.ignored, 2500);
    assert.strictEqual(r.ignored, 1000);   // a marker silences its line and the next
    assert.strictEqual(r.baselined, 750);   // the odd keys on the other lines
  });

  it('the CLI reports the omitted count in JSON, SARIF and text', async () => {
    const text = uuids(1200).map(k => `api_key="${k}";`).join('');
    const dir = tmpTree({ 'flood.txt': text });
    const json = JSON.parse((await runCli(['scan', '--format', 'json', '--no-baseline'], dir)).out) as
      { findings: unknown[]; truncated: string[]; omitted: Record<string, number>; stats: { omitted: number } };
    assert.strictEqual(json.findings.length, 1000);
    assert.deepStrictEqual(json.truncated, ['flood.txt']);
    assert.deepStrictEqual(json.omitted, { 'flood.txt': 200 });
    assert.strictEqual(json.stats.omitted, 200);
    const sarif = JSON.parse((await runCli(['scan', '--format', 'sarif', '--no-baseline'], dir)).out) as
      { runs: Array<{ results: unknown[]; invocations: Array<{ toolExecutionNotifications: Array<{ message: { text: string }; properties?: { omitted: number } }> }> }> };
    assert.strictEqual(sarif.runs[0].results.length, 1000);
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications;
    assert.deepStrictEqual(notes.map(n => [n.message.text, n.properties?.omitted]),
      [['200 more finding(s) in flood.txt not listed (the first 1000 are).', 200]]);
    const out = (await runCli(['scan', '--no-baseline'], dir)).out.trim().split('\n');
    assert.strictEqual(out[out.length - 2], 'flood.txt: note: 200 more finding(s) not listed (the first 1000 are)');
    assert.match(out[out.length - 1], /^1000 finding\(s\) listed and 200 more not listed, /);
  });

  it('--write-baseline accepts every finding of a flood, not only the 1000 a report lists', async () => {
    const dir = tmpTree({ 'flood.txt': uuids(1200).map(k => `api_key="${k}";`).join('') });
    assert.strictEqual((await runCli(['scan', '--no-baseline', '--write-baseline', 'b.json'], dir)).code, 0);
    const json = JSON.parse((await runCli(['scan', '--format', 'json', '--baseline', 'b.json'], dir)).out) as { findings: unknown[]; stats: { baselined: number; omitted: number } };
    assert.deepStrictEqual([json.findings.length, json.stats.baselined, json.stats.omitted], [0, 1200, 0]);
  });
});
