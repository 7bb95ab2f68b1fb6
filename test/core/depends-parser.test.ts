import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDepends } from '../../server/src/core/expr/depends-parser';

test('parses operands, results and operators', () => {
  const p = parseDepends('(A.Succeeded || B.Failed) && !C');
  assert.deepEqual(p.errors, []);
  assert.deepEqual(
    p.operands.map((o) => [o.task, o.result]),
    [
      ['A', 'Succeeded'],
      ['B', 'Failed'],
      ['C', undefined],
    ],
  );
  assert.equal(p.ast?.type, 'and');
});

test('task names with dashes and every result keyword', () => {
  const p = parseDepends('a-b.AnySucceeded || c-1.AllFailed || d.Errored || e.Skipped || f.Omitted || g.Daemoned');
  assert.deepEqual(p.errors, []);
  assert.equal(p.operands.length, 6);
});

const bad: [string, RegExp, number][] = [
  ['A &&', /ends where an operand/, 2],
  ['(A || B', /never closed/, 0],
  ['A || B)', /no matching '\('/, 6],
  ['A B', /Missing operator/, 2],
  ['A and B', /'and' is not an operator in depends: use '&&'/, 2],
  ['A.', /Expected a task result/, 1],
  ['', /empty/, 0],
  ['A & B', /Unexpected '&'/, 2],
  ['()', /Empty parentheses/, 0],
];
for (const [src, msg, at] of bad) {
  test(`syntax error located: ${JSON.stringify(src)}`, () => {
    const p = parseDepends(src);
    assert.equal(p.errors.length, 1, JSON.stringify(p.errors));
    assert.match(p.errors[0].message, msg);
    assert.equal(p.errors[0].start, at);
  });
}

test('operands after an error are still collected', () => {
  const p = parseDepends('A && ) || B');
  assert.ok(p.errors.length >= 1);
  assert.deepEqual(
    p.operands.map((o) => o.task),
    ['A', 'B'],
  );
});
