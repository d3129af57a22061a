// A pseudo-localised copy of every string the extension shows: l10n/bundle.l10n.json (runtime strings) and
// package.nls.json (manifest strings) with each letter accented and each message bracketed, written as the
// `qps-ploc` locale. Run VS Code in that locale and any English sentence left on screen was never localised.
//
//   node tools/pseudo-l10n.cjs            writes l10n/bundle.l10n.qps-ploc.json and package.nls.qps-ploc.json
//   node tools/pseudo-l10n.cjs --clean    removes them again (they are git-ignored and never packaged)
//   node tools/pseudo-l10n.cjs --check    checks every real translation (TRANSLATIONS: l10n/bundle.l10n.<lang>.json
//                                         and package.nls.<lang>.json) is complete: every English message has a
//                                         non-empty translation with the same placeholders, links, codicons and
//                                         `code`, and no message is left that English no longer has; exit 1 if not
//
// CommonJS, so that the compiled tests (test/unit/messages.test.ts, test/vscode/runTest.ts) can require() it.
//
// Placeholders ({0}), command links ((command:…)), codicons ($(key)) and setting or CLI names in backticks keep
// their exact text, so the pseudo strings still work.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const PSEUDO_LOCALE = 'qps-ploc';

const ACCENTED = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'đ', e: 'é', f: 'ƒ', g: 'ğ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ĺ', m: 'ɱ', n: 'ñ', o: 'ó', p: 'þ',
  q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'ú', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Đ', E: 'É', F: 'Ƒ', G: 'Ğ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ĺ', M: 'Ṁ', N: 'Ñ', O: 'Ó', P: 'Þ',
  Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Ú', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** Kept as they are: placeholders, command links, codicons, `code`. */
const KEEP = /\{\d+\}|\(command:[^)]*\)|\$\([^)]*\)|`[^`]*`/g;

/** One message, pseudo-localised: "Add Key" → "⟦Áđđ Ķéý⟧". */
function pseudo(message) {
  let out = '';
  let from = 0;
  for (const m of message.matchAll(KEEP)) {
    out += accent(message.slice(from, m.index)) + m[0];
    from = m.index + m[0].length;
  }
  return `⟦${out}${accent(message.slice(from))}⟧`;
}

function accent(text) {
  return text.replace(/[A-Za-z]/g, c => ACCENTED[c]);
}

/** A bundle's or package.nls's values, pseudo-localised (a value may be { message, comment }). */
function pseudoBundle(bundle) {
  return Object.fromEntries(Object.entries(bundle).map(([k, v]) => [k, typeof v === 'string' ? pseudo(v) : { ...v, message: pseudo(v.message) }]));
}

const ROOT = path.resolve(__dirname, '..');
const OUTPUTS = {
  bundle: path.join(ROOT, 'l10n', `bundle.l10n.${PSEUDO_LOCALE}.json`),
  nls: path.join(ROOT, `package.nls.${PSEUDO_LOCALE}.json`),
};

function writePseudo() {
  const read = f => JSON.parse(fs.readFileSync(path.join(ROOT, f), 'utf8'));
  fs.writeFileSync(OUTPUTS.bundle, JSON.stringify(pseudoBundle(read('l10n/bundle.l10n.json')), null, 2) + '\n');
  fs.writeFileSync(OUTPUTS.nls, JSON.stringify(pseudoBundle(read('package.nls.json')), null, 2) + '\n');
}

function cleanPseudo() {
  for (const f of Object.values(OUTPUTS)) { fs.rmSync(f, { force: true }); }
}

/** The display languages Ring Keys ships besides English, each a bundle and a package.nls file. */
const TRANSLATIONS = ['de'];

/** The parts of a message a translation must keep as they are (placeholders, links, codicons, `code`), sorted. */
function keptParts(message) {
  return [...message.matchAll(KEEP)].map(m => m[0]).sort();
}

const text = v => (typeof v === 'string' ? v : v && typeof v.message === 'string' ? v.message : undefined);

/**
 * What is wrong with one translated file next to its English original (both as parsed JSON): a message
 * missing or empty, a placeholder, command link, codicon or `code` span dropped, changed or added, or a
 * message English no longer has. Each problem is one line naming the file and the message.
 */
function translationProblems(english, translated, file) {
  const problems = [];
  for (const [key, value] of Object.entries(english)) {
    const t = text(translated[key]);
    if (t === undefined) { problems.push(`${file}: not translated: ${JSON.stringify(key)}`); continue; }
    if (!t.trim()) { problems.push(`${file}: empty: ${JSON.stringify(key)}`); continue; }
    const want = keptParts(text(value)); const got = keptParts(t);
    if (want.join('\u0000') !== got.join('\u0000')) {
      problems.push(`${file}: ${JSON.stringify(key)} keeps ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
    }
  }
  for (const key of Object.keys(translated)) {
    if (!(key in english)) { problems.push(`${file}: no longer in English: ${JSON.stringify(key)}`); }
  }
  return problems;
}

/** The problems of one shipped translation (both of its files); none when it is complete. */
function checkTranslation(lang) {
  const problems = [];
  for (const [english, translated] of [['l10n/bundle.l10n.json', `l10n/bundle.l10n.${lang}.json`], ['package.nls.json', `package.nls.${lang}.json`]]) {
    const file = path.join(ROOT, translated);
    if (!fs.existsSync(file)) { problems.push(`${translated}: missing`); continue; }
    problems.push(...translationProblems(JSON.parse(fs.readFileSync(path.join(ROOT, english), 'utf8')), JSON.parse(fs.readFileSync(file, 'utf8')), translated));
  }
  return problems;
}

module.exports = { PSEUDO_LOCALE, OUTPUTS, TRANSLATIONS, pseudo, pseudoBundle, writePseudo, cleanPseudo, keptParts, translationProblems, checkTranslation };

if (require.main === module) {
  if (process.argv.includes('--clean')) {
    cleanPseudo();
  } else if (process.argv.includes('--check')) {
    const problems = TRANSLATIONS.flatMap(checkTranslation);
    for (const p of problems) { console.error(p); }
    console.log(problems.length ? `${problems.length} problem(s) in the translations` : `complete: ${TRANSLATIONS.join(', ')}`);
    process.exit(problems.length ? 1 : 0);
  } else {
    writePseudo(); console.log(`wrote ${Object.values(OUTPUTS).map(f => path.relative(ROOT, f)).join(' and ')}`);
  }
}
