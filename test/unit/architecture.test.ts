import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, Settings } from '../../src/constants';
import { REPOSITORY_URL, RULE_IDS } from '../../src/core/scanner/rules';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('architecture', () => {
  it('nothing under src/core imports vscode (the CLI and unit tests run it without VS Code)', () => {
    const offenders = files(path.join(ROOT, 'src', 'core')).filter(f =>
      /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\s*\(\s*['"]vscode['"]\s*\))/.test(fs.readFileSync(f, 'utf8')));
    assert.deepStrictEqual(offenders.map(f => path.relative(ROOT, f)), []);
    assert.ok(files(path.join(ROOT, 'src', 'core', 'scanner')).length >= 8, 'the scanner core is where this test looks');
  });

  it('package.json contributes exactly the command ids of src/constants.ts, each with the Ring Keys category', () => {
    const contributed = manifest.contributes.commands as Array<{ command: string; category: string; title: string }>;
    assert.deepStrictEqual(contributed.map(c => c.command).sort(), Object.values(Commands).sort());
    for (const c of contributed) {
      assert.strictEqual(c.category, 'Ring Keys', c.command);
      assert.match(c.command, /^ringKeys\.[a-z][A-Za-z]*$/);
      assert.ok(nls[c.title.replace(/%/g, '')], `${c.command}: title ${c.title} is in package.nls.json`);
    }
  });

  it('every setting has an explicit scope and a localised description; diagnostics settings are the ones in constants', () => {
    const props = manifest.contributes.configuration.properties as Record<string, { scope?: string; markdownDescription?: string; properties?: Record<string, unknown> }>;
    for (const [key, p] of Object.entries(props)) {
      assert.ok(['application', 'machine', 'machine-overridable', 'window', 'resource', 'language-overridable'].includes(p.scope ?? ''), `${key} has a scope`);
      assert.ok(p.markdownDescription && nls[p.markdownDescription.replace(/%/g, '')], `${key} description is localised`);
    }
    const diag = Object.values(Settings).filter(s => s.startsWith(`${Settings.diagnostics}.`));
    for (const s of diag) { assert.ok(props[s], `${s} is contributed`); }
    assert.deepStrictEqual(Object.keys(props[Settings.diagnosticsSeverity]!.properties!).sort(), [...RULE_IDS].sort());
  });

  it('rule explanations point at README sections of the repository in package.json', () => {
    assert.strictEqual(REPOSITORY_URL, manifest.repository.url);
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const id of RULE_IDS) { assert.ok(new RegExp(`^#+ \`?${id}\`?$`, 'm').test(readme), `README has a "${id}" heading`); }
  });
});
