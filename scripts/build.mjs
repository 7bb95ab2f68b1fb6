// Bundles the three entry points with esbuild: client, language server, CLI.
import { build } from 'esbuild';
import { chmodSync, mkdirSync } from 'node:fs';
import { buildMedia } from './build-media.mjs';

const production = process.argv.includes('--production');
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
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  buildMedia(production),
]);
chmodSync('dist/cli.js', 0o755);
console.log(`built dist/ in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
