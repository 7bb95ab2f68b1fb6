import type { Connection } from 'vscode-languageserver/node';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { AnalysisRunner } from './analysis-runner';
import type { DocumentStore } from './document-store';
import { toDiagnostic } from './convert';

/** Files larger than this are not analysed (a clear notice instead). */
export const MAX_ANALYSED_BYTES = 10 * 1024 * 1024;

/**
 * Publishes diagnostics for open documents. Edits are debounced per document and analysed in a
 * worker thread, so the protocol thread keeps answering requests whatever the input.
 */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Timing of the last analysis per document (for logs and benchmarks). */
  readonly lastElapsedMs = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly store: DocumentStore,
    private readonly runner: AnalysisRunner,
    private readonly delayMs: number,
  ) {}

  schedule(uri: string, immediate = false): void {
    const prev = this.timers.get(uri);
    if (prev) clearTimeout(prev);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      void this.publish(uri);
    }, immediate ? 0 : this.delayMs);
    this.timers.set(uri, timer);
  }

  async publish(uri: string): Promise<void> {
    const doc = this.store.get(uri);
    if (!doc) return;
    const version = doc.version;
    const text = doc.getText();
    if (text.length > MAX_ANALYSED_BYTES) {
      this.send(uri, version, [notice(`This file is ${(text.length / 1048576).toFixed(1)} MB; Argo Studio analyses files up to ${MAX_ANALYSED_BYTES / 1048576} MB.`)]);
      return;
    }
    const outcome = await this.runner.analyze(uri, version, text, this.store.workerOptionsFor(uri));
    const current = this.store.get(uri);
    if (!outcome || !current || current.version !== version) return; // superseded or closed
    this.lastElapsedMs.set(uri, outcome.elapsedMs);
    if (outcome.error) {
      this.connection.console.error(`argo-studio: ${uri}: ${outcome.error}`);
      this.send(uri, version, [notice(`Argo Studio could not analyse this file: ${outcome.error}.`)]);
      return;
    }
    this.store.setFindings(uri, version, outcome.findings, outcome.hasArgo);
    this.send(uri, version, outcome.findings.map((f) => toDiagnostic(current, f)));
  }

  clear(uri: string): void {
    const prev = this.timers.get(uri);
    if (prev) clearTimeout(prev);
    this.timers.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  refreshAll(): void {
    for (const uri of this.store.uris()) this.schedule(uri, true);
  }

  private send(uri: string, version: number, diagnostics: Diagnostic[]): void {
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }
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
