/**
 * JSON Schemas for Phraseanet webhook bodies, derived from alchemy-fr/Phraseanet@adc492f8 (4.1.22).
 * docs/providers/phraseanet.md has the derivation. The body is `json_encode($processor->process())`
 * (lib/Alchemy/Phrasea/WorkerManager/Worker/WebhookWorker.php:184-250); the processors live in
 * lib/Alchemy/Phrasea/Webhook/Processor/ and read the `data` the subscribers stored in the
 * WebhookEvent entity (a Doctrine `json_array` column, so PHP scalars keep their JSON types).
 */

const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * Ids from record adapters and collections: integers in practice, but a few getters hand back the
 * database text, so the decimal text is accepted too (never any other string).
 */
const id = { type: ['integer', 'string'], pattern: '^[0-9]+$' } as const;
const idOrNull = { type: ['integer', 'string', 'null'], pattern: '^[0-9]+$' } as const;
const nullableText = { type: ['string', 'null'] } as const;
/** PHP arrays: an associative array is a JSON object, an empty one is `[]`. */
const mapOrEmpty = { type: ['object', 'array'], maxItems: 0 } as const;

/** A PHP DateTime passed through json_encode (`WebhookEvent::getCreated()`): not an ISO string. */
export const phpDateTimeSchema = {
  type: 'object',
  required: ['date', 'timezone_type', 'timezone'],
  properties: {
    date: { type: 'string', pattern: '^-?\\d{4,}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}$' },
    timezone_type: { enum: [1, 2, 3] },
    timezone: { type: 'string' },
  },
} as const;

/**
 * Members every processor returns. `url`, `instance_name` and `event_time` are added to the event
 * data only on a first attempt (WebhookWorker.php:171-181); on a retry the processors read missing
 * keys, which PHP turns into null. Older releases had none of the three, so they are not required.
 */
const envelopeProperties = {
  // Doctrine `integer` id (Model/Entities/WebhookEvent.php:63-68).
  webhookId: { type: 'integer' },
  // WebhookEvent::WEBHOOK_VERSION.
  version: { type: 'integer' },
  url: nullableText,
  instance_name: nullableText,
  event_time: { anyOf: [phpDateTimeSchema, { type: 'null' }] },
} as const;

/** `['id' => $user->getId(), 'email' => ..., 'login' => ...]`: User::getEmail() is nullable. */
const userSchema = {
  type: 'object',
  required: ['id', 'email', 'login'],
  properties: { id, email: nullableText, login: nullableText },
} as const;

export type PhraseanetFamily = 'record' | 'subdef' | 'user' | 'registration' | 'feed' | 'order';

/** `{collection_name, base_id}` built by Core/Event/Record/CollectionChangedEvent.php:22-38. */
const collectionRef = {
  type: 'object',
  required: ['collection_name', 'base_id'],
  properties: { collection_name: nullableText, base_id: id },
} as const;

/** `{status: [{bit, state}]}` built by record_adapter::setStatus (lib/classes/record/adapter.php:2587-2615). */
const statusBits = {
  type: 'object',
  required: ['status'],
  properties: {
    status: {
      type: 'array',
      items: {
        type: 'object',
        required: ['bit', 'state'],
        properties: { bit: { type: 'integer' }, state: { type: 'boolean' } },
      },
    },
  },
} as const;

/**
 * Core/Event/Subscriber/WebhookRecordEventSubscriber.php (lines 38-210): every record event carries
 * the five common members; the rest is per event (see `recordExtras`).
 */
const recordCommon = {
  databox_id: id,
  record_id: id,
  collection_name: nullableText,
  base_id: id,
  record_type: { enum: ['record', 'story'] },
} as const;

const recordExtras: Record<string, { required: string[]; properties: Record<string, unknown> }> = {
  // onRecordCreated (lines 38-77): permalink is '' when the record has no `document` subdef.
  'record.created': {
    required: ['media_type', 'type', 'original_name', 'initiator_user_id', 'permalink'],
    properties: {
      media_type: nullableText,
      type: nullableText,
      original_name: nullableText,
      initiator_user_id: idOrNull,
      permalink: { type: 'string' },
    },
  },
  // onRecordEdit (lines 79-104): RecordEdit::getPrevousDescription() and
  // record_adapter::getRecordDescriptionAsArray() are `label => value` arrays, `[]` when empty.
  'record.edited': {
    required: ['description'],
    properties: {
      description: {
        type: 'object',
        required: ['before', 'after'],
        properties: { before: mapOrEmpty, after: mapOrEmpty },
      },
    },
  },
  'record.collection_changed': {
    required: ['before', 'after'],
    properties: { before: collectionRef, after: collectionRef },
  },
  'record.status_changed': {
    required: ['before', 'after'],
    properties: { before: statusBits, after: statusBits },
  },
};

