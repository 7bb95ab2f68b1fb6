import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGraphCommand, type GraphCommandIo } from '../../server/src/cli/graph-command';

const ROOT = process.cwd();
const PIPELINE = join(ROOT, 'test', 'fixtures', 'seed', 'image-pipeline.yaml');
const EXAMPLES = join(ROOT, '..', 'shared', 'argo', 'examples');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  files: Map<string, string>;
}

async function run(args: string[], files: Record<string, string> = {}): Promise<Run> {
  const out: Run = { code: -1, stdout: '', stderr: '', files: new Map() };
  const io: GraphCommandIo = {
    stdout: (s) => (out.stdout += s),
    stderr: (s) => (out.stderr += s),
    readFile: (p) => {
      if (p in files) return files[p];
      return readFileSync(p, 'utf8');
    },
    readStdin: () => Promise.reject(new Error('no standard input in this test')),
    writeFile: (p, d) => void out.files.set(p, d),
  };
  out.code = await runGraphCommand(args, io);
  return out;
}

const nodes = (svg: string): string[] => [...svg.matchAll(/<g class="node" data-name="([^"]*)"/g)].map((m) => m[1]).sort();
const edges = (svg: string): string[] => [...svg.matchAll(/<path class="edge" data-from="([^"]*)" data-to="([^"]*)"/g)].map((m) => `${m[1]}->${m[2]}`).sort();

test('image pipeline to a file: 4 nodes, 3 edges', async () => {
  const r = await run([PIPELINE, '-o', 'out.svg']);
  assert.equal(r.code, 0, r.stderr);
  const svg = r.files.get('out.svg') ?? '';
  assert.deepEqual(nodes(svg), ['download', 'filter', 'resize', 'upload']);
  assert.deepEqual(edges(svg), ['download->resize', 'filter->upload', 'resize->filter']);
  assert.match(r.stdout, /Wrote out\.svg: 4 nodes, 3 edges/);
});

test('without -o the SVG goes to stdout; --direction LR and --template', async () => {
  const r = await run([PIPELINE, '--direction', 'lr', '--template=pipeline']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^<svg [^>]*data-direction="LR"/);
  assert.equal(nodes(r.stdout).length, 4);
});

test('dag-diamond example', { skip: !existsSync(EXAMPLES) && 'examples not found at ../shared/argo/examples' }, async () => {
  const r = await run([join(EXAMPLES, 'dag-diamond.yaml')]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(nodes(r.stdout), ['A', 'B', 'C', 'D']);
  assert.deepEqual(edges(r.stdout), ['A->B', 'A->C', 'B->D', 'C->D']);
});

test('usage errors exit 2, failures exit 1, help exits 0', async () => {
  for (const args of [
    [],
    ['--direction', 'UP', PIPELINE],
    [PIPELINE, '--bogus'],
    [PIPELINE, '--template'],
    [PIPELINE, 'second.yaml'],
    [PIPELINE, '--document', 'x'],
  ]) {
    const r = await run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^argo-studio graph: .+\n\nUsage: argo-studio graph FILE/);
  }
  const missing = await run(['nope.yaml']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read nope\.yaml/);
  const unknown = await run([PIPELINE, '--template', 'nope']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /Template "nope" is not defined .*Templates: pipeline, step/);
  const notArgo = await run(['cm.yaml'], { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\n' });
  assert.equal(notArgo.code, 1);
  assert.match(notArgo.stderr, /No Argo document/);
  const noDoc = await run([PIPELINE, '--document', '4']);
  assert.equal(noDoc.code, 1);
  const help = await run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--direction TB\|LR/);
});

test('--format json, --theme dark, problems noted on stderr', async () => {
  const json = await run([PIPELINE, '--format', 'json']);
  assert.equal(json.code, 0);
  const parsed = JSON.parse(json.stdout) as { graph: { nodes: unknown[] }; layout: { engine: string } };
  assert.equal(parsed.graph.nodes.length, 4);
  const dark = await run([PIPELINE, '--theme', 'dark']);
  assert.match(dark.stdout, /\.bg\{fill:#1e1e1e\}/);
  const cycle = await run([join(ROOT, 'test', 'fixtures', 'seed', 'image-pipeline-cycle.yaml')]);
  assert.equal(cycle.code, 0);
  assert.match(cycle.stderr, /note: \d+ problems? marked on the graph/);
});

const DIST = join(ROOT, 'dist', 'cli.js');
const distHasGraph = existsSync(DIST) && readFileSync(DIST, 'utf8').includes('argo-studio graph: ');

test('dist/cli.js graph writes the SVG (after npm run build)', { skip: !distHasGraph && 'dist/cli.js not built with the graph command yet' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'argo-graph-'));
  const out = join(dir, 'out.svg');
  try {
    const r = spawnSync(process.execPath, [DIST, 'graph', PIPELINE, '-o', out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const svg = readFileSync(out, 'utf8');
    assert.deepEqual(nodes(svg), ['download', 'filter', 'resize', 'upload']);
    assert.equal(edges(svg).length, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const usage = spawnSync(process.execPath, [DIST, 'graph'], { encoding: 'utf8' });
  assert.equal(usage.status, 2);
});
