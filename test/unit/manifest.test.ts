import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, HIDDEN_FROM_PALETTE } from '../../src/constants';

const ROOT = path.resolve(__dirname, '../../..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');

describe('manifest and layering', () => {
  const pkg = JSON.parse(read('package.json')) as {
    contributes: { commands: Array<{ command: string; title: string; category?: string }>; menus?: { commandPalette?: Array<{ command: string; when: string }> } };
    activationEvents: string[];
  };
  const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;

  it('contributes exactly the command ids of src/constants.ts, each with the category and a localised title', () => {
    const contributed = pkg.contributes.commands.map(c => c.command).sort();
    assert.deepStrictEqual(contributed, Object.values(Commands).sort());
    for (const c of pkg.contributes.commands) {
      assert.strictEqual(c.category, 'Ring Keys', c.command);
      const m = /^%(.+)%$/.exec(c.title);
      assert.ok(m && nls[m[1]], `${c.command}: title ${c.title} is in package.nls.json`);
    }
    const hidden = (pkg.contributes.menus?.commandPalette ?? []).filter(m => m.when === 'false').map(m => m.command).sort();
    assert.deepStrictEqual(hidden, [...HIDDEN_FROM_PALETTE].sort());
  });

  it('restores the Request Tester panel after a reload (its serializer has an activation event)', () => {
    assert.ok(pkg.activationEvents.includes('onWebviewPanel:ringKeys.requestTester'));
  });

  it('keeps `vscode` out of the core and the webview script', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) { walk(p); } else if (p.endsWith('.ts')) { files.push(p); }
      }
    };
    walk('src/core');
    walk('src/webview');
    assert.ok(files.length > 10);
    for (const f of files) {
      assert.ok(!/from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(read(f)), `${f} imports vscode`);
    }
  });

  it('ships the webview scripts and styles (.vscodeignore is an allow-list), not their source maps', () => {
    const ignore = read('.vscodeignore').split('\n').map(l => l.trim());
    assert.strictEqual(ignore.find(l => l && !l.startsWith('#')), '**', 'everything is left out first');
    for (const p of ['!media/*.js', '!media/*.css', '!media/dist/*.js']) { assert.ok(ignore.includes(p), p); }
    assert.ok(!ignore.some(l => /^!.*(\*\*|\.map)$/.test(l) && l.startsWith('!media')), 'no pattern that would re-include source maps');
  });
});
