import { Scalar } from 'yaml';
import { schemaAt } from '../schema';
import type { Fix } from '../types';
import type { RuleContext, RuleFamily, RuleMeta } from './rule';

const RULES: RuleMeta[] = [
  {
    code: 'yaml11-not-text',
    severity: 'error',
    family: 'yaml',
    description:
      'A bare y/n/yes/no/on/off, octal or 1_000 number where Argo needs text (a name, an image, an argument): Go reads YAML 1.1, so it is a boolean or a number there and Argo cannot decode the workflow (argo lint rejects the file). Quote it.',
    example: 'parameters: [{name: n}]   # a boolean where a name is needed',
  },
  {
    code: 'yaml11-boolean',
    severity: 'warning',
    family: 'yaml',
    description:
      'A bare y/n/yes/no/on/off where Argo expects text: Argo reads YAML like Go (YAML 1.1), where it is a boolean, so `value: no` arrives as "false" and a parameter named `n` fails to decode. Quote it.',
    example: 'withItems: [x, y, z]   # y arrives as true',
  },
  {
    code: 'yaml11-number',
    severity: 'warning',
    family: 'yaml',
    description: 'A bare number where Argo expects text, which Go reads differently: 0755 is octal (493) and 1_000 is 1000 there. Quote it.',
    example: 'value: 0755   # arrives as "493"',
  },
];

export const YAML11_TRUE = /^(y|Y|yes|Yes|YES|on|On|ON)$/;
export const YAML11_FALSE = /^(n|N|no|No|NO|off|Off|OFF)$/;
const OCTAL = /^[-+]?0[0-7]+$/;
const UNDERSCORE = /^[-+]?(0x[0-9a-fA-F_]+|[0-9][0-9_]*(\.[0-9_]*)?)$/;

/** A plain scalar that Go reads as a boolean or number although YAML 1.2 reads it otherwise. */
export function yaml11Reading(source: string): 'boolean' | 'number' | undefined {
  if (YAML11_TRUE.test(source) || YAML11_FALSE.test(source)) return 'boolean';
  if (OCTAL.test(source) || (source.includes('_') && UNDERSCORE.test(source))) return 'number';
  return undefined;
}

export const yaml11Rules: RuleFamily = {
  name: 'yaml',
  rules: RULES,
  check(ctx: RuleContext): void {
    const { y } = ctx;
    y.eachScalar(ctx.model.root, (s, isKey, path) => {
      if (s.type !== Scalar.PLAIN || typeof s.source !== 'string') return;
      const src = s.source;
      const reading = yaml11Reading(src);
      if (!reading) return;
      const expected = isKey ? ['string'] : expectedTypes(ctx, path);
      // Where Argo expects that type anyway (daemon: yes, mode: 0755), Go's reading is what the author meant.
      if (reading === 'boolean' && expected.length > 0 && expected.every((t) => t === 'boolean')) return;
      if (reading === 'number' && expected.length > 0 && expected.every((t) => t === 'integer' || t === 'number')) return;
      if (reading === 'number' && isKey) return;
      const range = y.range(s);
      const quote: Fix = { title: `Quote it: "${src}"`, edits: [{ range, newText: `"${src}"` }], preferred: true };
      if (!isKey && expected.length === 1 && expected[0] === 'string') {
        // A strict string field: Go's decoder gets a boolean or a number and rejects the whole workflow.
        const what = reading === 'boolean' ? `the boolean ${YAML11_TRUE.test(src)}` : `a number`;
        ctx.report(
          'yaml11-not-text',
          range,
          `Argo cannot decode this: Go reads YAML 1.1, where \`${src}\` is ${what}, and a string is needed here (argo lint: cannot unmarshal ${reading === 'boolean' ? 'bool' : 'number'} into string). Quote it: "${src}".`,
          { fixes: [quote] },
        );
        return;
      }
      if (reading === 'boolean') {
        const b = YAML11_TRUE.test(src);
        ctx.report(
          'yaml11-boolean',
          range,
          `Argo reads YAML like Go (YAML 1.1): this ${isKey ? 'key' : 'value'} \`${src}\` is the boolean ${b}, not the text "${src}", so it arrives as "${b}"${isKey ? '' : ' (or fails to decode where a name is expected)'}. Quote it if you mean the word.`,
          {
            fixes: [quote],
          },
        );
      } else if (OCTAL.test(src)) {
        const octal = parseInt(src.replace(/^[-+]/, ''), 8) * (src.startsWith('-') ? -1 : 1);
        ctx.report(
          'yaml11-number',
          range,
          `Argo reads YAML like Go (YAML 1.1): \`${src}\` is the octal number ${octal} there, so it arrives as "${octal}", not "${src}". Quote it if you mean the digits.`,
          { fixes: [quote] },
        );
      } else {
        const n = src.replace(/_/g, '');
        ctx.report(
          'yaml11-number',
          range,
          `Argo reads YAML like Go (YAML 1.1): \`${src}\` is the number ${n} there, so it arrives as "${n}", not "${src}". Quote it if you mean the text.`,
          { fixes: [quote] },
        );
      }
    });
  },
};

/** JSON types the schema allows at a path ([] when unknown or free-form). */
function expectedTypes(ctx: RuleContext, path: readonly (string | number)[]): string[] {
  const info = schemaAt(ctx.model.kind, path);
  if (!info?.type) return [];
  return Array.isArray(info.type) ? [...info.type] : [info.type as string];
}
