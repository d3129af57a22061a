// Replacing a leaked key in files on disk changes exactly the bytes of each occurrence: encodings (ISO-8859-1,
// UTF-16 with BOM, UTF-8 with BOM), line endings (CRLF, mixed) and every other byte are kept; binary files are
// refused; the write checks the file again (a symlink swapped in, a folder swapped for a link, bytes changed
// meanwhile, a hard link) just before it writes.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findKeyInBytes, rewriteFileChecked, rewriteKeyInBytes, sha256, type KeyRewriteOptions } from '../../src/core/keyRewrite';
import { tmpTree } from './support';

const KEY = 'rg4f9a2c7e1b3d5a6f8e0c2b4d6a8f0e1c9b7d';
const opts = (languageId: string, fileName: string, more: Partial<KeyRewriteOptions> = {}): KeyRewriteOptions =>
  ({ key: KEY, envVar: 'RINGG_API_KEY', languageId, fileName, ...more });
const latin1 = (s: string) => Buffer.from(s, 'latin1');
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);

function rewritten(bytes: Buffer, o: KeyRewriteOptions): Buffer {
  const r = rewriteKeyInBytes(bytes, o);
  assert.ok(r.ok, `rewritten: ${JSON.stringify(r)}`);
  return r.bytes;
}

describe('rewriting a leaked key in file bytes', () => {
  it('ISO-8859-1 .properties: the key becomes ${VAR}; every accented byte, on the key line and elsewhere, and the CRLF endings stay', () => {
    const before = latin1(`# Paramètres de l'équipe\r\nnom=Müller\r\napi.clé=${KEY}\r\ntrailing=ß`);
    const after = rewritten(before, opts('properties', 'app.properties'));
    assert.deepStrictEqual(after, latin1('# Paramètres de l\'équipe\r\nnom=Müller\r\napi.clé=${RINGG_API_KEY}\r\ntrailing=ß'));
    assert.deepStrictEqual(findKeyInBytes(before, KEY), { kind: 'text', encoding: 'single-byte', lines: [{ line: 2, col: 8, text: `api.clé=${KEY}` }] });
  });

  it('UTF-16 LE with BOM: the key is found in its UTF-16 form and the replacement written in UTF-16 LE', () => {
    const before = utf16le(`// Grüße\r\nconst key = "${KEY}";\r\n`);
    assert.strictEqual(findKeyInBytes(before, KEY).kind, 'text');
    assert.deepStrictEqual(rewritten(before, opts('typescript', 'a.ts')), utf16le('// Grüße\r\nconst key = process.env.RINGG_API_KEY;\r\n'));
  });

  it('UTF-16 BE with BOM, and a last odd byte kept as it was', () => {
    const before = Buffer.concat([utf16be(`x = '${KEY}' # €\n`), Buffer.from([0x41])]);
    assert.deepStrictEqual(rewritten(before, opts('shellscript', 'run.sh')),
      Buffer.concat([utf16be('x = "${RINGG_API_KEY}" # €\n'), Buffer.from([0x41])]));
  });

  it('UTF-8 with BOM and CRLF: the BOM stays, and Python\'s added import line ends with CRLF too', () => {
    const before = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`#!/usr/bin/env python\r\n# 🔑 clé\r\nKEY = "${KEY}"\r\n`)]);
    assert.deepStrictEqual(rewritten(before, opts('python', 'job.py')),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('#!/usr/bin/env python\r\n# 🔑 clé\r\nimport os\r\nKEY = os.environ["RINGG_API_KEY"]\r\n')]));
  });

  it('mixed line endings (CRLF, LF, lone CR) and no final newline are kept one by one', () => {
    const before = Buffer.from(`a\r\nRINGG_API_KEY=${KEY}\nb\rc\r\nKEY2=${KEY}`);
    const r = findKeyInBytes(before, KEY);
    assert.ok(r.kind === 'text');
    assert.deepStrictEqual(r.lines.map(l => l.line), [1, 4]);   // lines counted as the editor counts them
    assert.deepStrictEqual(rewritten(before, opts('dotenv', '.env')), Buffer.from('a\r\nRINGG_API_KEY=${RINGG_API_KEY}\nb\rc\r\nKEY2=${RINGG_API_KEY}'));
  });

  it('only the chosen lines change, and every occurrence on a chosen line', () => {
    const before = Buffer.from(`a = "${KEY}"; b = "${KEY}";\nc = "${KEY}";\n`);
    const r = rewriteKeyInBytes(before, opts('javascript', 'x.js', { lines: new Set([0]) }));
    assert.ok(r.ok);
    assert.strictEqual(r.replaced, 2);
    assert.strictEqual(r.bytes.toString(), `a = process.env.RINGG_API_KEY; b = process.env.RINGG_API_KEY;\nc = "${KEY}";\n`);
  });

  it('a key inside a longer string keeps the string\'s other (non-ASCII) characters in the file\'s encoding', () => {
    const before = latin1(`url = "héllo-${KEY}-wörld"\n`);
    assert.deepStrictEqual(rewritten(before, opts('python', 'u.py')), latin1('import os\nurl = "héllo-" + os.environ["RINGG_API_KEY"] + "-wörld"\n'));
  });

  it('a binary file with no NUL in its first 8 KiB (a NUL later, or control bytes) is not rewritten but reported', () => {
    const withLateNul = Buffer.concat([Buffer.from('x'.repeat(9000)), Buffer.from(KEY), Buffer.from([0xff, 0x00, 0x10, 0x80])]);
    assert.deepStrictEqual(findKeyInBytes(withLateNul, KEY), { kind: 'unrewritable', reason: 'binary' });
    assert.deepStrictEqual(rewriteKeyInBytes(withLateNul, opts('plaintext', 'blob.bin')), { ok: false, reason: 'binary' });
    const noNul = Buffer.concat([Buffer.from('x'.repeat(9000)), Buffer.from([0x89, 0x01, 0x02, 0xfe]), Buffer.from(KEY), Buffer.from([0x03, 0xc3])]);
    assert.deepStrictEqual(findKeyInBytes(noNul, KEY), { kind: 'unrewritable', reason: 'binary' });
    // a UTF-16 file without BOM holds the key too: reported, not left out
    assert.deepStrictEqual(findKeyInBytes(Buffer.from(`k=${KEY}\n`, 'utf16le'), KEY), { kind: 'unrewritable', reason: 'binary' });
    // a UTF-8 BOM before bytes that are not UTF-8: no lossless reading
    assert.deepStrictEqual(findKeyInBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xe9]), Buffer.from(KEY)]), KEY), { kind: 'unrewritable', reason: 'undecodable' });
  });

  it('a file without the key is "none"', () => {
    assert.deepStrictEqual(findKeyInBytes(latin1('nothing here é'), KEY), { kind: 'none' });
  });
});

