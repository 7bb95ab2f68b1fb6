import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyzeText } from '../../server/src/core/analyze';
import { buildGraph } from '../../server/src/core/graph/build-graph';
import { layoutGraph } from '../../server/src/core/graph/layout';
import { nodesAtOffset } from '../../server/src/core/graph/node-at';
import { argoNodePath, joinPhases, phaseMapFromArgoNodes } from '../../server/src/core/graph/phases';
import { renderGraphBody, renderSvg } from '../../server/src/core/graph/render-svg';
import { DARK_PALETTE } from '../../server/src/core/graph/svg-style';
import type { WorkflowGraph } from '../../server/src/core/graph/types';

const EXAMPLES = join(process.cwd(), '..', 'shared', 'argo', 'examples');
const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'seed');

function graphOf(text: string): WorkflowGraph {
  const r = buildGraph(analyzeText(text));
  if (!r.ok) assert.fail(r.error);
  return r.graph;
}

async function svgOf(text: string): Promise<string> {
  const g = graphOf(text);
  return renderSvg(g, await layoutGraph(g));
}

/** Reads the documented attributes: `<g class="node" data-name>` and `<path class="edge" data-from data-to>`. */
function read(svg: string): { nodes: string[]; edges: string[] } {
  const unescape = (s: string): string =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  return {
    nodes: [...svg.matchAll(/<g class="node" data-name="([^"]*)"/g)].map((m) => unescape(m[1])),
    edges: [...svg.matchAll(/<path class="edge" data-from="([^"]*)" data-to="([^"]*)"/g)].map((m) => `${unescape(m[1])}->${unescape(m[2])}`).sort(),
  };
}

