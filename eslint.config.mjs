// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'test-results/**', '.cache/**', 'schemas/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The core is pure: no editor, no network, no filesystem.
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['vscode', 'fs', 'node:fs', 'http', 'https', 'node:http', 'node:https', 'net', 'node:net', 'child_process', 'node:child_process', '@kubernetes/client-node', 'vscode-languageserver', 'vscode-languageserver/node'],
      }],
    },
  },
  {
    // The language server's protocol thread only routes: it may not load the analysis (the core runs
    // in the workers). Types are fine; so are the graph request's name and the inventory's validation.
    files: ['server/src/lsp/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '/(core/(?!graph/protocol$|workspace/cluster-inventory$)|lsp/worker/)',
          allowTypeImports: true,
          message: 'The protocol thread only routes: analysis belongs in the workers (server/src/lsp/worker).',
        }],
      }],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
