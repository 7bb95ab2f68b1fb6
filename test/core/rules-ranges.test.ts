/** Where a finding is put: on the key that conflicts, on the call's arguments, with the first of two duplicates related. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, dagWorkflow } from '../helpers/analyze';

const at = (text: string, code: string): string[] =>
  check(text)
    .filter((s) => s.code === code)
    .map((s) => s.at);

test('a conflict is marked on the key written last (the one just added), whichever it is', () => {
  assert.deepEqual(at(dagWorkflow('- {name: a, template: echo}\n- name: b\n  template: echo\n  depends: a\n  dependencies: [a]'), 'dependencies-and-depends'), [
    'dependencies',
  ]);
  assert.deepEqual(at(dagWorkflow('- {name: a, template: echo}\n- name: b\n  template: echo\n  dependencies: [a]\n  depends: a'), 'dependencies-and-depends'), [
    'depends',
  ]);
  assert.deepEqual(at(dagWorkflow('- name: b\n  templateRef: {name: x, template: y}\n  template: echo'), 'template-ref-with-template'), ['template']);
  assert.deepEqual(at(dagWorkflow('- name: b\n  template: echo\n  withParam: "[1]"\n  withItems: [1]'), 'multiple-loops'), ['withItems']);
});

test("a missing argument is marked on the call's arguments (or the call when it has none)", () => {
  const callee = `    - name: needs
      inputs: {parameters: [{name: msg}]}
      container: {image: alpine:3.20}
`;
  assert.deepEqual(at(dagWorkflow('- name: b\n  template: needs\n  arguments:\n    parameters: [{name: other, value: x}]', callee), 'missing-input-argument'), [
    'arguments',
  ]);
  assert.deepEqual(at(dagWorkflow('- name: b\n  template: needs', callee), 'missing-input-argument'), ['needs']);
});

test('a duplicate parameter name points at the first one too', () => {
  const text = dagWorkflow('- name: b\n  template: echo\n  arguments:\n    parameters: [{name: p, value: "1"}, {name: p, value: "2"}]');
  const f = check(text).find((s) => s.code === 'duplicate-parameter-name');
  assert.ok(f);
  const first = f.finding.related?.[0];
  assert.ok(first);
  assert.equal(text.slice(first.range.start, first.range.end), 'p');
  assert.ok(first.range.start < f.finding.range.start);
});

test('a misspelled `inputs:` is reported once, as the cause: its uses are not each unresolved', () => {
  const text = dagWorkflow(
    '- {name: b, template: greet}',
    `    - name: greet
      inptus:
        parameters: [{name: who}]
      container: {image: alpine:3.20, args: ["{{inputs.parameters.who}}", "{{inputs.parameters.who}}!"]}
`,
  );
  const seen = check(text).map((s) => [s.code, s.at]);
  assert.deepEqual(seen, [['unknown-property', 'inptus']]);
});
