/** The servers under test: ours (dist/server.js) and yaml-language-server configured with our schema. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerUnderTest } from './bench-client';

export const OURS: ServerUnderTest = { name: 'argo-studio', command: [resolve('dist/server.js'), '--stdio'] };

/** yaml-language-server from node_modules, with our schema rooted at the Workflow definition; undefined if absent. */
export function yamlLanguageServer(): ServerUnderTest | undefined {
  const bin = resolve('node_modules/yaml-language-server/bin/yaml-language-server');
  if (!existsSync(bin)) return undefined;
  // Our schema, rooted at the Workflow definition (yaml-language-server needs a root).
  const schema = JSON.parse(readFileSync('schemas/argo-workflows.schema.json', 'utf8')) as Record<string, unknown>;
  const dir = mkdtempSync(join(tmpdir(), 'argo-bench-'));
  const file = join(dir, 'workflow.schema.json');
  writeFileSync(file, JSON.stringify({ ...schema, allOf: [{ $ref: '#/definitions/io.argoproj.workflow.v1alpha1.Workflow' }] }));
  const yaml = {
    validate: true,
    hover: true,
    completion: true,
    schemas: { [pathToFileURL(file).toString()]: '*.yaml' },
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
  };
  return { name: 'yaml-language-server', command: [bin, '--stdio'], settings: { yaml } };
}
