/**
 * `argoStudio.submit` and `argoStudio.apply` (palette, editor title, CodeLens): the submit flow with
 * VS Code prompts, then the run is tracked (finish notification), shown on an open graph of the
 * document, and remembered as submitted from that document.
 */
import * as vscode from 'vscode';
import type { ArgoDocument, TemplateParameter } from '../cluster';
import { OPEN_LOGS_COMMAND, type OpenLogsArgs } from '../logs/open-args';
import type { KubeTransport } from '../cluster';
import type { ConnectionManager } from '../runs/connection-manager';
import { submissionLabels } from '../runs/identity';
import type { Identity } from '../runs/run-filters';
import { showError, type RunCommands } from '../runs/run-commands';
import { argoAccepts } from '../../../server/src/core/policy';
import { runApplyFlow, runSubmitFlow, type FlowRequest, type SubmitPrompter } from './submit-flow';

export const vscodePrompter: SubmitPrompter = {
  async confirmDespiteErrors(errors, action) {
    const shown = errors
      .slice(0, 5)
      .map((e) => `• ${e}`)
      .join('\n');
    const more = errors.length > 5 ? `\n… and ${errors.length - 5} more` : '';
    const verb = action === 'submit' ? 'Submit Anyway' : 'Apply Anyway';
    // The first button is the dialog's default (Enter): the safe one. Escape cancels.
    const pick = await vscode.window.showWarningMessage(
      `The document has ${errors.length} error${errors.length === 1 ? '' : 's'} from rules stricter than Argo (Argo accepts it):`,
      { modal: true, detail: `${shown}${more}` },
      'Show Problems',
      verb,
    );
    if (pick === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
    return pick === verb;
  },
  async templateOutOfDate(state, doc) {
    const items =
      state === 'missing'
        ? [{ label: `Apply ${doc.kind} ${doc.name ?? ''}, then submit`, value: 'apply' as const }]
        : [
            { label: 'Apply my changes, then submit', value: 'apply' as const },
            { label: "Submit the cluster's version", value: 'cluster' as const },
          ];
    const pick = await vscode.window.showQuickPick(items, {
      title: state === 'missing' ? `${doc.kind} ${doc.name ?? ''} is not in the cluster` : `${doc.kind} ${doc.name ?? ''} differs from the cluster's`,
    });
    return pick?.value;
  },
  async parameterValue(p: TemplateParameter, doc: ArgoDocument) {
    const title = `Submit ${doc.name ?? doc.kind}: parameter ${p.name}`;
    if (p.enum && p.enum.length > 0) {
      const items = p.enum.map((v) => ({ label: v, description: v === p.value ? 'default' : undefined }));
      items.sort((a, b) => (a.label === p.value ? -1 : b.label === p.value ? 1 : 0));
      return (await vscode.window.showQuickPick(items, { title, placeHolder: p.description ?? p.name, ignoreFocusOut: true }))?.label;
    }
    return vscode.window.showInputBox({
      title,
      prompt: p.description,
      value: p.value ?? '',
      placeHolder: p.value === undefined ? 'no default: a value is required' : undefined,
      ignoreFocusOut: true,
    });
  },
};

function targetDocument(arg: unknown): Thenable<vscode.TextDocument> | undefined {
  if (typeof arg === 'string' && arg) return vscode.workspace.openTextDocument(vscode.Uri.parse(arg));
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  const editor = vscode.window.activeTextEditor;
  return editor ? Promise.resolve(editor.document) : undefined;
}

function request(doc: vscode.TextDocument, documentIndex: unknown, labels?: Record<string, string>): FlowRequest {
  const editor = vscode.window.activeTextEditor;
  const offset = editor?.document === doc ? doc.offsetAt(editor.selection.active) : undefined;
  const errors = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'argo-studio' && d.severity === vscode.DiagnosticSeverity.Error);
  const code = (d: vscode.Diagnostic): string => (typeof d.code === 'string' || typeof d.code === 'number' ? String(d.code) : '');
  const line = (d: vscode.Diagnostic): string => `line ${d.range.start.line + 1}: ${code(d) ? `${code(d)}: ` : ''}${d.message}`;
  return {
    text: doc.getText(),
    lintErrors: errors.filter((d) => argoAccepts(code(d))).map(line),
    rejectedErrors: errors.filter((d) => !argoAccepts(code(d))).map(line),
    ...(typeof documentIndex === 'number' ? { documentIndex } : {}),
    ...(offset !== undefined ? { offset } : {}),
    ...(labels ? { labels } : {}),
  };
}

