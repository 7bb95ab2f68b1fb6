import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeActionRequest, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../helpers/lsp-client';
import { REPO } from '../helpers/paths';

const SEED = join(REPO, 'test/fixtures/seed');
const seed = readFileSync(join(SEED, 'image-pipeline.yaml'), 'utf8');
let client: LspClient;

before(async () => {
  client = new LspClient();
  const init = await client.initialize();
  assert.equal(init.serverInfo?.name, 'argo-studio');
});
after(async () => {
  await client.stop();
});

function textAt(text: string, d: Diagnostic): string {
  const doc = TextDocument.create('x', 'yaml', 1, text);
  return text.slice(doc.offsetAt(d.range.start), doc.offsetAt(d.range.end));
}

test('a clean workflow gets an empty diagnostics list', async () => {
  const diags = await client.open('file:///seed/clean.yaml', seed);
  assert.deepEqual(diags, []);
});

test('misspelled dependency: located error with code, source and message', async () => {
  const text = readFileSync(join(SEED, 'image-pipeline-typo.yaml'), 'utf8');
  const diags = await client.open('file:///seed/typo.yaml', text);
  assert.equal(diags.length, 1);
  const d = diags[0];
  assert.equal(d.code, 'unknown-dependency');
  assert.equal(d.source, 'argo-studio');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.deepEqual(d.range, { start: { line: 25, character: 27 }, end: { line: 25, character: 33 } });
  assert.equal(textAt(text, d), 'resise');
  assert.match(String(d.message), /Did you mean "resize"/);
});

test('cycle: located error with the path and related information', async () => {
  const text = readFileSync(join(SEED, 'image-pipeline-cycle.yaml'), 'utf8');
  const diags = await client.open('file:///seed/cycle.yaml', text);
  assert.equal(diags.length, 1);
  assert.equal(diags[0].code, 'dag-cycle');
  assert.equal(textAt(text, diags[0]), 'upload');
  assert.match(String(diags[0].message), /download -> resize -> filter -> upload -> download/);
  assert.equal(diags[0].relatedInformation?.length, 3);
});

test('incremental edits: introduce a typo, then fix it with the quick fix', async () => {
  const uri = 'file:///seed/edit.yaml';
  const text = seed;
  assert.deepEqual(await client.open(uri, text), []);
  // Replace "resize" in "dependencies: [resize]" with "resise" (an incremental change)
  const doc = TextDocument.create(uri, 'yaml', 1, text);
  const at = text.indexOf('dependencies: [resize]') + 'dependencies: ['.length;
  const range = { start: doc.positionAt(at), end: doc.positionAt(at + 6) };
  const diags = await client.change(uri, 2, [{ range, text: 'resise' }]);
  assert.deepEqual(
    diags.map((d) => d.code),
    ['unknown-dependency'],
  );
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diags[0].range,
    context: { diagnostics: diags },
  })) as CodeAction[];
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix, JSON.stringify(actions));
  assert.equal(fix.title, 'Change to "resize"');
  const edit = fix.edit?.changes?.[uri]?.[0];
  assert.ok(edit);
  // Argo rejects an unknown dependency: silencing it is not offered.
  assert.ok(!actions.some((a) => a.title.startsWith('Disable')), JSON.stringify(actions.map((a) => a.title)));
  const after = await client.change(uri, 3, [{ range: edit.range, text: edit.newText }]);
  assert.deepEqual(after, []);
});

test('non-Argo YAML is left alone', async () => {
  const diags = await client.open('file:///other/k8s.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  a: 1\n  a: 2\n');
  assert.deepEqual(diags, []);
});

test('a document that was Argo keeps getting syntax errors while it is broken', async () => {
  const uri = 'file:///seed/broken.yaml';
  await client.open(uri, seed);
  const diags = await client.change(uri, 2, [{ text: `apiVersion: [\n${seed}` }]);
  assert.ok(
    diags.some((d) => d.code === 'yaml-syntax'),
    JSON.stringify(diags),
  );
});

test('settings from initializationOptions change severities', async () => {
  const c = new LspClient();
  try {
    await c.initialize({ settings: { rules: { 'unknown-dependency': 'warning' } } });
    const text = readFileSync(join(SEED, 'image-pipeline-typo.yaml'), 'utf8');
    const diags = await c.open('file:///seed/typo2.yaml', text);
    assert.equal(diags[0].severity, DiagnosticSeverity.Warning);
  } finally {
    await c.stop();
  }
});

test('closing a document clears its diagnostics', async () => {
  const uri = 'file:///seed/close.yaml';
  await client.open(uri, readFileSync(join(SEED, 'image-pipeline-typo.yaml'), 'utf8'));
  const cleared = client.nextDiagnostics(uri);
  await client.close(uri);
  assert.deepEqual((await cleared).diagnostics, []);
});

test('argoStudio/clusterInventory: references to what the cluster lacks get warnings; null turns the checks off', async () => {
  const uri = 'file:///seed/cluster.yaml';
  const text = readFileSync(join(SEED, 'image-pipeline.yaml'), 'utf8').replace('spec:\n', 'spec:\n  serviceAccountName: workflow-runner\n');
  assert.deepEqual(await client.open(uri, text), []);
  let next = client.nextDiagnostics(uri);
  await client.connection.sendNotification('argoStudio/clusterInventory', {
    namespace: 'argo',
    workflowTemplates: [],
    clusterWorkflowTemplates: [],
    serviceAccounts: ['default'],
    secrets: [],
    configMaps: [],
    pvcs: [],
  });
  const diags = (await next).diagnostics;
  assert.deepEqual(
    diags.map((d) => d.code),
    ['cluster-missing-resource'],
  );
  assert.equal(textAt(text, diags[0]), 'workflow-runner');
  next = client.nextDiagnostics(uri);
  await client.connection.sendNotification('argoStudio/clusterInventory', null);
  assert.deepEqual((await next).diagnostics, []);
});
