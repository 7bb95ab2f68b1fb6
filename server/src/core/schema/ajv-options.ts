/** Options and types shared by the generator (which compiles with ajv) and the runtime (which runs the compiled code). */
import type { Options } from 'ajv';

/** allErrors: every unknown key of a document is reported, not only the first one. messages: false: we word our own. */
export const AJV_OPTIONS: Options = { allErrors: true, allowUnionTypes: true, strict: true, messages: false };

/** An error as ajv's compiled code reports it. */
export interface CompiledError {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

/** A validator function compiled by ajv (standalone). */
export type CompiledValidator = ((data: unknown) => boolean) & { errors?: CompiledError[] | null };
