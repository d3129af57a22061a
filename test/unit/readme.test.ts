// The README documents what exists: its settings table matches the manifest's contributed settings.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

interface Row { name: string; scope: string; default: string; description: string }

/** The rows of the first table under "## Settings", keyed by the setting in the first cell. */
function settingsTable(): Map<string, Row> {
  const section = readme.split(/^## /m).find(s => s.startsWith('Settings\n'));
  assert.ok(section, 'README.md has a "## Settings" section');
  const rows = new Map<string, Row>();
  const lines = section.split('\n').filter(l => l.startsWith('|'));
  assert.ok(lines.length > 2, 'the Settings section has a table');
  for (const line of lines.slice(2)) {           // skip the header and the |---| line
    const cells = line.split('|').slice(1, -1).map(c => c.trim());
    assert.strictEqual(cells.length, 4, `a settings row has four cells (setting, scope, default, description): ${line}`);
    const names = [...cells[0].matchAll(/`([^`]+)`/g)].map(m => m[1]);
    assert.strictEqual(names.length, 1, `one setting per row: ${line}`);
    const name = names[0];
    assert.ok(!rows.has(name), `${name} is listed twice`);
    rows.set(name, { name, scope: cells[1], default: cells[2], description: cells[3] });
  }
  return rows;
}

const props = pkg.contributes.configuration.properties as Record<string, { scope: string; default: unknown }>;

describe('README.md', () => {
  it('lists every contributed setting in its settings table, and none that does not exist', () => {
    const documented = [...settingsTable().keys()].sort();
    const contributed = Object.keys(props).sort();
    const missing = contributed.filter(n => !documented.includes(n));
    const unknown = documented.filter(n => !contributed.includes(n));
    assert.deepStrictEqual({ missing, unknown }, { missing: [], unknown: [] },
      'README.md\'s settings table and package.json contributes.configuration.properties differ');
  });

  it('gives each setting the scope, default and a description from package.json', () => {
    const rows = settingsTable();
    for (const [name, p] of Object.entries(props)) {
      const row = rows.get(name);
      if (!row) { continue; }   // reported by the test above
      assert.strictEqual(row.scope, p.scope, `${name}: scope`);
      assert.ok(row.description.length > 10, `${name}: a description`);
      const d = p.default;
      if (d === '') {
        assert.match(row.default, /empty/, `${name}: default is empty`);
      } else if (d !== null && typeof d === 'object' && !Array.isArray(d)) {
        for (const v of new Set(Object.values(d))) { assert.ok(row.default.includes(`\`${String(v)}\``), `${name}: default names \`${String(v)}\``); }
      } else {
        const shown = typeof d === 'string' ? d : JSON.stringify(d);
        assert.ok(row.default.includes(`\`${shown}\``), `${name}: default \`${shown}\`, README says ${row.default}`);
      }
    }
  });

  it('embeds only pictures that exist in docs/images/', () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map(m => m[1]);
    for (const img of images) {
      assert.match(img, /^docs\/images\/[\w.-]+\.png$/, `relative path under docs/images/: ${img}`);
      assert.ok(fs.existsSync(path.join(ROOT, img)), `${img} exists`);
    }
  });
});
