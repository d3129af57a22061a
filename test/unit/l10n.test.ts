// Display languages besides English (issue 24): each one Ring Keys ships (tools/pseudo-l10n.cjs TRANSLATIONS)
// translates every message of l10n/bundle.l10n.json and package.nls.json, and keeps each placeholder, command
// link, codicon and `code` span as it is, so a sentence still takes its values and its links still work.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const l10n = require(path.join(ROOT, 'tools', 'pseudo-l10n.cjs')) as {
  TRANSLATIONS: string[];
  checkTranslation(lang: string): string[];
  translationProblems(english: Record<string, string>, translated: Record<string, string>, file: string): string[];
};

describe('display languages', () => {
  it('ships German, and every shipped language is complete: every message translated, placeholders and links kept', () => {
    assert.ok(l10n.TRANSLATIONS.includes('de'), 'German is one of the languages');
    for (const lang of l10n.TRANSLATIONS) { assert.deepStrictEqual(l10n.checkTranslation(lang), [], lang); }
  });

  it('German is German: the commands and the messages a user meets first read in German', () => {
    const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.de.json'), 'utf8')) as Record<string, string>;
    const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;
    assert.strictEqual(nls['command.addKey'], 'Schlüssel hinzufügen');
    assert.strictEqual(bundle['Add Key'], nls['command.addKey'], 'a command has one name in the palette and in messages');
    assert.strictEqual(bundle['Verify Key'], nls['command.verifyKey']);
    assert.strictEqual(bundle['Rotate Key'], nls['command.rotateKey']);
    const same = Object.entries(bundle).filter(([en, de]) => en === de && /[a-z]{4,} [a-z]{4,}/.test(en));
    assert.deepStrictEqual(same.map(([en]) => en).filter(en => !/^[a-z_, ]+$/.test(en)), [], 'no English sentence left as it was');
  });

  it('the check finds a missing, an empty and a stale message, and a dropped or changed placeholder, link or code span', () => {
    const english = { 'Add Key': 'Add Key', 'Verify {0}…': 'Verify {0}…', 'No key. [Add Key](command:{0})': 'No key. [Add Key](command:{0})', 'Run `x`.': 'Run `x`.', 'Hi': 'Hi' };
    const translated = {
      'Verify {0}…': '{1} prüfen…', 'No key. [Add Key](command:{0})': 'Kein Schlüssel. [Hinzufügen](command:other)', 'Run `x`.': '`y` ausführen.',
      'Hi': ' ', 'Gone': 'Weg',
    };
    const problems = l10n.translationProblems(english, translated, 'x.json');
    assert.deepStrictEqual(problems.map(p => p.replace(/ keeps .*/, ' keeps …')), [
      'x.json: not translated: "Add Key"',
      'x.json: "Verify {0}…" keeps …',
      'x.json: "No key. [Add Key](command:{0})" keeps …',
      'x.json: "Run `x`." keeps …',
      'x.json: empty: "Hi"',
      'x.json: no longer in English: "Gone"',
    ]);
    assert.deepStrictEqual(l10n.translationProblems(english, { ...english }, 'x.json'), [], 'an exact copy is complete');
  });
});
