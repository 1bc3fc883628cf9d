import type { EventDefinition } from '../types';

/**
 * Keyclic events. The docs list five camelCase names; the API's webhook `event` enum (keyclic-sdk
 * swagger) has no `operationRemoved`, so that one may be impossible to subscribe to through the API.
 * An older French docs page spells them snake_case (`report_created`): those spellings are accepted
 * and mapped to the camelCase name.
 */
const KEYCLIC_EVENT_LIST: ReadonlyArray<
  [name: string, resource: 'Report' | 'Operation', description: string]
> = [
  ['reportCreated', 'Report', 'A new report (incident) was created.'],
  ['reportStateChanged', 'Report', 'A report changed state.'],
  ['operationCreated', 'Operation', 'A new operation (intervention) was created.'],
  ['operationStateChanged', 'Operation', 'An operation changed state.'],
  [
    'operationRemoved',
    'Operation',
    'An operation was removed. Documented, but absent from the API event enum: subscriptions may not be possible.',
  ],
];

export const KEYCLIC_EVENT_NAMES: readonly string[] = KEYCLIC_EVENT_LIST.map(([name]) => name);

/** `report_state_changed` -> `reportStateChanged`; camelCase names pass through. */
export function canonicalKeyclicEvent(name: string): string {
  return name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Resources are HAL JSON: `_links` and `_embedded` hold related resources. */
function schemaFor(name: string, resource: 'Report' | 'Operation'): Record<string, unknown> {
  const removed = name === 'operationRemoved';
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `Keyclic ${name}`,
    type: 'object',
    required: ['event', 'payload'],
    properties: {
      event: { enum: [name, snakeCase(name)] },
      payload: {
        type: 'object',
        required: removed ? ['id'] : ['type', 'id'],
        properties: {
          type: { const: resource },
          id: { type: 'string', minLength: 1 },
          state: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
          _links: { type: 'object' },
          _embedded: { type: 'object' },
        },
      },
    },
  };
}

const link = (href: string) => ({ href });

function templateFor(name: string, resource: 'Report' | 'Operation'): Record<string, unknown> {
  const api = 'https://api.keyclic.com';
  if (resource === 'Report') {
    const id = 'b0e7e28f-5b91-4c73-875e-8f34aa03553a';
    return {
      event: name,
      payload: {
        type: 'Report',
        id,
        state: name === 'reportCreated' ? 'NEW' : 'ACCEPTED',
        description: 'Water leak under the sink, 2nd floor kitchen',
        createdAt: '2026-02-27T10:00:00+02:00',
        updatedAt: '2026-02-27T10:05:00+02:00',
        _links: {
          self: link(`${api}/reports/${id}`),
          feedback: link(`${api}/feedback/7d5e1f3a-2c4b-4e6d-9f8a-1b2c3d4e5f60`),
          operations: link(`${api}/reports/${id}/operations`),
          organization: link(`${api}/organizations/5c8e2a1d-4b3f-4e7a-9d6c-0f1e2d3c4b5a`),
          tracking: link(`${api}/reports/${id}/tracking`),
        },
        _embedded: {
          stateTransitions: name === 'reportCreated' ? ['accept', 'refuse'] : ['resolve'],
          tracking: { state: name === 'reportCreated' ? 'NEW' : 'ACCEPTED', progression: 0 },
        },
      },
    };
  }
  const id = '4f2a9c1e-8d7b-4a63-b5e0-3c1d2e4f5a6b';
  return {
    event: name,
    payload: {
      type: 'Operation',
      id,
      state: name === 'operationStateChanged' ? 'RESOLVED' : 'NEW',
      name: 'Replace the sink trap',
      createdAt: '2026-02-27T11:00:00+02:00',
      updatedAt: '2026-02-27T15:30:00+02:00',
      _links: {
        self: link(`${api}/operations/${id}`),
        report: link(`${api}/reports/b0e7e28f-5b91-4c73-875e-8f34aa03553a`),
        operator: link(`${api}/members/2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b`),
      },
      _embedded: { stateTransitions: name === 'operationStateChanged' ? [] : ['start', 'cancel'] },
    },
  };
}

export const keyclicEvents: readonly EventDefinition[] = KEYCLIC_EVENT_LIST.map(
  ([name, resource, description]) => ({
    name,
    description,
    schema: schemaFor(name, resource),
    template: templateFor(name, resource),
  }),
);
