// Floods of keys: the per-key work is answered from indexes of the text once a text has many keys (the
// answers must be the walks' answers), and past the per-file cap the findings are counted, never lost.
import * as assert from 'node:assert';
import { BaselineError, baselineSet, parseBaseline, readBaselineSet, withEntries } from '../../src/core/scanner/baseline';
import { FileSignals, inWorkspaceAnswer, lineVendor, statementVendor, type PlainSpan } from '../../src/core/scanner/confidence';
import { enclosingName, TextIndex } from '../../src/core/scanner/context';
import { IGNORE_MARKER } from '../../src/core/scanner/ignore';
import { isPlaceholder, isUuidPlaceholder } from '../../src/core/scanner/placeholders';
import { scanText } from '../../src/core/scanner/scanner';
import { runCli, tmpTree } from './support';

/** A fixed-seed text of the pieces the walks look at: braces, brackets, line breaks, YAML keys, vendor words. */
function mixedText(seed: number, length: number): string {
  let x = seed;
  const rnd = () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return (x >>> 0) / 4294967296; };
  const pieces = ['{', '}', '[', ']', '[ringg]', '\n', '\r\n', '\r', '  ', '- ', 'ringgKey', 'RinggApi', 'xringg', 'HubSpot', 'stripe',
    'slackware', 'SLACK', 'sendGrid', 'api_key', ': ', '= ', '"', 'parent:', '  child:', 'workspace_info', 'value', 'x', 'a1', '.', '$',
    '(', ')', ';', 'new VapiClient(', 'Ringg('];
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

  it('the statement walk that steps over the plain run it read last answers what a fresh walk answers, asked in order and out of it', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const text = mixedText(seed * 40503, 2500);
      const inOrder: PlainSpan = { from: 0, to: 0 };
      for (let pos = 0; pos <= text.length; pos++) {
        assert.strictEqual(statementVendor(text, pos, inOrder), statementVendor(text, pos), `seed ${seed}, at ${pos}`);
      }
      const shuffled: PlainSpan = { from: 0, to: 0 };
      for (let k = 0; k < 3000; k++) {
        const pos = (k * 7919 + seed * 131) % (text.length + 1);
        assert.strictEqual(statementVendor(text, pos, shuffled), statementVendor(text, pos), `seed ${seed}, out of order, at ${pos}`);
      }
    }
    // the case the step is for: a long line of keys with no bracket, then the call that binds the last one
    const line = `${'k="0"  '.repeat(2000)}new VapiClient({ token: "v" })`;
    const plain: PlainSpan = { from: 0, to: 0 };
    for (let pos = 0; pos < line.indexOf('new'); pos += 7) { assert.strictEqual(statementVendor(line, pos, plain), undefined); }
    assert.ok(plain.to - plain.from > 10_000, `the plain run kept: ${plain.to - plain.from} characters`);
    assert.strictEqual(statementVendor(line, line.indexOf('"v"'), plain), 'other');
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
  it('a line holding more keys than a file lists: the rest of the line is counted, silenced, baselined or omitted, never lost', () => {
    // 3,000 keys on one line (> 64 KiB: a marker silences only the keys near it), 50 of them silenced
    const keys = uuids(3000);
    const marked = new Set(Array.from({ length: 50 }, (_, i) => 2100 + i * 3));
    const line = keys.map((k, i) => `api_key="${k}";${marked.has(i) ? ` // ${IGNORE_MARKER} ${' '.repeat(2100)}` : ''}`).join('');
    const all = scanText(line, { maxFindings: Number.MAX_SAFE_INTEGER });
    assert.strictEqual(all.findings.length + all.ignored, 3000);
    const r = scanText(line);
    assert.deepStrictEqual([r.findings.length, r.ignored, r.omitted, r.baselined], [1000, all.ignored, 2000 - all.ignored, 0]);
    assert.deepStrictEqual(r.findings, all.findings.slice(0, 1000));
    // a baseline accepting keys 1000–1999: the ones past the line's first 1,000 are found in it by their value
    const baseline = baselineSet({ version: 1, entries: all.findings.slice(1000, 2000).map(f => ({ rule: f.rule, fingerprint: f.fingerprint })) });
    const b = scanText(line, { baseline });
    assert.strictEqual(b.findings.length + b.ignored + b.omitted + b.baselined, 3000);
    assert.strictEqual(b.baselined, 1000);
  });

  it('a line whose first 1000 keys the baseline accepts: the new keys after them are listed, as without the cap', () => {
    const keys = uuids(1500);
    const line = keys.map((k, i) => (i % 7 === 3 ? `agent_id="${k}";` : `api_key="${k}";`)).join('');
    const all = scanText(line, { maxFindings: Number.MAX_SAFE_INTEGER });
    const baseline = baselineSet({ version: 1, entries: all.findings.slice(0, 1000).map(f => ({ rule: f.rule, fingerprint: f.fingerprint })) });
    const r = scanText(line, { baseline });
    assert.deepStrictEqual(r.findings, all.findings.slice(1000));
    assert.deepStrictEqual([r.baselined, r.omitted], [1000, 0]);
  });

  it('keys on lines a marker silences are counted as silenced, whatever their number', () => {
    const keys = uuids(1500);
    const text = keys.map(k => `X-API-KEY: ${k} # gitleaks:allow`).join('\n');
    const r = scanText(text);
    assert.deepStrictEqual([r.findings.length, r.ignored, r.omitted], [0, 1500, 0]);
    // an id's value, a placeholder and a truncated example on a silenced line are no keys, and not counted
    const lookAlikes = `agent_id: ${keys[0]} # gitleaks:allow\nkey: 00000000-0000-0000-0000-000000000000 # gitleaks:allow\nkey: ${keys[1]}... # gitleaks:allow`;
    assert.strictEqual(scanText(lookAlikes).ignored, 0);
  });

  it('the CLI counts a flooded line past the cap in JSON and SARIF: listed + more not listed is every key, and exits 1', async () => {
    // 2,500 keys on one line, Ringg UUIDs and Ringyo live keys in turn
    const keys = uuids(2500).map((k, i) => (i % 2 ? `"X-API-KEY": "${k}", ` : `token${i}="rg_live_${k.replace(/-/g, '').slice(0, 24)}" `));
    const dir = tmpTree({ 'flood.txt': keys.join('') });
    const run = await runCli(['scan', '--format', 'json', '--no-baseline'], dir);
    assert.strictEqual(run.code, 1);
    const json = JSON.parse(run.out) as { findings: unknown[]; omitted: Record<string, number>; stats: { omitted: number; ignored: number } };
    assert.strictEqual(json.findings.length, 1000);
    assert.deepStrictEqual([json.stats.omitted, json.omitted['flood.txt'], json.stats.ignored], [1500, 1500, 0]);
    const sarif = JSON.parse((await runCli(['scan', '--format', 'sarif', '--no-baseline'], dir)).out) as
      { runs: Array<{ results: unknown[]; invocations: Array<{ toolExecutionNotifications: Array<{ properties?: { omitted: number } }> }> }> };
    const omitted = sarif.runs[0].invocations[0].toolExecutionNotifications.reduce((n, x) => n + (x.properties?.omitted ?? 0), 0);
    assert.strictEqual(sarif.runs[0].results.length + omitted, 2500);
  });

  it('a flood accepted by the baseline past the first 1000 on its line: nothing listed, nothing omitted, exit 0', async () => {
    const dir = tmpTree({ 'flood.txt': uuids(2500).map(k => `api_key="${k}";`).join('') });
    assert.strictEqual((await runCli(['scan', '--no-baseline', '--write-baseline', 'b.json'], dir)).code, 0);
    const run = await runCli(['scan', '--format', 'json', '--baseline', 'b.json'], dir);
    const json = JSON.parse(run.out) as { findings: unknown[]; stats: { baselined: number; omitted: number } };
    assert.deepStrictEqual([run.code, json.findings.length, json.stats.baselined, json.stats.omitted], [0, 0, 2500, 0]);
  });

  it('the baseline read from its bytes accepts what parseBaseline accepts, and a file it cannot read fails as before', () => {
    const prints = uuids(40).map(k => k.replace(/-/g, ''));
    const written = withEntries(undefined, prints.map((p, i) => ({ rule: i % 3 ? 'ringg-api-key' : 'ringyo-live-key', fingerprint: p, masked: '\u2026e0c9', path: `dir/"q"\\${i}.ts` })));
    const docs = [
      written,
      JSON.stringify({ version: 1, entries: [] }),
      '{"version":1.0,"entries":[{"rule":"ringg-api-key","fingerprint":"' + prints[0] + '"}]}',
      '{"version":1,"entries":[{"rule":"ringg-api-key","fingerprint":"' + prints[0] + '","rule":"nope"},{"rule":"own-key","fingerprint":"' + prints[1].toUpperCase() + '"}]}',
      '{"entries":"x","version":1,"entries":[{"fingerprint":"' + prints[2] + '","rule":"ringtonic-api-key","extra":{"a":[1,-2.5e3,true,false,null,"s"]}}]}',
      '{"version":1,"entries":[{"r\\u0075le":"\\u0072ingg-api-key","fingerprint":"' + prints[3] + '"},["x"],"y",7,null]}',
      '{"version":1,"entries":[{"rule":"ringg-api-key","fingerprint":"' + prints[4] + 'aa"},{"rule":5,"fingerprint":"' + prints[5] + '"}]}',
      '  {"version": 1, "entries": [ ], "other": {"deep": [[[[{}]]]]}}  \n',
    ];
    for (const doc of docs) {
      assert.deepStrictEqual([...readBaselineSet(Buffer.from(doc))].sort(), [...baselineSet(parseBaseline(doc))].sort(), doc.slice(0, 120));
    }
    assert.strictEqual(readBaselineSet(Buffer.from(written)).size, 40);
    const bad = ['{', '{"entries": []}', '{"version":1,"entries":[]', '{"version":1,"entries":[]} x', '\ufeff{"version":1,"entries":[]}',
      '{"version":1,"entries":[{"rule":"ringg-api-key","fingerprint":"a\tb"}]}', '[1]', 'export AWS_SECRET=abc', '{"version":"1","entries":[]}', '{"version":01,"entries":[]}'];
    for (const doc of bad) {
      const expected = (() => { try { parseBaseline(doc); return 'ok'; } catch (err) { return err instanceof BaselineError ? err.message : 'other'; } })();
      const got = (() => { try { readBaselineSet(Buffer.from(doc)); return 'ok'; } catch (err) { return err instanceof BaselineError ? err.message : 'other'; } })();
      assert.strictEqual(got, expected, doc);
      assert.notStrictEqual(got, 'ok', doc);
    }
  });

  it('a UUID is a placeholder read in place exactly when it is one as a string', () => {
    const samples = [...uuids(2000), '7251CB4B-3373-43A4-844C-B27A1D45E0C9', 'e89b12d3-a456-426c-8001-f05de02b54b4',
      '00000000-0000-0000-0000-000000000000', '12345678-1234-1234-1234-123456789012', 'abcdef01-2345-6789-abcd-ef0123456789',
      'aaaaaaaa-bbbb-cccc-aaaa-bbbbbbbbbbbb', 'aaaaaaaa-bbbb-cccc-dddd-bbbbbbbbbbbb', '0123abcd-4567-89ab-cdef-0123456789ab', '1234567f-89AB-cdef-0000-000000000000'];
    let x = 7;
    for (let i = 0; i < 3000; i++) {   // few distinct digits and runs: the cases the two rules look for
      let u = '';
      for (let k = 0; k < 36; k++) { x = (x * 1103515245 + 12345) >>> 0; u += [8, 13, 18, 23].includes(k) ? '-' : '0123456789abcdefABCDEF'[(x >>> 16) % (i % 2 ? 4 : 22)]; }
      samples.push(u);
    }
    for (const u of samples) { assert.strictEqual(isUuidPlaceholder(`"${u}"`, 1), isPlaceholder(u), u); }
  });
});
