// Standalone emulator with a real-time clock, for tests that need it as a separate process.
//   npx tsx test/cluster/serve.ts --port 0 --kubeconfig out.yaml [--http] [--kubectl-minor 32] [--namespace argo]
// Prints one JSON line {"url","port","kubeconfigPath","namespace","context","pid"} on stdout; stops on SIGTERM/SIGINT.
// The token is only written to the kubeconfig file (mode 0600), never printed.

import { resolve } from 'node:path';
import { startEmulator } from './emulator/start.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const kubeconfig = arg('kubeconfig');
  const emu = await startEmulator({
    clock: 'real',
    tls: !process.argv.includes('--http'),
    port: Number(arg('port') ?? 0),
    kubectlMinor: arg('kubectl-minor'),
    namespace: arg('namespace'),
    kubeconfigPath: kubeconfig ? resolve(kubeconfig) : undefined,
  });
  process.stdout.write(
    JSON.stringify({ url: emu.url, port: emu.port, kubeconfigPath: emu.kubeconfigPath, namespace: emu.namespace, context: emu.contextName, pid: process.pid }) +
      '\n',
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void emu.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`emulator failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
