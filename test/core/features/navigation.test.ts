import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marked, showRanges } from '../../helpers/cursor';
import { applyEdits } from '../../helpers/edits';
import {
  analyzeText,
  collectOccurrences,
  crossFileDefinition,
  definitionsOf,
  invalidNewName,
  occurrenceAt,
  occurrencesElsewhere,
  renameConflict,
  renameEdits,
  sameSymbol,
  workspaceOf,
  type Occurrence,
  type ReadFile,
} from './harness';

interface At {
  readonly text: string;
  readonly occurrences: Occurrence[];
  readonly target: Occurrence;
  /** The source without its cursor: `[[...]]` marks what the test expects. */
  readonly expected: string;
}

/** The symbol under the cursor (`|`, or `^` in texts holding a `||`) of `source`; fails when there is none. */
function symbolAt(source: string, cursor = source.includes('||') ? '^' : '|'): At {
  const m = marked(source, cursor);
  assert.ok(m.offset >= 0, 'no cursor');
  const occurrences = collectOccurrences(m.text, analyzeText(m.text));
  const target = occurrenceAt(occurrences, m.offset);
  assert.ok(target, `no symbol at the cursor: ${JSON.stringify(m.text.slice(m.offset - 10, m.offset + 10))}`);
  return { text: m.text, occurrences, target, expected: source.replace(cursor, '') };
}

const head = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
`;

// ---- definition ----

test('definition of a template from `template:`', () => {
  const at = symbolAt(`${head}  entrypoint: main
  templates:
    - name: main
      steps:
        - - name: a
            template: ec|ho
    - name: [[echo]]
      container: {image: alpine:3.20}
`);
  assert.equal(at.target.kind, 'template');
  assert.equal(
    showRanges(
      at.text,
      definitionsOf(at.occurrences, at.target).map((o) => o.range),
    ),
    at.expected,
  );
});

test('definition of a template from entrypoint and from onExit', () => {
  const source = `${head}  entrypoint: ma|in
  onExit: cleanup
  templates:
    - name: [[main]]
      container: {image: alpine:3.20}
    - name: cleanup
      container: {image: alpine:3.20}
`;
  const at = symbolAt(source);
  assert.equal(
    showRanges(
      at.text,
      definitionsOf(at.occurrences, at.target).map((o) => o.range),
    ),
    at.expected,
  );
  const exit = symbolAt(source.replace('|', '').replace('onExit: cleanup', 'onExit: clean|up'));
  assert.deepEqual(
    definitionsOf(exit.occurrences, exit.target).map((o) => exit.text.slice(o.range.start, o.range.end)),
    ['cleanup'],
  );
});

test('definition of a task from dependencies, depends and {{tasks.X}}', () => {
  const source = (cursorAt: string): string =>
    `${head}  entrypoint: main
  templates:
    - name: main
      dag:
        tasks:
          - name: [[download]]
            template: echo
          - name: a
            template: echo
            dependencies: [${cursorAt === 'deps' ? 'down^load' : 'download'}]
          - name: b
            template: echo
            depends: "${cursorAt === 'depends' ? 'download.Succ^eeded' : 'download.Succeeded'} || a"
            arguments:
              parameters:
                - name: m
                  value: "{{tasks.${cursorAt === 'var' ? 'down^load' : 'download'}.outputs.result}}"
    - name: echo
      container: {image: alpine:3.20}
`;
  for (const where of ['deps', 'var']) {
    const at = symbolAt(source(where));
    assert.equal(at.target.kind, 'task', where);
    assert.equal(
      showRanges(
        at.text,
        definitionsOf(at.occurrences, at.target).map((o) => o.range),
      ),
      at.expected,
      where,
    );
  }
  // In `download.Succeeded` the cursor on the result names no symbol (only `download` does).
  const m = marked(source('depends'), '^');
  assert.equal(occurrenceAt(collectOccurrences(m.text, analyzeText(m.text)), m.offset), undefined);
});

test('definition of an input parameter from {{inputs.parameters.X}} and from an argument name', () => {
  const source = `${head}  entrypoint: main
  templates:
    - name: main
      steps:
        - - name: a
            template: echo
            arguments:
              parameters:
                - name: mess|age
                  value: hi
    - name: echo
      inputs:
        parameters:
          - name: [[message]]
      container:
        image: alpine:3.20
        args: ["{{inputs.parameters.message}}"]
