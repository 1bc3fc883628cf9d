/**
 * JSON Schemas for Phraseanet webhook bodies (processors in lib/Alchemy/Phrasea/Webhook/Processor).
 * `url`, `instance_name` and `event_time` are not re-added when the worker retries, so they are
 * typed but never required.
 */

const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

const id = { type: ['integer', 'string'] } as const;
const nullableText = { type: ['string', 'null'] } as const;

/** A PHP DateTime passed through json_encode: not an ISO string. */
export const phpDateTimeSchema = {
  type: 'object',
  required: ['date', 'timezone_type', 'timezone'],
  properties: {
    date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}$' },
    timezone_type: { enum: [1, 2, 3] },
    timezone: { type: 'string' },
  },
} as const;

const envelopeProperties = {
  webhookId: id,
  version: { type: 'integer' },
  url: { type: 'string' },
  instance_name: { type: 'string' },
  event_time: phpDateTimeSchema,
} as const;

const userSchema = {
  type: 'object',
  required: ['id', 'email', 'login'],
  properties: { id, email: nullableText, login: nullableText },
} as const;

export type PhraseanetFamily = 'record' | 'subdef' | 'user' | 'registration' | 'feed' | 'order';

const recordData = {
  type: 'object',
  required: ['databox_id', 'record_id'],
  properties: {
    databox_id: id,
    record_id: id,
    collection_name: nullableText,
    base_id: id,
    record_type: { enum: ['record', 'story'] },
  },
} as const;

const subdefData = {
  type: 'object',
  required: ['databox_id', 'record_id', 'subdef_name'],
  properties: {
    databox_id: id,
    record_id: id,
    collection_name: nullableText,
    base_id: id,
    subdef_name: { type: 'string' },
    permalink: nullableText,
    original_name: nullableText,
    size: { type: ['integer', 'string', 'null'] },
    type: nullableText,
  },
} as const;

/** The old documented layout (`name`, `users[].mail`) is accepted too: the seed docs show it. */
const feedProperties = {
  users_were_notified: { type: 'boolean' },
  feed: {
    type: 'object',
    required: ['title'],
    properties: {
      id,
      title: { type: 'string' },
      description: nullableText,
      is_public: { type: 'boolean' },
    },
  },
  entry: {
    type: 'object',
    required: ['author', 'title'],
    properties: {
      id,
      author: {
        type: 'object',
        required: ['name', 'email'],
        properties: { name: nullableText, email: nullableText },
      },
      title: { type: 'string' },
      description: nullableText,
    },
  },
  users: {
    type: 'array',
    items: {
      type: 'object',
      anyOf: [{ required: ['email'] }, { required: ['mail'] }],
      properties: {
        email: { type: 'string' },
        mail: { type: 'string' },
        firstname: nullableText,
        lastname: nullableText,
      },
    },
  },
} as const;

const FAMILY: Record<
  PhraseanetFamily,
  { required: string[]; properties: Record<string, unknown> }
> = {
  record: { required: ['data'], properties: { data: recordData } },
  subdef: { required: ['data'], properties: { data: subdefData } },
  user: { required: ['user'], properties: { user: userSchema } },
  registration: {
    required: ['user', 'granted', 'rejected'],
    properties: { user: userSchema, granted: { type: 'array' }, rejected: { type: 'array' } },
  },
  feed: { required: ['feed', 'entry', 'users'], properties: feedProperties },
  order: { required: ['user', 'order'], properties: { user: userSchema, order: id } },
};

export function phraseanetSchema(event: string, family: PhraseanetFamily): Record<string, unknown> {
  const { required, properties } = FAMILY[family];
  const common = {
    $schema: SCHEMA_DIALECT,
    title: `Phraseanet ${event}`,
    type: 'object',
  };
  if (family === 'feed') {
    // The stale docs name the event in `name` and have no webhookId/version: accept either naming.
    return {
      ...common,
      required,
      anyOf: [{ required: ['event'] }, { required: ['name'] }],
      properties: {
        event: { const: event },
        name: { const: event },
        ...envelopeProperties,
        ...properties,
      },
    };
  }
  return {
    ...common,
    required: ['event', 'webhookId', 'version', ...required],
    properties: { event: { const: event }, ...envelopeProperties, ...properties },
  };
}