export interface SubmitHooks {
  /** Called with every run submitted from a document. */
  readonly onSubmitted: (namespace: string, name: string, uri: string) => void;
  /** Called after a template was applied (the inventory changed). */
  readonly onApplied: () => void;
}

export function registerSubmitCommands(
  context: vscode.ExtensionContext,
  manager: ConnectionManager,
  runs: RunCommands,
  me: Identity,
  hooks: SubmitHooks,
): void {
  const connection = (): KubeTransport | undefined => {
    const c = manager.connection;
    if (!c)
      void vscode.window
        .showErrorMessage(manager.error?.detail ?? 'Not connected to a cluster.', 'Switch Context')
        .then((p) => p && vscode.commands.executeCommand('argoStudio.cluster.switchContext'));
    return c;
  };

  const submit = async (uriArg?: unknown, documentIndex?: unknown): Promise<void> => {
    const docP = targetDocument(uriArg);
    if (!docP) return void vscode.window.showInformationMessage('Open an Argo workflow YAML file to submit it.');
    const doc = await docP;
    const conn = connection();
    if (!conn) return;
    try {
      const out = await runSubmitFlow(conn, conn.namespace, request(doc, documentIndex, submissionLabels(me)), vscodePrompter);
      if (out.kind === 'cancelled') return;
      if (out.applied) hooks.onApplied();
      const name = out.workflow.metadata?.name ?? '';
      const uri = doc.uri.toString();
      hooks.onSubmitted(out.namespace, name, uri);
      if (out.namespace === conn.namespace) {
        await runs.rememberSource(out.namespace, name, uri);
        runs.overlay?.link(uri, name);
      }
      const other = out.namespace !== conn.namespace ? ` (namespace ${out.namespace}; the runs view shows ${conn.namespace})` : '';
      // The logs panel follows the new run when argoStudio.logs.openAfterSubmit is on (it checks the setting).
      void vscode.commands
        .executeCommand(OPEN_LOGS_COMMAND, { namespace: out.namespace, workflowName: name, trigger: 'submit' } satisfies OpenLogsArgs)
        .then(undefined, () => undefined);
      const pick = await vscode.window.showInformationMessage(
        `Submitted ${name}${out.applied ? ` (template ${out.applied})` : ''}${other}.`,
        'Open Graph',
        'Open Logs',
      );
      if (pick === 'Open Graph') await runs.openGraph(name);
      if (pick === 'Open Logs') await vscode.commands.executeCommand('argoStudio.runs.openLogs', name);
    } catch (e) {
      showError(e, 'Submit failed');
    }
  };

  const apply = async (uriArg?: unknown, documentIndex?: unknown): Promise<void> => {
    const docP = targetDocument(uriArg);
    if (!docP) return void vscode.window.showInformationMessage('Open an Argo template YAML file to apply it.');
    const doc = await docP;
    const conn = connection();
    if (!conn) return;
    try {
      const out = await runApplyFlow(conn, conn.namespace, request(doc, documentIndex), vscodePrompter);
      if (out.kind === 'applied' && out.result !== 'unchanged') hooks.onApplied();
      if (out.kind === 'applied') void vscode.window.showInformationMessage(`${out.document.kind} ${out.document.name ?? ''}: ${out.result}.`);
    } catch (e) {
      showError(e, 'Apply failed');
    }
  };

  context.subscriptions.push(vscode.commands.registerCommand('argoStudio.submit', submit), vscode.commands.registerCommand('argoStudio.apply', apply));
}
