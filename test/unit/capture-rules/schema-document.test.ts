import { describe, expect, it } from 'vitest';
import { readSchemaDocument } from '../../../electron/engine/capture-rules/schema-document';
import { checkSchema } from '../../../electron/engine/inspect/schema-check';

const openapi = (webhooks: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, webhooks, ...extra });

describe('readSchemaDocument', () => {
  it('reads a JSON Schema for one event, taking its first example as the template', () => {
    const [found] = readSchemaDocument(
      JSON.stringify({ type: 'object', required: ['id'], examples: [{ id: 1 }] }),
      'json-schema',
      { event: 'order.paid', name: 'order.json' },
    );
    expect(found).toMatchObject({ event: 'order.paid', name: 'order.json', template: { id: 1 } });
    expect(checkSchema(found?.schema, { id: 1 }).status).toBe('valid');
    expect(checkSchema(found?.schema, {}).errors[0]?.pointer).toBe('/id');
  });

  it('turns each OpenAPI 3.1 webhook into a schema, resolving component $refs', () => {
    const found = readSchemaDocument(
      openapi(
        {
          petAdded: {
            post: {
              requestBody: {
                content: {
                  'application/json': {
                    schema: { $ref: '#/components/schemas/Pet' },
                    example: { name: 'Rex' },
                  },
                },
              },
            },
          },
          petGone: {
            post: {
              requestBody: {
                content: { 'application/cloudevents+json': { schema: { type: 'object' } } },
              },
            },
          },
        },
        {
          components: {
            schemas: {
              Pet: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
            },
          },
        },
      ),
      'openapi',
      { name: 'pets.json' },
    );
    expect(found.map((entry) => entry.event)).toEqual(['petAdded', 'petGone']);
    expect(found[0]?.template).toEqual({ name: 'Rex' });
    expect(found[1]?.template).toBeNull();
    expect(checkSchema(found[0]?.schema, { name: 3 }).errors).toEqual([
      { pointer: '/name', message: 'must be string, got integer' },
    ]);
  });

  it.each([
    ['not JSON', '{', 'json-schema', /the JSON Schema is not valid JSON/],
    ['an array', '[]', 'json-schema', /must be an object/],
    ['a broken schema', '{"minLength":"x"}', 'json-schema', /the schema itself is invalid/],
    ['no openapi key', '{"webhooks":{}}', 'openapi', /"openapi" is missing/],
    ['OpenAPI 3.0', '{"openapi":"3.0.1"}', 'openapi', /need OpenAPI 3\.1/],
    ['no webhooks', '{"openapi":"3.1.0","paths":{}}', 'openapi', /no "webhooks" section/],
    ['no operation', openapi({ a: {} }), 'openapi', /webhooks\.a has no operation/],
    [
      'no JSON body',
      openapi({ a: { post: { requestBody: { content: { 'text/plain': {} } } } } }),
      'openapi',
      /webhooks\.a\.post\.requestBody\.content has no JSON media type with a schema \(found: text\/plain\)/,
    ],
    [
      'a broken webhook schema',
      openapi({
        a: {
          post: { requestBody: { content: { 'application/json': { schema: { type: 'nope' } } } } },
        },
      }),
      'openapi',
      /webhooks\.a\.post schema: the schema itself is invalid/,
    ],
  ] as const)('refuses %s, naming the part that is wrong', (_label, text, format, message) => {
    expect(() => readSchemaDocument(text, format, { name: 'doc' })).toThrow(message);
  });

  it('refuses an event name with an OpenAPI document (its keys name the events)', () => {
    expect(() => readSchemaDocument(openapi({}), 'openapi', { name: 'x', event: 'e' })).toThrow(
      /names its events itself/,
    );
  });
});
