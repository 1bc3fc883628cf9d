import type { EventDefinition } from '../types';

/**
 * Preservica trigger types by their wire value (pyPreservica `TriggerType`). The SDK member names
 * differ (INDEXED -> FULL_TEXT_INDEXED, SECURITY_CHANGED -> CHANGED_SECURITY_DESCRIPTOR); the wire
 * value is what a subscription carries, so that is the event name.
 */
export const PRESERVICA_TRIGGERS = [
  'MOVED',
  'FULL_TEXT_INDEXED',
  'CHANGED_SECURITY_DESCRIPTOR',
  'INGEST_FAILED',
  'CHANGE_ASSET_VISIBILITY',
] as const;
export type PreservicaTrigger = (typeof PRESERVICA_TRIGGERS)[number];

const DESCRIPTIONS: Record<PreservicaTrigger, string> = {
  MOVED: 'An entity was moved to another parent folder.',
  FULL_TEXT_INDEXED:
    'An asset finished ingest and its thumbnail and full-text index exist (SDK member INDEXED).',
  CHANGED_SECURITY_DESCRIPTOR: "An entity's security tag changed (SDK member SECURITY_CHANGED).",
  INGEST_FAILED: 'An ingest workflow failed.',
  CHANGE_ASSET_VISIBILITY: 'An asset was hidden or made visible again.',
};

/**
 * Only `events[].entityType` and `events[].entityRef` are relied on by the SDK; `subscriptionId`,
 * `trigger`, `timestamp` and per-event `identifiers` come from a third-party receiver, so they are
 * typed when present but never required.
 */
function schemaFor(trigger: PreservicaTrigger): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `Preservica ${trigger} notification`,
    type: 'object',
    required: ['events'],
    properties: {
      subscriptionId: { type: 'string', minLength: 1 },
      trigger: { const: trigger },
      timestamp: { type: ['string', 'number'] },
      events: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['entityType', 'entityRef'],
          properties: {
            entityType: { type: 'string', minLength: 1, examples: ['IO', 'SO', 'CO'] },
            entityRef: { type: 'string', minLength: 1 },
            identifiers: {
              type: 'array',
              items: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
            },
          },
        },
      },
    },
  };
}

const TEMPLATE_ENTITIES: Record<PreservicaTrigger, { entityType: string; entityRef: string }> = {
  MOVED: { entityType: 'SO', entityRef: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d' },
  FULL_TEXT_INDEXED: { entityType: 'IO', entityRef: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0' },
  CHANGED_SECURITY_DESCRIPTOR: {
    entityType: 'IO',
    entityRef: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  },
  INGEST_FAILED: { entityType: 'IO', entityRef: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a' },
  CHANGE_ASSET_VISIBILITY: {
    entityType: 'IO',
    entityRef: '3b4c5d6e-7f80-4192-a3b4-c5d6e7f80912',
  },
};

function templateFor(trigger: PreservicaTrigger): Record<string, unknown> {
  return {
    subscriptionId: '4583e1e6d2c72ed96a1151bc7dfd53c2',
    trigger,
    timestamp: '2026-02-13T09:30:00.000Z',
    events: [
      {
        ...TEMPLATE_ENTITIES[trigger],
        identifiers: [{ type: 'code', value: 'BATCH-2026-0042' }],
      },
    ],
  };
}

export const preservicaEvents: readonly EventDefinition[] = PRESERVICA_TRIGGERS.map((trigger) => ({
  name: trigger,
  description: DESCRIPTIONS[trigger],
  schema: schemaFor(trigger),
  template: templateFor(trigger),
}));
