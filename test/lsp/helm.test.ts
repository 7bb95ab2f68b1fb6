import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, DidOpenTextDocumentNotification, HoverRequest, type CodeAction, type Diagnostic, type Hover } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client';
import { REPO } from '../helpers/paths';
import { HELM_BIN, helmSkip } from '../helpers/tools';

const CHART = join(REPO, 'test', 'fixtures', 'helm', 'argo-chart');
const WT = join(CHART, 'templates', 'workflow-template.yaml');
const SAY = join(REPO, 'test', 'fixtures', 'helm', 'bare-variable-chart', 'templates', 'say.yaml');

const rows = (ds: readonly Diagnostic[]): string[] => ds.map((d) => `${d.range.start.line + 1} ${String(d.code)}`).sort();

async function withServer(helmPath: string, run: (c: LspClient) => Promise<void>): Promise<void> {
  const c = new LspClient();
  try {
    await c.initialize({ settings: { helm: { path: helmPath } } });
    await run(c);
  } finally {
    await c.stop();
  }
}

async function hoverFirstLine(c: LspClient, uri: string): Promise<string> {
  const h = (await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 2 } })) as Hover | null;
  return JSON.stringify(h?.contents ?? '');
}

test('editor, Helm off: a chart template gets only the masked mode findings, the first line says so, a bare Argo variable has its fix', async () => {
  await withServer('off', async (c) => {
    const uri = pathToFileURL(WT).href;
    assert.deepEqual(rows(await c.open(uri, readFileSync(WT, 'utf8'))), ['29 unknown-dependency', '51 unresolved-variable']);
    assert.match(await hoverFirstLine(c, uri), /Helm \(masked mode\).*rendering with Helm is off/);
    const say = pathToFileURL(SAY).href;
    const [bare] = await c.open(say, readFileSync(SAY, 'utf8'));
    assert.equal(bare?.code, 'helm-unescaped-argo-variable');
    const actions = (await c.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: say },
      range: bare.range,
      context: { diagnostics: [bare] },
    })) as CodeAction[];
    const edit = actions.find((a) => a.title.startsWith('Escape for Helm'))?.edit?.changes?.[say]?.[0];
    assert.equal(edit?.newText, '{{`{{inputs.parameters.msg}}`}}');
  });
});

test('editor, real Helm: the unsaved text is rendered, findings sit on template lines, the first line says rendered mode', { skip: helmSkip() }, async () => {
  await withServer(HELM_BIN, async (c) => {
    const uri = pathToFileURL(WT).href;
    const text = readFileSync(WT, 'utf8');
    assert.deepEqual(rows(await c.open(uri, text)), ['10 schema-type', '29 unknown-dependency', '50 schema-enum', '51 unresolved-variable']);
    assert.match(await hoverFirstLine(c, uri), /Helm \(rendered mode\).*helm template argo-chart --show-only templates\/workflow-template.yaml/);
    // Fix the typo in the editor only (not on disk): Helm renders what the editor holds.
    const at = text.indexOf('"biuld"');
    const line = text.slice(0, at).split('\n').length - 1;
    const character = at - (text.lastIndexOf('\n', at) + 1);
    const after = await c.change(uri, 2, [{ range: { start: { line, character }, end: { line, character: character + 7 } }, text: '"build"' }]);
    assert.deepEqual(rows(after), ['10 schema-type', '50 schema-enum', '51 unresolved-variable']);
  });
});

test("editor: VS Code's helm language id makes a file a Helm template wherever it is", async () => {
  await withServer('off', async (c) => {
    const text = readFileSync(SAY, 'utf8').replace('{{ .Release.Name }}-say', 'say').replace('{{ .Values.image }}', 'alpine');
    const asYaml = 'untitled:as-yaml';
    assert.deepEqual(rows(await c.open(asYaml, text)), []);
    const asHelm = 'untitled:as-helm';
    const next = c.nextDiagnostics(asHelm, 1);
    await c.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: asHelm, languageId: 'helm', version: 1, text } });
    assert.deepEqual(rows((await next).diagnostics), ['14 helm-unescaped-argo-variable']);
  });
});