describe('writing the rewrite: checked again just before the write', () => {
  const rewrite = (name: string) => (b: Buffer) => rewriteKeyInBytes(b, opts('properties', name));
  let outside: string;
  beforeEach(() => { outside = tmpTree({ 'secret.properties': `k=${KEY}\n` }, 'ring-keys-outside-'); });

  it('writes in place: same file (inode), same mode, exactly the expected bytes', async () => {
    const dir = tmpTree({ 'app.properties': latin1(`name=Zoë\r\nk=${KEY}\r\n`) });
    const file = path.join(dir, 'app.properties');
    fs.chmodSync(file, 0o640);
    const { ino } = fs.statSync(file);
    const out = await rewriteFileChecked({ folder: dir, file, expectedSha256: sha256(fs.readFileSync(file)), rewrite: rewrite(file) });
    assert.deepStrictEqual(out, { written: true, replaced: 1 });
    assert.deepStrictEqual(fs.readFileSync(file), latin1('name=Zoë\r\nk=${RINGG_API_KEY}\r\n'));
    const st = fs.statSync(file);
    assert.strictEqual(st.ino, ino);
    if (process.platform !== 'win32') { assert.strictEqual(st.mode & 0o777, 0o640); }
  });

  it('a symlink swapped in after the occurrences were listed is refused, and its target outside is untouched', async function () {
    if (process.platform === 'win32') { this.skip(); }
    const dir = tmpTree({ 'app.properties': `k=${KEY}\n` });
    const file = path.join(dir, 'app.properties');
    const listed = sha256(fs.readFileSync(file));   // the listing read the file …
    fs.rmSync(file);
    fs.symlinkSync(path.join(outside, 'secret.properties'), file);   // … then it became a link to a file with the same bytes
    const out = await rewriteFileChecked({ folder: dir, file, expectedSha256: listed, rewrite: rewrite(file) });
    assert.deepStrictEqual(out, { written: false, reason: 'symlink' });
    assert.strictEqual(fs.readFileSync(path.join(outside, 'secret.properties'), 'utf8'), `k=${KEY}\n`);
  });

  it('a folder on the way swapped for a link out of the workspace is refused', async function () {
    if (process.platform === 'win32') { this.skip(); }
    const dir = tmpTree({ 'conf/secret.properties': `k=${KEY}\n` });
    const file = path.join(dir, 'conf', 'secret.properties');
    const listed = sha256(fs.readFileSync(file));
    fs.rmSync(path.join(dir, 'conf'), { recursive: true });
    fs.symlinkSync(outside, path.join(dir, 'conf'));
    const out = await rewriteFileChecked({ folder: dir, file, expectedSha256: listed, rewrite: rewrite(file) });
    assert.deepStrictEqual(out, { written: false, reason: 'outside' });
    assert.strictEqual(fs.readFileSync(path.join(outside, 'secret.properties'), 'utf8'), `k=${KEY}\n`);
  });

  it('bytes changed since the listing: "changed", and the new bytes are kept', async () => {
    const dir = tmpTree({ 'a.properties': `k=${KEY}\n` });
    const file = path.join(dir, 'a.properties');
    const listed = sha256(fs.readFileSync(file));
    fs.writeFileSync(file, `k=${KEY}\nadded=1\n`);
    assert.deepStrictEqual(await rewriteFileChecked({ folder: dir, file, expectedSha256: listed, rewrite: rewrite(file) }), { written: false, reason: 'changed' });
    assert.strictEqual(fs.readFileSync(file, 'utf8'), `k=${KEY}\nadded=1\n`);
  });

  it('a file with a second hard link (which may be outside the folder) is refused', async function () {
    const dir = tmpTree({ 'a.properties': `k=${KEY}\n` });
    const file = path.join(dir, 'a.properties');
    const other = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ring-keys-link-')), 'b.properties');
    try { fs.linkSync(file, other); } catch { this.skip(); }
    assert.deepStrictEqual(await rewriteFileChecked({ folder: dir, file, expectedSha256: sha256(fs.readFileSync(file)), rewrite: rewrite(file) }),
      { written: false, reason: 'hard-linked' });
    assert.strictEqual(fs.readFileSync(other, 'utf8'), `k=${KEY}\n`);
  });

  it('a binary file is not written', async () => {
    const bytes = Buffer.concat([Buffer.from(KEY), Buffer.from([0, 1, 2])]);
    const dir = tmpTree({ 'b.bin': bytes });
    const file = path.join(dir, 'b.bin');
    assert.deepStrictEqual(await rewriteFileChecked({ folder: dir, file, expectedSha256: sha256(bytes), rewrite: rewrite(file) }), { written: false, reason: 'binary' });
    assert.deepStrictEqual(fs.readFileSync(file), bytes);
  });
});
