/** The bare measure: edit -> diagnostics with nothing else asked, plus completion and hover. */
import { CompletionRequest, HoverRequest, type Position } from 'vscode-languageserver-protocol/node';
import { BenchClient, type ServerUnderTest } from './bench-client';
import { percentile } from './stats';

export { percentile } from './stats';
export type { ServerUnderTest } from './bench-client';

export interface LspNumbers {
  readonly openMs: number;
  readonly editP50Ms: number;
  readonly editP95Ms: number;
  readonly completionP50Ms: number;
  readonly hoverP50Ms: number;
  readonly peakRssMb: number;
  readonly diagnostics: number;
  /** What went wrong ("timeout: ...", "error: ..."), when something did; the figures after it are NaN. */
  readonly failure?: string;
}

/**
 * Opens `text` in a fresh server, then: `edits` single-character edits at five places (insert, delete),
 * each timed to the diagnostics of that version; completion and hover requests at a task. Every wait is
 * bounded by `timeoutMs`; a failure ends the measure and is reported in `failure`. Never throws.
 */
export async function measureLsp(server: ServerUnderTest, text: string, edits = 20, timeoutMs = 30_000): Promise<LspNumbers> {
  let openMs = NaN;
  let diagnostics = NaN;
  let peakRssMb = NaN;
  let failure: string | undefined;
  const times: number[] = [];
  const completion: number[] = [];
  const hover: number[] = [];
  let client: BenchClient | undefined;
  try {
    client = await BenchClient.start(server);
    const c = client;
    const uri = 'file:///bench/workflow.yaml';
    const opened = c.diagnostics(uri, 1, timeoutMs);
    const t0 = performance.now();
    await c.open(uri, text);
    const o = await opened;
    if (!o.ok) throw new Error(`${o.failure}: open: ${o.message}`);
    openMs = o.at - t0;
    diagnostics = o.value.diagnostics.length;
    const lines = text.split('\n');
    const targets = [0.1, 0.3, 0.5, 0.7, 0.9].map((f) => {
      let line = Math.floor(lines.length * f);
      while (line < lines.length - 1 && !/value: "/.test(lines[line])) line++;
      return { line, character: lines[line].indexOf('value: "') + 8 };
    });
    let version = 1;
    for (let i = 0; i < edits; i++) {
      const pos = targets[i % targets.length];
      const change =
        i % 2 === 0
          ? { range: { start: pos, end: pos }, text: 'x' }
          : { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' };
      version++;
      const next = c.diagnostics(uri, version, timeoutMs);
      const s = performance.now();
      await c.change(uri, version, [change]);
      const d = await next;
      if (!d.ok) throw new Error(`${d.failure}: edit ${i + 1}: ${d.message}`);
      times.push(d.at - s);
    }
    // Completion after `template: ` and hover on a template name, in the middle of the document.
    const mid = lines.findIndex((l, i) => i > lines.length / 2 && /^\s+template: /.test(l));
    const templatePos: Position = { line: mid, character: lines[mid].indexOf('template: ') + 10 };
    const timed = async (method: string, params: unknown, into: number[]): Promise<void> => {
      const s = performance.now();
      const r = await c.request(method, params, { timeoutMs });
      if (!r.ok) throw new Error(`${r.failure}: ${method}: ${r.message}`);
      into.push(r.at - s);
    };
    for (let i = 0; i < 10; i++) {
      await timed(CompletionRequest.method, { textDocument: { uri }, position: templatePos }, completion);
      await timed(HoverRequest.method, { textDocument: { uri }, position: { line: mid, character: templatePos.character + 1 } }, hover);
    }
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e);
  } finally {
    if (client) peakRssMb = client.peakRssMb();
    await client?.stop();
  }
  return {
    openMs,
    editP50Ms: percentile(times, 50),
    editP95Ms: percentile(times, 95),
    completionP50Ms: percentile(completion, 50),
    hoverP50Ms: percentile(hover, 50),
    peakRssMb,
    diagnostics,
    ...(failure ? { failure } : {}),
  };
}
