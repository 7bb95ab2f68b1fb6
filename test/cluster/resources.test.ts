// The emulator's Argo resource definitions must match the CRDs in ../shared/argo/crds.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { resources } from './emulator/resources.js';
import { sharedArgoSkip } from '../helpers/paths';

interface Crd {
  spec: {
    group: string;
    scope: string;
    names: { kind: string; listKind: string; plural: string; singular: string; shortNames?: string[] };
    versions: { name: string; additionalPrinterColumns?: { name: string; jsonPath: string; type: string }[] }[];
  };
}

describe('resource definitions', { skip: sharedArgoSkip() }, () => {
  for (const r of resources.filter((x) => x.group === 'argoproj.io')) {
    it(`${r.plural} matches argoproj.io_${r.plural}.yaml`, () => {
      const crd = parse(readFileSync(resolve(__dirname, `../../../shared/argo/crds/argoproj.io_${r.plural}.yaml`), 'utf8')) as Crd;
      assert.equal(crd.spec.group, r.group);
      assert.equal(crd.spec.scope, r.namespaced ? 'Namespaced' : 'Cluster');
      assert.deepEqual(crd.spec.names, {
        kind: r.kind,
        listKind: r.listKind,
        plural: r.plural,
        singular: r.singular,
        ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      });
      assert.equal(crd.spec.versions[0].name, r.version);
      const cols = (crd.spec.versions[0].additionalPrinterColumns ?? []).map((c) => ({ name: c.name, jsonPath: c.jsonPath, type: c.type }));
      assert.deepEqual(
        r.printerColumns.map((c) => ({ name: c.name, jsonPath: c.jsonPath, type: c.type })),
        cols,
      );
    });
  }
});
