import { isMainThread, workerData } from 'node:worker_threads';
import { WORKER_ROLE } from './lsp/analysis-protocol';
import { runAnalysisWorker } from './lsp/analysis-worker';
import { startServer } from './lsp/start-server';

// One bundle, two roles: the protocol thread, and the analysis worker it starts from this same file.
if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) runAnalysisWorker();
else startServer();
