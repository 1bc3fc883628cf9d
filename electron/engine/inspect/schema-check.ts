import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { SchemaError } from '../../contract/verdict';

export interface SchemaCheck {
  status: 'valid' | 'invalid' | 'no-schema';
  errors: SchemaError[];
}

type JsonSchema = Record<string, unknown>;

/**
 * Two validators because provider schemas are 2020-12 while many published webhook schemas are
 * draft-07. `strict: false` because schemas may come from users and carry unknown keywords;
 * `verbose` so errors carry the offending value for messages like "got number". `inlineRefs: false`
 * so a definition many schemas reference (GitHub's repository, user...) compiles once, not into
 * every schema that reaches it.
 */
function createValidators(): { draft2020: Ajv2020; draft07: Ajv } {
  const options = { allErrors: true, strict: false, verbose: true, inlineRefs: false } as const;
  const draft2020 = new Ajv2020(options);
  const draft07 = new Ajv(options);
  addFormats(draft2020);
  addFormats(draft07);
  return { draft2020, draft07 };
}

let validators: ReturnType<typeof createValidators> | null = null;
/** Compiling is slow and schemas are long-lived objects, so compiled validators are cached. */
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function isDraft07Family(schema: JsonSchema): boolean {
  const dialect = schema['$schema'];
  return typeof dialect === 'string' && /draft-0[4-7]/.test(dialect);
}

/** Shared `components` objects already added to a validator, by the id they were added under. */
const sharedRoots = new WeakMap<Ajv | Ajv2020, WeakMap<object, string>>();
let sharedRootCount = 0;

/**
 * An OpenAPI-derived event schema is `{$ref: '#/components/schemas/X', components}`, where many
 * events share one `components` object (GitHub's 261 events share about 600 KB of definitions).
 * Compiled inline, every event recompiles everything its ref reaches (0.2-1.8 s each); added once
 * as a root, each definition compiles once and later events reuse it.
 */
function viaSharedRoot(ajv: Ajv | Ajv2020, schema: JsonSchema): JsonSchema | null {
  const ref = schema['$ref'];
  const components = schema['components'];
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return null;
  if (typeof components !== 'object' || components === null) return null;
  if (
    Object.keys(schema).some((key) => key !== '$ref' && key !== 'components' && key !== '$schema')
  )
    return null;
  let roots = sharedRoots.get(ajv);
  if (!roots) sharedRoots.set(ajv, (roots = new WeakMap()));
  let id = roots.get(components);
  if (id === undefined) {
    id = `hookscope:shared-components:${++sharedRootCount}`;
    ajv.addSchema({ $id: id, components }, id);
    roots.set(components, id);
  }
  return { $ref: `${id}${ref}` };
}

function compile(schema: JsonSchema): ValidateFunction {
  const cached = compiled.get(schema);
  if (cached) return cached;
  validators ??= createValidators();
  const ajv = isDraft07Family(schema) ? validators.draft07 : validators.draft2020;
  // Compiling without adding by $id: two schemas sharing an $id must not collide in the instance.
  const { $id: _ignored, ...withoutId } = schema;
  const validate = ajv.compile(viaSharedRoot(ajv, withoutId) ?? withoutId);
  compiled.set(schema, validate);
  return validate;
}

function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

function describeValue(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** One ajv error as a pointer at the offending value plus a sentence a person can act on. */
function toSchemaError(error: ErrorObject): SchemaError {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const name = String(params['missingProperty']);
      return {
        pointer: `${at}/${escapePointerToken(name)}`,
        message: `required property "${name}" is missing`,
      };
    }
    case 'additionalProperties': {
      const name = String(params['additionalProperty']);
      return {
        pointer: `${at}/${escapePointerToken(name)}`,
        message: `unexpected property "${name}"`,
      };
    }
    case 'type':
      return {
        pointer: at,
        message: `must be ${String(params['type']).replace(/,/g, ' or ')}, got ${jsonTypeOf(error.data)}`,
      };
    case 'const':
      return {
        pointer: at,
        message: `must be ${describeValue(params['allowedValue'])}, got ${describeValue(error.data)}`,
      };
    case 'enum': {
      const allowed = Array.isArray(params['allowedValues']) ? params['allowedValues'] : [];
      return {
        pointer: at,
        message: `must be one of ${allowed.map(describeValue).join(', ')}, got ${describeValue(error.data)}`,
      };
    }
    case 'format':
      return {
        pointer: at,
        message: `must be a valid ${String(params['format'])}, got ${describeValue(error.data)}`,
      };
    default:
      return { pointer: at, message: error.message ?? `fails the "${error.keyword}" rule` };
  }
}

/**
 * Validates a parsed JSON body against a JSON Schema. A schema that does not compile is reported
 * as 'no-schema' with one error naming the schema problem, so a bad schema never blames the body.
 */
export function checkSchema(schema: JsonSchema | null | undefined, bodyJson: unknown): SchemaCheck {
  if (!schema) return { status: 'no-schema', errors: [] };
  let validate: ValidateFunction;
  try {
    validate = compile(schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      status: 'no-schema',
      errors: [{ pointer: '', message: `the schema itself is invalid: ${reason}` }],
    };
  }
  if (validate(bodyJson)) return { status: 'valid', errors: [] };
  const seen = new Set<string>();
  const errors: SchemaError[] = [];
  for (const error of validate.errors ?? []) {
    const converted = toSchemaError(error);
    const key = `${converted.pointer}\u0000${converted.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(converted);
  }
  return { status: 'invalid', errors };
}