`;
  const fromArgument = symbolAt(source);
  assert.equal(fromArgument.target.kind, 'input');
  assert.equal(
    showRanges(
      fromArgument.text,
      definitionsOf(fromArgument.occurrences, fromArgument.target).map((o) => o.range),
    ),
    fromArgument.expected,
  );
  const fromVariable = symbolAt(source.replace('|', '').replace('{{inputs.parameters.message}}', '{{inputs.parameters.mes|sage}}'));
  assert.equal(
    showRanges(
      fromVariable.text,
      definitionsOf(fromVariable.occurrences, fromVariable.target).map((o) => o.range),
    ),
    fromVariable.expected.replace('|', ''),
  );
});

test('definition of a workflow parameter from {{workflow.parameters.X}}', () => {
  const at = symbolAt(`${head}  entrypoint: main
  arguments:
    parameters:
      - name: [[url]]
        value: https://example.com
  templates:
    - name: main
      container:
        image: alpine:3.20
        args: ["{{workflow.parameters.u|rl}}"]
`);
  assert.equal(at.target.kind, 'workflow-parameter');
  assert.equal(
    showRanges(
      at.text,
      definitionsOf(at.occurrences, at.target).map((o) => o.range),
    ),
    at.expected,
  );
});

test('a step name is its own definition; the same name in two templates are two symbols', () => {
  const at = symbolAt(`${head}  entrypoint: main
  templates:
    - name: main
      steps:
        - - name: [[fi|rst]]
            template: echo
        - - name: second
            template: echo
            arguments:
              parameters:
                - name: m
                  value: "{{steps.[[first]].outputs.result}}"
    - name: other
      steps:
        - - name: first
            template: echo
    - name: echo
      inputs:
        parameters:
          - name: m
      container: {image: alpine:3.20}
`);
  assert.equal(at.target.kind, 'step');
  assert.ok(at.target.definition);
  assert.equal(
    showRanges(
      at.text,
      sameSymbol(at.occurrences, at.target).map((o) => o.range),
    ),
    at.expected,
  );
});

// ---- references ----

const DAG = `${head}  entrypoint: main
  templates:
    - name: main
      dag:
        tasks:
          - name: [[down^load]]
            template: echo
          - name: resize
            template: echo
            dependencies: [[[download]]]
            arguments:
              parameters:
                - name: m
                  value: "{{tasks.[[download]].outputs.result}} and {{=tasks.[[download]].outputs.result}}"
          - name: report
            template: echo
            depends: "([[download]].Succeeded || resize) && ![[download]].Failed"
            when: "{{tasks.[[download]].status}} == Succeeded"
    - name: other
      dag:
        tasks:
          - name: download
            template: echo
    - name: echo
      inputs:
        parameters:
          - name: m
            default: x
      container: {image: alpine:3.20}
`;

test('references of a task: its name, dependencies, depends operands, {{tasks.X}} and {{=tasks.X}}; not the task of another DAG', () => {
  const at = symbolAt(DAG);
  assert.equal(
    showRanges(
      at.text,
      sameSymbol(at.occurrences, at.target).map((o) => o.range),
    ),
    at.expected,
  );
  assert.equal(sameSymbol(at.occurrences, at.target).filter((o) => o.definition).length, 1);
});

test('references of a template: calls, entrypoint and the definition', () => {
  const at = symbolAt(`${head}  entrypoint: [[main]]
  templates:
    - name: [[ma|in]]
      steps:
        - - name: a
            template: echo
            onExit: [[main]]
            hooks:
              exit: {template: [[main]]}
    - name: echo
      container: {image: alpine:3.20}
`);
  assert.equal(
    showRanges(
      at.text,
      sameSymbol(at.occurrences, at.target).map((o) => o.range),
    ),
    at.expected,
  );
});

// ---- rename ----

test('renaming a task updates dependencies, depends and every {{tasks.X...}}', () => {
  const at = symbolAt(DAG);
  assert.equal(invalidNewName(at.target.kind, 'fetch'), undefined);
  const renamed = applyEdits(at.text, renameEdits(sameSymbol(at.occurrences, at.target), 'fetch'));
  assert.equal(renamed, at.expected.replace(/\[\[download\]\]/g, 'fetch'));
  // The result is consistent: no finding about unknown tasks or variables.
  const codes = analyzeText(renamed).findings.map((f) => f.code);
  assert.ok(!codes.some((c) => /unknown/.test(c)), codes.join(', '));
});

test('renaming a template updates every call', () => {
  const source = `${head}  entrypoint: main
  templates:
    - name: main
      steps:
        - - name: a
            template: [[echo]]
        - - name: b
            template: [[echo]]
    - name: [[ec|ho]]
      container: {image: alpine:3.20}
