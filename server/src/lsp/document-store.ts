import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { analyzeText, type AnalyzeOptions, type Analysis } from '../core/analyze';

/** One open document: its text and, once computed, its analysis (cached per version). */
export interface StoredDocument {
  readonly document: TextDocument;
  readonly analysis: Analysis | undefined;
  readonly analyzedVersion: number;
  /** The document held Argo documents at its last analysis. */
  readonly wasArgo: boolean;
}

type Listener = (uri: string, analysis: Analysis) => void;

/** Open documents with incremental text updates and a per-version analysis cache. */
export class DocumentStore {
  private readonly docs = new Map<string, { document: TextDocument; analysis?: Analysis; analyzedVersion: number; wasArgo: boolean }>();
  private readonly listeners: Listener[] = [];
  private options: AnalyzeOptions = {};

  setOptions(options: AnalyzeOptions): void {
    this.options = options;
    for (const d of this.docs.values()) {
      d.analysis = undefined;
      d.analyzedVersion = -1;
    }
  }

  open(uri: string, languageId: string, version: number, text: string): void {
    this.docs.set(uri, { document: TextDocument.create(uri, languageId, version, text), analyzedVersion: -1, wasArgo: false });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    const d = this.docs.get(uri);
    if (!d) return;
    d.document = TextDocument.update(d.document, changes, version);
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  uris(): string[] {
    return [...this.docs.keys()];
  }

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri)?.document;
  }

  /** The analysis of the current version, computed now if needed. */
  analysis(uri: string): Analysis | undefined {
    const d = this.docs.get(uri);
    if (!d) return undefined;
    if (d.analysis && d.analyzedVersion === d.document.version) return d.analysis;
    const analysis = analyzeText(d.document.getText(), { ...this.options, assumeArgo: d.wasArgo });
    d.analysis = analysis;
    d.analyzedVersion = d.document.version;
    d.wasArgo = d.wasArgo || analysis.hasArgo;
    for (const l of this.listeners) l(uri, analysis);
    return analysis;
  }

  /** The last analysis, even if the text has changed since (for fast answers while typing). */
  lastAnalysis(uri: string): Analysis | undefined {
    return this.docs.get(uri)?.analysis;
  }

  isCurrent(uri: string): boolean {
    const d = this.docs.get(uri);
    return !!d && !!d.analysis && d.analyzedVersion === d.document.version;
  }

  onDidAnalyze(listener: Listener): void {
    this.listeners.push(listener);
  }
}
