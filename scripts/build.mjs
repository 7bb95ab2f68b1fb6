// Bundles the three entry points with esbuild: client, language server, CLI.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { buildMedia } from './build-media.mjs';

const production = process.argv.includes('--production');
/**
 * ELK (1.6 MB of generated JavaScript) stays a file of its own, loaded on the first layout: the analysis
 * worker and the CLI's lint never parse it.
 */
const elkAsFile = {
  name: 'elk-as-file',
  setup(b) {
    b.onResolve({ filter: /^elkjs\/lib\/elk\.bundled\.js$/ }, () => ({ path: './elk.bundled.js', external: true }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

mkdirSync('dist', { recursive: true });
const started = Date.now();
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // The language server's protocol thread, and its analysis workers (the core is only in the latter).
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [elkAsFile] }),
  build({ ...common, entryPoints: ['server/src/server-worker.ts'], outfile: 'dist/server-worker.js', plugins: [elkAsFile] }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [elkAsFile] }),
  buildMedia(production),
]);
copyFileSync('node_modules/elkjs/lib/elk.bundled.js', 'dist/elk.bundled.js');
chmodSync('dist/cli.js', 0o755);
console.log(`built dist/ in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
