import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'better-sqlite3'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'node_modules/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, 'electron', '**/electron/**'] }],
    },
  },
  {
    // shared/ is pure: it runs in the renderer, the main process and the server alike.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...nodeBuiltins, 'electron', '**/electron/**', '**/renderer/**'] },
      ],
    },
  },
  {
    // Only the thin shell may load Electron: everything else must run under plain Node.
    files: [
      'electron/services/**/*.ts',
      'electron/web.ts',
      'server/**/*.ts',
      'tests/**/*.ts',
      'bench/**/*.ts',
    ],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'] }] },
  },
);
