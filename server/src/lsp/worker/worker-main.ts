import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { LayoutCache } from '../../core/graph';
import type { FromWorker, Jobs, JobKind, ToWorker } from '../shared/messages';
import { codeActions } from './features/code-actions';
import { graphCodeLenses, hasSmallGraph } from './features/code-lens';
import { completion } from './features/completion';
import { diagnostics } from './features/diagnostics';
import { computeGraph } from './features/graph';
import { hover } from './features/hover';
import { indexFiles } from './features/index-files';
import { definition, prepareRename, references, rename } from './features/navigation';
import { documentSymbols, folding } from './features/outline';
import { readTextFileBoundedSync } from '../../fs/walk-yaml';
import { WorkerDocuments, type Snapshot } from './worker-documents';
import { warmLayout, warmUp } from './warm-up';

/** Files read for cross-file navigation are bounded like the workspace index. */
const MAX_OTHER_FILE_BYTES = 2 * 1024 * 1024;

type Handler<K extends JobKind> = (s: Snapshot, params: Jobs[K]['params']) => Jobs[K]['result'] | Promise<Jobs[K]['result']>;
type Handlers = { [K in Exclude<JobKind, 'indexFiles'>]: Handler<K> };

/** Body of an analysis worker: keeps documents and answers every request derived from their text. */
export function runWorker(): void {
  const port = parentPort;
  if (!port) return;
  const docs = new WorkerDocuments();
  const layouts = new LayoutCache(24);
  const readOther = (uri: string): string | undefined => {
    const open = docs.text(uri);
    if (open !== undefined) return open;
    if (!uri.startsWith('file:')) return undefined;
    const r = readTextFileBoundedSync(fileURLToPath(uri), MAX_OTHER_FILE_BYTES);
    return typeof r === 'string' ? r : undefined;
  };
  const handlers: Handlers = {
    diagnostics: (s) => diagnostics(s),
    completion: (s, p) => completion(s, p),
    hover: (s, p) => hover(s, p),
    definition: (s, p) => definition(s, p, readOther),
    references: (s, p) => references(s, p, readOther),
    prepareRename: (s, p) => prepareRename(s, p),
    rename: (s, p) => rename(s, p, readOther),
    documentSymbol: (s) => documentSymbols(s),
    foldingRange: (s) => folding(s),
    codeLens: (s) => {
      // ELK draws graphs of up to 100 boxes; its first layout is slow, and loading it costs memory.
      if (hasSmallGraph(s)) warmLayout();
      return graphCodeLenses(s);
    },
    codeAction: (s, p) => codeActions(s, p),
    graph: (s, p) => computeGraph(s, layouts, p),
  };
  const post = (m: FromWorker): void => port.postMessage(m);
  let jobs = 0;

  async function run(id: number, kind: JobKind, uri: string | undefined, version: number | undefined, params: unknown): Promise<void> {
    const started = performance.now();
    const elapsed = (): number => performance.now() - started;
    try {
      if (kind === 'indexFiles') {
        const p = params as Jobs['indexFiles']['params'];
        post({ type: 'result', id, ok: true, value: indexFiles(p.uris, p.maxBytes), elapsedMs: elapsed() });
        return;
      }
      if (uri === undefined || !docs.has(uri)) {
        post({
          type: 'result',
          id,
          ok: false,
          reason: 'unknown-document',
          message: `${uri ?? 'no document'} is not open in this worker`,
          elapsedMs: elapsed(),
        });
        return;
      }
      if (version !== undefined && docs.version(uri) !== version) {
        post({ type: 'result', id, ok: false, reason: 'stale', message: `version ${version} was superseded`, elapsedMs: elapsed() });
        return;
      }
      const snapshot = docs.snapshot(uri) as Snapshot;
      const handler = handlers[kind] as Handler<typeof kind>;
      const value = await handler(snapshot, params as never);
      post({ type: 'result', id, ok: true, value, elapsedMs: elapsed() });
    } catch (e) {
      post({ type: 'result', id, ok: false, reason: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e), elapsedMs: elapsed() });
    }
  }

  port.on('message', (m: ToWorker) => {
    switch (m.type) {
      case 'sync':
        docs.sync(m.uri, m.version, m.wasArgo, m.text, m.changes, m.languageId);
        break;
      case 'close':
        docs.close(m.uri);
        break;
      case 'config':
        docs.setConfig(m.config);
        break;
      case 'workspace':
        docs.setWorkspace(m.entries, m.recheck);
        break;
      case 'job':
        jobs++;
        void run(m.id, m.kind, m.uri, m.version, m.params);
        break;
    }
  });
  warmUp(() => jobs === 0);
  post({ type: 'ready' });
}
