import * as vscode from 'vscode';
import type { ExportFormat } from './messages';

/** A file name from a template name (no path separators or odd characters). */
function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'graph';
}

/** Asks where to save an exported graph (next to the workflow file) and writes it. */
export async function saveExport(uri: string, template: string, format: ExportFormat, data: string): Promise<void> {
  const source = vscode.Uri.parse(uri);
  const base = source.path.slice(source.path.lastIndexOf('/') + 1).replace(/\.ya?ml$/i, '');
  const name = `${safeName(base)}-${safeName(template)}.${format}`;
  const folder = source.scheme === 'file' ? vscode.Uri.joinPath(source, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
    saveLabel: `Export ${format.toUpperCase()}`,
  });
  if (!target) return;
  const bytes = format === 'svg' ? new TextEncoder().encode(data) : Buffer.from(data.replace(/^data:image\/png;base64,/, ''), 'base64');
  await vscode.workspace.fs.writeFile(target, bytes);
  void vscode.window.showInformationMessage(`Exported the graph to ${vscode.workspace.asRelativePath(target)}.`);
}
