/**
 * `argo-studio graph FILE [--template NAME] [--direction TB|LR] [--document N] [-o out.svg]`:
 * the same graph core as the editor, rendered to SVG (or JSON) without a language server.
 */
import { analyzeFileText } from '../helm/analyze-file';
import { buildGraph, DARK_PALETTE, layoutGraph, LIGHT_PALETTE, renderSvg, type EngineChoice, type GraphDirection } from '../core/graph';
import { STDIN_PATH, describeError, type CliIO } from './io';

export type GraphCommandIo = CliIO;

export const GRAPH_USAGE = `Usage: argo-studio graph FILE [options]

Draws the DAG/steps graph of a workflow as SVG (to stdout, or to a file with -o). FILE - reads
standard input.

Options:
  --template NAME        template to draw (default: the entrypoint)
  --direction TB|LR      top-down (default) or left-right
  --document N           YAML document of the file, 0-based (default: the first Argo document)
  -o, --output FILE      write to FILE instead of stdout
  --format svg|json      SVG (default) or the graph and its layout as JSON
  --theme light|dark     colours of the SVG (default: light)
  --collapse-all         draw nested DAG/steps templates collapsed
  --no-artifacts         no artifact labels on edges
  --engine auto|elk|fast layout engine (default: auto, ELK for small graphs)
  -h, --help             show this help
`;

interface GraphArgs {
  file: string;
  template?: string;
  direction: GraphDirection;
  document?: number;
  output?: string;
  format: 'svg' | 'json';
  theme: 'light' | 'dark';
  collapseAll: boolean;
  artifacts: boolean;
  engine: EngineChoice;
}

type Parsed = { ok: true; args: GraphArgs } | { ok: false; help: boolean; error?: string };

const VALUED = new Set(['--template', '--direction', '--document', '-o', '--output', '--format', '--theme', '--engine']);

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T | string {
  const v = (flag === '--direction' ? value.toUpperCase() : value.toLowerCase()) as T;
  return allowed.includes(v) ? v : `${flag} must be ${allowed.join(' or ')}, not "${value}"`;
}

export function parseGraphArgs(argv: readonly string[]): Parsed {
  const args = argv[0] === 'graph' && argv.length > 1 ? argv.slice(1) : [...argv];
  const values = new Map<string, string>();
  const files: string[] = [];
  let collapseAll = false;
  let artifacts = true;
  for (let i = 0; i < args.length; i++) {
    const raw = args[i];
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    if (flag === '-h' || flag === '--help') return { ok: false, help: true };
    if (flag === '--collapse-all') collapseAll = true;
    else if (flag === '--no-artifacts') artifacts = false;
    else if (VALUED.has(flag)) {
      const value = eq > 0 ? raw.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') return { ok: false, help: false, error: `${flag} needs a value` };
      values.set(flag === '-o' ? '--output' : flag, value);
    } else if (flag.startsWith('-') && flag !== '-') return { ok: false, help: false, error: `unknown option ${flag}` };
    else files.push(raw);
  }
  if (files.length === 0) return { ok: false, help: false, error: 'missing FILE' };
  if (files.length > 1) return { ok: false, help: false, error: `one FILE at a time (got ${files.join(', ')})` };
  const direction = oneOf('--direction', values.get('--direction') ?? 'TB', ['TB', 'LR'] as const);
  const format = oneOf('--format', values.get('--format') ?? 'svg', ['svg', 'json'] as const);
  const theme = oneOf('--theme', values.get('--theme') ?? 'light', ['light', 'dark'] as const);
  const engine = oneOf('--engine', values.get('--engine') ?? 'auto', ['auto', 'elk', 'fast'] as const);
  for (const v of [direction, format, theme, engine]) if (v.includes(' ')) return { ok: false, help: false, error: v };
  const doc = values.get('--document');
  if (doc !== undefined && !/^\d+$/.test(doc))
    return { ok: false, help: false, error: `--document must be a number (0 for the first YAML document), not "${doc}"` };
  return {
    ok: true,
    args: {
      file: files[0],
      ...(values.has('--template') ? { template: values.get('--template') } : {}),
      direction: direction as GraphDirection,
      ...(doc !== undefined ? { document: Number(doc) } : {}),
      ...(values.has('--output') ? { output: values.get('--output') } : {}),
      format: format as 'svg' | 'json',
      theme: theme as 'light' | 'dark',
      collapseAll,
      artifacts,
      engine: engine as EngineChoice,
    },
  };
}

export async function runGraphCommand(args: string[], io: GraphCommandIo): Promise<number> {
  const parsed = parseGraphArgs(args);
  if (!parsed.ok) {
    if (parsed.help) {
      io.stdout(GRAPH_USAGE);
      return 0;
    }
    io.stderr(`argo-studio graph: ${parsed.error}\n\n${GRAPH_USAGE}`);
    return 2;
  }
  const a = parsed.args;
  let text: string;
  try {
    text = a.file === STDIN_PATH ? await io.readStdin() : io.readFile(a.file);
  } catch (e) {
    io.stderr(`argo-studio graph: cannot read ${a.file === STDIN_PATH ? 'standard input' : a.file}: ${describeError(e)}\n`);
    return 1;
  }
  // A Helm chart template is drawn from its masked structure (the same offsets as the template).
  const result = buildGraph(analyzeFileText(a.file, text, {}), {
    ...(a.document !== undefined ? { documentIndex: a.document } : {}),
    ...(a.template !== undefined ? { template: a.template } : {}),
    collapseAll: a.collapseAll,
    showArtifacts: a.artifacts,
  });
  if (!result.ok) {
    io.stderr(`argo-studio graph: ${a.file}: ${result.error}\n`);
    return 1;
  }
  const graph = result.graph;
  const layout = await layoutGraph(graph, { direction: a.direction, engine: a.engine });
  const out =
    a.format === 'json'
      ? JSON.stringify({ graph, layout }, null, 2) + '\n'
      : renderSvg(graph, layout, { palette: a.theme === 'dark' ? DARK_PALETTE : LIGHT_PALETTE });
  const problems = graph.nodes.reduce((n, x) => n + x.problems.length, 0) + graph.edges.reduce((n, e) => n + e.problems.length, 0) + graph.problems.length;
  if (problems > 0) io.stderr(`argo-studio graph: note: ${problems} problem${problems === 1 ? '' : 's'} marked on the graph\n`);
  if (graph.truncated) io.stderr('argo-studio graph: note: some nested templates are drawn collapsed (the graph reached its size or depth limit)\n');
  if (a.output === undefined || a.output === '-') {
    io.stdout(out);
    return 0;
  }
  try {
    io.writeFile(a.output, out);
  } catch (e) {
    io.stderr(`argo-studio graph: cannot write ${a.output}: ${describeError(e)}\n`);
    return 1;
  }
  io.stdout(
    `Wrote ${a.output}: ${graph.nodes.length} nodes, ${graph.edges.length} edges (template ${graph.root.template}, ${layout.engine} layout ${layout.ms} ms)\n`,
  );
  return 0;
}