`;
  const at = symbolAt(source);
  const edits = renameEdits(sameSymbol(at.occurrences, at.target), 'say');
  assert.ok(edits.every((e) => e.newText === 'say'));
  assert.equal(
    showRanges(
      at.text,
      edits.map((e) => e.range),
    ),
    at.expected,
  );
});

test('a new name must be valid for the kind of symbol', () => {
  assert.equal(invalidNewName('task', 'Fetch-2'), undefined);
  assert.equal(invalidNewName('task', 'has space'), '"has space" is not a valid task name');
  assert.equal(invalidNewName('task', '-lead'), '"-lead" is not a valid task name');
  assert.equal(invalidNewName('input', 'with_underscore'), undefined);
  assert.equal(invalidNewName('workflow-template', 'Upper'), '"Upper" is not a valid workflow template name');
  assert.equal(invalidNewName('workflow-template', 'a.b-c'), undefined);
  assert.equal(invalidNewName('ref-template', 'x{y}'), '"x{y}" is not a valid ref template name');
});

test('no symbol under a plain key or value', () => {
  const m = marked(`${head}  entrypoint: main
  templates:
    - name: main
      container: {ima|ge: alpine:3.20}
`);
  assert.equal(occurrenceAt(collectOccurrences(m.text, analyzeText(m.text)), m.offset), undefined);
});

// ---- across files ----

const LIB_URI = 'file:///ws/lib.yaml';
const PIPE_URI = 'file:///ws/pipeline.yaml';
const OTHER_URI = 'file:///ws/other.yaml';
const LIB = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: [[sha|red]]
spec:
  templates:
    - name: print
      container: {image: alpine:3.20}
    - name: notify
      container: {image: alpine:3.20}
`;
const PIPE = `${head}  entrypoint: main
  templates:
    - name: main
      steps:
        - - name: a
            templateRef: {name: [[shared]], template: [[print]]}
        - - name: b
            templateRef:
              name: [[shared]]
              template: notify
        - - name: c
            templateRef: {name: shared, template: print, clusterScope: true}
`;
const OTHER = `${head}  workflowTemplateRef:
    name: [[shared]]
`;
const plain = (s: string): string => marked(s).text;
const FILES: Record<string, string> = { [LIB_URI]: plain(LIB), [PIPE_URI]: plain(PIPE), [OTHER_URI]: plain(OTHER) };

function reader(log: string[] = []): ReadFile {
  return (uri) => {
    log.push(uri);
    return FILES[uri];
  };
}

test('references of a WorkflowTemplate across files, through the injected reader (not the cluster-scoped use)', () => {
  const at = symbolAt(LIB);
  assert.equal(at.target.kind, 'workflow-template');
  const elsewhere = occurrencesElsewhere(at.target, LIB_URI, [LIB_URI, PIPE_URI, OTHER_URI], reader());
  const byFile = (uri: string): string =>
    showRanges(
      FILES[uri],
      elsewhere.filter((o) => o.uri === uri).map((o) => o.range),
    );
  assert.equal(byFile(PIPE_URI), PIPE.replace(/\[\[print\]\]/g, 'print'));
  assert.equal(byFile(OTHER_URI), OTHER);
  assert.ok(elsewhere.every((o) => o.text === FILES[o.uri]));
});

test('renaming a WorkflowTemplate edits its definition and every templateRef / workflowTemplateRef in the other files', () => {
  const at = symbolAt(LIB);
  const local = renameEdits(sameSymbol(at.occurrences, at.target), 'common');
  assert.equal(applyEdits(at.text, local), plain(LIB).replace('name: shared', 'name: common'));
  const elsewhere = occurrencesElsewhere(at.target, LIB_URI, Object.keys(FILES), reader());
  const edited = (uri: string): string =>
    applyEdits(
      FILES[uri],
      elsewhere.filter((o) => o.uri === uri).map((o) => ({ range: o.range, newText: 'common' })),
    );
  assert.equal(
    edited(PIPE_URI),
    plain(PIPE).replace('{name: shared, template: print}', '{name: common, template: print}').replace('name: shared\n', 'name: common\n'),
  );
  assert.equal(edited(OTHER_URI), plain(OTHER).replace('shared', 'common'));
});

test('renaming a template of a WorkflowTemplate from a templateRef reaches the definition in the other file', () => {
  const source = PIPE.replace(/\[\[|\]\]/g, '').replace('template: print}', 'template: pr|int}');
  const at = symbolAt(source);
  assert.equal(at.target.kind, 'ref-template');
  assert.equal(
    showRanges(
      at.text,
      sameSymbol(at.occurrences, at.target).map((o) => o.range),
    ),
    plain(PIPE).replace('template: print}', 'template: [[print]]}'),
  );
  const elsewhere = occurrencesElsewhere(at.target, PIPE_URI, Object.keys(FILES), reader());
  assert.deepEqual(
    elsewhere.map((o) => [
      o.uri,
      showRanges(o.text, [o.range])
        .split('\n')
        .find((l) => l.includes('[[')),
    ]),
    [[LIB_URI, '    - name: [[print]]']],
  );
});

