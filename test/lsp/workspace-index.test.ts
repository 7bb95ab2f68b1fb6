/**
 * The workspace index follows what the open documents become: a WorkflowTemplate whose kind is
 * changed away, a file deleted or renamed, no longer resolves other documents' templateRefs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client';

const LIB = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: lib
spec:
  templates:
    - name: greet
      container:
        image: alpine:3.20
`;

const USER = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - name: a
            templateRef:
              name: lib
              template: greeet
`;

let client: LspClient;
before(async () => {
  client = new LspClient();
  await client.initialize();
});
after(async () => client.stop());

const codes = (ds: readonly { code?: string | number }[]): string[] => ds.map((d) => String(d.code));

test("changing an open WorkflowTemplate's kind removes it from the index: other documents are checked again", async () => {
  await client.open('file:///ws/lib.yaml', LIB);
  const user = await client.open('file:///ws/user.yaml', USER);
  assert.deepEqual(codes(user), ['template-ref-unknown-template'], 'lib is known: its template name is checked');
  const again = client.nextDiagnostics('file:///ws/user.yaml');
  await client.change('file:///ws/lib.yaml', 2, [
    { range: { start: { line: 1, character: 6 }, end: { line: 1, character: 6 + 'WorkflowTemplate'.length } }, text: 'Workflow' },
  ]);
  const now = await again;
  assert.deepEqual(codes(now.diagnostics), ['template-ref-not-found'], 'lib is gone: the cluster will resolve it');
});

test('an open WorkflowTemplate that stops being Argo at all (kind: ConfigMap) leaves the index too', async () => {
  const lib = 'file:///ws/lib3.yaml';
  const user = 'file:///ws/user3.yaml';
  await client.open(lib, LIB.replace('name: lib', 'name: lib3'));
  assert.deepEqual(codes(await client.open(user, USER.replace('name: lib', 'name: lib3'))), ['template-ref-unknown-template']);
  const again = client.nextDiagnostics(user);
  await client.change(lib, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, text: 'apiVersion: v1\nkind: ConfigMap\n' }]);
  assert.deepEqual(codes((await again).diagnostics), ['template-ref-not-found']);
});

test('a deleted file leaves the index (closed first, then deleted on disk, as VS Code does)', async () => {
  const lib = 'file:///ws/lib2.yaml';
  const user = 'file:///ws/user2.yaml';
  await client.open(lib, LIB.replace('name: lib', 'name: lib2'));
  assert.deepEqual(codes(await client.open(user, USER.replace('name: lib', 'name: lib2'))), ['template-ref-unknown-template']);
  await client.close(lib);
  const again = client.nextDiagnostics(user);
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: lib, type: FileChangeType.Deleted }] });
  assert.deepEqual(codes((await again).diagnostics), ['template-ref-not-found']);
});
