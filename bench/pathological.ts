/**
 * Deterministic pathological inputs (the editor-latency issue's list), shared by the benchmark's
 * noisy-neighbour figure and the robustness tests. Each is a Workflow a user could have open.
 */

const HEAD = ['apiVersion: argoproj.io/v1alpha1', 'kind: Workflow', 'metadata:', '  generateName: nasty-', 'spec:', '  entrypoint: main'];

/** `count` anchors and `count` aliases to them, as workflow annotations (5,000 each: ~200 KB). */
export function manyAliases(count: number): string {
  const lines = ['apiVersion: argoproj.io/v1alpha1', 'kind: Workflow', 'metadata:', '  generateName: nasty-', '  annotations:'];
  for (let i = 0; i < count; i++) lines.push(`    k${i}: &a${i} v${i}`);
  for (let i = 0; i < count; i++) lines.push(`    r${i}: *a${i}`);
  lines.push('spec:', '  entrypoint: main', '  templates:', '    - name: main', '      container:', '        image: alpine');
  return `${lines.join('\n')}\n`;
}

/** One line holding `count` `{{inputs.parameters.x}}` tags (80,000: ~1.8 MB). */
export function longTagLine(count: number): string {
  const lines = [
    ...HEAD,
    '  templates:',
    '    - name: main',
    '      inputs:',
    '        parameters:',
    '          - name: x',
    '      container:',
    '        image: alpine',
  ];
  lines.push(`        args: ["${'{{inputs.parameters.x}}'.repeat(count)}"]`);
  return `${lines.join('\n')}\n`;
}

/** A `depends` expression with `depth` nested parentheses (2,000: ~4.5 KB). */
export function deepDepends(depth: number): string {
  const lines = [...HEAD, '  templates:', '    - name: main', '      dag:', '        tasks:', '          - name: a', '            template: work'];
  lines.push('          - name: b', '            template: work', `            depends: "${'('.repeat(depth)}a${')'.repeat(depth)}"`);
  lines.push('    - name: work', '      container:', '        image: alpine');
  return `${lines.join('\n')}\n`;
}

/** A workflow over `megabytes` MB (many small templates). */
export function hugeFile(megabytes: number): string {
  const lines = [...HEAD, '  templates:', '    - name: main', '      container:', '        image: alpine'];
  let size = lines.join('\n').length;
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    const t = [`    - name: t${i}`, '      container:', '        image: alpine', `        args: ["${'x'.repeat(60)}"]`];
    lines.push(...t);
    size += t.join('\n').length + 1;
  }
  return `${lines.join('\n')}\n`;
}

/** The pathological inputs by name, at the sizes the issue measured. */
export const PATHOLOGICAL: readonly { readonly name: string; readonly make: () => string }[] = [
  { name: '5,000 anchors + 5,000 aliases (200 KB)', make: () => manyAliases(5000) },
  { name: '10,000 anchors + 10,000 aliases (400 KB)', make: () => manyAliases(10_000) },
  { name: 'one line with 80,000 tags', make: () => longTagLine(80_000) },
  { name: '2,000 nested parentheses in depends', make: () => deepDepends(2000) },
  { name: 'a 10.6 MB file', make: () => hugeFile(10.6) },
];

/** A 10-line Workflow, the small neighbour whose requests must stay fast. */
export const SMALL_WORKFLOW = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: small-
spec:
  entrypoint: main
  templates:
    - name: main
      container:
        image: alpine
`;
