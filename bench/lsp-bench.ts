import { readFileSync } from 'node:fs';
import { CompletionRequest, DidChangeConfigurationNotification, HoverRequest, type Position } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../test/helpers/lsp-client';

export interface LspNumbers {
  readonly openMs: number;
  readonly editP50Ms: number;
  readonly editP95Ms: number;
  readonly completionP50Ms: number;
  readonly hoverP50Ms: number;
  readonly peakRssMb: number;
  readonly diagnostics: number;
}

export interface ServerUnderTest {
  readonly name: string;
  /** Node script and arguments. */
  readonly command: string[];
  /** Settings to push after initialize (and answer to workspace/configuration). */
  readonly settings?: Record<string, unknown>;
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Peak resident set of a process and its threads (VmHWM), in MB. */
function peakRssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Opens `text` in a fresh server, then: 20 single-character edits at five places (insert, delete),
 * each timed to the diagnostics of that version; completion and hover requests at a task.
 */
export async function measureLsp(server: ServerUnderTest, text: string, edits = 20): Promise<LspNumbers> {
  const client = new LspClient({}, server.command);
  try {
    if (server.settings) client.settings = server.settings;
    await client.initialize(undefined, 'file:///bench');
    if (server.settings) await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: server.settings });
    await new Promise((r) => setTimeout(r, 200));
    const uri = 'file:///bench/workflow.yaml';
    const t0 = performance.now();
    const diags = await client.open(uri, text);
    const openMs = performance.now() - t0;
    const lines = text.split('\n');
    const targets = [0.1, 0.3, 0.5, 0.7, 0.9].map((f) => {
      let line = Math.floor(lines.length * f);
      while (line < lines.length - 1 && !/value: "/.test(lines[line])) line++;
      return { line, character: lines[line].indexOf('value: "') + 8 };
    });
    const times: number[] = [];
    let version = 1;
    for (let i = 0; i < edits; i++) {
      const pos = targets[i % targets.length];
      const change = i % 2 === 0 ? { range: { start: pos, end: pos }, text: 'x' } : { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' };
      version++;
      const s = performance.now();
      await client.change(uri, version, [change]);
      times.push(performance.now() - s);
    }
    // Completion after `template: ` and hover on a template name, in the middle of the document.
    const mid = lines.findIndex((l, i) => i > lines.length / 2 && /^\s+template: /.test(l));
    const templatePos: Position = { line: mid, character: lines[mid].indexOf('template: ') + 10 };
    const completion: number[] = [];
    const hover: number[] = [];
    for (let i = 0; i < 10; i++) {
      let s = performance.now();
      await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: templatePos });
      completion.push(performance.now() - s);
      s = performance.now();
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: mid, character: templatePos.character + 1 } });
      hover.push(performance.now() - s);
    }
    return {
      openMs,
      editP50Ms: percentile(times, 50),
      editP95Ms: percentile(times, 95),
      completionP50Ms: percentile(completion, 50),
      hoverP50Ms: percentile(hover, 50),
      peakRssMb: peakRssMb(client.pid),
      diagnostics: diags.length,
    };
  } finally {
    await client.stop();
  }
}
