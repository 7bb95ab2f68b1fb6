/**
 * Noisy neighbour: a small workflow is open; a pathological one (bench/pathological.ts) is opened next to
 * it. Right after its didOpen, and once more 1 s later, the editor asks documentSymbol, hover and
 * completion on the small document (at once, as an editor does). The figure is the slowest of them.
 */
import { BenchClient, type Outcome, type ServerUnderTest } from './bench-client';
import { PATHOLOGICAL, SMALL_WORKFLOW } from './pathological';

export interface NeighbourRound {
  /** Slowest of the three small-document requests, ms; null when one failed. */
  readonly maxMs: number | null;
  /** ms by method, or the failure. */
  readonly requests: Record<string, number | string>;
}

export interface NeighbourNumbers {
  readonly input: string;
  readonly bytes: number;
  readonly rightAfterOpen?: NeighbourRound;
  readonly oneSecondLater?: NeighbourRound;
  /** Slowest small-document request of both rounds, or the failure ("timeout", "error"). */
  readonly maxMs: number | string;
  /** didOpen of the pathological document -> its diagnostics (waited for `pathologicalWaitMs` at most). */
  readonly pathologicalOpenMs: number | string;
  readonly peakRssMb: number | null;
  readonly error?: string;
}

const SMALL_URI = 'file:///bench/small.yaml';
const BIG_URI = 'file:///bench/pathological.yaml';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function smallRequests(client: BenchClient, timeoutMs: number): Promise<NeighbourRound> {
  const textDocument = { uri: SMALL_URI };
  // Line 9 is `        image: alpine`: hover on the key, completion at its start (container's keys).
  const asks: [string, unknown][] = [
    ['textDocument/documentSymbol', { textDocument }],
    ['textDocument/hover', { textDocument, position: { line: 9, character: 10 } }],
    ['textDocument/completion', { textDocument, position: { line: 9, character: 8 }, context: { triggerKind: 1 } }],
  ];
  const sent = asks.filter(([m]) => client.supports(m));
  const t0 = performance.now();
  const outcomes: Outcome<unknown>[] = await Promise.all(sent.map(([m, p]) => client.request(m, p, { timeoutMs })));
  const requests: Record<string, number | string> = {};
  let maxMs: number | null = 0;
  sent.forEach(([m], i) => {
    const o = outcomes[i];
    const key = m.replace('textDocument/', '');
    if (o.ok) {
      requests[key] = Math.round((o.at - t0) * 10) / 10;
      if (maxMs !== null) maxMs = Math.max(maxMs, o.at - t0);
    } else {
      requests[key] = o.failure;
      maxMs = null;
    }
  });
  return { maxMs: maxMs === null ? null : Math.round(maxMs * 10) / 10, requests };
}

function worst(rounds: NeighbourRound[], timeoutMs: number): number | string {
  for (const r of rounds) {
    if (r.maxMs !== null) continue;
    const failure = Object.values(r.requests).find((v) => typeof v === 'string') ?? 'error';
    return failure === 'timeout' ? `timeout (> ${timeoutMs / 1000} s)` : failure;
  }
  return rounds.length ? Math.max(...rounds.map((r) => r.maxMs ?? 0)) : 'error';
}

/** One pathological input in a fresh server. Never throws. */
async function neighbour(
  server: ServerUnderTest,
  input: { name: string; make: () => string },
  timeoutMs: number,
  pathologicalWaitMs: number,
): Promise<NeighbourNumbers> {
  const text = input.make();
  let client: BenchClient | undefined;
  try {
    client = await BenchClient.start(server);
    const smallDiagnostics = client.diagnostics(SMALL_URI, 1, timeoutMs);
    await client.open(SMALL_URI, SMALL_WORKFLOW);
    await smallDiagnostics;
    const bigDiagnostics = client.diagnostics(BIG_URI, 1, pathologicalWaitMs);
    const t0 = performance.now();
    await client.open(BIG_URI, text);
    const rightAfterOpen = await smallRequests(client, timeoutMs);
    await sleep(t0 + 1000 - performance.now());
    const oneSecondLater = await smallRequests(client, timeoutMs);
    // The pathological document's own diagnostics (an extra figure; the wait is bounded from its didOpen).
    const big = await bigDiagnostics;
    const pathologicalOpenMs = big.ok ? Math.round(big.at - t0) : big.failure === 'timeout' ? `timeout (> ${pathologicalWaitMs / 1000} s)` : big.failure;
    const peak = client.peakRssMb();
    return {
      input: input.name,
      bytes: text.length,
      rightAfterOpen,
      oneSecondLater,
      maxMs: worst([rightAfterOpen, oneSecondLater], timeoutMs),
      pathologicalOpenMs,
      peakRssMb: Number.isNaN(peak) ? null : Math.round(peak),
      ...(client.exited ? { error: `server exited: ${client.stderr.slice(-300)}` } : {}),
    };
  } catch (e) {
    return {
      input: input.name,
      bytes: text.length,
      maxMs: 'error',
      pathologicalOpenMs: 'error',
      peakRssMb: null,
      error: e instanceof Error ? e.message : String(e),
    };
  } finally {
    await client?.stop();
  }
}

/**
 * Every pathological input, each in a fresh server. Small-document requests wait `timeoutMs` at most;
 * the pathological document's own diagnostics `pathologicalWaitMs` at most.
 */
export async function measureNoisyNeighbour(server: ServerUnderTest, timeoutMs = 60_000, pathologicalWaitMs = 10_000): Promise<NeighbourNumbers[]> {
  const out: NeighbourNumbers[] = [];
  for (const input of PATHOLOGICAL) out.push(await neighbour(server, input, timeoutMs, pathologicalWaitMs));
  return out;
}
