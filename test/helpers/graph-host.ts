import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { LayoutCache } from '../../server/src/core/graph/layout';
import type { GraphRequestParams, GraphResponse } from '../../server/src/core/graph/protocol';
import { graphCodeLenses } from '../../server/src/lsp/worker/features/code-lens';
import { computeGraph } from '../../server/src/lsp/worker/features/graph';
import { WorkerDocuments } from '../../server/src/lsp/worker/worker-documents';

/** The analysis worker's graph answers, called directly (no threads): documents in, responses out. */
export class GraphHost {
  readonly docs = new WorkerDocuments();

  constructor(readonly cache = new LayoutCache()) {}

  open(uri: string, text: string, version = 1): this {
    this.docs.sync(uri, version, false, text, undefined);
    return this;
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    this.docs.sync(uri, version, false, undefined, changes);
  }

  graph(params: GraphRequestParams): Promise<GraphResponse> {
    const s = this.docs.snapshot(params.uri);
    if (!s) return Promise.resolve({ ok: false, uri: params.uri, error: 'The document is not open in the Argo language server.' });
    return computeGraph(s, this.cache, params);
  }

  codeLenses(uri: string): ReturnType<typeof graphCodeLenses> {
    const s = this.docs.snapshot(uri);
    return s ? graphCodeLenses(s) : [];
  }
}
