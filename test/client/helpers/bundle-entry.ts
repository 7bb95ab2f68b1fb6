// Entry of the bundle smoke test: the cluster modules bundled like dist/extension.js (esbuild, CJS),
// run in a plain Node process against the emulator. Prints one JSON line.
import { resourcePath, WORKFLOWS } from '../../../client/src/cluster/api-paths';
import { ListWatch } from '../../../client/src/cluster/list-watch';
import { KubeTransport } from '../../../client/src/cluster/transport';
import type { Workflow } from '../../../client/src/cluster/types';

async function main(): Promise<void> {
  const conn = KubeTransport.open({ files: [process.argv[2]], origin: 'setting' });
  const lw = new ListWatch<Workflow>(conn, { path: resourcePath(WORKFLOWS, conn.namespace) });
  lw.start();
  await lw.whenSynced(5000);
  process.stdout.write(`${JSON.stringify({ context: conn.contextName, namespace: conn.namespace, workflows: [...lw.cache.keys()] })}\n`);
  lw.dispose();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
