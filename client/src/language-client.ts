import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Creates the client for dist/server.js (run over IPC in its own process). */
export function startLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      // Helm chart templates (the Kubernetes extension gives them the language id helm)
      { scheme: 'file', language: 'helm' },
      // read-only documents of runs (their graphs come from the language server too)
      { scheme: 'argo-run', language: 'yaml' },
    ],
    synchronize: { configurationSection: 'argoStudio', fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}') },
    initializationOptions: { settings: forTrust(vscode.workspace.getConfiguration('argoStudio')) },
    middleware: {
      workspace: {
        // Restricted Mode: the server never runs a program (helm) in a workspace that is not trusted.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (vscode.workspace.isTrusted || !Array.isArray(result)) return result;
          return result.map((r: unknown, i) => (params.items[i]?.section === 'argoStudio' ? forTrust(r) : r));
        },
      },
    },
  };
  return new LanguageClient('argoStudio', 'Argo Studio', serverOptions, clientOptions);
}

/**
 * The settings as the server may use them: in a workspace that is not trusted, Helm rendering is off
 * (`helm.path: "off"`: the masked mode), whatever the settings say. Trusting the folder restarts nothing:
 * the client tells the server the configuration changed, and it asks again.
 */
export function forTrust(settings: unknown): unknown {
  if (vscode.workspace.isTrusted || settings === null || typeof settings !== 'object') return settings;
  const plain = JSON.parse(JSON.stringify(settings)) as { helm?: Record<string, unknown> };
  return { ...plain, helm: { ...(plain.helm ?? {}), path: 'off' } };
}
