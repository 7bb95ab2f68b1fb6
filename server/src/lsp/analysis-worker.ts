import { parentPort } from 'node:worker_threads';
import { analyzeText } from '../core/analyze';
import type { AnalysisJob, AnalysisOutcome } from './analysis-protocol';

/** Body of the analysis worker thread: analyses texts so the protocol thread never blocks. */
export function runAnalysisWorker(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (job: AnalysisJob) => {
    const started = performance.now();
    let outcome: AnalysisOutcome;
    try {
      const analysis = analyzeText(job.text, job.options);
      outcome = { id: job.id, uri: job.uri, version: job.version, findings: analysis.findings, hasArgo: analysis.hasArgo, elapsedMs: performance.now() - started };
    } catch (e) {
      outcome = { id: job.id, uri: job.uri, version: job.version, findings: [], hasArgo: false, elapsedMs: performance.now() - started, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(outcome);
  });
}
