import type { SchemaDocumentFormat } from '../../contract/capture-rules';
import { checkSchema } from '../inspect/schema-check';

type JsonObject = Record<string, unknown>;

/** One schema found in an imported document. */
export interface ImportedSchema {
  event: string | null;
  name: string;
  schema: JsonObject;
  template: unknown;
}

/** An imported document Hookscope cannot use; the message names the part that is wrong. */
export class SchemaDocumentError extends Error {
  readonly code = 'invalid-input';
  override name = 'SchemaDocumentError';
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SchemaDocumentError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

/** A schema must compile; checkSchema reports a broken one as 'no-schema' with the reason. */
function assertCompiles(schema: JsonObject, where: string): void {
  const check = checkSchema(schema, null);
  const problem = check.status === 'no-schema' ? check.errors[0]?.message : undefined;
  if (problem) throw new SchemaDocumentError(`${where}: ${problem}`);
}

function fromJsonSchema(document: unknown, event: string | null, name: string): ImportedSchema[] {
  if (!isObject(document) && typeof document !== 'boolean') {
    throw new SchemaDocumentError('the JSON Schema must be an object (or a boolean schema)');
  }
  const schema = isObject(document) ? document : document ? {} : { not: {} };
  assertCompiles(schema, 'the JSON Schema');
  const examples = schema['examples'];
  const template = Array.isArray(examples) && examples.length > 0 ? examples[0] : null;
  return [{ event, name, schema, template }];
}

/** The JSON body of an OpenAPI operation: its schema and first example. */
function jsonContent(
  operation: JsonObject,
  where: string,
): { schema: JsonObject; example: unknown } {
  const requestBody = operation['requestBody'];
  if (!isObject(requestBody)) throw new SchemaDocumentError(`${where}.requestBody is missing`);
  if (typeof requestBody['$ref'] === 'string') {
    throw new SchemaDocumentError(
      `${where}.requestBody is a $ref; inline the request body (only schema $refs are resolved)`,
    );
  }
  const content = requestBody['content'];
  if (!isObject(content)) throw new SchemaDocumentError(`${where}.requestBody.content is missing`);
  const mediaType = Object.keys(content).find((type) => /\bjson\b/i.test(type));
  const media = mediaType === undefined ? undefined : content[mediaType];
  if (!isObject(media) || !isObject(media['schema'])) {
    throw new SchemaDocumentError(
      `${where}.requestBody.content has no JSON media type with a schema (found: ${Object.keys(content).join(', ') || 'none'})`,
    );
  }
  let example: unknown = media['example'] ?? null;
  const examples = media['examples'];
  if (example === null && isObject(examples)) {
    const first = Object.values(examples).find(isObject);
    example = first?.['value'] ?? null;
  }
  return { schema: media['schema'], example };
}

const OPERATIONS = ['post', 'put', 'patch', 'get', 'delete'] as const;

/**
 * OpenAPI 3.1 `webhooks`: each entry becomes a schema for the event of the same name. Schemas may
 * `$ref` `#/components/...`: the components travel along so the refs resolve inside the schema.
 */
function fromOpenApi(document: unknown, name: string): ImportedSchema[] {
  if (!isObject(document)) throw new SchemaDocumentError('the OpenAPI document must be an object');
  const version = document['openapi'];
  if (typeof version !== 'string') {
    throw new SchemaDocumentError('"openapi" is missing: this is not an OpenAPI document');
  }
  if (!version.startsWith('3.1')) {
    throw new SchemaDocumentError(
      `"openapi" is "${version}"; webhooks need OpenAPI 3.1 (3.0 has no webhooks section)`,
    );
  }
  const webhooks = document['webhooks'];
  if (!isObject(webhooks) || Object.keys(webhooks).length === 0) {
    throw new SchemaDocumentError('the document has no "webhooks" section (or it is empty)');
  }
  const components = isObject(document['components']) ? document['components'] : undefined;
  const found: ImportedSchema[] = [];
  for (const [event, pathItem] of Object.entries(webhooks)) {
    const where = `webhooks.${event}`;
    if (!isObject(pathItem)) throw new SchemaDocumentError(`${where} must be an object`);
    const method = OPERATIONS.find((candidate) => isObject(pathItem[candidate]));
    if (!method) throw new SchemaDocumentError(`${where} has no operation (post, put...)`);
    const { schema, example } = jsonContent(pathItem[method] as JsonObject, `${where}.${method}`);
    // 3.1 schemas are JSON Schema 2020-12; ajv resolves `#/components/...` within this root.
    const standalone: JsonObject = components ? { ...schema, components } : { ...schema };
    assertCompiles(standalone, `${where}.${method} schema`);
    found.push({ event, name: `${name} ${where}`, schema: standalone, template: example });
  }
  return found;
}

/** Parses an imported document into the schemas it holds; throws SchemaDocumentError otherwise. */
export function readSchemaDocument(
  text: string,
  format: SchemaDocumentFormat,
  options: { event?: string; name: string },
): ImportedSchema[] {
  if (format === 'openapi') {
    if (options.event !== undefined) {
      throw new SchemaDocumentError(
        'event: an OpenAPI document names its events itself (the keys of "webhooks")',
      );
    }
    return fromOpenApi(parseJson(text, 'the OpenAPI document'), options.name);
  }
  return fromJsonSchema(parseJson(text, 'the JSON Schema'), options.event ?? null, options.name);
}
