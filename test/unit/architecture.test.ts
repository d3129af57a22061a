import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Settings } from '../../src/constants';
import { REPOSITORY_URL, RULE_IDS, ruleHelpUrl } from '../../src/core/scanner/rules';

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

  it('rule explanations point at headings of docs/detection.md in the repository in package.json', () => {
    assert.strictEqual(REPOSITORY_URL, manifest.repository.url);
    const detection = fs.readFileSync(path.join(ROOT, 'docs', 'detection.md'), 'utf8');
    for (const id of RULE_IDS) {
      assert.strictEqual(ruleHelpUrl(id), `${manifest.repository.url}/blob/HEAD/docs/detection.md#${id}`);
      assert.ok(new RegExp(`^#+ \`?${id}\`?$`, 'm').test(detection), `docs/detection.md has a "${id}" heading`);
    }
  });
});
