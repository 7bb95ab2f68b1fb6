// The editor-latency issue's hostile inputs over real LSP: the server stays up, every request on the
// hostile document answers (or answers empty), a small document beside it is answered, and the
// workspace scan survives symlink loops, /dev/zero links and FIFOs. Not timed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeLensRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  type Position,
} from 'vscode-languageserver-protocol/node';
import { GRAPH_REQUEST_METHOD, type GraphResponse } from '../../server/src/core/graph/protocol';
import { PATHOLOGICAL, SMALL_WORKFLOW } from '../../bench/pathological';
import { generateDag } from '../../bench/generate';
import { LspClient } from '../helpers/lsp-client';

function positionOf(text: string, needle: string): Position {
  const at = Math.max(0, text.indexOf(needle));
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length + 1 };
}

test('each hostile input: the server stays up, its requests answer, a small neighbour is answered', { timeout: 300_000 }, async () => {
  const client = new LspClient();
  try {
    await client.initialize();
    const small = 'file:///w/small.yaml';
    assert.deepEqual(await client.open(small, SMALL_WORKFLOW), []);
    for (const input of PATHOLOGICAL) {
      const uri = `file:///w/${input.name.replace(/\W+/g, '-')}.yaml`;
      const text = input.make();
      const diagnostics = client.open(uri, text);
      // The neighbour is answered whatever the hostile document is doing.
      const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: small } });
      assert.ok(Array.isArray(symbols) && symbols.length === 1, `${input.name}: the small document's outline`);
      const diags = await diagnostics;
      if (text.length > 10 * 1024 * 1024) {
        assert.equal(diags.length, 1, `${input.name}: one notice`);
        assert.equal(diags[0].code, 'analysis-skipped');
        assert.match(
          JSON.stringify(diags[0].message),
          /analyses files up to 10 MB, so checks, completion, hover, navigation, outline, folding and the graph are off/,
        );
      }
      const textDocument = { uri };
      const at = positionOf(text, input.name.includes('depends') ? 'depends: "' : input.name.includes('tags') ? '{{inputs' : 'main');
      // Every request answers (a value or empty), none fails.
      await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
      await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument });
      await client.connection.sendRequest(CodeLensRequest.type, { textDocument });
      await client.connection.sendRequest(HoverRequest.type, { textDocument, position: at });
      await client.connection.sendRequest(DefinitionRequest.type, { textDocument, position: at });
      await client.connection.sendRequest(ReferencesRequest.type, { textDocument, position: at, context: { includeDeclaration: true } });
      await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument, position: at });
      const graph = await client.connection.sendRequest<GraphResponse>(GRAPH_REQUEST_METHOD, { uri });
      assert.equal(typeof graph.ok, 'boolean');
      assert.ok(!client.exited, `${input.name}: the server exited`);
      await client.close(uri);
    }
    assert.doesNotMatch(client.logs.join('\n'), /Maximum call stack|RangeError/);
  } finally {
    await client.stop();
  }
});

test('workspace scan: symlink loops, a /dev/zero link and a FIFO neither hang nor crash it', { timeout: 120_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'argo-ws-'));
  const client = new LspClient();
  try {
    writeFileSync(
      join(root, 'library.yaml'),
      'apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: library\nspec:\n  templates:\n    - name: echo\n      container:\n        image: alpine\n',
    );
    for (const name of ['loop-a', 'loop-b', 'loop-c']) symlinkSync('.', join(root, name));
    symlinkSync('/dev/zero', join(root, 'zero.yaml'));
    execFileSync('mkfifo', [join(root, 'pipe.yaml')]);
    await client.initialize(undefined, pathToFileURL(root).toString());
    const uri = pathToFileURL(join(root, 'use.yaml')).toString();
    const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: use-
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - name: call
            templateRef:
              name: library
              template: echo
`;
    // Once the scan has indexed library.yaml (once), the templateRef resolves: no finding at all.
    let diags = await client.open(uri, text);
    for (let i = 0; i < 50 && diags.length > 0; i++) diags = (await client.nextDiagnostics(uri, 1, 10_000)).diagnostics;
    assert.deepEqual(diags, []);
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    assert.ok(Array.isArray(symbols) && symbols.length === 1);
    assert.ok(!client.exited, 'the server exited');
    const logs = client.logs.join('\n');
    assert.match(logs, /indexed 1 YAML files/);
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

test('a graph request racing edits answers a version whose node locations are of that version', { timeout: 120_000 }, async () => {
  const client = new LspClient();
  try {
    await client.initialize();
    const uri = 'file:///w/race.yaml';
    let text = generateDag({ tasks: 200 });
    const texts = new Map<number, string>([[1, text]]);
    await client.open(uri, text);
    let version = 1;
    let consistent = 0;
    for (let i = 0; i < 10; i++) {
      const graph = client.connection.sendRequest<GraphResponse>(GRAPH_REQUEST_METHOD, { uri });
      // Every edit shifts every task down one line: a location from another version is wrong.
      version++;
      text = `# edit ${version}\n${text}`;
      texts.set(version, text);
      await client.sendChange(uri, version, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `# edit ${version}\n` }]);
      const r = await graph;
      if (!r.ok) assert.fail(r.error);
      const asOf = texts.get(r.version);
      assert.ok(asOf, `answer for unknown version ${r.version}`);
      const lines = asOf.split('\n');
      for (const n of r.graph.nodes.slice(0, 50)) {
        const loc = n.location;
        assert.ok(loc, `${n.id} has no location`);
        assert.match(
          lines[loc.start.line].slice(loc.start.character),
          new RegExp(`^(- )?name: ${n.name}\\b|^${n.name}\\b`),
          `${n.id} at line ${loc.start.line} of version ${r.version}`,
        );
      }
      consistent++;
    }
    assert.equal(consistent, 10);
  } finally {
    await client.stop();
  }
});