function recordData(event: string): Record<string, unknown> {
  const extras = recordExtras[event] ?? { required: [], properties: {} };
  return {
    type: 'object',
    required: [
      'databox_id',
      'record_id',
      'collection_name',
      'base_id',
      'record_type',
      ...extras.required,
    ],
    properties: { ...recordCommon, ...extras.properties },
  };
}

/**
 * Core/Event/Subscriber/WebhookSubdefEventSubscriber.php (lines 30-95) then
 * SubdefEventProcessor::process (Processor/SubdefEventProcessor.php:42-82), which fills an empty
 * permalink / size / type from the sub-definition when it can: `creation_failed` starts with none
 * of the three, so they are required only on `record.subdef.created`.
 */
function subdefData(event: string): Record<string, unknown> {
  const created = event === 'record.subdef.created';
  return {
    type: 'object',
    required: [
      'databox_id',
      'record_id',
      'collection_name',
      'base_id',
      'subdef_name',
      ...(created ? ['permalink', 'original_name', 'size', 'type'] : []),
    ],
    properties: {
      databox_id: id,
      record_id: id,
      collection_name: nullableText,
      base_id: id,
      subdef_name: { type: 'string' },
      permalink: nullableText,
      original_name: nullableText,
      size: idOrNull,
      type: nullableText,
    },
  };
}

/**
 * FeedEntryProcessor::process (Processor/FeedEntryProcessor.php:33-100). The old documented layout
 * (`name`, `users[].mail`, `feed.is_public`) is accepted too: the seed docs show it.
 */
const feedProperties = {
  users_were_notified: { type: 'boolean' },
  feed: {
    type: 'object',
    required: ['title'],
    properties: {
      id,
      title: { type: 'string' },
      // Feed::getSubtitle() is nullable.
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
  // One item per user of the feed's collection with an email (`email_not_null(true)`); may be [].
  users: {
    type: 'array',
    items: {
      type: 'object',
      anyOf: [{ required: ['email'] }, { required: ['mail'] }],
      properties: {
        email: { type: 'string' },
        mail: { type: 'string' },
        // `getFirstname() ?: null`.
        firstname: nullableText,
        lastname: nullableText,
      },
    },
  },
} as const;

function familyMembers(
  event: string,
  family: PhraseanetFamily,
): { required: string[]; properties: Record<string, unknown> } {
  switch (family) {
    // RecordEventProcessor::process (Processor/RecordEventProcessor.php:9-29).
    case 'record':
      return { required: ['data'], properties: { data: recordData(event) } };
    case 'subdef':
      return { required: ['data'], properties: { data: subdefData(event) } };
    // UserProcessor::process (Processor/UserProcessor.php:93-114).
    case 'user':
      return { required: ['user'], properties: { user: userSchema } };
    // UserRegistrationProcessor::process (Processor/UserRegistrationProcessor.php:136-161): granted /
    // rejected are `base_id => collection label` (Authentication/RegistrationService.php,
    // Controller/Admin/UserController.php), `[]` when empty.
    case 'registration': {
      const labels = { ...mapOrEmpty, additionalProperties: { type: 'string' } };
      return {
        required: ['user', 'granted', 'rejected'],
        properties: { user: userSchema, granted: labels, rejected: labels },
      };
    }
    case 'feed':
      return { required: ['feed', 'entry', 'users'], properties: feedProperties };
    // OrderNotificationProcessor::getOrderData (Processor/OrderNotificationProcessor.php:170-186).
    case 'order':
      return { required: ['user', 'order'], properties: { user: userSchema, order: id } };
  }
}

export function phraseanetSchema(event: string, family: PhraseanetFamily): Record<string, unknown> {
  const { required, properties } = familyMembers(event, family);
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
