/**
 * The custom LSP request for the graph view (`argoStudio/graph`): params and response, plain JSON.
 * Shared by the language server (answers) and the extension (asks); types only plus the method name.
 */
import type { GraphDirection, GraphLayout, WorkflowGraph } from './types';

export const GRAPH_REQUEST_METHOD = 'argoStudio/graph';

export interface GraphRequestParams {
  readonly uri: string;
  /** YAML document index; default: the document at `offset`, else the first Argo document. */
  readonly documentIndex?: number;
  /** Template to draw; default: the entrypoint. */
  readonly template?: string;
  readonly direction?: GraphDirection;
  /** Cursor offset: the response names the nodes under it (cursor following). */
  readonly offset?: number;
  /** Group node ids to draw collapsed. */
  readonly collapsed?: readonly string[];
  readonly collapseAll?: boolean;
  /** Artifact labels on edges (default true). */
  readonly showArtifacts?: boolean;
  /** Also render a standalone SVG with these colours (e.g. to export without a webview). */
  readonly renderSvg?: 'light' | 'dark';
}

export type GraphResponse =
  | {
      readonly ok: true;
      readonly uri: string;
      /** Version of the text document the graph was built from. */
      readonly version: number;
      /** Nodes carry `location` (LSP ranges) for reveal and cursor following. */
      readonly graph: WorkflowGraph;
      readonly layout: GraphLayout;
      /** Nodes under `offset` (every drawn instance); empty without an offset. */
      readonly activeNodeIds: string[];
      /** The first of `activeNodeIds`. */
      readonly activeNodeId?: string;
      readonly svg?: string;
    }
  | { readonly ok: false; readonly uri: string; readonly version?: number; readonly error: string };
