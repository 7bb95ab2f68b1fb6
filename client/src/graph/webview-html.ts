import type * as vscode from 'vscode';
import { pageResourceRoots, webviewPageHtml } from '../webview/webview-page';

/** Folders the graph webview may load from. */
export function graphResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return pageResourceRoots(extensionUri, 'graph');
}

/** The graph page (strict CSP with a nonce; `blob:` images for the PNG export). */
export function graphHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewPageHtml(webview, extensionUri, { name: 'graph', title: 'Argo graph', label: 'Workflow graph', imgSources: ['blob:'] });
}
