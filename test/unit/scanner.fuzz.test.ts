// Adversarial scanner input, property-based (fast-check): random and crafted text never throws, a
// planted key is found wherever it is put, re-scans give the same findings, findings point at real keys,
// and no finding ever carries the plaintext. Time is measured in `npm run bench`, not asserted here.
import * as assert from 'node:assert';
import fc from 'fast-check';
import { scanBuffer, scanText } from '../../src/core/scanner/scanner';

// A fixed seed keeps CI deterministic; FC_SEED=<n> explores other inputs (a failure prints its seed).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261122) });

const LIVE = 'rg_live_Q7mZp2LxV9cT4nWb8KfR3sJd';
const UUID = '3f6d2c1a-9b7e-4c2d-8e5f-a1b2c3d4e5f6';

/** Pieces an attacker would combine: prefixes, hyphen runs, hex, quotes, names, partial keys. */
const piece = fc.oneof(
  fc.constantFrom('rg_live_', 'rg_test_', 'vb_live_', '_live_', '-', '--', '"', "'", '`', '=', ':', ' ', '\n', '\r\n', '\t',
    'api_key', 'X-API-KEY', 'Bearer ', 'agent_id', 'RINGTONIC_API_KEY', 'ring-keys-ignore', '${{ secrets.X }}', 'process.env.',
    'ringtonic.app', '{', '}', '\\', '\u0000', '\uFFFD', '\u{1F511}', 'aaaaaaaa-aaaa-4aaa-8aaa-', 'ffffffff'),
  fc.stringMatching(/^[0-9a-f]{0,40}$/),
  fc.string({ maxLength: 30 }),
  fc.stringMatching(/^[A-Za-z0-9]{1,40}$/),
);
const hostileText = fc.array(piece, { maxLength: 200 }).map(a => a.join(''));

describe('scanner under adversarial input (property-based)', function () {
  this.timeout(60_000);

  it('never throws, and every finding lies inside the text with a masked key only', () => {
    fc.assert(fc.property(hostileText, text => {
      const r = scanText(text);
      for (const f of r.findings) {
        assert.ok(f.start >= 0 && f.end <= text.length && f.start < f.end);
        const raw = text.slice(f.start, f.end);
        assert.ok(!JSON.stringify(f).includes(raw) || raw.length <= 4, 'a finding never holds the plaintext');
        assert.match(f.masked, /^…/);
      }
    }), { numRuns: 1500 });
  });

  it('finds a planted live key wherever it is put in hostile text', () => {
    fc.assert(fc.property(hostileText, hostileText, (before, after) => {
      const text = `${before}\n\nconst k = "${LIVE}";\n${after}`;
      const r = scanText(text);
      const at = text.indexOf(LIVE, before.length);
      assert.ok(r.findings.some(f => f.rule === 'ringyo-live-key' && f.start === at), 'the planted key is reported at its place');
    }), { numRuns: 800 });
  });

  it('finds a Ringg key in an X-API-KEY header whatever surrounds it', () => {
    fc.assert(fc.property(hostileText, hostileText, (before, after) => {
      const text = `${before}\n\ncurl -H "X-API-KEY: ${UUID}" https://prod-api.ringg.ai/ca/api/v0/workspace\n${after}`;
      assert.ok(scanText(text).findings.some(f => f.rule === 'ringg-api-key' && text.slice(f.start, f.end) === UUID));
    }), { numRuns: 500 });
  });

  it('gives the same findings on a re-scan (no hidden state)', () => {
    fc.assert(fc.property(hostileText, text => {
      assert.deepStrictEqual(scanText(text), scanText(text));
    }), { numRuns: 500 });
  });

  it('handles invalid UTF-8 and NUL bytes in buffers: binary is skipped, broken text is scanned', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), bytes => {
      const r = scanBuffer(bytes);
      if (bytes.subarray(0, 8192).includes(0)) { assert.strictEqual(r.binary, true); assert.deepStrictEqual(r.findings, []); }
    }), { numRuns: 1000 });
    const broken = Buffer.concat([Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff]), Buffer.from(`\nk = "${LIVE}"\n`), Buffer.from([0xe2, 0x82])]);
    const r = scanBuffer(broken);
    assert.strictEqual(r.binary, false);
    assert.deepStrictEqual(r.findings.map(f => f.rule), ['ringyo-live-key']);
  });

  it('identifiers that merely are UUIDs stay unflagged in random surroundings', () => {
    fc.assert(fc.property(fc.constantFrom('agent_id', 'call_id', 'workspace_id', 'agentId', 'id', 'campaign_id'), fc.constantFrom(': ', ' = ', '="', "': '"), (name, sep) => {
      const text = `${name}${sep}${UUID}`;
      assert.deepStrictEqual(scanText(text).findings, [], text);
    }), { numRuns: 100 });
  });
});
