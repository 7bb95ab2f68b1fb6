// Bundles the webview scripts: media/NAME/src/main.ts -> dist/media/NAME.js (browser, IIFE), for
// NAME in graph and logs. Called by scripts/build.mjs; runs alone too:
//   node scripts/build-media.mjs [graph|logs ...] [--production]
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const WEBVIEWS = ['graph', 'logs'];

export async function buildWebview(name, production = false) {
  mkdirSync('dist/media', { recursive: true });
  await build({
    entryPoints: [`media/${name}/src/main.ts`],
    outfile: `dist/media/${name}.js`,
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

export async function buildMedia(production = process.argv.includes('--production'), names = WEBVIEWS) {
  await Promise.all(names.map((n) => buildWebview(n, production)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const names = process.argv.slice(2).filter((a) => WEBVIEWS.includes(a));
  await buildMedia(process.argv.includes('--production'), names.length ? names : WEBVIEWS);
  console.log(`built dist/media/{${(names.length ? names : WEBVIEWS).join(',')}}.js in ${Date.now() - started} ms`);
}
