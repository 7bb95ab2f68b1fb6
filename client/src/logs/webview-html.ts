import type * as vscode from 'vscode';
import { pageResourceRoots, webviewPageHtml } from '../webview/webview-page';

/** Folders the logs webview may load from. */
export function logsResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return pageResourceRoots(extensionUri, 'logs');
}

/** The logs page (strict CSP with a nonce). */
export function logsHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewPageHtml(webview, extensionUri, { name: 'logs', title: 'Argo logs', label: 'Workflow logs' });
}
