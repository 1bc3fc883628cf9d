import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../../electron/engine/inspect/schema-check';

// OpenAPI-derived event schemas share one `components` object (GitHub's catalogue does): each is
// compiled against one shared root, and must judge exactly as if compiled on its own.
const components = {
  schemas: {
    user: {
      type: 'object',
      required: ['login'],
      properties: { login: { type: 'string' }, id: { type: 'integer' } },
    },
    opened: {
      type: 'object',
      required: ['action', 'sender'],
      properties: { action: { const: 'opened' }, sender: { $ref: '#/components/schemas/user' } },
    },
    closed: {
      type: 'object',
      required: ['action', 'sender'],
      properties: { action: { const: 'closed' }, sender: { $ref: '#/components/schemas/user' } },
    },
  },
};
const opened = { $ref: '#/components/schemas/opened', components };
const closed = { $ref: '#/components/schemas/closed', components };

describe('schemas sharing one components object', () => {
  it('judges each event by its own definition', () => {
    expect(checkSchema(opened, { action: 'opened', sender: { login: 'octocat' } }).status).toBe(
      'valid',
    );
    expect(checkSchema(closed, { action: 'closed', sender: { login: 'octocat' } }).status).toBe(
      'valid',
    );
    expect(checkSchema(closed, { action: 'opened', sender: { login: 'octocat' } }).status).toBe(
      'invalid',
    );
  });

  it('reports errors inside a shared definition at the instance pointer', () => {
    const result = checkSchema(opened, { action: 'opened', sender: { id: 'seven' } });
    expect(result.status).toBe('invalid');
    expect(result.errors.map((error) => error.pointer).sort()).toEqual([
      '/sender/id',
      '/sender/login',
    ]);
  });

  it('a second components object with the same names does not collide with the first', () => {
    const other = {
      schemas: { ...components.schemas, user: { type: 'object', required: ['name'] } },
    };
    const otherOpened = { $ref: '#/components/schemas/opened', components: other };
    const body = { action: 'opened', sender: { login: 'octocat' } };
    expect(checkSchema(opened, body).status).toBe('valid');
    expect(checkSchema(otherOpened, body).errors.map((error) => error.pointer)).toEqual([
      '/sender/name',
    ]);
  });
});
