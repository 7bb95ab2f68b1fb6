/**
 * The TypeScript declarations say `number` for both Go integers and floats. The model packages also
 * ship compiled validators (`_schemas/<SourceName>.js`, generated from the same OpenAPI document),
 * which do know the difference. We ask them: a property is an integer when its validator rejects
 * 1.5 with a `type: integer` error at that property (or at its list item / map value).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JsonSchema } from '../../server/src/core/schema/json-schema';
import type { DefinitionSource } from './collect';

interface ValidationError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: { readonly type?: string };
}

type ValidateFunction = ((data: unknown) => boolean) & { errors?: ValidationError[] | null };

/** Where a number lives in a property schema: the property itself, a list item or a map value. */
type Slot = 'value' | 'item' | 'entry';

/** Turns `number` into `integer` where the package's own validator says so. Returns how many were changed. */
export async function refineIntegers(definitions: Map<string, JsonSchema>, sources: Map<string, DefinitionSource>): Promise<number> {
  let changed = 0;
  for (const [name, schema] of definitions) {
    const source = sources.get(name);
    if (!source) continue;
    if (schema.type === 'number') {
      // A type alias of a number (e.g. EstimatedDuration).
      const validate = await loadValidator(source);
      if (validate && !validate(1.5) && (validate.errors ?? []).some((e) => e.instancePath === '' && e.keyword === 'type' && e.params.type === 'integer')) {
        schema.type = 'integer';
        changed++;
      }
      continue;
    }
    if (!schema.properties) continue;
    const candidates = Object.entries(schema.properties).flatMap(([prop, s]) => numberSlots(s).map((slot) => ({ prop, slot, schema: s })));
    if (candidates.length === 0) continue;
    const validate = await loadValidator(source);
    if (!validate) continue;
    for (const { prop, slot, schema: propSchema } of candidates) {
      const sample = slot === 'value' ? 1.5 : slot === 'item' ? [1.5] : { k: 1.5 };
      const at = slot === 'value' ? `/${prop}` : slot === 'item' ? `/${prop}/0` : `/${prop}/k`;
      validate({ [prop]: sample });
      const isInteger = (validate.errors ?? []).some((e) => e.instancePath === at && e.keyword === 'type' && e.params.type === 'integer');
      if (!isInteger) continue;
      const target = slot === 'value' ? propSchema : slot === 'item' ? propSchema.items : propSchema.additionalProperties;
      if (target && typeof target === 'object') {
        target.type = 'integer';
        changed++;
      }
    }
  }
  return changed;
}

function numberSlots(s: JsonSchema): Slot[] {
  const out: Slot[] = [];
  if (s.type === 'number') out.push('value');
  if (s.items?.type === 'number') out.push('item');
  if (typeof s.additionalProperties === 'object' && s.additionalProperties.type === 'number') out.push('entry');
  return out;
}

async function loadValidator(source: DefinitionSource): Promise<ValidateFunction | undefined> {
  const root = packageRoot(source.file);
  if (!root) return undefined;
  const file = join(root, '_schemas', `${source.exportedName.replace(/^I/, '')}.js`);
  if (!existsSync(file)) return undefined;
  const mod = (await import(pathToFileURL(file).href)) as { validate?: ValidateFunction };
  return mod.validate;
}

function packageRoot(file: string): string | undefined {
  let dir = dirname(file);
  while (dir !== dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, '_schemas'))) return dir;
    dir = dirname(dir);
  }
  return undefined;
}
