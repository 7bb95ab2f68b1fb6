import { parentPort } from 'node:worker_threads';
import { analyzeText } from '../core/analyze';
import { MapWorkspaceIndex } from '../core/workspace/template-summary';
import type { AnalysisJob, AnalysisOutcome } from './analysis-protocol';

/** Body of the analysis worker thread: analyses texts so the protocol thread never blocks. */
export function runAnalysisWorker(): void {
  const port = parentPort;
  if (!port) return;
  let workspace = new MapWorkspaceIndex();
  port.on('message', (job: AnalysisJob) => {
    const started = performance.now();
    if (job.workspace) workspace = new MapWorkspaceIndex(job.workspace.entries);
    let outcome: AnalysisOutcome;
    try {
      const analysis = analyzeText(job.text, { ...job.options, workspace });
      outcome = { id: job.id, uri: job.uri, version: job.version, findings: analysis.findings, hasArgo: analysis.hasArgo, elapsedMs: performance.now() - started };
    } catch (e) {
      outcome = { id: job.id, uri: job.uri, version: job.version, findings: [], hasArgo: false, elapsedMs: performance.now() - started, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(outcome);
  });
}
