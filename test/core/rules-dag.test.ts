import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, codes, dagWorkflow } from '../helpers/analyze';
import { applyEdits } from '../helpers/edits';

const ok = dagWorkflow(
  `- name: a
  template: echo
- name: b
  template: echo
  dependencies: [a]
- name: c
  template: echo
  depends: "a && b"`.replace('depends: "a && b"', 'dependencies: [a, b]'),
);

test('a valid DAG has no findings', () => {
  assert.deepEqual(codes(ok), []);
});

test('dag-cycle is reported once, on the entry that closes the cycle, with the path', () => {
  const text = dagWorkflow(`- name: a
  template: echo
  dependencies: [c]
- name: b
  template: echo
  dependencies: [a]
- name: c
  template: echo
  dependencies: [b]`);
  const seen = check(text);
  assert.deepEqual(
    seen.map((s) => s.code),
    ['dag-cycle'],
  );
  assert.equal(seen[0].at, 'c');
  assert.equal(seen[0].finding.range.start, text.indexOf('[c]') + 1);
  // In the direction of the graph's arrows (a task -> the one that depends on it).
  assert.match(seen[0].message, /a -> b -> c -> a/);
  assert.equal(seen[0].finding.related?.length, 2);
  // One fix per dependency of the cycle; the preferred one removes the reported entry, and removes the cycle.
  const fixes = seen[0].finding.fixes ?? [];
  assert.deepEqual(
    fixes.map((f) => f.title),
    ['Remove the dependency of "a" on "c"', 'Remove the dependency of "c" on "b"', 'Remove the dependency of "b" on "a"'],
  );
  assert.deepEqual(
    fixes.map((f) => f.preferred === true),
    [true, false, false],
  );
  for (const f of fixes) assert.deepEqual(check(applyEdits(text, f.edits)), [], f.title);
});

test('dag-cycle fix in a depends conjunction removes only that operand', () => {
  const text = dagWorkflow(`- name: a
  template: echo
  depends: "b.Succeeded && c"
- name: b
  template: echo
  depends: a
- name: c
  template: echo`);
  const fix = (check(text).find((s) => s.code === 'dag-cycle')?.finding.fixes ?? []).find((f) => f.title === 'Remove the dependency of "a" on "b"');
  assert.ok(fix);
  const after = applyEdits(text, fix.edits);
  assert.match(after, /depends: "c"/);
  assert.deepEqual(check(after), []);
});

test('dag-cycle through depends expressions', () => {
  const text = dagWorkflow(`- name: a
  template: echo
  depends: "b.Succeeded"
- name: b
  template: echo
  depends: "a || a.Failed"`);
  const seen = check(text);
  assert.deepEqual(
    seen.map((s) => s.code),
    ['dag-cycle'],
  );
  assert.equal(seen[0].at, 'b');
});

test('two separate cycles are both reported', () => {
  const text = dagWorkflow(`- {name: a, template: echo, dependencies: [b]}
- {name: b, template: echo, dependencies: [a]}
- {name: c, template: echo, dependencies: [d]}
- {name: d, template: echo, dependencies: [c]}`);
  assert.deepEqual(codes(text), ['dag-cycle', 'dag-cycle']);
});

test('dag-self-dependency with a quick fix that removes the entry', () => {
  const text = dagWorkflow(`- name: a
  template: echo
  dependencies:
    - a`);
  const seen = check(text);
  assert.deepEqual(
    seen.map((s) => s.code),
    ['dag-self-dependency'],
  );
  const fix = seen[0].finding.fixes?.[0];
  assert.ok(fix);
  const fixed = applyEdits(text, fix.edits);
  assert.ok(!fixed.includes('    - a\n'), fixed);
});

test('unknown-dependency with did-you-mean and a fix, in dependencies and in depends', () => {
  const text = dagWorkflow(`- name: download
  template: echo
- name: resize
  template: echo
  dependencies: [downlaod]
- name: upload
  template: echo
  depends: "resize.Succeeded && (downloda || nothing-like-it)"`);
  // a DAG may not mix depends and dependencies: that is reported too
  const seen = check(text).filter((s) => s.code === 'unknown-dependency');
  assert.deepEqual(
    seen.map((s) => s.at),
    ['downlaod', 'downloda', 'nothing-like-it'],
  );
  assert.match(seen[0].message, /Did you mean "download"\?/);
  assert.equal(seen[0].finding.fixes?.[0].edits[0].newText, 'download');
  assert.doesNotMatch(seen[2].message, /Did you mean/);
});

test('duplicate-task-name and task-name-required', () => {
  const text = dagWorkflow(`- name: a
  template: echo
- name: a
  template: echo
- template: echo`);
  const seen = check(text);
  assert.deepEqual(
    seen.map((s) => s.code),
    ['duplicate-task-name', 'task-name-required'],
  );
  assert.equal(seen[0].finding.range.start, text.lastIndexOf('name: a') + 6);
});

