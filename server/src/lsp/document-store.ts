import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { analyzeText, type AnalyzeOptions, type Analysis } from '../core/analyze';
import type { ParsedFile } from '../core/parse/parse-file';
import type { Finding } from '../core/types';
import { parseWithCache } from './analysis-worker';
import type { WorkspaceIndex } from '../core/workspace/template-summary';
import type { ClusterInventory } from '../core/workspace/cluster-inventory';

interface Entry {
  document: TextDocument;
  /** Main-thread analysis (for features that need the model), computed lazily per version. */
  analysis?: Analysis;
  analyzedVersion: number;
  /** Findings from the analysis worker, for the version they were computed on. */
  findings?: Finding[];
  findingsVersion: number;
  /** The document held Argo documents at some analysis. */
  wasArgo: boolean;
}

/** Open documents with incremental text updates, and their analyses cached per version. */
export class DocumentStore {
  private readonly docs = new Map<string, Entry>();
  private readonly trees = new Map<string, ParsedFile>();
  private opts: AnalyzeOptions = {};
  private workspace: (() => WorkspaceIndex) | undefined;
  private inventory: ClusterInventory | undefined;

  /** What the connected cluster has (the client sends it); undefined when not connected. */
  setInventory(inventory: ClusterInventory | undefined): void {
    this.inventory = inventory;
    this.invalidate();
  }

  /** Where templateRefs resolve: the workspace's WorkflowTemplates. */
  setWorkspace(index: () => WorkspaceIndex): void {
    this.workspace = index;
  }

  get options(): AnalyzeOptions {
    return this.opts;
  }

  setOptions(options: AnalyzeOptions): void {
    this.opts = options;
    for (const d of this.docs.values()) {
      d.analysis = undefined;
      d.analyzedVersion = -1;
      d.findings = undefined;
      d.findingsVersion = -1;
    }
  }

  open(uri: string, languageId: string, version: number, text: string): void {
    this.docs.set(uri, { document: TextDocument.create(uri, languageId, version, text), analyzedVersion: -1, findingsVersion: -1, wasArgo: false });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    const d = this.docs.get(uri);
    if (!d) return;
    d.document = TextDocument.update(d.document, changes, version);
  }

  close(uri: string): void {
    this.docs.delete(uri);
    this.trees.delete(uri);
  }

  uris(): string[] {
    return [...this.docs.keys()];
  }

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri)?.document;
  }

  wasArgo(uri: string): boolean {
    return this.docs.get(uri)?.wasArgo === true;
  }

  /** Options for analysing this document now (in the worker: without the workspace object). */
  workerOptionsFor(uri: string): Omit<AnalyzeOptions, 'workspace'> {
    return { ...this.opts, assumeArgo: this.wasArgo(uri), uri, inventory: this.inventory };
  }

  /** Options for analysing this document on this thread. */
  optionsFor(uri: string): AnalyzeOptions {
    return { ...this.workerOptionsFor(uri), workspace: this.workspace?.() };
  }

  /** Forgets cached analyses (the workspace's templates changed). */
  invalidate(): void {
    for (const d of this.docs.values()) {
      d.analysis = undefined;
      d.analyzedVersion = -1;
    }
  }

  /** Records the worker's findings for a version of the document. */
  setFindings(uri: string, version: number, findings: Finding[], hasArgo: boolean): void {
    const d = this.docs.get(uri);
    if (!d) return;
    d.findings = findings;
    d.findingsVersion = version;
    d.wasArgo = d.wasArgo || hasArgo;
  }

  /** The findings of the current version: from the worker when available, else computed here. */
  findings(uri: string): Finding[] {
    const d = this.docs.get(uri);
    if (!d) return [];
    if (d.findings && d.findingsVersion === d.document.version) return d.findings;
    return this.analysis(uri)?.findings ?? [];
  }

  /** The full analysis (with models) of the current version, computed on this thread if needed. */
  analysis(uri: string): Analysis | undefined {
    const d = this.docs.get(uri);
    if (!d) return undefined;
    if (d.analysis && d.analyzedVersion === d.document.version) return d.analysis;
    const text = d.document.getText();
    const analysis = analyzeText(text, this.optionsFor(uri), parseWithCache(this.trees, uri, text));
    d.analysis = analysis;
    d.analyzedVersion = d.document.version;
    d.wasArgo = d.wasArgo || analysis.hasArgo;
    return analysis;
  }

  /** The last full analysis, even if the text has changed since (for fast answers while typing). */
  lastAnalysis(uri: string): Analysis | undefined {
    return this.docs.get(uri)?.analysis;
  }
}
