import type { EventDefinition } from '../types';
import { phraseanetSchema, type PhraseanetFamily } from './schemas';

/** The 16 names the code emits (WebhookEvent constants; `record.subdefs.created` is never sent). */
const PHRASEANET_EVENT_LIST: ReadonlyArray<
  [name: string, family: PhraseanetFamily, description: string]
> = [
  ['record.created', 'record', 'A record or story was created.'],
  ['record.edited', 'record', 'A record’s metadata was edited.'],
  ['record.deleted', 'record', 'A record was deleted.'],
  ['record.media_substituted', 'record', 'A record’s document was replaced.'],
  ['record.collection_changed', 'record', 'A record moved to another collection.'],
  ['record.status_changed', 'record', 'A record’s status bits changed.'],
  ['record.subdef.created', 'subdef', 'A sub-definition (thumbnail, preview...) was generated.'],
  ['record.subdef.creation_failed', 'subdef', 'A sub-definition could not be generated.'],
  ['user.created', 'user', 'A user account was created.'],
  ['user.deleted', 'user', 'A user account was deleted.'],
  ['user.registration.granted', 'registration', 'Access requests to collections were granted.'],
  ['user.registration.rejected', 'registration', 'Access requests to collections were rejected.'],
  ['new_feed_entry', 'feed', 'A new entry was published in a feed.'],
  ['order.created', 'order', 'A user ordered documents.'],
  ['order.delivered', 'order', 'An order was delivered.'],
  ['order.denied', 'order', 'An order was refused.'],
];

export const PHRASEANET_EVENT_NAMES: readonly string[] = PHRASEANET_EVENT_LIST.map(
  ([name]) => name,
);

const user = { id: 42, email: 'jane.doe@example.org', login: 'jdoe' };

function envelope(event: string, members: Record<string, unknown>): Record<string, unknown> {
  return {
    event,
    webhookId: 1234,
    version: 1,
    url: 'https://phraseanet.example.org/',
    instance_name: 'Media library',
    ...members,
    event_time: { date: '2026-08-07 10:11:12.000000', timezone_type: 3, timezone: 'Europe/Paris' },
  };
}

const record = {
  databox_id: 1,
  record_id: 2785,
  collection_name: 'Press',
  base_id: 3,
  record_type: 'record',
};

function recordMembers(name: string): Record<string, unknown> {
  switch (name) {
    case 'record.created':
      return {
        ...record,
        media_type: 'image',
        type: 'image/jpeg',
        original_name: 'DSC_0412.jpg',
        initiator_user_id: 42,
        permalink:
          'https://phraseanet.example.org/permalink/v1/1/2785/document/DSC_0412.jpg?token=3f9c',
      };
    case 'record.edited':
      // `label => value` arrays (record_adapter::getRecordDescriptionAsArray).
      return {
        ...record,
        description: {
          before: { Title: 'Red carpet' },
          after: { Title: 'Red carpet, opening night', Photographer: 'J. Doe' },
        },
      };
    case 'record.collection_changed':
      return {
        ...record,
        before: { collection_name: 'Inbox', base_id: 1 },
        after: { collection_name: 'Press', base_id: 3 },
      };
    case 'record.status_changed':
      return {
        ...record,
        before: {
          status: [
            { bit: 4, state: false },
            { bit: 5, state: false },
          ],
        },
        after: {
          status: [
            { bit: 4, state: true },
            { bit: 5, state: false },
          ],
        },
      };
    default:
      return record;
  }
}

function templateFor(name: string, family: PhraseanetFamily): Record<string, unknown> {
  switch (family) {
    case 'record':
      return envelope(name, { data: recordMembers(name) });
    case 'subdef':
      return envelope(name, {
        data: {
          databox_id: 1,
          record_id: 2785,
          collection_name: 'Press',
          base_id: 3,
          subdef_name: 'thumbnail',
          permalink:
            'https://phraseanet.example.org/permalink/v1/1/2785/thumbnail/DSC_0412.jpg?token=8b1e',
          original_name: 'DSC_0412.jpg',
          size: name === 'record.subdef.created' ? 18342 : null,
          type: 'image/jpeg',
        },
      });
    case 'user':
      return envelope(name, { user });
    case 'registration':
      return envelope(name, {
        user,
        // `base_id => collection label`; PHP's empty array is `[]`.
        granted: name === 'user.registration.granted' ? { '3': 'Press', '5': 'Archives' } : [],
        rejected: name === 'user.registration.rejected' ? { '7': 'Embargo' } : [],
      });
    case 'feed':
      return envelope(name, {
        users_were_notified: true,
        feed: { id: 4, title: 'Festival news', description: 'Daily picks from the press office' },
        entry: {
          id: 97,
          author: { name: 'Press office', email: 'press@example.org' },
          title: 'Opening night',
          description: 'Photos from the red carpet.',
        },
        users: [{ email: 'jane.doe@example.org', firstname: 'Jane', lastname: 'Doe' }],
      });
    case 'order':
      return envelope(name, { user, order: 311 });
  }
}

export const phraseanetEvents: readonly EventDefinition[] = PHRASEANET_EVENT_LIST.map(
  ([name, family, description]) => ({
    name,
    description,
    schema: phraseanetSchema(name, family),
    template: templateFor(name, family),
  }),
);
