// Bundles the graph webview script: media/graph/src/main.ts -> dist/media/graph.js (browser, IIFE).
// Called by scripts/build.mjs; runs alone too: node scripts/build-media.mjs [--production]
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function buildMedia(production = process.argv.includes('--production')) {
  mkdirSync('dist/media', { recursive: true });
  await build({
    entryPoints: ['media/graph/src/main.ts'],
    outfile: 'dist/media/graph.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['chrome120'],
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    legalComments: 'none',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  await buildMedia();
  console.log(`built dist/media/graph.js in ${Date.now() - started} ms`);
}
