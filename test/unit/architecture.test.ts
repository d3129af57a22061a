import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Settings } from '../../src/constants';
import { REPOSITORY_URL, RULE_IDS } from '../../src/core/scanner/rules';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));

describe('architecture', () => {
  it('the diagnostics settings are contributed with a resource scope, and the severity object lists every rule', () => {
    const props = manifest.contributes.configuration.properties as Record<string, { scope?: string; markdownDescription?: string; properties?: Record<string, unknown> }>;
    const diag = (Object.values(Settings) as unknown[]).filter((s): s is string => typeof s === 'string' && s.startsWith('ringKeys.diagnostics.'));
    assert.ok(diag.length >= 6);
    for (const s of diag) {
      assert.strictEqual(props[s]?.scope, 'resource', `${s} is contributed, resource-scoped`);
      assert.ok(nls[props[s].markdownDescription!.replace(/%/g, '')], `${s} description is localised`);
    }
    assert.deepStrictEqual(Object.keys(props[Settings.diagnosticsSeverity].properties!).sort(), [...RULE_IDS].sort());
  });

  it('rule explanations point at README sections of the repository in package.json', () => {
    assert.strictEqual(REPOSITORY_URL, manifest.repository.url);
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const id of RULE_IDS) { assert.ok(new RegExp(`^#+ \`?${id}\`?$`, 'm').test(readme), `README has a "${id}" heading`); }
  });
});
