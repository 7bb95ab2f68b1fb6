// One slow document never holds the others: the protocol thread routes, the workers analyse, and a
// document waiting behind another's long analysis moves to another worker. The slowness is injected
// (ARGO_STUDIO_FAULT_SLOW_*: the worker blocks while analysing a matching document), so the order
// of answers is deterministic; nothing here measures time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancellationTokenSource,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  CompletionRequest,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client';
import { SMALL_WORKFLOW } from '../../bench/pathological';

const SLOW = { ARGO_STUDIO_FAULT_SLOW_MATCH: '/slow-' };

async function withServer(env: Record<string, string>, body: (c: LspClient) => Promise<void>): Promise<void> {
  const client = new LspClient(env);
  try {
    await client.initialize();
    await body(client);
    assert.ok(!client.exited, 'the server exited');
  } finally {
    await client.stop();
  }
}

/** Requests the editor sends about a document, answered in full. */
async function editorRequests(client: LspClient, uri: string): Promise<void> {
  const textDocument = { uri };
  const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
  assert.ok(Array.isArray(symbols) && symbols.length > 0, 'no outline for the small document');
  await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument });
  await client.connection.sendRequest(HoverRequest.type, { textDocument, position: { line: 7, character: 14 } });
  const completion = await client.connection.sendRequest(CompletionRequest.type, { textDocument, position: { line: 9, character: 8 } });
  assert.ok(completion, 'no completion answer');
}

const publishedFor = (client: LspClient, uri: string): number => client.published.filter((p) => p.uri === uri).length;

test('requests on a small document are answered while another document is stuck in analysis', { timeout: 60_000 }, async () => {
  await withServer({ ...SLOW, ARGO_STUDIO_FAULT_SLOW_MS: '6000' }, async (client) => {
    const small = 'file:///w/small.yaml';
    assert.deepEqual(await client.open(small, SMALL_WORKFLOW), []);
    const slow = 'file:///w/slow-1.yaml';
    const slowDiagnostics = client.open(slow, SMALL_WORKFLOW);
    await new Promise((r) => setTimeout(r, 100));
    await editorRequests(client, small);
    // A document opened after the slow one gets its diagnostics before it, too.
    const other = 'file:///w/other.yaml';
    assert.deepEqual(await client.open(other, SMALL_WORKFLOW), []);
    assert.equal(publishedFor(client, slow), 0, 'the slow document finished first: the injected delay did not apply');
    await editorRequests(client, other);
    assert.equal(publishedFor(client, slow), 0);
    assert.deepEqual(await slowDiagnostics, []);
  });
});

test('two stuck documents at once: a third document is still answered (the pool grows)', { timeout: 60_000 }, async () => {
  await withServer({ ...SLOW, ARGO_STUDIO_FAULT_SLOW_MS: '6000' }, async (client) => {
    const slow = ['file:///w/slow-a.yaml', 'file:///w/slow-b.yaml'];
    const pending = slow.map((u) => client.open(u, SMALL_WORKFLOW));
    await new Promise((r) => setTimeout(r, 100));
    const small = 'file:///w/small.yaml';
    assert.deepEqual(await client.open(small, SMALL_WORKFLOW), []);
    await editorRequests(client, small);
    for (const u of slow) assert.equal(publishedFor(client, u), 0);
    await Promise.all(pending);
  });
});

test('an analysis over the time limit is stopped: a clear notice, empty answers, the rest unharmed', { timeout: 60_000 }, async () => {
  // The limit must leave room for the small document's analysis in a fresh worker on a busy machine
  // (1.5 s did not: it was stopped too); the slow one takes 20 s.
  await withServer({ ...SLOW, ARGO_STUDIO_FAULT_SLOW_MS: '20000', ARGO_STUDIO_ANALYSIS_TIMEOUT_MS: '6000' }, async (client) => {
    const slow = 'file:///w/slow-forever.yaml';
    const diags = await client.open(slow, SMALL_WORKFLOW);
    assert.equal(diags.length, 1);
    assert.equal(diags[0].code, 'analysis-skipped');
    assert.match(JSON.stringify(diags[0].message), /could not analyse this file: the analysis took longer than 6 s and was stopped/);
    // The same version is not tried again: requests about it answer empty at once.
    assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: slow } }), []);
    const small = 'file:///w/small.yaml';
    assert.deepEqual(await client.open(small, SMALL_WORKFLOW), []);
    await editorRequests(client, small);
    assert.match(client.stderr + client.logs.join('\n'), /took over 6 s; worker \d+ replaced/);
  });
});

test('a cancelled request answers RequestCancelled; one about a superseded version ContentModified', { timeout: 60_000 }, async () => {
  await withServer({ ...SLOW, ARGO_STUDIO_FAULT_SLOW_MS: '1500' }, async (client) => {
    const uri = 'file:///w/slow-edit.yaml';
    // Version 1's diagnostics are never published (version 2 supersedes them while they are computed).
    client.open(uri, SMALL_WORKFLOW).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    // Queued behind the document's own (slow) analysis: cancel it.
    const source = new CancellationTokenSource();
    const cancelled = client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }, source.token);
    source.cancel();
    await assert.rejects(cancelled, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
    // Asked about version 1, then the text changes before it runs: the answer says so.
    const stale = client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    const final = client.nextDiagnostics(uri, 2);
    await client.sendChange(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    await assert.rejects(stale, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.ContentModified);
    assert.deepEqual((await final).diagnostics, []);
    assert.equal(client.published.filter((p) => p.uri === uri && p.version === 1).length, 0, 'a superseded version was published');
  });
});

test('editing an open WorkflowTemplate re-checks the documents that use it, across workers', { timeout: 60_000 }, async () => {
  await withServer({}, async (client) => {
    const wt = 'file:///w/library.yaml';
    const wtText =
      'apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: library\nspec:\n  templates:\n    - name: echo\n      container:\n        image: alpine\n';
    assert.deepEqual(await client.open(wt, wtText), []);
    const use = 'file:///w/use.yaml';
    const useText =
      'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: use-\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      steps:\n        - - name: call\n            templateRef:\n              name: library\n              template: print\n';
    const first = await client.open(use, useText);
    assert.deepEqual(
      first.map((d) => d.code),
      ['template-ref-unknown-template'],
    );
    // A comment above the template moves its ranges only: nothing to re-check, the finding stays.
    await client.change(wt, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# library\n' }]);
    // Renaming the template to what the workflow calls resolves it there.
    const recheck = client.nextDiagnostics(use);
    const line = wtText.split('\n').findIndex((l) => l.includes('- name: echo')) + 1;
    await client.change(wt, 3, [{ range: { start: { line, character: 12 }, end: { line, character: 16 } }, text: 'print' }]);
    assert.deepEqual((await recheck).diagnostics, []);
  });
});
