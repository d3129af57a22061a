import * as assert from 'node:assert';
import { checkKeyFormat, keyFingerprint, keyMode, maskKey } from '../../src/core/keys';

describe('key formats', () => {
  const cases: Array<[Parameters<typeof checkKeyFormat>[0], string, 'ok' | 'warning' | 'error']> = [
    ['ringg', '7251cb4b-3373-43a4-844c-b27a1d45e0c9', 'ok'],
    ['ringg', '  7251cb4b-3373-43a4-844c-b27a1d45e0c9\n', 'ok'],
    ['ringg', '7251CB4B-3373-43A4-844C-B27A1D45E0C9', 'ok'],
    ['ringg', '7251cb4b-3373-13a4-844c-b27a1d45e0c9', 'warning'],   // version 1
    ['ringg', '7251cb4b--f52b-4b47-a230-f626ecad3e85', 'error'],    // the docs' malformed example
    ['ringg', 'redacted-api-key', 'error'],
    ['ringg', '', 'error'],
    ['ringyo', 'rg_live_aBcDeFgHiJkLmNoPqRsT', 'ok'],
    ['ringyo', 'rg_test_aBcDeFgHiJkLmNoPqRsT', 'warning'],
    ['ringyo', 'vb_live_aBcDeFgHiJkLmNoPqRsT', 'ok'],
    ['ringyo', 'rg_prod_aBcDeFgHiJkLmNoPqRsT', 'error'],
    ['ringyo', 'rg_live_', 'error'],
    ['ringyo', 'rg_live_abc def', 'error'],
    ['ringtonic', 'rt_8Qyg60OFbfxFPGHUAfkvVjnQ', 'ok'],
    ['ringtonic', 'short', 'error'],
  ];
  for (const [provider, key, expected] of cases) {
    it(`${provider} ${JSON.stringify(key)} → ${expected}`, () => {
      const r = checkKeyFormat(provider, key);
      const got = r.error ? 'error' : r.warning ? 'warning' : 'ok';
      assert.strictEqual(got, expected, r.error ?? r.warning);
    });
  }

  it('tells test from live for Ringyo (both prefixes) and nothing for the others', () => {
    assert.strictEqual(keyMode('ringyo', 'rg_test_aBcDeFgHiJkLmNoPqRsT'), 'test');
    assert.strictEqual(keyMode('ringyo', 'vb_live_aBcDeFgHiJkLmNoPqRsT'), 'live');
    assert.strictEqual(keyMode('ringg', '7251cb4b-3373-43a4-844c-b27a1d45e0c9'), undefined);
  });

  it('masks to the last four characters only', () => {
    assert.strictEqual(maskKey('7251cb4b-3373-43a4-844c-b27a1d459f7a'), '…9f7a');
    assert.strictEqual(maskKey('abc'), '…');
  });

  it('fingerprints ignore surrounding whitespace and differ per key', () => {
    assert.strictEqual(keyFingerprint(' abcdefgh '), keyFingerprint('abcdefgh'));
    assert.notStrictEqual(keyFingerprint('abcdefgh'), keyFingerprint('abcdefgi'));
  });
});
