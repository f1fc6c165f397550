import 'server-only';
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/**
 * Keywords added at a JSON path of the generated schema (`properties/state`), for rules a refinement
 * holds that JSON Schema cannot read (which states are served). A hint whose path the schema does not
 * have throws, so renaming a field cannot silently drop it.
 */
export type SchemaHints = Readonly<Record<string, JsonSchema>>;

const toJson = (schema: z.core.$ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, {
    io,
    // A transform or refinement has no JSON Schema form: what is left is the shape it starts from.
    unrepresentable: 'any',
  }) as JsonSchema;

/**
 * A contract as OpenAPI 3.1 (JSON Schema 2020-12). Request bodies use `io: 'input'`, what clients
 * send: `z.string().trim().pipe(z.email())` would show only `string`, so the format of a string piped
 * into a string format is kept, since that is what the server checks after trimming.
 */
export function openApiSchema(
  schema: z.core.$ZodType,
  { io, hints = {} }: { io: 'input' | 'output'; hints?: SchemaHints },
): JsonSchema {
  const unused = new Set(Object.keys(hints));
  const json = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema, path }) => {
      const def = zodSchema._zod.def;
      if (io === 'input' && def.type === 'pipe' && def.in._zod.def.type === 'string') {
        const out = toJson(def.out, 'input');
        if (out.type === 'string' && typeof out.format === 'string') jsonSchema.format ??= out.format;
      }
      const key = path.join('/');
      const hint = hints[key];
      if (hint) {
        Object.assign(jsonSchema, hint);
        unused.delete(key);
      }
    },
  }) as JsonSchema;
  if (unused.size)
    throw new Error(`OpenAPI schema hints at paths the schema lacks: ${[...unused].join(', ')}`);
  delete json.$schema;
  return json;
}
