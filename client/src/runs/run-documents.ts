/**
 * Read-only documents of runs (scheme `argo-run`): `argo-run:/<ns>/<name>.yaml` is the workflow as
 * YAML; `argo-run:/<ns>/<name>.graph.yaml` the spec its live graph is drawn from. They follow the store.
 */
import * as vscode from 'vscode';
import type { ConnectionManager } from './connection-manager';
import { graphSourceText, runYamlText } from './run-yaml';

export const RUN_SCHEME = 'argo-run';

export function runYamlUri(namespace: string, name: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RUN_SCHEME, path: `/${namespace}/${name}.yaml` });
}

export function runGraphUri(namespace: string, name: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RUN_SCHEME, path: `/${namespace}/${name}.graph.yaml` });
}

function parse(uri: vscode.Uri): { namespace: string; name: string; graph: boolean } | undefined {
  const m = /^\/([^/]+)\/(.+?)(\.graph)?\.yaml$/.exec(uri.path);
  return m ? { namespace: m[1], name: m[2], graph: m[3] !== undefined } : undefined;
}

export class RunDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private storeSub: { dispose(): void } | undefined;
  private readonly managerSub: { dispose(): void };

  constructor(private readonly manager: ConnectionManager) {
    this.managerSub = manager.onDidChange(() => this.attach());
    this.attach();
  }

  private attach(): void {
    this.storeSub?.dispose();
    this.storeSub = this.manager.store?.onDidChange((c) => {
      for (const doc of vscode.workspace.textDocuments) {
        if (doc.uri.scheme !== RUN_SCHEME) continue;
        const p = parse(doc.uri);
        // The graph source is fixed once the run started; only the YAML view follows every change.
        if (p && !p.graph && c.names.has(p.name)) this.changed.fire(doc.uri);
      }
    });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const p = parse(uri);
    const store = this.manager.store;
    const wf = p && store && store.namespace === p.namespace ? store.get(p.name) : undefined;
    if (!p || !wf) return `# The run ${uri.path} is not in the runs view (deleted, or another namespace/context).\n`;
    return p.graph ? graphSourceText(wf) : runYamlText(wf);
  }

  dispose(): void {
    this.storeSub?.dispose();
    this.managerSub.dispose();
    this.changed.dispose();
  }
}
