import type { EventDefinition } from '../types';

/**
 * Keyclic events. Keyclic's server code is not public, so these follow its documentation and its
 * public SDK (docs/providers/keyclic.md):
 * - names: the French integration page (seed document; Keyclic/Docs@91708057) spells them
 *   snake_case (`report_created`), and that is the canonical spelling here; the English page
 *   (Keyclic/docs-en@2134440f) and the API's WebhookData `event` enum (Keyclic/keyclic-sdk@836e5b9b
 *   swagger.json) spell them camelCase (`reportCreated`), accepted through `eventAliases`;
 * - the API enum has no `operationRemoved`, so that one may be impossible to subscribe to through
 *   the API although the docs list it.
 */
const KEYCLIC_EVENT_LIST: ReadonlyArray<
  [name: string, resource: 'Report' | 'Operation', description: string]
> = [
  ['report_created', 'Report', 'A new report (incident) was created.'],
  ['report_state_changed', 'Report', 'A report changed state.'],
  ['operation_created', 'Operation', 'A new operation (intervention) was created.'],
  ['operation_state_changed', 'Operation', 'An operation changed state.'],
  [
    'operation_removed',
    'Operation',
    'An operation was removed. Documented, but absent from the API event enum: subscriptions may not be possible.',
  ],
];

/** Canonical (snake_case) names, in the documentation's order. */
export const KEYCLIC_EVENT_NAMES: readonly string[] = KEYCLIC_EVENT_LIST.map(([name]) => name);

/** `report_state_changed` -> `reportStateChanged`: the API's and the English docs' spelling. */
export function keyclicApiEventName(name: string): string {
  return name.trim().replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/** `reportStateChanged` -> `report_state_changed`; snake_case names pass through. */
function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** camelCase spelling -> canonical name, for Provider.eventAliases. */
export const KEYCLIC_EVENT_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  KEYCLIC_EVENT_NAMES.map((name) => [keyclicApiEventName(name), name]),
);

/**
 * Either spelling -> the canonical name (`reportCreated` and `report_created` both give
 * `report_created`). Unknown names come back snake_cased, so callers still check membership.
 */
export function canonicalKeyclicEvent(name: string): string {
  return KEYCLIC_EVENT_ALIASES[name] ?? snakeCase(name);
}

const dateTime = { type: 'string', format: 'date-time' } as const;
const dateTimeOrNull = { type: ['string', 'null'], format: 'date-time' } as const;
const textOrNull = { type: ['string', 'null'] } as const;
const objectOrNull = { type: ['object', 'null'] } as const;

/**
 * Members typed after the SDK's `Report` / `Operation` definitions (swagger.json): the docs say a
 * webhook payload is serialized like the API resource. The swagger marks nothing required and
 * nothing nullable, and the server is closed, so only `type` and `id` are required, optional
 * members accept null, and `_links` / `_embedded` stay open (the seed example shows placeholder
 * strings where the API has `{href}` objects). `state` appears in the docs' example, not in the
 * 2021 swagger (which has `phase`).
 */
const RESOURCE_PROPERTIES: Record<'Report' | 'Operation', Record<string, unknown>> = {
  Report: {
    description: textOrNull,
    dueAt: dateTimeOrNull,
    identificationNumber: textOrNull,
    reference: textOrNull,
    tags: { type: ['array', 'null'], items: { type: 'string' } },
    phase: objectOrNull,
    priority: objectOrNull,
  },
  Operation: {
    name: textOrNull,
    description: textOrNull,
    scheduledAt: dateTimeOrNull,
    identificationNumber: textOrNull,
    signature: objectOrNull,
  },
};

/** Resources are HAL JSON: `_links` and `_embedded` hold related resources. */
function schemaFor(name: string, resource: 'Report' | 'Operation'): Record<string, unknown> {
  const removed = name === 'operation_removed';
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `Keyclic ${name}`,
    type: 'object',
    required: ['event', 'payload'],
    properties: {
      event: { enum: [name, keyclicApiEventName(name)] },
      payload: {
        type: 'object',
        required: removed ? ['id'] : ['type', 'id'],
        properties: {
          type: { const: resource },
          id: { type: 'string', minLength: 1 },
          state: { type: 'string' },
          createdAt: dateTime,
          updatedAt: dateTime,
          ...RESOURCE_PROPERTIES[resource],
          _links: { type: 'object' },
          _embedded: { type: 'object' },
        },
      },
    },
  };
}

const link = (href: string) => ({ href });

/**
 * `{{event}}` is expanded by forge to the spelling the user picked (canonical or alias), so a
 * forged body names the event the way the user asked for it.
 */
const EVENT_VARIABLE = '{{event}}';

function templateFor(name: string, resource: 'Report' | 'Operation'): Record<string, unknown> {
  const api = 'https://api.keyclic.com';
  if (resource === 'Report') {
    const id = 'b0e7e28f-5b91-4c73-875e-8f34aa03553a';
    const created = name === 'report_created';
    return {
      event: EVENT_VARIABLE,
      payload: {
        type: 'Report',
        id,
        state: created ? 'NEW' : 'ACCEPTED',
        description: 'Water leak under the sink, 2nd floor kitchen',
        reference: 'RPT-2026-0042',
        tags: ['plumbing'],
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
          stateTransitions: created ? ['accept', 'refuse'] : ['resolve'],
          tracking: { state: created ? 'NEW' : 'ACCEPTED', progression: 0 },
        },
      },
    };
  }
  const id = '4f2a9c1e-8d7b-4a63-b5e0-3c1d2e4f5a6b';
  const changed = name === 'operation_state_changed';
  return {
    event: EVENT_VARIABLE,
    payload: {
      type: 'Operation',
      id,
      state: changed ? 'RESOLVED' : 'NEW',
      name: 'Replace the sink trap',
      createdAt: '2026-02-27T11:00:00+02:00',
      updatedAt: '2026-02-27T15:30:00+02:00',
      _links: {
        self: link(`${api}/operations/${id}`),
        report: link(`${api}/reports/b0e7e28f-5b91-4c73-875e-8f34aa03553a`),
        operator: link(`${api}/members/2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b`),
      },
      _embedded: { stateTransitions: changed ? [] : ['start', 'cancel'] },
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
