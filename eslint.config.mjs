// ESLint (flat config) with typescript-eslint's type-aware rules. `npm run lint` runs it with
// --max-warnings 0, and `npm test` runs `npm run lint` first (see "pretest"), so CI runs it too.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layers that must run without VS Code: the CLI, the sandbox server and the unit tests use the core
// directly, and the webview scripts run in a browser. `vscode` stays out of them, and so does anything under
// src/vscode or the extension's entry point (which would pull `vscode` in through the back door).
const vscodeFree = {
  paths: [{ name: 'vscode', message: 'This layer runs without VS Code: keep the `vscode` API in src/vscode.' }],
  patterns: [{
    // relative paths into src/vscode or to src/extension(.ts)
    regex: '^\\.{1,2}/(?:.*/)?(?:vscode(?:/.*)?|extension(?:\\.ts)?)$',
    message: 'This layer runs without VS Code: it may not import from src/vscode or the extension entry point.',
  }],
};

// Child processes: src/core/git/git.ts is the one runner (hardened config, git resolved from PATH, nothing the
// repository names ever runs). Anywhere else in the product, `child_process` is refused, statically and dynamically.
const CHILD_PROCESS_MESSAGE = 'Start programs only through the hardened git runner in src/core/git/git.ts.';
const childProcess = ['child_process', 'node:child_process'].map(name => ({ name, message: CHILD_PROCESS_MESSAGE }));
const childProcessSyntax = [
  { selector: "ImportExpression[source.value=/child_process$/]", message: CHILD_PROCESS_MESSAGE },
  { selector: "CallExpression[callee.name='require'][arguments.0.value=/child_process$/]", message: CHILD_PROCESS_MESSAGE },
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'media/**', 'node_modules/**', '.vscode-test/**', 'artifacts/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // `async` without `await` is how an interface's Promise-returning method is implemented here (stores,
      // fakes, providers), and it turns a synchronous throw into a rejection, which is what callers expect.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `typeof import('undici')` types a module that is loaded lazily on purpose (src/core/http/client.ts)
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'eqeqeq': ['error', 'always'],
      'curly': 'error',
      'no-throw-literal': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/cli.ts', 'src/sandbox/**/*.ts', 'src/webview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { ...vscodeFree, paths: [...vscodeFree.paths, ...childProcess] }] },
  },
  {
    files: ['src/vscode/**/*.ts', 'src/extension.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: childProcess }] },
  },
  {
    // the runner itself
    files: ['src/core/git/git.ts'],
    rules: { 'no-restricted-imports': ['error', vscodeFree] },
  },
  {
    // The words for the core's codes, shared by the CLI (English) and the extension (vscode.l10n): `vscode`
    // for its types only (which is how `npm run l10n` finds the strings), nothing from src/vscode.
    files: ['src/words/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', allowTypeImports: true, message: 'The CLI uses these words too: import vscode for its types only.' }, ...childProcess],
        patterns: vscodeFree.patterns,
      }],
    },
  },
  {
    // One way a caught value becomes text: errorMessage() in src/core/errorMessage.ts.
    files: ['src/**/*.ts'],
    ignores: ['src/core/errorMessage.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "ConditionalExpression[test.operator='instanceof'][test.right.name='Error'][consequent.property.name='message']",
        message: 'Use errorMessage(err) from src/core/errorMessage.ts.',
      }, ...childProcessSyntax],
    },
  },
  {
    // The key commands' handlers run in the unit tests without VS Code: the window comes in through the KeyUi
    // facade, and `vscode` may be imported for its types only (which is how `npm run l10n` finds their strings).
    files: ['src/vscode/features/keys/{keyHandlers,rotateHandlers,interrupted,facade}.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'vscode', allowTypeImports: true,
        message: 'Handlers are unit-tested without VS Code: take the window through KeyUi (facade.ts); import vscode for types only.' }, ...childProcess] }],
    },
  },
  {
    // Tests and benchmarks read JSON (CLI output, SARIF, package.json) whose shape they then assert: `any`
    // from JSON.parse is what they check, not what they trust.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // plain JavaScript build and tool scripts (Node ESM)
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      sourceType: 'module',
      // tools/standin/harness.mjs hands functions to the browser (page.evaluate), hence the browser globals
      globals: { ...globals.node, ...globals.browser },
    },
  },
  {
    // CommonJS tool scripts the compiled tests require() (tools/pseudo-l10n.cjs)
    files: ['**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
);
