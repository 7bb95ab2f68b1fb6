import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { fileURLToPath } from 'node:url';
import type { Analysis } from '../../core/analyze';
import { maskedText } from '../../core/helm';
import { analyzeFileText, roleOf, roleOfPlace, type FileRole } from '../../helm/analyze-file';
import { parseFile, reparseIncrementally, type ParsedFile } from '../../core/parse';
import { MapWorkspaceIndex, type IndexedWorkflowTemplate } from '../../core/workspace';
import type { WorkerConfig } from '../shared/messages';
import { injectedDelay } from './fault-injection';

/** One document as this worker knows it: its text, and the analysis of that text (computed once). */
interface DocState {
  doc: TextDocument;
  wasArgo: boolean;
  /** The last parse (for incremental re-parsing of the next version). */
  tree?: ParsedFile;
  analysis?: { readonly version: number; readonly generation: number; readonly value: Analysis };
  /** Answers already computed from one analysis (documentSymbol, folding, ...), by key. */
  memo: Map<string, unknown>;
  memoOf: Analysis | undefined;
  /** What the file's place says it is (a chart template, a Kustomize patch), read once. */
  place?: FileRole;
}

/**
 * One version of a document, handed to a feature. `doc` is updated in place by the next sync, so a
 * feature converts offsets to positions before it yields (awaits); the rest stays this version's.
 */
export interface Snapshot {
  readonly uri: string;
  readonly version: number;
  readonly doc: TextDocument;
  readonly text: string;
  readonly analysis: Analysis;
  readonly workspace: MapWorkspaceIndex;
  /** Computes `make()` once per version of this document (shared by all requests of the version). */
  memo<T>(key: string, make: () => T): T;
}

/**
 * The documents of one worker. Texts arrive as `sync` messages (full, or changes to the version
 * held); analyses are computed on demand, once per version and settings generation, re-using the
 * previous tree where an edit allows.
 */
export class WorkerDocuments {
  private readonly docs = new Map<string, DocState>();
  private config: WorkerConfig = {};
  private workspace = new MapWorkspaceIndex();
  /** Bumped when settings or the workspace change: every analysis is stale then. */
  private generation = 0;

  sync(
    uri: string,
    version: number,
    wasArgo: boolean,
    text: string | undefined,
    changes: TextDocumentContentChangeEvent[] | undefined,
    languageId = 'yaml',
  ): boolean {
    const d = this.docs.get(uri);
    if (text !== undefined) {
      // A full text replaces the document (the tree is kept: the incremental parser checks what changed).
      if (d) {
        d.doc = TextDocument.create(uri, languageId, version, text);
        d.wasArgo ||= wasArgo;
        d.place = undefined;
      } else this.docs.set(uri, { doc: TextDocument.create(uri, languageId, version, text), wasArgo, memo: new Map(), memoOf: undefined });
      return true;
    }
    if (!d || !changes) return false;
    d.doc = TextDocument.update(d.doc, changes, version);
    d.wasArgo ||= wasArgo;
    return true;
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  version(uri: string): number | undefined {
    return this.docs.get(uri)?.doc.version;
  }

  setConfig(config: WorkerConfig): void {
    this.config = config;
    this.generation++;
  }

  /** A new workspace index; `recheck` false when only its ranges moved (no analysis is stale then). */
  setWorkspace(entries: readonly IndexedWorkflowTemplate[], recheck: boolean): void {
    this.workspace = new MapWorkspaceIndex(entries);
    if (recheck) this.generation++;
  }

  get index(): MapWorkspaceIndex {
    return this.workspace;
  }

  /** The text of an open document of this worker (for cross-file features). */
  text(uri: string): string | undefined {
    return this.docs.get(uri)?.doc.getText();
  }

  /** The document at its current version, analysed. */
  snapshot(uri: string): Snapshot | undefined {
    const d = this.docs.get(uri);
    if (!d) return undefined;
    const doc = d.doc;
    const version = doc.version;
    const text = doc.getText();
    const analysis = this.analysisOf(uri, d, text);
    if (d.memoOf !== analysis) {
      d.memo = new Map();
      d.memoOf = analysis;
    }
    const memo = d.memo;
    return {
      uri,
      version,
      doc,
      text,
      analysis,
      workspace: this.workspace,
      memo<T>(key: string, make: () => T): T {
        if (memo.has(key)) return memo.get(key) as T;
        const value = make();
        memo.set(key, value);
        return value;
      },
    };
  }

  private analysisOf(uri: string, d: DocState, text: string): Analysis {
    const version = d.doc.version;
    const cached = d.analysis;
    if (cached && cached.version === version && cached.generation === this.generation) return cached.value;
    injectedDelay(uri);
    // A Helm chart template is parsed masked (same offsets) and rendered by Helm when there is one (bounded, cached).
    const path = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    d.place ??= roleOfPlace(path, d.doc.languageId);
    const role = roleOf(path, text, d.doc.languageId, d.place);
    const file = this.parse(d, role === 'helm' ? maskedText(text) : text);
    const { helm, ...options } = this.config;
    const value = analyzeFileText(path, text, { ...options, workspace: this.workspace, uri, assumeArgo: d.wasArgo }, helm, role, file);
    d.wasArgo ||= value.hasArgo;
    d.analysis = { version, generation: this.generation, value };
    return value;
  }

  /** The parse of `text`, re-using the previous tree of the document where an edit allows it. */
  private parse(d: DocState, text: string): ParsedFile {
    const prev = d.tree;
    let file: ParsedFile | undefined;
    if (prev && prev.text === text) file = prev;
    else if (prev) {
      try {
        file = reparseIncrementally(prev, text);
      } catch {
        file = undefined;
      }
    }
    file ??= parseFile(text);
    d.tree = file;
    return file;
  }
}
