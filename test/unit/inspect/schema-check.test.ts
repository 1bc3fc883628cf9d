import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../../electron/engine/inspect/schema-check';

describe('checkSchema', () => {
  it('reports no-schema when there is none', () => {
    expect(checkSchema(null, { a: 1 })).toEqual({ status: 'no-schema', errors: [] });
  });

  it('validates 2020-12 schemas (prefixItems) and draft-07 schemas (items as tuple)', () => {
    const schema2020 = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      prefixItems: [{ type: 'string' }],
      items: false,
    };
    expect(checkSchema(schema2020, ['a']).status).toBe('valid');
    expect(checkSchema(schema2020, ['a', 1]).status).toBe('invalid');
    const draft07 = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'array',
      items: [{ type: 'string' }],
      additionalItems: false,
    };
    expect(checkSchema(draft07, ['a']).status).toBe('valid');
    expect(checkSchema(draft07, ['a', 1]).status).toBe('invalid');
  });

  it('points a missing property at the property itself, escaping ~ and /', () => {
    const schema = {
      type: 'object',
      properties: { data: { type: 'object', required: ['a/b', 'c~d'] } },
    };
    expect(checkSchema(schema, { data: {} }).errors).toEqual([
      { pointer: '/data/a~1b', message: 'required property "a/b" is missing' },
      { pointer: '/data/c~0d', message: 'required property "c~d" is missing' },
    ]);
  });

  it('writes human messages for type, enum, format and unexpected properties', () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      properties: {
        count: { type: 'integer' },
        state: { enum: ['NEW', 'DONE'] },
        at: { type: 'string', format: 'date-time' },
      },
    };
    const result = checkSchema(schema, {
      count: 'three',
      state: 'OPEN',
      at: 'yesterday',
      extra: 1,
    });
    expect(result.status).toBe('invalid');
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/count', message: 'must be integer, got string' },
        { pointer: '/state', message: 'must be one of "NEW", "DONE", got "OPEN"' },
        { pointer: '/at', message: 'must be a valid date-time, got "yesterday"' },
        { pointer: '/extra', message: 'unexpected property "extra"' },
      ]),
    );
  });

  it('reuses the compiled validator for the same schema object and survives duplicate $id', () => {
    const a = { $id: 'https://example.test/s', type: 'string' };
    const b = { $id: 'https://example.test/s', type: 'number' };
    expect(checkSchema(a, 'x').status).toBe('valid');
    expect(checkSchema(a, 'y').status).toBe('valid');
    expect(checkSchema(b, 1).status).toBe('valid');
    expect(checkSchema(b, 'x').status).toBe('invalid');
  });

  it('blames the schema, not the body, when the schema does not compile', () => {
    const result = checkSchema({ type: 'no-such-type' }, {});
    expect(result.status).toBe('no-schema');
    expect(result.errors[0]?.message).toMatch(/^the schema itself is invalid/);
  });
});