test('the reader is not asked for the file itself; files that do not mention the name are not analysed', () => {
  const at = symbolAt(LIB);
  const asked: string[] = [];
  const files: Record<string, string> = { ...FILES, 'file:///ws/unrelated.yaml': `${head}  entrypoint: x\n` };
  occurrencesElsewhere(at.target, LIB_URI, Object.keys(files), (uri) => {
    asked.push(uri);
    return files[uri];
  });
  assert.ok(!asked.includes(LIB_URI));
  // A file the reader cannot read is skipped.
  assert.deepEqual(
    occurrencesElsewhere(at.target, LIB_URI, ['file:///ws/gone.yaml'], () => undefined),
    [],
  );
});

test('local symbols are not looked for in other files', () => {
  const at = symbolAt(DAG);
  const asked: string[] = [];
  assert.deepEqual(occurrencesElsewhere(at.target, PIPE_URI, Object.keys(FILES), reader(asked)), []);
  assert.deepEqual(asked, []);
});

test('definition of a templateRef from the workspace index: the WorkflowTemplate name, or the template', () => {
  const workspace = workspaceOf({ [LIB_URI]: FILES[LIB_URI] });
  const wt = symbolAt(PIPE.replace(/\[\[|\]\]/g, '').replace('{name: shared,', '{name: sha|red,'));
  const def = crossFileDefinition(wt.target, workspace);
  assert.equal(def?.uri, LIB_URI);
  assert.equal(showRanges(FILES[LIB_URI], def ? [def.range] : []), LIB.replace('sha|red', 'shared'));
  const tpl = symbolAt(PIPE.replace(/\[\[|\]\]/g, '').replace('template: notify', 'template: no|tify'));
  const tdef = crossFileDefinition(tpl.target, workspace);
  assert.equal(tdef?.uri, LIB_URI);
  assert.equal(FILES[LIB_URI].slice(tdef?.range.start, tdef?.range.end), 'notify');
  assert.equal(FILES[LIB_URI].slice(0, tdef?.range.start).split('\n').length, 9, 'on the line of `- name: notify`');
  // Not in the workspace: no definition (the cluster resolves it).
  assert.equal(crossFileDefinition(wt.target, workspaceOf()), undefined);
});

// ---- rename: every reference the analyser resolves ----

test('rename an input: {{= }} expressions with bracket names are renamed too', () => {
  const at = symbolAt(`${head}  entrypoint: main
  templates:
    - name: main
      inputs:
        parameters:
          - name: co|unt
      container:
        image: alpine:3.20
        args: ["{{inputs.parameters.count}}", "{{=asInt(inputs.parameters['count']) + 1}}", "{{= inputs.parameters[\\"count\\"] }}"]
`);
  const after = applyEdits(at.text, renameEdits(sameSymbol(at.occurrences, at.target), 'total'));
  assert.match(after, /- name: total/);
  assert.match(after, /\{\{inputs\.parameters\.total\}\}/);
  assert.match(after, /\{\{=asInt\(inputs\.parameters\['total'\]\) \+ 1\}\}/);
  assert.match(after, /\{\{= inputs\.parameters\[\\"total\\"\] \}\}/);
  assert.doesNotMatch(after, /count/);
});

test('rename an input of a WorkflowTemplate: argument names at templateRef call sites in other documents of the file follow', () => {
  const at = symbolAt(`apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: lib
spec:
  templates:
    - name: greet
      inputs:
        parameters:
          - name: who|m
      container:
        image: alpine:3.20
        args: ["{{inputs.parameters.whom}}"]
---
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - name: a
            templateRef: {name: lib, template: greet}
            arguments:
              parameters:
                - name: whom
                  value: world
`);
  const after = applyEdits(at.text, renameEdits(sameSymbol(at.occurrences, at.target), 'person'));
  assert.equal((after.match(/person/g) ?? []).length, 3, after);
  assert.doesNotMatch(after, /whom/);
});

test('rename a workflow parameter: the entrypoint input of the same name (Argo passes it by name) follows', () => {
  const at = symbolAt(`${head}  entrypoint: main
  arguments:
    parameters:
      - name: mes|sage
        value: hi
  templates:
    - name: main
      inputs:
        parameters:
          - name: message
      container:
        image: alpine:3.20
        args: ["{{inputs.parameters.message}}", "{{workflow.parameters.message}}"]
`);
  const after = applyEdits(at.text, renameEdits(sameSymbol(at.occurrences, at.target), 'greeting'));
  assert.doesNotMatch(after, /message/);
  assert.equal(analyzeText(after).findings.length, 0);
});

test('rename to a name that is already taken is refused with the reason', () => {
  const at = symbolAt(`${head}  entrypoint: main
  templates:
    - name: main
      steps:
        - - name: a
            template: echo
    - name: ec|ho
      container: {image: alpine:3.20}
`);
  assert.match(renameConflict(at.occurrences, at.target, 'main') ?? '', /A template named "main" already exists/);
  assert.equal(renameConflict(at.occurrences, at.target, 'other'), undefined);
});
