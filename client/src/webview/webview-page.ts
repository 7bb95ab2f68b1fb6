import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface WebviewPage {
  /** `graph` or `logs`: the script is dist/media/NAME.js, the stylesheet media/NAME/NAME.css. */
  readonly name: string;
  readonly title: string;
  /** Accessible label of the application root. */
  readonly label: string;
  /** Extra image sources (e.g. `blob:` for exports). */
  readonly imgSources?: readonly string[];
}

/** Folders a webview page may load from. */
export function pageResourceRoots(extensionUri: vscode.Uri, name: string): vscode.Uri[] {
  return [
    vscode.Uri.joinPath(extensionUri, 'dist', 'media'),
    vscode.Uri.joinPath(extensionUri, 'media', 'common'),
    vscode.Uri.joinPath(extensionUri, 'media', name),
  ];
}

/**
 * A webview page with a strict Content-Security-Policy: nothing runs or styles without the per-page
 * nonce (from a cryptographic source), no eval, no network. The bundled script builds the rest.
 */
export function webviewPageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const n = randomBytes(24)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'media', `${page.name}.js`));
  const common = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'common', 'webview.css'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', page.name, `${page.name}.css`));
  const csp = [
    "default-src 'none'",
    `img-src ${[webview.cspSource, 'data:', ...(page.imgSources ?? [])].join(' ')}`,
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
<link rel="stylesheet" href="${common.toString()}" nonce="${n}">
<link rel="stylesheet" href="${style.toString()}" nonce="${n}">
<title>${page.title}</title>
</head>
<body>
<div id="app" role="application" aria-label="${page.label}"></div>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
}
