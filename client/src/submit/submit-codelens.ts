/** CodeLenses "Submit" / "Submit now" / "Apply" on the `kind:` line of each Argo document. */
import * as vscode from 'vscode';
import { looksLikeArgo } from '../argo-context';
import { argoDocuments } from '../cluster';

export class SubmitCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration('argoStudio').get<boolean>('cluster.codeLens', true)) return [];
    const text = doc.getText();
    if (!looksLikeArgo(text)) return [];
    const out: vscode.CodeLens[] = [];
    const uri = doc.uri.toString();
    for (const d of argoDocuments(text)) {
      const pos = doc.positionAt(d.offset);
      const range = new vscode.Range(pos, pos);
      const submitTitle = d.kind === 'Workflow' ? '$(play) Submit' : d.kind === 'CronWorkflow' ? '$(play) Submit now' : '$(play) Submit…';
      out.push(new vscode.CodeLens(range, { title: submitTitle, command: 'argoStudio.submit', arguments: [uri, d.index] }));
      if (d.kind !== 'Workflow')
        out.push(new vscode.CodeLens(range, { title: '$(cloud-upload) Apply', command: 'argoStudio.apply', arguments: [uri, d.index] }));
    }
    return out;
  }
}
