import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  ReferencesRequest,
  RenameRequest,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
  type Hover,
  type Location,
  type Position,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../helpers/lsp-client';
import { REPO } from '../helpers/paths';

const DIR = join(REPO, 'test/fixtures/features');
const ROOT = pathToFileURL(DIR).toString();
const PIPELINE = `${ROOT}/pipeline.yaml`;
const SHARED = `${ROOT}/shared-templates.yaml`;
const text = readFileSync(join(DIR, 'pipeline.yaml'), 'utf8');
const doc = TextDocument.create(PIPELINE, 'yaml', 1, text);
let client: LspClient;

/** Position of the n-th occurrence of `needle` (plus `delta` characters). */
function pos(needle: string, delta = 0, nth = 0, source = text): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = source.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not found`);
  return TextDocument.create('x', 'yaml', 1, source).positionAt(at + delta);
}

function at(l: Location): string {
  const src = l.uri === PIPELINE ? text : readFileSync(join(DIR, l.uri.split('/').pop() ?? ''), 'utf8');
  const d = TextDocument.create(l.uri, 'yaml', 1, src);
  return src.slice(d.offsetAt(l.range.start), d.offsetAt(l.range.end));
}

async function completion(uri: string, position: Position): Promise<CompletionItem[]> {
  const r = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionList | CompletionItem[] | null;
  return Array.isArray(r) ? r : (r?.items ?? []);
}

before(async () => {
  client = new LspClient();
  await client.initialize(undefined, ROOT);
  // The server indexes the workspace right after the handshake, then re-checks the open documents:
  // wait for that (a busy machine takes longer than an idle one), not for a fixed time.
  let diags = await client.open(PIPELINE, text);
  for (let i = 0; i < 20 && diags.length > 0; i++) diags = (await client.nextDiagnostics(PIPELINE, undefined, 30_000)).diagnostics;
  assert.deepEqual(diags, [], 'templateRef to the WorkflowTemplate in the other file resolves');
});
after(async () => {
  await client.stop();
});

test('completion: template names after `template:`', async () => {
  const src = text.replace('template: fetch\n            dependencies', 'template: \n            dependencies');
  const uri = `${ROOT}/c1.yaml`;
  await client.open(uri, src);
  const items = await completion(uri, pos('template: \n', 10, 0, src));
  assert.deepEqual(items.map((i) => i.label).sort(), ['fetch', 'main']);
  assert.match(items.find((i) => i.label === 'fetch')?.detail ?? '', /container \(src\)/);
});

test('completion: task names in dependencies, results after a dot in depends', async () => {
  const src = text.replace('dependencies: [download]', 'dependencies: [do').replace('dependencies: [resize]', 'depends: resize.');
  const uri = `${ROOT}/c2.yaml`;
  await client.open(uri, src);
  const deps = await completion(uri, pos('dependencies: [do', 17, 0, src));
  assert.ok(deps.some((i) => i.label === 'download'));
  assert.ok(!deps.some((i) => i.label === 'resize'), 'not the task itself');
  const results = await completion(uri, pos('depends: resize.', 16, 0, src));
  assert.deepEqual(results.map((i) => i.label).sort(), ['AllFailed', 'AnySucceeded', 'Daemoned', 'Errored', 'Failed', 'Omitted', 'Skipped', 'Succeeded']);
});

test('completion: variables in scope after {{', async () => {
  const src = text.replace('value: "{{tasks.resize.outputs.result}}"', 'value: "{{"');
  const uri = `${ROOT}/c3.yaml`;
  await client.open(uri, src);
  const items = await completion(uri, pos('value: "{{"', 10, 0, src));
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('tasks.resize.outputs.result'));
  assert.ok(labels.includes('tasks.download.outputs.result'));
  assert.ok(labels.includes('workflow.parameters.url'));
  assert.ok(!labels.includes('inputs.parameters.src'), 'the DAG template has no inputs');
  assert.ok(!labels.some((l) => l.startsWith('tasks.report')), 'not the task itself');
  const inLeaf = await completion(uri, pos('args: ["{{', 10, 0, src));
  assert.ok(inLeaf.some((i) => i.label === 'inputs.parameters.src'));
  assert.ok(inLeaf.some((i) => i.label === 'pod.name'));
});

test('completion: schema keys with descriptions, enum values, templateRef names', async () => {
  const src = text.replace('        image: curlimages/curl:8.10.1\n', '        image: curlimages/curl:8.10.1\n        imagePullPolicy: \n        \n');
  const uri = `${ROOT}/c4.yaml`;
  await client.open(uri, src);
  const keys = await completion(uri, pos('imagePullPolicy: \n        \n', 26, 0, src));
  const ipp = keys.find((i) => i.label === 'workingDir');
  assert.ok(ipp, 'container keys offered');
  assert.ok(!keys.some((i) => i.label === 'image'), 'present keys are not offered');
  assert.ok(JSON.stringify(ipp.documentation ?? '').length > 20, 'with a description');
  const values = await completion(uri, pos('imagePullPolicy: ', 17, 0, src));
  assert.deepEqual(values.map((i) => i.label).sort(), ['Always', 'IfNotPresent', 'Never']);
  const src2 = text.replace('templateRef: {name: shared, template: print}', 'templateRef:\n              name: \n              template: ');
  const uri2 = `${ROOT}/c5.yaml`;
  await client.open(uri2, src2);
  const names = await completion(uri2, pos('              name: \n', 20, 0, src2));
  assert.deepEqual(
    names.map((i) => i.label),
    ['shared'],
  );
});

test('hover: template reference shows its inputs; variables and keys are described', async () => {
  const h1 = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: PIPELINE }, position: pos('template: fetch', 12) })) as Hover;
  assert.match(JSON.stringify(h1.contents), /template.*fetch.*src.*required/s);
  const h2 = (await client.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri: PIPELINE },
    position: pos('{{workflow.parameters.url}}', 5),
  })) as Hover;
  assert.match(JSON.stringify(h2.contents), /workflow parameter.*url.*example\.com/s);
  const h3 = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: PIPELINE }, position: pos('image: curl', 2) })) as Hover;
  assert.match(JSON.stringify(h3.contents), /image/i);
  const h4 = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: PIPELINE }, position: pos('template: print', 12) })) as Hover;
  assert.match(JSON.stringify(h4.contents), /print.*shared.*message.*required/s);
});

test('definition: templates, tasks, variables, and a WorkflowTemplate in another file', async () => {
  const def = async (p: Position): Promise<Location[]> => {
    const r = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: PIPELINE }, position: p })) as Location | Location[] | null;
    return r === null ? [] : Array.isArray(r) ? r : [r];
  };
  const t = await def(pos('template: fetch', 12));
  assert.equal(at(t[0]), 'fetch');
  assert.equal(t[0].range.start.line, pos('- name: fetch', 8).line);
  const d = await def(pos('[download]', 2));
  assert.equal(d[0].range.start.line, pos('- name: download').line);
  const v = await def(pos('{{tasks.download', 9));
  assert.equal(v[0].range.start.line, pos('- name: download').line);
  const x = await def(pos('template: print}', 12));
  assert.equal(x[0].uri, SHARED);
  assert.equal(at(x[0]), 'print');
  const w = await def(pos('{name: shared', 8));
  assert.equal(w[0].uri, SHARED);
  assert.equal(at(w[0]), 'shared');
  const i = await def(pos('{{inputs.parameters.src}}', 22));
  assert.equal(at(i[0]), 'src');
});

test('references: a task is found in its name, depends and {{tasks.X}} strings', async () => {
  const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
    textDocument: { uri: PIPELINE },
    position: pos('- name: resize', 9),
    context: { includeDeclaration: true },
  })) as Location[];
  assert.equal(refs.length, 3);
  assert.ok(refs.every((r) => at(r) === 'resize'));
});

test('rename: a task updates dependencies, depends and {{tasks.X...}}; a WorkflowTemplate is renamed across files', async () => {
  const edit = (await client.connection.sendRequest(RenameRequest.type, {
    textDocument: { uri: PIPELINE },
    position: pos('- name: download', 9),
    newName: 'fetch-image',
  })) as WorkspaceEdit;
  const edits = edit.changes?.[PIPELINE] ?? [];
  assert.equal(edits.length, 3);
  const renamed = TextDocument.applyEdits(doc, edits);
  assert.match(renamed, /- name: fetch-image/);
  assert.match(renamed, /dependencies: \[fetch-image\]/);
  assert.match(renamed, /\{\{tasks\.fetch-image\.outputs\.result\}\}/);
  const wt = (await client.connection.sendRequest(RenameRequest.type, {
    textDocument: { uri: PIPELINE },
    position: pos('{name: shared', 8),
    newName: 'common',
  })) as WorkspaceEdit;
  assert.equal(wt.changes?.[PIPELINE]?.length, 1);
  assert.equal(wt.changes?.[SHARED]?.length, 1);
  await assert.rejects(
    client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: PIPELINE }, position: pos('- name: download', 9), newName: 'bad name' }),
  );
});

test('document symbols and folding ranges', async () => {
  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: PIPELINE } })) as DocumentSymbol[];
  assert.equal(symbols.length, 1);
  const templates = symbols[0].children?.filter((c) => c.detail !== 'parameter' && c.name !== 'url') ?? [];
  assert.deepEqual(
    templates.map((c) => c.name),
    ['main', 'fetch'],
  );
  assert.deepEqual(
    templates[0].children?.map((c) => c.name),
    ['download', 'resize', 'report'],
  );
  const folds = (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: PIPELINE } })) as { startLine: number }[];
  assert.ok(folds.length >= 5);
});

test('code actions: create a missing template; convert dependencies to depends', async () => {
  const src = text.replace('template: fetch\n            dependencies', 'template: shrink\n            dependencies');
  const uri = `${ROOT}/c6.yaml`;
  const diags = await client.open(uri, src);
  const d = diags.find((x) => x.code === 'unknown-template');
  assert.ok(d);
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: d.range,
    context: { diagnostics: [d] },
  })) as CodeAction[];
  const stub = actions.find((a) => a.title === 'Create template "shrink"');
  assert.ok(stub, actions.map((a) => a.title).join(', '));
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, src), stub.edit?.changes?.[uri] ?? []);
  const after = await client.change(uri, 2, [{ text: fixed }]);
  assert.deepEqual(
    after.filter((x) => x.severity === 1),
    [],
  );
  const refactor = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: PIPELINE },
    range: { start: pos('dependencies: [download]'), end: pos('dependencies: [download]') },
    context: { diagnostics: [] },
  })) as CodeAction[];
  const convert = refactor.find((a) => a.title === 'Convert "dependencies" to "depends"');
  assert.ok(convert);
  assert.match(TextDocument.applyEdits(doc, convert.edit?.changes?.[PIPELINE] ?? []), /depends: download\n/);
});

test('quick fixes over LSP: add the missing dependency; add the missing input arguments', async () => {
  const src = text.replace('            dependencies: [download]\n', '');
  const uri = `${ROOT}/c7.yaml`;
  const diags = await client.open(uri, src);
  const d = diags.find((x) => x.code === 'missing-dependency');
  assert.ok(d, JSON.stringify(diags));
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: d.range,
    context: { diagnostics: [d] },
  })) as CodeAction[];
  const add = actions.find((a) => a.title === 'Add a dependency on "download"');
  assert.ok(add, actions.map((a) => a.title).join(', '));
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, src), add.edit?.changes?.[uri] ?? []);
  assert.deepEqual(
    (await client.change(uri, 2, [{ text: fixed }])).filter((x) => x.severity === 1),
    [],
  );

  const src2 = text.replace('            arguments:\n              parameters: [{name: src, value: "{{workflow.parameters.url}}"}]\n', '');
  const uri2 = `${ROOT}/c8.yaml`;
  const diags2 = await client.open(uri2, src2);
  const m = diags2.find((x) => x.code === 'missing-input-argument');
  assert.ok(m, JSON.stringify(diags2));
  const actions2 = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: uri2 },
    range: m.range,
    context: { diagnostics: [m] },
  })) as CodeAction[];
  const addArgs = actions2.find((a) => /Add the missing argument/.test(a.title));
  assert.ok(addArgs, actions2.map((a) => a.title).join(', '));
  const fixed2 = TextDocument.applyEdits(TextDocument.create(uri2, 'yaml', 1, src2), addArgs.edit?.changes?.[uri2] ?? []);
  assert.deepEqual(
    (await client.change(uri2, 2, [{ text: fixed2 }])).filter((x) => x.code === 'missing-input-argument'),
    [],
  );
});

test('completion of argument names from the called template; hover on a task variable', async () => {
  const src = text.replace('parameters: [{name: message, value: "{{tasks.resize.outputs.result}}"}]', 'parameters:\n                - name: ');
  const uri = `${ROOT}/c9.yaml`;
  await client.open(uri, src);
  const items = await completion(uri, pos('                - name: ', 24, 0, src));
  assert.deepEqual(items.map((i) => i.label).sort(), ['level', 'message']);
  assert.match(items.find((i) => i.label === 'message')?.detail ?? '', /required/);
  const h = (await client.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri: PIPELINE },
    position: pos('{{tasks.download.outputs', 10),
  })) as Hover;
  assert.match(JSON.stringify(h.contents), /task.*download.*fetch|task.*download/s);
});
