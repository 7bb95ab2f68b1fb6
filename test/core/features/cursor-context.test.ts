import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withCursor } from '../../helpers/cursor';
import { completeAt, cursorContext, type CursorContext } from './harness';

/** The cursor context at the `|`, with the sets as sorted arrays (for deepEqual). */
function contextAt(source: string): { ctx: CursorContext; text: string; offset: number } {
  const { text, offset } = withCursor(source);
  return { ctx: cursorContext(text, offset), text, offset };
}

function plain(ctx: CursorContext): Record<string, unknown> {
  return {
    parentPath: ctx.parentPath,
    key: ctx.key,
    inValue: ctx.inValue,
    prefix: ctx.prefix,
    prefixStart: ctx.prefixStart,
    column: ctx.column,
    siblingKeys: [...ctx.siblingKeys].sort(),
    siblingValues: Object.fromEntries([...ctx.siblingValues].sort()),
    documentStart: ctx.documentStart,
  };
}

const WF = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
  entrypoint: main
  templates:
    - name: main
      dag:
        tasks:
          - name: a
            template: echo
          - name: b
            template: ech|
            depends: a
    - name: echo
      container:
        image: alpine:3.20
        imagePullPolicy: IfNotPresent
`;

/** The same text without its cursor (for tests that put the cursor elsewhere). */
const WF_TEXT = WF.replace('ech|', 'echo');

test('in a value: the path of the mapping, the key, the typed prefix and the siblings above and below', () => {
  const { ctx, text } = contextAt(WF);
  assert.deepEqual(plain(ctx), {
    parentPath: ['spec', 'templates', 0, 'dag', 'tasks', 0],
    key: 'template',
    inValue: true,
    prefix: 'ech',
    prefixStart: text.indexOf('ech\n'),
    column: 12,
    siblingKeys: ['depends', 'name'],
    siblingValues: { depends: 'a', name: 'b' },
    documentStart: 0,
  });
});

test('typing a key: not in a value; the prefix is the partial key', () => {
  const { ctx, offset } = contextAt(WF_TEXT.replace('        image: alpine:3.20\n', '        image: alpine:3.20\n        com|\n'));
  assert.deepEqual(plain(ctx), {
    parentPath: ['spec', 'templates', 0, 'container'],
    key: undefined,
    inValue: false,
    prefix: 'com',
    prefixStart: offset - 3,
    column: 8,
    siblingKeys: ['image', 'imagePullPolicy'],
    siblingValues: { image: 'alpine:3.20', imagePullPolicy: 'IfNotPresent' },
    documentStart: 0,
  });
});

test('an empty line inside a mapping: the mapping at the cursor column', () => {
  const { ctx } = contextAt(WF_TEXT.replace('      container:\n', '      |\n      container:\n'));
  assert.deepEqual(ctx.parentPath, ['spec', 'templates', 0]);
  assert.equal(ctx.key, undefined);
  assert.equal(ctx.column, 6);
  assert.deepEqual([...ctx.siblingKeys].sort(), ['container', 'name']);
});

test('a new list item: index segments for each dash', () => {
  const task = contextAt(WF_TEXT.replace('          - name: a\n', '          - |\n          - name: a\n'));
  assert.deepEqual(task.ctx.parentPath, ['spec', 'templates', 0, 'dag', 'tasks', 0]);
  assert.equal(task.ctx.siblingKeys.size, 0, 'a new item has no siblings');
  const steps = contextAt(`apiVersion: argoproj.io/v1alpha1
kind: Workflow
spec:
  templates:
    - name: main
      steps:
        - - name: a
            template: |
