import * as vscode from 'vscode';

const ARGO_RE = /^apiVersion:\s*argoproj\.io\/v1alpha1\s*$/m;
const KIND_RE = /^kind:\s*(Workflow|WorkflowTemplate|ClusterWorkflowTemplate|CronWorkflow)\s*$/m;

/** Whether a YAML text holds an Argo document (a cheap textual check, for menus and context keys). */
export function looksLikeArgo(text: string): boolean {
  return ARGO_RE.test(text) && KIND_RE.test(text);
}

/** Keeps the `argoStudio.isArgoDocument` context key in step with the active editor. */
export function trackArgoContext(context: vscode.ExtensionContext): void {
  const update = (): void => {
    const doc = vscode.window.activeTextEditor?.document;
    const isArgo = !!doc && doc.languageId === 'yaml' && looksLikeArgo(doc.getText(new vscode.Range(0, 0, 400, 0)));
    void vscode.commands.executeCommand('setContext', 'argoStudio.isArgoDocument', isArgo);
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) update();
    }),
  );
  update();
}
