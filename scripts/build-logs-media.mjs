// Bundles the logs webview script: media/logs/src/main.ts -> dist/media/logs.js (browser, IIFE).
// Called by scripts/build.mjs; runs alone too: node scripts/build-logs-media.mjs [--production]
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function buildLogsMedia(production = process.argv.includes('--production')) {
  mkdirSync('dist/media', { recursive: true });
  await build({
    entryPoints: ['media/logs/src/main.ts'],
    outfile: 'dist/media/logs.js',
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
  await buildLogsMedia();
  console.log(`built dist/media/logs.js in ${Date.now() - started} ms`);
}
