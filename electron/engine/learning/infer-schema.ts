// A learned model as a JSON Schema (2020-12), or many as an OpenAPI 3.1 document with one
// `webhooks` entry per event and a real delivery as each example. What `hookscope schema infer`
// prints, what the Endpoints view downloads and what "Use learned schema" imports.
import { schemaOfFormat } from './formats';
import {
  enumValues,
  isRequired,
  ITEMS,
  singleFormat,
  typeList,
  type ShapeModel,
} from './shape-model';

type JsonSchema = Record<string, unknown>;

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** Child pointers of each pointer, from the flat map (one pass). */
function childrenOf(model: ShapeModel): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const pointer of Object.keys(model.pointers)) {
    if (pointer === '') continue;
    const parent = pointer.slice(0, pointer.lastIndexOf('/'));
    let list = children.get(parent);
    if (!list) children.set(parent, (list = []));
    list.push(pointer);
  }
  return children;
}

const unescapeSegment = (segment: string) => segment.replaceAll('~1', '/').replaceAll('~0', '~');

function schemaAt(model: ShapeModel, pointer: string, children: Map<string, string[]>): JsonSchema {
  const stats = model.pointers[pointer];
  if (!stats) return {};
  const types = typeList(stats.types);
  const schema: JsonSchema = { type: types.length === 1 ? types[0] : types };
  if (types.includes('object')) {
    const properties: JsonSchema = {};
    const required: string[] = [];
    for (const child of children.get(pointer) ?? []) {
      const key = unescapeSegment(child.slice(pointer.length + 1));
      if (child.endsWith(`/${ITEMS}`) && model.pointers[pointer]?.types.array) continue;
      properties[key] = schemaAt(model, child, children);
      if (isRequired(model, child)) required.push(key);
    }
    schema['properties'] = properties;
    if (required.length) schema['required'] = required.sort();
  }
  if (types.includes('array')) {
    const items = `${pointer}/${ITEMS}`;
    if (model.pointers[items]) schema['items'] = schemaAt(model, items, children);
  }
  if (types.includes('string')) {
    const values = enumValues(stats);
    if (values && model.deliveries >= 2) {
      schema['enum'] = types.includes('null') ? [...values, null] : values;
    } else {
      const format = singleFormat(stats);
      if (format) Object.assign(schema, schemaOfFormat(format));
    }
  }
  if (stats.min !== undefined && stats.max !== undefined) {
    // A range is an observation, not a rule (ids grow): stated as a description, never enforced.
    schema['description'] = `observed ${stats.min} to ${stats.max}`;
  }
  return schema;
}

/** The JSON Schema of one model (2020-12). */
export function inferJsonSchema(model: ShapeModel, title: string): JsonSchema {
  const root = schemaAt(model, '', childrenOf(model));
  return {
    $schema: JSON_SCHEMA_DIALECT,
    title,
    ...root,
    'x-hookscope': { learnedFrom: model.deliveries, capped: model.capped },
  };
}

export interface OpenApiEntry {
  /** The webhooks key: the event, or the request path when no event is known. */
  name: string;
  model: ShapeModel;
  /** A real delivery's body. */
  example: unknown;
}

/** An OpenAPI 3.1 document with a `webhooks` entry per model. */
export function inferOpenApi(entries: readonly OpenApiEntry[], title: string): JsonSchema {
  const webhooks: JsonSchema = {};
  for (const entry of entries) {
    const {
      $schema: _dialect,
      'x-hookscope': _meta,
      ...schema
    } = inferJsonSchema(entry.model, entry.name);
    webhooks[entry.name] = {
      post: {
        summary: `${entry.name} (learned from ${entry.model.deliveries} deliveries)`,
        requestBody: {
          required: true,
          content: { 'application/json': { schema, example: entry.example } },
        },
        responses: { '200': { description: 'Accepted' } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title, version: '1', description: 'Learned by Hookscope from captured deliveries.' },
    jsonSchemaDialect: JSON_SCHEMA_DIALECT,
    webhooks,
  };
}
