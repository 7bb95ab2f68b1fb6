import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionRequest } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client';
import { generateDag } from '../../bench/generate';

let client: LspClient;

before(async () => {
  client = new LspClient();
  await client.initialize();
});
after(async () => {
  await client.stop();
});

const HEAD =
  'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: x}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    container: {image: alpine}\n  deep: ';

/** Time for a cheap request to be answered: the protocol thread must not be blocked. */
async function roundTrip(): Promise<number> {
  const t0 = performance.now();
  await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: 'file:///nothing-open.yaml' },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [] },
  });
  return performance.now() - t0;
}

const nasty: [string, () => string][] = [
  ['binary garbage', () => Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1')],
  ['NUL bytes and invalid surrogates', () => `${HEAD}"\u0000\ud800\udfff\ufffe"\n\u0000\u0000`],
  ['deeply nested flow collections', () => `${HEAD}${'['.repeat(50_000)}${']'.repeat(50_000)}\n`],
  ['deeply nested block mappings', () => `${HEAD}\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(4 + i * 2)}k:`).join('\n')} 1\n`],
  ['unterminated quotes everywhere', () => `${HEAD}"abc\n  - '\n  { [ \n`.repeat(2000)],
  ['a 3 MB line', () => `${HEAD}"${'x'.repeat(3_000_000)}"\n`],
  [
    'an alias bomb',
    () =>
      `${HEAD}\n    a: &a [x,x,x,x,x,x,x,x,x,x]\n${Array.from(
        { length: 15 },
        (_, i) =>
          `    b${i}: &b${i} [${Array(10)
            .fill(i === 0 ? '*a' : `*b${i - 1}`)
            .join(',')}]`,
      ).join('\n')}\n`,
  ],
  ['3000 documents', () => `---\n${HEAD}1\n`.repeat(3000)],
];

for (const [name, make] of nasty) {
  test(`survives ${name} and keeps answering`, async () => {
    const uri = `file:///nasty/${name.replace(/\W+/g, '-')}.yaml`;
    const diags = await client.open(uri, make());
    assert.ok(Array.isArray(diags));
    assert.ok(!client.exited, 'server exited');
    assert.ok((await roundTrip()) < 1000);
    await client.close(uri);
  });
}

test('a 5 MB workflow: requests are answered while it is analysed, then diagnostics arrive', async () => {
  const text = generateDag({ tasks: 19_000 });
  assert.ok(text.length > 5 * 1024 * 1024, `generated ${text.length} bytes`);
  const uri = 'file:///big/five-mb.yaml';
  const done = client.open(uri, text);
  // While a worker analyses it, the protocol thread answers: all five round trips come back before
  // the big file's diagnostics (an order, not a time: the analysis takes seconds).
  await new Promise((r) => setTimeout(r, 100));
  for (let i = 0; i < 5; i++) await roundTrip();
  assert.equal(client.published.filter((p) => p.uri === uri).length, 0, 'the analysis finished before the round trips: they proved nothing');
  const diags = await done;
  assert.deepEqual(diags, []);
  await client.close(uri);
});

test('typing fast into a big file: only the latest version is published, nothing is lost', async () => {
  const uri = 'file:///big/typing.yaml';
  const text = generateDag({ tasks: 2000 });
  await client.open(uri, text);
  const at = text.indexOf('dependencies: [task-0');
  const line = text.slice(0, at).split('\n').length - 1;
  const col = at - text.lastIndexOf('\n', at) - 1 + 'dependencies: [task-'.length;
  let version = 1;
  for (let i = 0; i < 4; i++) {
    version++;
    await client.sendChange(uri, version, [{ range: { start: { line, character: col }, end: { line, character: col } }, text: '9' }]);
  }
  version++;
  const diags = await client.change(uri, version, [{ range: { start: { line, character: col }, end: { line, character: col } }, text: '9' }]);
  // the dependency now names no task (and the argument that used it lost its dependency)
  assert.deepEqual(
    diags.map((d) => d.code),
    ['unknown-dependency', 'missing-dependency'],
  );
  const stale = client.published.filter((p) => p.uri === uri && p.version !== undefined && p.version > 1 && p.version < version);
  assert.ok(stale.length <= 2, `published ${stale.length} stale versions`);
  await client.close(uri);
});
