import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';

/** Folders the logs webview may load from. */
export function logsResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'media'), vscode.Uri.joinPath(extensionUri, 'media', 'logs')];
}

/**
 * The logs page: a strict Content-Security-Policy (nothing inline without the nonce, no eval, no
 * network), the bundled script (dist/media/logs.js) and the stylesheet. The script builds the rest.
 */
export function logsHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const n = randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'media', 'logs.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'logs', 'logs.css'));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'nonce-${n}'`,
    `script-src 'nonce-${n}'`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}" nonce="${n}">
<title>Argo logs</title>
</head>
<body>
<div id="app" role="application" aria-label="Workflow logs"></div>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
}
