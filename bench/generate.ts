/** Deterministic generators of large Argo workflows for benchmarks and stress tests. */

export interface DagOptions {
  readonly tasks: number;
  /** Tasks per layer (each task depends on up to two tasks of the previous layer). */
  readonly width?: number;
}

/** A layered DAG workflow with parameters, {{tasks.X.outputs...}} references and loops. */
export function generateDag({ tasks, width = 10 }: DagOptions): string {
  const lines: string[] = [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Workflow',
    'metadata:',
    `  generateName: bench-dag-${tasks}-`,
    'spec:',
    '  entrypoint: main',
    '  arguments:',
    '    parameters:',
    '      - name: greeting',
    '        value: hello',
    '  templates:',
    '    - name: main',
    '      dag:',
    '        tasks:',
  ];
  for (let i = 0; i < tasks; i++) {
    const layer = Math.floor(i / width);
    const name = `task-${i}`;
    lines.push(`          - name: ${name}`);
    lines.push(`            template: ${i % 7 === 3 ? 'fan' : 'work'}`);
    if (layer > 0) {
      const a = (layer - 1) * width + (i % width);
      const b = (layer - 1) * width + ((i + 3) % width);
      const deps = a === b ? [a] : [a, b];
      lines.push(`            dependencies: [${deps.map((d) => `task-${d}`).join(', ')}]`);
      lines.push('            arguments:');
      lines.push('              parameters:');
      lines.push('                - name: message');
      lines.push(`                  value: "{{tasks.task-${a}.outputs.parameters.out}} {{workflow.parameters.greeting}}"`);
    } else {
      lines.push('            arguments:');
      lines.push('              parameters:');
      lines.push('                - name: message');
      lines.push('                  value: "{{workflow.parameters.greeting}}"');
    }
    if (i % 7 === 3) lines.push('            withItems: [a, b, c]');
  }
  lines.push(
    ...messageTemplateHead('work'),
    '      container:',
    '        image: alpine:3.20',
    '        command: [sh, -c]',
    '        args: ["echo {{inputs.parameters.message}} | tee /tmp/out"]',
    ...messageTemplateHead('fan'),
    '      script:',
    '        image: python:3.12',
    '        command: [python]',
    '        source: |',
    '          print("{{inputs.parameters.message}}")',
  );
  return `${lines.join('\n')}\n`;
}

/** A template that takes `message` and writes the output parameter `out` (its body follows). */
function messageTemplateHead(name: string): string[] {
  return [
    `    - name: ${name}`,
    '      inputs:',
    '        parameters:',
    '          - name: message',
    '      outputs:',
    '        parameters:',
    '          - name: out',
    '            valueFrom:',
    '              path: /tmp/out',
  ];
}

/** A steps workflow of `groups` sequential groups of `parallel` steps. */
export function generateSteps(groups: number, parallel = 3): string {
  const lines: string[] = [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Workflow',
    'metadata:',
    `  generateName: bench-steps-${groups}-`,
    'spec:',
    '  entrypoint: main',
    '  templates:',
    '    - name: main',
    '      steps:',
  ];
  for (let g = 0; g < groups; g++) {
    for (let p = 0; p < parallel; p++) {
      lines.push(`        ${p === 0 ? '- - ' : '  - '}name: s${g}-${p}`);
      lines.push('            template: work');
      if (g > 0) {
        lines.push('            arguments:');
        lines.push(`              parameters: [{name: message, value: "{{steps.s${g - 1}-0.outputs.result}}"}]`);
      } else lines.push('            arguments: {parameters: [{name: message, value: start}]}');
    }
  }
  lines.push(
    '    - name: work',
    '      inputs: {parameters: [{name: message}]}',
    '      script:',
    '        image: alpine:3.20',
    '        command: [sh]',
    '        source: echo "{{inputs.parameters.message}}"',
  );
  return `${lines.join('\n')}\n`;
}
