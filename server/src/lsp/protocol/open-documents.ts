import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';

/** Texts over this size get a notice instead of analysis, and no feature answers for them. */
export const MAX_ANALYSED_CHARS = 10 * 1024 * 1024;

interface OpenDocument {
  document: TextDocument;
  /** The text held Argo documents at some analysis (the worker reports it). */
  wasArgo: boolean;
}

/** The open documents' texts and versions: all the protocol thread keeps of them. */
export class OpenDocuments {
  private readonly docs = new Map<string, OpenDocument>();

  open(uri: string, languageId: string, version: number, text: string): void {
    this.docs.set(uri, { document: TextDocument.create(uri, languageId, version, text), wasArgo: false });
  }

  /** Applies the changes; returns the version they apply to. */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): number | undefined {
    const d = this.docs.get(uri);
    if (!d) return undefined;
    const previous = d.document.version;
    d.document = TextDocument.update(d.document, changes, version);
    return previous;
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

  version(uri: string): number | undefined {
    return this.docs.get(uri)?.document.version;
  }

  /** True when the document is open and small enough to analyse. */
  analysable(uri: string): boolean {
    const d = this.docs.get(uri);
    return d !== undefined && d.document.getText().length <= MAX_ANALYSED_CHARS;
  }

  markArgo(uri: string, hasArgo: boolean): void {
    const d = this.docs.get(uri);
    if (d && hasArgo) d.wasArgo = true;
  }

  /** What a worker needs to hold the document (undefined when closed or too large). */
  textOf(uri: string): { version: number; text: string; wasArgo: boolean; languageId: string } | undefined {
    const d = this.docs.get(uri);
    if (!d) return undefined;
    const text = d.document.getText();
    if (text.length > MAX_ANALYSED_CHARS) return undefined;
    return { version: d.document.version, text, wasArgo: d.wasArgo, languageId: d.document.languageId };
  }
}
