// @ts-check
import js from '@eslint/js';
import i18next from 'eslint-plugin-i18next';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Bare builtin names go in `paths` (exact match): as gitignore patterns they would also
// match our own folders of the same name, such as shared/util.
const NODE_BUILTIN_NAMES = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'events', 'worker_threads', 'buffer'];
const NODE_BUILTINS = ['node:*', 'fs/*'];
/** @param {string} message */
const nodePaths = (message) => NODE_BUILTIN_NAMES.map((name) => ({ name, message }));

/** Import boundaries of DESIGN.md: which layer may import what. */
export const layerRules = {
  shared: {
    paths: nodePaths('shared/ is pure TypeScript: no Node modules (put it in electron/host).'),
    patterns: [
      { group: NODE_BUILTINS, message: 'shared/ is pure TypeScript: no Node modules (put it in electron/host).' },
      { group: ['electron', 'react', 'react-dom', 'react-dom/*', 'better-sqlite3', 'serialport', 'iconv-lite'], message: 'shared/ imports no Electron, DOM, React or native module.' },
      { group: ['**/electron/**', '**/renderer/**', '**/tests/**'], message: 'shared/ imports nothing from the other folders.' },
    ],
  },
  renderer: {
    paths: nodePaths('The renderer has no Node access.'),
    patterns: [
      { group: NODE_BUILTINS, message: 'The renderer has no Node access.' },
      { group: ['electron', 'better-sqlite3', 'iconv-lite', 'serialport'], message: 'The renderer talks to the host through the contract only.' },
      { group: ['**/electron/**', '**/tests/**'], message: 'The renderer imports only from shared/.' },
    ],
  },
  host: {
    patterns: [
      { group: ['electron', 'electron/*'], message: "Only electron/main and electron/preload import 'electron'." },
      { group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**'], message: 'The host imports only shared/ and its own files.' },
    ],
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs', 'tests/security/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', layerRules.shared] } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, i18next },
    rules: {
      'no-restricted-imports': ['error', layerRules.renderer],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // Every word a resident reads goes through i18next.
      'i18next/no-literal-string': ['error', { mode: 'jsx-text-only' }],
    },
  },
  { files: ['electron/host/**/*.ts', 'electron/cli/**/*.ts'], rules: { 'no-restricted-imports': ['error', layerRules.host] } },
  {
    files: ['tests/**/*.{ts,tsx,mjs}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name=/^(only|skip|todo)$/][object.name=/^(describe|it|test)$/]", message: 'No focused or skipped tests.' },
        { selector: "MemberExpression[property.name=/^(only|skip|fixme)$/][object.object.name='test']", message: 'No focused or skipped tests.' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
