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
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'vscode',
            'fs',
            'node:fs',
            'http',
            'https',
            'node:http',
            'node:https',
            'net',
            'node:net',
            'child_process',
            'node:child_process',
            '@kubernetes/client-node',
            'vscode-languageserver',
            'vscode-languageserver/node',
          ],
        },
      ],
    },
  },
  {
    // The language server's protocol thread only routes: it may not load the analysis (the core runs
    // in the workers). Types are fine; so are the graph request's name and the inventory's validation.
    files: ['server/src/lsp/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '/(core/(?!graph/protocol$|workspace/cluster-inventory$)|lsp/worker/)',
              allowTypeImports: true,
              message: 'The protocol thread only routes: analysis belongs in the workers (server/src/lsp/worker).',
            },
          ],
        },
      ],
    },
  },
  {
    // The core's areas have front doors: from the extension, import `server/src/core/<area>` (its
    // index.ts), never a file inside an area. The graph has a second, browser-safe door,
    // `server/src/core/graph/view` (no graph builder, no ELK), the only one the webviews may use.
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '/server/src/core/(?!graph/view$)[^/]+/',
              allowTypeImports: false,
              message: 'Import the core through its front doors: server/src/core/<area> (or server/src/core/graph/view), not a file inside an area.',
            },
          ],
        },
      ],
    },
  },
  {
    // A webview is bundled for the browser: it may only use the graph's browser-safe door (the full
    // index reaches the graph builder and ELK: graph.js grows from 41 KB to 118 KB).
    files: ['media/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '/server/src/core/(?!graph/view$)',
              allowTypeImports: false,
              message: 'A webview imports the core only through server/src/core/graph/view (browser-safe).',
            },
          ],
        },
      ],
    },
  },
  {
    // The same front doors for the language server's workers and the CLI.
    files: ['server/src/lsp/worker/**/*.ts', 'server/src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+core/[^/]+/[^/]+',
              allowTypeImports: false,
              message: 'Import the core through its front doors: core/<area> (its index.ts), not a file inside an area.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
