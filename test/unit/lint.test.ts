// The lint rules that guard the layers and the promises: fed code that breaks them, ESLint (with this
// repository's eslint.config.mjs) must say so. `npm run lint` checks the tree itself.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../../..');

let eslint: ESLint | undefined;   // one instance: its TypeScript programs are built once

async function ruleIds(file: string, extra: string): Promise<string[]> {
  eslint ??= new ESLint({ cwd: ROOT });
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8') + extra;
  const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, file) });
  return result.messages.map(m => m.ruleId ?? m.message);
}

describe('lint rules', function () {
  this.timeout(180_000);   // type-aware linting builds TypeScript programs: seconds, more on a loaded machine

  for (const file of ['src/core/keys.ts', 'src/cli/main.ts', 'src/sandbox/server.ts', 'src/webview/tester/main.ts']) {
    it(`${file} may not import vscode, nor reach it through src/vscode`, async () => {
      assert.deepStrictEqual(await ruleIds(file, `\nimport * as vscode from 'vscode';\nexport const probe = vscode;\n`), ['no-restricted-imports']);
      const back = path.relative(path.dirname(path.join(ROOT, file)), path.join(ROOT, 'src/vscode/services')).replace(/\\/g, '/');
      assert.deepStrictEqual(await ruleIds(file, `\nexport { createServices } from '${back}';\n`), ['no-restricted-imports']);
    });
  }

  it('the key commands\' handlers may import vscode for its types only (they are unit-tested without VS Code)', async () => {
    const file = 'src/vscode/features/keys/keyHandlers.ts';
    assert.deepStrictEqual(await ruleIds(file, ''), [], 'the file as it is lints clean');
    assert.deepStrictEqual(await ruleIds(file, `\nimport { window } from 'vscode';\nexport const probe = window;\n`), ['@typescript-eslint/no-restricted-imports']);
  });

  it('the shared words (CLI and extension) may import vscode for its types only, and nothing from src/vscode', async () => {
    const file = 'src/words/messages.ts';
    assert.deepStrictEqual(await ruleIds(file, ''), [], 'the file as it is lints clean');
    assert.deepStrictEqual(await ruleIds(file, `\nimport { window } from 'vscode';\nexport const probe = window;\n`), ['@typescript-eslint/no-restricted-imports']);
    assert.deepStrictEqual(await ruleIds(file, `\nexport { createServices } from '../vscode/services';\n`), ['@typescript-eslint/no-restricted-imports']);
  });

  it('the extension side may import vscode, and a floating or misused promise is an error there', async () => {
    const file = 'src/vscode/ui/dialogs.ts';
    assert.deepStrictEqual(await ruleIds(file, ''), [], 'the file as it is lints clean');
    assert.deepStrictEqual(await ruleIds(file, `\nexport function probe(): void { Promise.resolve(1); }\n`), ['@typescript-eslint/no-floating-promises']);
    assert.deepStrictEqual(await ruleIds(file, `\nexport function probe(xs: number[]): void { xs.forEach(async () => { await Promise.resolve(); }); }\n`), ['@typescript-eslint/no-misused-promises']);
  });

  it('a caught value becomes text only through errorMessage()', async () => {
    const file = 'src/core/keys.ts';
    assert.deepStrictEqual(await ruleIds(file, `\nexport const probe = (err: unknown): string => err instanceof Error ? err.message : String(err);\n`), ['no-restricted-syntax']);
  });

  // every git call goes through the hardened runner: no other file of the product may start a program
  for (const file of ['src/core/scanner/walk.ts', 'src/cli/hook.ts', 'src/vscode/features/history/index.ts', 'src/words/messages.ts', 'src/vscode/features/keys/keyHandlers.ts', 'src/extension.ts']) {
    it(`${file} may not start a program (child_process is src/core/git/git.ts's alone)`, async () => {
      const refused = (ids: string[]) => ids.length > 0 && ids.every(id => /(^|\/)no-restricted-imports$/.test(id));
      assert.deepStrictEqual(await ruleIds(file, ''), [], 'the file as it is lints clean');
      assert.ok(refused(await ruleIds(file, `\nimport { execFile } from 'node:child_process';\nexport const probe = execFile;\n`)));
      assert.ok(refused(await ruleIds(file, `\nimport * as cp from 'child_process';\nexport const probe = cp;\n`)));
      assert.deepStrictEqual(await ruleIds(file, `\nexport const probe = async (): Promise<unknown> => import('node:child_process');\n`), ['no-restricted-syntax']);
    });
  }

  it('the git runner itself may use child_process', async () => {
    assert.deepStrictEqual(await ruleIds('src/core/git/git.ts', ''), []);
  });
});
