/**
 * ESLint (flat config) over src, test, bench and scripts: `npm run lint`, and a step of `npm test`.
 * typescript-eslint's recommended rules, a few type-aware ones (promises), React's hooks rules
 * for the web app, and "routes only route" for the server's route files.
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', '.test-tmp/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    // Type-aware, about promises (the whole no-unsafe-* family of recommendedTypeChecked is left out: too noisy for its worth).
    rules: {
      // `_name` marks a value left unused on purpose (a destructured field, an argument).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      // A React event handler may return a promise (React ignores it): attributes are not checked.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      // One import statement per module (a type-only import beside it is fine).
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['test/**'],
    // Tests read untyped JSON answers and reach into private shapes on purpose.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/server/platform/db/migrations/**'],
    // Kysely's migrations take Kysely<any>: a migration must not lean on today's schema types.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The two classic hooks rules. The React Compiler's rules (refs, set-state-in-effect…) are left
    // out: the app is not compiled by it, and its latest-value refs are deliberate.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    // Consoles are the output of the CLI and of the server's entry point; tests may print timings.
    ignores: ['src/cli/**', 'src/server/main.ts', '**/*.test.{ts,tsx}'],
    rules: { 'no-console': ['error', { allow: ['warn', 'error'] }] },
  },
  {
    files: ['src/server/**/*.routes.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|transaction|writeAudits?)$/]', 'CallExpression[callee.name=/^writeAudits?$/]'].map((selector) => ({
          selector,
          message: 'routes only route: move this into a query or an action',
        })),
      ],
    },
  },
);
