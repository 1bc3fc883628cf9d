// Where a schema (the provider's, or the endpoint's own) and traffic disagree: types traffic shows
// that the schema does not allow (the Kanboard `null` where the docs say string), keys the schema
// requires that traffic sometimes lacks, keys traffic sends that the schema forbids, and enum values
// outside the schema's list. A structural walk over the learned pointers: bounded by the model.
import type { SchemaDisagreement } from '../../contract/learning';
import { enumValues, isItemPointer, typeList, type ShapeModel } from './shape-model';

type JsonSchema = Record<string, unknown>;
const isObject = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Resolution depth for `$ref` chains and combinators (a cyclic schema stops here). */
const MAX_RESOLVE_DEPTH = 16;

/** What a (sub)schema allows, flattened over $ref, allOf, anyOf and oneOf. */
interface Allowed {
  /** null = any type. */
  types: Set<string> | null;
  properties: Map<string, JsonSchema[]>;
  required: Set<string>;
  /** false when additionalProperties is false (and no patternProperties). */
  additional: boolean;
  items: JsonSchema[];
  enumValues: unknown[] | null;
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema | null {
  if (!ref.startsWith('#')) return null;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const segment = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObject(node)) return null;
    node = node[segment];
  }
  return isObject(node) ? node : null;
}

function allowedOf(root: JsonSchema, schemas: readonly JsonSchema[]): Allowed {
  const allowed: Allowed = {
    types: null,
    properties: new Map(),
    required: new Set(),
    additional: true,
    items: [],
    enumValues: null,
  };
  const addTypes = (types: string[]) => {
    allowed.types ??= new Set();
    for (const type of types) allowed.types.add(type);
  };
  let anyTyped = false;
  let anyUntyped = false;
  const visit = (schema: JsonSchema, depth: number, intersect: boolean) => {
    if (depth > MAX_RESOLVE_DEPTH) return;
    if (typeof schema['$ref'] === 'string') {
      const target = resolveRef(root, schema['$ref']);
      if (target) visit(target, depth + 1, intersect);
    }
    const type = schema['type'];
    if (typeof type === 'string' || Array.isArray(type)) {
      anyTyped = true;
      addTypes(typeof type === 'string' ? [type] : (type as string[]));
      if (schema['nullable'] === true) addTypes(['null']);
    } else if (
      !intersect &&
      !schema['$ref'] &&
      !schema['allOf'] &&
      !schema['anyOf'] &&
      !schema['oneOf']
    ) {
      anyUntyped = true;
    }
    if (isObject(schema['properties'])) {
      for (const [key, value] of Object.entries(schema['properties'])) {
        if (!isObject(value)) continue;
        const list = allowed.properties.get(key) ?? [];
        list.push(value);
        allowed.properties.set(key, list);
      }
    }
    if (Array.isArray(schema['required']) && intersect)
      for (const key of schema['required']) if (typeof key === 'string') allowed.required.add(key);
    if (schema['additionalProperties'] === false && !schema['patternProperties'])
      allowed.additional = false;
    if (isObject(schema['items'])) allowed.items.push(schema['items']);
    if (Array.isArray(schema['enum']))
      allowed.enumValues = [...(allowed.enumValues ?? []), ...schema['enum']];
    if ('const' in schema) allowed.enumValues = [...(allowed.enumValues ?? []), schema['const']];
    for (const part of (schema['allOf'] as unknown[] | undefined) ?? [])
      if (isObject(part)) visit(part, depth + 1, intersect);
    for (const key of ['anyOf', 'oneOf'] as const)
      for (const part of (schema[key] as unknown[] | undefined) ?? [])
        if (isObject(part)) visit(part, depth + 1, false);
  };
  for (const schema of schemas) visit(schema, 0, true);
  if (!anyTyped || anyUntyped) allowed.types = null;
  return allowed;
}

/** Traffic's type is allowed: integer fits number; null fits `nullable`. */
function typeAllowed(allowed: Set<string> | null, type: string): boolean {
  if (allowed === null) return true;
  return allowed.has(type) || (type === 'integer' && allowed.has('number'));
}

/** The disagreements between a schema and a learned model, in pointer order. */
export function compareWithSchema(schema: JsonSchema, model: ShapeModel): SchemaDisagreement[] {
  const found: SchemaDisagreement[] = [];
  const walk = (pointer: string, schemas: JsonSchema[]) => {
    const stats = model.pointers[pointer];
    if (!stats || schemas.length === 0) return;
    const allowed = allowedOf(schema, schemas);
    for (const type of typeList(stats.types)) {
      const count = stats.types[type] ?? (type === 'number' ? (stats.types.integer ?? 0) : 0);
      if (!typeAllowed(allowed.types, type))
        found.push({
          pointer,
          provider: [...(allowed.types ?? [])].join(' or '),
          traffic: type,
          deliveries: count,
        });
    }
    const values = enumValues(stats);
    if (allowed.enumValues && values) {
      const outside = values.filter((value) => !allowed.enumValues?.includes(value));
      if (outside.length)
        found.push({
          pointer,
          provider: allowed.enumValues.map((v) => JSON.stringify(v)).join(' | '),
          traffic: outside.map((v) => JSON.stringify(v)).join(' | '),
          deliveries: outside.reduce((sum, value) => sum + (stats.values?.[value] ?? 0), 0),
        });
    }
    if (stats.types.object) {
      const prefix = `${pointer}/`;
      const childKeys = new Map<string, string>();
      for (const child of Object.keys(model.pointers)) {
        if (!child.startsWith(prefix) || child.indexOf('/', prefix.length) !== -1) continue;
        if (isItemPointer(child) && stats.types.array) continue;
        const key = child.slice(prefix.length).replaceAll('~1', '/').replaceAll('~0', '~');
        childKeys.set(key, child);
      }
      for (const key of allowed.required) {
        const child = childKeys.get(key);
        const present = child ? (model.pointers[child]?.seen ?? 0) : 0;
        const lacking = child ? (model.pointers[child]?.absent ?? 0) : (stats.types.object ?? 0);
        if (lacking > 0 || present === 0)
          found.push({
            pointer: child ?? `${prefix}${key}`,
            provider: 'required',
            traffic: 'absent',
            deliveries: lacking || stats.types.object,
          });
      }
      for (const [key, child] of childKeys) {
        const sub = allowed.properties.get(key);
        if (sub) walk(child, sub);
        else if (!allowed.additional)
          found.push({
            pointer: child,
            provider: 'not allowed (additionalProperties: false)',
            traffic: 'present',
            deliveries: model.pointers[child]?.seen ?? 0,
          });
      }
    }
    if (stats.types.array && allowed.items.length) walk(`${pointer}/*`, allowed.items);
  };
  walk('', [schema]);
  return found.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}
