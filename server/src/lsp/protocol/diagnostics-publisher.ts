import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import type { DiagnosticsResult } from '../shared/messages';
import { MAX_ANALYSED_CHARS, type OpenDocuments } from './open-documents';
import type { WorkerPool } from './worker-pool';

/**
 * Publishes diagnostics of open documents: after an edit (debounced) the document's worker analyses
 * the newest version; superseded versions are never published.
 */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: OpenDocuments,
    private readonly pool: WorkerPool,
    private readonly delayMs: number,
    private readonly deadlineMs: number,
    /** Told of each analysed version (whether it is Argo, which templates it defines). */
    private readonly onAnalysed: (uri: string, result: DiagnosticsResult) => void,
  ) {}

  schedule(uri: string, immediate = false): void {
    const prev = this.timers.get(uri);
    if (prev) clearTimeout(prev);
    this.timers.delete(uri);
    if (this.delayMs <= 0 && !immediate) {
      // Queued now, ahead of the requests the editor sends with the edit: the worker analyses the
      // version once for all of them, and diagnostics go out first. Fast typing coalesces by
      // itself: a job whose version was superseded while it waited is dropped.
      void this.publish(uri);
      return;
    }
    const timer = setTimeout(
      () => {
        this.timers.delete(uri);
        void this.publish(uri);
      },
      immediate ? 0 : this.delayMs,
    );
    this.timers.set(uri, timer);
  }

  async publish(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    if (!this.documents.analysable(uri)) {
      const mb = (doc.getText().length / 1048576).toFixed(1);
      this.send(uri, version, [
        notice(
          `This file is ${mb} MB; Argo Studio analyses files up to ${MAX_ANALYSED_CHARS / 1048576} MB, so checks, completion, hover, navigation, outline, folding and the graph are off for it.`,
        ),
      ]);
      return;
    }
    const outcome = await this.pool.run('diagnostics', uri, version, {}, { priority: 0, deadlineMs: this.deadlineMs });
    if (this.documents.version(uri) !== version) return; // superseded or closed
    if (outcome.ok) {
      const result = outcome.value as DiagnosticsResult;
      this.onAnalysed(uri, result);
      this.send(uri, version, result.diagnostics);
    } else if (outcome.reason === 'failed' || outcome.reason === 'timeout') {
      this.connection.console.error(`argo-studio: ${uri}: ${outcome.message}`);
      this.send(uri, version, [notice(`Argo Studio could not analyse this file: ${firstLine(outcome.message)}.`)]);
    }
  }

  clear(uri: string): void {
    const prev = this.timers.get(uri);
    if (prev) clearTimeout(prev);
    this.timers.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  refreshAll(except?: string): void {
    for (const uri of this.documents.uris()) if (uri !== except) this.schedule(uri, true);
  }

  private send(uri: string, version: number, diagnostics: Diagnostic[]): void {
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

function notice(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'analysis-skipped',
    source: 'argo-studio',
    message,
  };
}
