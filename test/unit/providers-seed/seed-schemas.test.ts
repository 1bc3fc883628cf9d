import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../../electron/engine/inspect/schema-check';
import { seedProviders } from '../../../electron/engine/providers/seed-providers';
import type { Provider } from '../../../electron/engine/providers/types';
import {
  kanboardExamples,
  keyclicExample,
  phraseanetExamples,
  referenceVectors,
  withoutTrailingCommas,
} from './seed-examples';

function provider(id: string): Provider {
  const found = seedProviders.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no provider ${id}`);
  return found;
}

function schemaOf(providerId: string, event: string): Record<string, unknown> {
  const schema = provider(providerId).events.find(
    (definition) => definition.name === event,
  )?.schema;
  if (!schema) throw new Error(`no schema for ${providerId} ${event}`);
  return schema;
}

type Json = Record<string, unknown>;

/** Follows a path of keys/indexes into parsed JSON, for mutating one member. */
function at(value: unknown, path: Array<string | number>): Json {
  let current = value;
  for (const key of path) current = (current as Json)[key as string];
  return current as Json;
}

describe('seed provider catalogue', () => {
  it('exposes the four providers with the expected ids and event names', () => {
    expect(seedProviders.map((candidate) => candidate.id)).toEqual([
      'preservica',
      'kanboard',
      'phraseanet',
      'keyclic',
    ]);
    expect(provider('preservica').events.map((event) => event.name)).toEqual([
      'MOVED',
      'FULL_TEXT_INDEXED',
      'CHANGED_SECURITY_DESCRIPTOR',
      'INGEST_FAILED',
      'CHANGE_ASSET_VISIBILITY',
    ]);
    const kanboardNames = provider('kanboard').events.map((event) => event.name);
    expect(kanboardNames).toHaveLength(19);
    expect(kanboardNames).toContain('task.file.create');
    expect(kanboardNames).toContain('task.file.destroy');
    expect(kanboardNames).not.toContain('file.create');
    expect(provider('phraseanet').events).toHaveLength(16);
    expect(provider('phraseanet').events.map((event) => event.name)).not.toContain(
      'record.subdefs.created',
    );
    expect(provider('keyclic').events.map((event) => event.name)).toEqual([
      'report_created',
      'report_state_changed',
      'operation_created',
      'operation_state_changed',
      'operation_removed',
    ]);
    expect(provider('keyclic').eventAliases).toEqual({
      reportCreated: 'report_created',
      reportStateChanged: 'report_state_changed',
      operationCreated: 'operation_created',
      operationStateChanged: 'operation_state_changed',
      operationRemoved: 'operation_removed',
    });
  });

  it.each(
    seedProviders.flatMap((p) => p.events.map((event) => [p.id, event.name, event] as const)),
  )('%s %s template validates against its own schema', (_providerId, _name, event) => {
    expect(event.schema).toBeDefined();
    // Forge writes the event spelling the user picked where a template says `{{event}}` (Keyclic).
    const template = JSON.parse(
      JSON.stringify(event.template).replaceAll('"{{event}}"', JSON.stringify(event.name)),
    ) as unknown;
    expect(checkSchema(event.schema, template)).toEqual({ status: 'valid', errors: [] });
  });
});

describe('Kanboard docs examples', () => {
  const examples = kanboardExamples();

  it('finds the seven concrete examples in the docs', () => {
    expect(examples.map((example) => example.eventName)).toEqual([
      'task.move.column',
      'task.create',
      'task.update',
      'comment.create',
      'subtask.create',
      'task.file.create',
      'task_internal_link.create_update',
    ]);
  });

  it.each(examples.map((example) => [example.eventName, example.text] as const))(
    '%s example validates',
    (eventName, text) => {
      expect(checkSchema(schemaOf('kanboard', eventName), JSON.parse(text))).toEqual({
        status: 'valid',
        errors: [],
      });
    },
  );

  it.each(examples.map((example) => [example.eventName, example.text] as const))(
    '%s example fails at /event_data/task/title when the title is removed',
    (eventName, text) => {
      const body = JSON.parse(text) as Json;
      delete at(body, ['event_data', 'task'])['title'];
      const result = checkSchema(schemaOf('kanboard', eventName), body);
      expect(result.status).toBe('invalid');
      expect(result.errors).toEqual([
        { pointer: '/event_data/task/title', message: 'required property "title" is missing' },
      ]);
    },
  );

  it('points at a wrongly typed id and at a wrong event name', () => {
    const example = examples.find((candidate) => candidate.eventName === 'comment.create');
    const body = JSON.parse(example?.text ?? '{}') as Json;
    at(body, ['event_data', 'comment'])['id'] = true;
    body['event_name'] = 'comment.update';
    const result = checkSchema(schemaOf('kanboard', 'comment.create'), body);
    expect(result.errors).toContainEqual({
      pointer: '/event_data/comment/id',
      message: 'must be string or integer, got boolean',
    });
    expect(result.errors).toContainEqual({
      pointer: '/event_name',
      message: 'must be "comment.create", got "comment.update"',
    });
  });
});

describe('Phraseanet docs example', () => {
  it.each(phraseanetExamples().map((text, index) => [index, text] as const))(
    'new_feed_entry example #%i validates, and fails at /feed/title when it is a number',
    (_index, text) => {
      const schema = schemaOf('phraseanet', 'new_feed_entry');
      expect(checkSchema(schema, JSON.parse(text))).toEqual({ status: 'valid', errors: [] });
      const mutated = JSON.parse(text) as Json;
      at(mutated, ['feed'])['title'] = 2026;
      expect(checkSchema(schema, mutated).errors).toEqual([
        { pointer: '/feed/title', message: 'must be string, got integer' },
      ]);
    },
  );

  it('reports a missing user email at the user item', () => {
    const body = JSON.parse(phraseanetExamples()[0] ?? '{}') as Json;
    delete at(body, ['users', 1])['mail'];
    const result = checkSchema(schemaOf('phraseanet', 'new_feed_entry'), body);
    expect(result.status).toBe('invalid');
    expect(result.errors.map((error) => error.pointer)).toContain('/users/1/email');
    expect(result.errors.map((error) => error.pointer)).toContain('/users/1/mail');
  });
});

describe('Keyclic docs example', () => {
  it('is not valid JSON as published (trailing commas)', () => {
    expect(() => JSON.parse(keyclicExample())).toThrow(SyntaxError);
  });

  it('validates once the trailing commas are removed, and fails at /payload/createdAt when mangled', () => {
    const schema = schemaOf('keyclic', 'report_created');
    const body = JSON.parse(withoutTrailingCommas(keyclicExample())) as Json;
    expect(checkSchema(schema, body)).toEqual({ status: 'valid', errors: [] });
    at(body, ['payload'])['createdAt'] = '27/02/2018';
    expect(checkSchema(schema, body).errors).toEqual([
      { pointer: '/payload/createdAt', message: 'must be a valid date-time, got "27/02/2018"' },
    ]);
  });
});

describe('Preservica reference body', () => {
  it('validates against every trigger schema and fails at /events/0/entityRef when it is missing', () => {
    const body = JSON.parse(String(referenceVectors()['preservica_body'])) as Json;
    for (const definition of provider('preservica').events) {
      expect(checkSchema(definition.schema, body).status).toBe('valid');
    }
    delete at(body, ['events', 0])['entityRef'];
    expect(checkSchema(schemaOf('preservica', 'MOVED'), body).errors).toEqual([
      { pointer: '/events/0/entityRef', message: 'required property "entityRef" is missing' },
    ]);
  });

  it('rejects a body whose trigger contradicts the schema event', () => {
    const template = provider('preservica').events[0]?.template as Json;
    const result = checkSchema(schemaOf('preservica', 'INGEST_FAILED'), template);
    expect(result.errors).toEqual([
      { pointer: '/trigger', message: 'must be "INGEST_FAILED", got "MOVED"' },
    ]);
  });
});