/** A small XML well-formedness check: balanced tags, quoted attributes, no raw '<' or '&' in text. */
function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<!--[\s\S]*?-->/g;
  let at = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const text = xml.slice(at, m.index);
    assert.ok(!text.includes('<'), `raw markup in text near ${JSON.stringify(xml.slice(at, at + 80))}`);
    assert.ok(!/&(?!(amp|lt|gt|quot|#39);)/.test(text), `raw & in text near ${JSON.stringify(text.slice(0, 80))}`);
    at = m.index + m[0].length;
    if (m[0].startsWith('<!--')) continue;
    if (/&(?!(amp|lt|gt|quot|#39);)/.test(m[3])) assert.fail(`raw & in attributes of <${m[2]}>`);
    if (m[1]) assert.equal(stack.pop(), m[2], `unbalanced </${m[2]}>`);
    else if (!m[4]) stack.push(m[2]);
  }
  assert.ok(!xml.slice(at).includes('<'), 'unparsed markup at the end');
  assert.deepEqual(stack, [], 'unclosed tags');
}

test('image pipeline SVG: 4 nodes and 3 edges, readable by their attributes', async () => {
  const svg = await svgOf(readFileSync(join(FIXTURES, 'image-pipeline.yaml'), 'utf8'));
  assertWellFormed(svg);
  const r = read(svg);
  assert.deepEqual(r.nodes.sort(), ['download', 'filter', 'resize', 'upload']);
  assert.deepEqual(r.edges, ['download->resize', 'filter->upload', 'resize->filter']);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="argo-graph" width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/);
  assert.doesNotMatch(svg, /var\(--/, 'standalone SVG must not need CSS variables');
});

test('dag-diamond SVG: the diamond', { skip: !existsSync(EXAMPLES) && 'examples not found at ../shared/argo/examples' }, async () => {
  const r = read(await svgOf(readFileSync(join(EXAMPLES, 'dag-diamond.yaml'), 'utf8')));
  assert.deepEqual(r.nodes.sort(), ['A', 'B', 'C', 'D']);
  assert.deepEqual(r.edges, ['A->B', 'A->C', 'B->D', 'C->D']);
});

test('YAML strings are escaped: a task named like an HTML tag renders as text', async () => {
  const evil = '<img src=x onerror=alert(1)>';
  const text = `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: "x&<y>"}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    dag:\n      tasks:\n      - {name: "${evil}", template: "l\\"<b>"}\n      - {name: 'q"uote', template: l, depends: "x.Failed", when: "'a' < \\"b\\" && c"}\n  - name: l\n    container: {image: "<script>alert(1)</script>"}\n`;
  const svg = await svgOf(text);
  assertWellFormed(svg);
  assert.doesNotMatch(svg, /<img|<script|<b>/);
  assert.match(svg, /data-name="&lt;img src=x onerror=alert\(1\)&gt;"/);
  assert.ok(read(svg).nodes.includes(evil));
  assert.ok(read(svg).nodes.includes('q"uote'));
});

test('problems, conditions, loops and phases show up as attributes', async () => {
  const g = graphOf(readFileSync(join(FIXTURES, 'image-pipeline-cycle.yaml'), 'utf8'));
  const l = await layoutGraph(g);
  const svg = renderSvg(joinPhases(g, { download: { phase: 'Succeeded' }, resize: { phase: 'Failed', message: 'exit 1' } }), l);
  assert.match(svg, /<path class="edge" data-from="upload" data-to="download"[^>]*data-severity="error"/);
  assert.match(svg, /<g class="node" data-name="download"[^>]*data-phase="Succeeded"[^>]*data-severity="error"/);
  assert.match(svg, /<g class="node" data-name="resize"[^>]*data-phase="Failed"/);
  assert.match(svg, /Failed: exit 1/);
  assert.doesNotMatch(svg, /data-name="filter"[^>]*data-phase/);
  const typo = await svgOf(readFileSync(join(FIXTURES, 'image-pipeline-typo.yaml'), 'utf8'));
  assert.match(typo, /<g class="missing-node" data-name="resise"/);
  assert.match(typo, /<path class="edge" data-from="resise" data-to="filter"[^>]*data-kind="missing"/);
});

test('joinPhases: exact paths win, loop iterations fold into their task, the input is unchanged', () => {
  const g = graphOf(readFileSync(join(FIXTURES, 'image-pipeline.yaml'), 'utf8'));
  const phases = phaseMapFromArgoNodes('image-pipeline-abc12', [
    { name: 'image-pipeline-abc12', phase: 'Running' },
    { name: 'image-pipeline-abc12.download', phase: 'Succeeded' },
    { name: 'image-pipeline-abc12.resize(0:a)', phase: 'Succeeded' },
    { name: 'image-pipeline-abc12.resize(1:b)', phase: 'Failed', message: 'boom' },
    { name: 'image-pipeline-abc12.filter', phase: 'NotAPhase' },
  ]);
  const joined = joinPhases(g, phases);
  const byId = new Map(joined.nodes.map((n) => [n.id, n]));
  assert.equal(byId.get('download')?.phase, 'Succeeded');
  assert.equal(byId.get('resize')?.phase, 'Failed');
  assert.equal(byId.get('resize')?.phaseMessage, 'boom');
  assert.equal(byId.get('filter')?.phase, undefined);
  assert.equal(g.nodes[0].phase, undefined);
  assert.equal(argoNodePath('wf-x', 'wf-x[0].step'), '[0].step');
  assert.equal(argoNodePath('wf-x', 'wf-x.A.B'), 'A.B');
});

test('nodesAtOffset follows the cursor: the task under it, else the callers of its template', () => {
  const text = readFileSync(join(FIXTURES, 'image-pipeline.yaml'), 'utf8');
  const g = graphOf(text);
  assert.deepEqual(nodesAtOffset(g, text.indexOf('dependencies: [resize]')), ['filter']);
  assert.deepEqual(nodesAtOffset(g, text.indexOf('alpine:3.20')), ['download', 'resize', 'filter', 'upload']);
  assert.deepEqual(nodesAtOffset(g, 0), []);
});

test('webview body: no <svg> wrapper and no embedded style; highlighted nodes marked', async () => {
  const g = graphOf(readFileSync(join(FIXTURES, 'image-pipeline.yaml'), 'utf8'));
  const body = renderGraphBody(g, await layoutGraph(g), { standalone: false, tooltips: false, active: ['resize'] });
  assert.doesNotMatch(body, /<svg|<style|<title/);
  assert.match(body, /data-name="resize"[^>]*data-active="true"/);
  const dark = renderSvg(g, await layoutGraph(g), { palette: DARK_PALETTE });
  assert.match(dark, /\.argo-graph \.bg\{fill:#1e1e1e\}/);
});

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

test(
  'every Argo example renders (or says clearly why there is no graph)',
  { skip: !existsSync(EXAMPLES) && 'examples not found at ../shared/argo/examples' },
  async () => {
    const files = yamlFiles(EXAMPLES);
    assert.ok(files.length >= 200, `only ${files.length} examples`);
    let drawn = 0;
    const reasons = new Map<string, number>();
    for (const file of files) {
      const name = relative(EXAMPLES, file);
      const r = buildGraph(analyzeText(readFileSync(file, 'utf8')));
      if (!r.ok) {
        assert.match(r.error, /No Argo document|workflowTemplateRef|no templates|no spec/, `${name}: ${r.error}`);
        const key = r.error.replace(/".*?"/g, '"…"');
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
        continue;
      }
      const g = r.graph;
      assert.ok(g.nodes.length > 0, `${name}: empty graph`);
      for (const direction of ['TB', 'LR'] as const) {
        const svg = renderSvg(g, await layoutGraph(g, { direction }));
        assertWellFormed(svg);
        const parsed = read(svg);
        assert.equal(parsed.nodes.length, g.nodes.length, `${name}: node count`);
        assert.equal(parsed.edges.length, g.edges.length, `${name}: edge count`);
      }
      drawn++;
    }
    assert.ok(drawn >= 180, `only ${drawn} of ${files.length} examples drawn; reasons: ${JSON.stringify([...reasons])}`);
  },
);
