import { parentPort } from 'node:worker_threads';
import { analyzeText } from '../core/analyze';
import { reparseIncrementally } from '../core/parse/incremental';
import { parseFile, type ParsedFile } from '../core/parse/parse-file';
import { MapWorkspaceIndex } from '../core/workspace/template-summary';
import type { AnalysisJob, AnalysisOutcome } from './analysis-protocol';

/** Parsed trees kept per document, so an edit inside one task or step re-parses only that item. */
const MAX_CACHED = 16;

/** Body of the analysis worker thread: analyses texts so the protocol thread never blocks. */
export function runAnalysisWorker(): void {
  const port = parentPort;
  if (!port) return;
  let workspace = new MapWorkspaceIndex();
  const trees = new Map<string, ParsedFile>();
  port.on('message', (job: AnalysisJob) => {
    const started = performance.now();
    if (job.workspace) workspace = new MapWorkspaceIndex(job.workspace.entries);
    let outcome: AnalysisOutcome;
    try {
      const file = parseWithCache(trees, job.uri, job.text);
      const analysis = analyzeText(job.text, { ...job.options, workspace }, file);
      outcome = { id: job.id, uri: job.uri, version: job.version, findings: analysis.findings, hasArgo: analysis.hasArgo, elapsedMs: performance.now() - started };
    } catch (e) {
      trees.delete(job.uri);
      outcome = { id: job.id, uri: job.uri, version: job.version, findings: [], hasArgo: false, elapsedMs: performance.now() - started, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(outcome);
  });
}

/** The parse of `text`, re-using the previous tree of the document where an edit allows it. */
export function parseWithCache(trees: Map<string, ParsedFile>, uri: string, text: string): ParsedFile {
  const prev = trees.get(uri);
  let file: ParsedFile | undefined;
  if (prev) {
    try {
      file = reparseIncrementally(prev, text);
    } catch {
      file = undefined;
    }
  }
  file ??= parseFile(text);
  trees.delete(uri);
  trees.set(uri, file);
  while (trees.size > MAX_CACHED) trees.delete(trees.keys().next().value as string);
  return file;
}