test('dependencies-and-depends on one task; mixed use across a DAG', () => {
  const both = dagWorkflow(`- {name: a, template: echo}
- {name: b, template: echo, dependencies: [a], depends: a}`);
  assert.deepEqual(codes(both), ['dependencies-and-depends']);
  const mixed = dagWorkflow(`- {name: a, template: echo}
- {name: b, template: echo, depends: a}
- {name: c, template: echo, dependencies: [a]}`);
  assert.deepEqual(codes(mixed), ['mixed-depends-dependencies']);
});

test('depends-syntax is located inside the expression', () => {
  const text = dagWorkflow(`- {name: a, template: echo}
- name: b
  template: echo
  depends: "(a && a.Failed"`);
  const seen = check(text);
  assert.deepEqual(
    seen.map((s) => s.code),
    ['depends-syntax'],
  );
  assert.equal(seen[0].at, '(');
  assert.equal(seen[0].finding.range.start, text.indexOf('"(a &&') + 1);
});

test('depends in a block scalar is located too', () => {
  const text = dagWorkflow(`- {name: a, template: echo}
- name: b
  template: echo
  depends: >-
    a.Succeeded &&
    zzz`);
  const seen = check(text);
  assert.deepEqual(
    seen.map((s) => [s.code, s.at]),
    [['unknown-dependency', 'zzz']],
  );
});

test('invalid-task-result with suggestion (Argo reads lower-case results as task names)', () => {
  const text = dagWorkflow(`- {name: a, template: echo}
- {name: b, template: echo, depends: a.Succeded}
- {name: c, template: echo, depends: a.succeeded}`);
  const seen = check(text);
  assert.deepEqual(
    seen.map((s) => [s.code, s.at]),
    [
      ['invalid-task-result', 'Succeded'],
      ['invalid-task-result', 'succeeded'],
    ],
  );
  assert.match(seen[0].message, /Did you mean "Succeeded"/);
});

test('items-result-without-loop; fine with a loop', () => {
  const bad = dagWorkflow(`- {name: a, template: echo}
- {name: b, template: echo, depends: a.AnySucceeded}`);
  assert.deepEqual(codes(bad), ['items-result-without-loop']);
  const good = dagWorkflow(`- {name: a, template: echo, withItems: [1, 2]}
- {name: b, template: echo, depends: a.AnySucceeded || a.AllFailed}`);
  assert.deepEqual(codes(good), []);
});

test('continue-on-with-depends', () => {
  const text = dagWorkflow(`- {name: a, template: echo, continueOn: {failed: true}}
- {name: b, template: echo, depends: a}`);
  assert.deepEqual(codes(text), ['continue-on-with-depends']);
  const fine = dagWorkflow(`- {name: a, template: echo, continueOn: {failed: true}}
- {name: b, template: echo, dependencies: [a]}`);
  assert.deepEqual(codes(fine), []);
});

test('task-name-leading-digit only when dependencies are used', () => {
  const bad = dagWorkflow(`- {name: 1st, template: echo}
- {name: b, template: echo, depends: 1st}`);
  assert.deepEqual(codes(bad), ['task-name-leading-digit']);
  const fine = dagWorkflow(`- {name: 1st, template: echo}
- {name: 2nd, template: echo}`);
  assert.deepEqual(codes(fine), []);
});

test('dag-no-tasks and unknown-target', () => {
  const empty = dagWorkflow('').replace('tasks:\n', 'tasks: []\n');
  assert.deepEqual(codes(empty), ['dag-no-tasks']);
  const target = dagWorkflow(`- {name: a, template: echo}
- {name: b, template: echo}`).replace('      dag:\n', '      dag:\n        target: "a bb"\n');
  const seen = check(target);
  assert.deepEqual(
    seen.map((s) => [s.code, s.at]),
    [['unknown-target', 'bb']],
  );
});

test('rule severities can be changed or turned off, and lines silenced inline', () => {
  const text = dagWorkflow(`- {name: a, template: echo, dependencies: [zz]}`);
  assert.deepEqual(
    check(text, { rules: { 'unknown-dependency': 'warning' } }).map((s) => s.severity),
    ['warning'],
  );
  assert.deepEqual(codes(text, { rules: { 'unknown-dependency': 'off' } }), []);
  const silenced = dagWorkflow(`# argo-studio-disable-next-line unknown-dependency
- {name: a, template: echo, dependencies: [zz]}`);
  assert.deepEqual(codes(silenced), []);
  const other = dagWorkflow(`# argo-studio-disable-next-line dag-cycle
- {name: a, template: echo, dependencies: [zz]}`);
  assert.deepEqual(codes(other), ['unknown-dependency']);
});

test('unknown-dependency offers the close task names (the closest preferred), then removing the dependency; never to silence it', () => {
  const text = dagWorkflow(`- name: resize
  template: echo
- name: resizer
  template: echo
- name: b
  template: echo
  depends: "resise && resizer"`);
  const f = check(text).find((s) => s.code === 'unknown-dependency');
  assert.ok(f);
  const fixes = f.finding.fixes ?? [];
  assert.deepEqual(
    fixes.map((x) => x.title),
    ['Change to "resize"', 'Change to "resizer"', 'Remove the dependency of "b" on "resise"'],
  );
  assert.equal(fixes[0].preferred, true);
  assert.match(applyEdits(text, fixes[2].edits), /depends: "resizer"/);
});