`);
  assert.deepEqual(steps.ctx.parentPath, ['spec', 'templates', 0, 'steps', 0, 0]);
  assert.equal(steps.ctx.key, 'template');
  assert.equal(steps.ctx.siblingValues.get('name'), 'a');
});

test('flow values: the prefix is everything typed after the key', () => {
  const { ctx } = contextAt(WF_TEXT.replace('            depends: a\n', '            dependencies: [a, b|]\n'));
  assert.equal(ctx.key, 'dependencies');
  assert.equal(ctx.prefix, '[a, b');
});

test('a quoted key and a comment line above do not break the path', () => {
  const { ctx } = contextAt(`apiVersion: argoproj.io/v1alpha1
kind: Workflow
spec:
  # the templates
  "templates":
    - name: main
      # a comment at the item's column
      container:
        image: |
`);
  assert.deepEqual(ctx.parentPath, ['spec', 'templates', 0, 'container']);
  assert.equal(ctx.key, 'image');
});

test('the second document of a file starts after its ---', () => {
  const first = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
  const { ctx } = contextAt(`${first}---\n${WF}`);
  assert.equal(ctx.documentStart, first.length + 4);
  assert.deepEqual(ctx.parentPath, ['spec', 'templates', 0, 'dag', 'tasks', 0]);
  // Keys of another document are not siblings.
  const top = contextAt(`${first}---\napiVersion: argoproj.io/v1alpha1\n|\n`);
  assert.deepEqual(top.ctx.parentPath, []);
  assert.deepEqual([...top.ctx.siblingKeys], ['apiVersion']);
});

test('at the top of a file and at offset 0', () => {
  assert.deepEqual(plain(cursorContext('', 0)), {
    parentPath: [],
    key: undefined,
    inValue: false,
    prefix: '',
    prefixStart: 0,
    column: 0,
    siblingKeys: [],
    siblingValues: {},
    documentStart: 0,
  });
  const { ctx } = contextAt('kind: Wo|');
  assert.equal(ctx.key, 'kind');
  assert.equal(ctx.prefix, 'Wo');
});

// ---- CRLF ----

const crlf = (s: string): string => s.replace(/\n/g, '\r\n');

test('CRLF: the key, the prefix and its start are read as with LF', () => {
  const lf = contextAt(WF);
  const cr = contextAt(crlf(WF));
  assert.equal(cr.ctx.key, lf.ctx.key);
  assert.equal(cr.ctx.inValue, true);
  assert.equal(cr.ctx.prefix, 'ech');
  assert.equal(cr.text.slice(cr.ctx.prefixStart, cr.offset), 'ech');
  assert.equal(cr.ctx.column, lf.ctx.column);
});

test('CRLF: the second document starts after its ---', () => {
  const first = 'apiVersion: v1\r\nkind: ConfigMap\r\n';
  const { ctx, text } = contextAt(`${first}---\r\n${crlf(WF)}`);
  assert.equal(text.slice(ctx.documentStart, ctx.documentStart + 11), 'apiVersion:');
});

test('CRLF: the path and the siblings are the same as with LF', () => {
  const lf = contextAt(WF);
  const cr = contextAt(crlf(WF));
  assert.deepEqual(cr.ctx.parentPath, lf.ctx.parentPath);
  assert.deepEqual([...cr.ctx.siblingKeys].sort(), [...lf.ctx.siblingKeys].sort());
  assert.deepEqual(Object.fromEntries(cr.ctx.siblingValues), Object.fromEntries(lf.ctx.siblingValues));
});

test('CRLF: completion answers as with LF (enum values of imagePullPolicy)', () => {
  const source = WF.replace('ech|', 'echo').replace('imagePullPolicy: IfNotPresent', 'imagePullPolicy: |');
  assert.deepEqual(completeAt(crlf(source)).labels, completeAt(source).labels);
  assert.deepEqual(completeAt(source).labels, ['Always', 'IfNotPresent', 'Never']);
});

test('CRLF: template names after template: (read from the model, not the cursor path)', () => {
  const c = completeAt(crlf(WF));
  assert.deepEqual(c.labels, ['main', 'echo']);
  assert.equal(c.text.slice(c.entries[0].replace.start, c.entries[0].replace.end), 'ech');
});
