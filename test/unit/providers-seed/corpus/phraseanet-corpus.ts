// What Phraseanet (alchemy-fr/Phraseanet@adc492f8) can put on the wire for each of its 16 webhook
// events: the processors' arrays (lib/Alchemy/Phrasea/Webhook/Processor/) over the data the
// subscribers store, json_encoded by WebhookWorker (docs/providers/phraseanet.md).
import { phpJsonEncode, type CorpusItem } from './judge';

/**
 * - `first`: a first attempt: WebhookWorker adds url, instance_name and event_time.
 * - `retry`: a retry re-reads the stored data without them, so the processors emit null.
 * - `sparse`: nullable members null and collections empty (`[]`), ids as decimal text.
 * - `unicode`: non-ASCII names, labels and titles.
 */
export const SHAPES = ['first', 'retry', 'sparse', 'unicode'] as const;
export type Shape = (typeof SHAPES)[number];

type Family = 'record' | 'subdef' | 'user' | 'registration' | 'feed' | 'order';

const EVENTS: ReadonlyArray<[string, Family]> = [
  ['record.created', 'record'],
  ['record.edited', 'record'],
  ['record.deleted', 'record'],
  ['record.media_substituted', 'record'],
  ['record.collection_changed', 'record'],
  ['record.status_changed', 'record'],
  ['record.subdef.created', 'subdef'],
  ['record.subdef.creation_failed', 'subdef'],
  ['user.created', 'user'],
  ['user.deleted', 'user'],
  ['user.registration.granted', 'registration'],
  ['user.registration.rejected', 'registration'],
  ['new_feed_entry', 'feed'],
  ['order.created', 'order'],
  ['order.delivered', 'order'],
  ['order.denied', 'order'],
];

export const PHRASEANET_CORPUS_EVENTS: readonly string[] = EVENTS.map(([name]) => name);

/** An id as the subscriber stored it: an integer, or its text in the `sparse` shape. */
function id(value: number, shape: Shape): number | string {
  return shape === 'sparse' ? String(value) : value;
}

function recordCommon(shape: Shape): Record<string, unknown> {
  return {
    databox_id: id(1, shape),
    record_id: id(2785, shape),
    collection_name:
      shape === 'unicode' ? 'Presse — Été 2026 ✓' : shape === 'sparse' ? null : 'Press',
    base_id: id(3, shape),
    record_type: shape === 'sparse' ? 'story' : 'record',
  };
}

function recordData(event: string, shape: Shape): Record<string, unknown> {
  const common = recordCommon(shape);
  const sparse = shape === 'sparse';
  const unicode = shape === 'unicode';
  switch (event) {
    case 'record.created':
      return {
        ...common,
        media_type: sparse ? null : 'image',
        type: sparse ? null : 'image/jpeg',
        original_name: unicode ? 'Gérard Depardieu – 試写会.jpg' : sparse ? null : 'DSC_0412.jpg',
        initiator_user_id: sparse ? null : 42,
        // '' when the record has no `document` subdef (WebhookRecordEventSubscriber::onRecordCreated).
        permalink: sparse
          ? ''
          : 'https://phraseanet.example.org/permalink/v1/1/2785/document/?token=3f',
      };
    case 'record.edited':
      return {
        ...common,
        description: sparse
          ? { before: [], after: [] }
          : {
              before: { Titre: unicode ? 'Tapis rouge' : 'Red carpet' },
              after: {
                Titre: unicode ? 'Tapis rouge, soirée d’ouverture 🎬' : 'Red carpet, opening',
                Keywords: ['festival', 'cannes'],
              },
            },
      };
    case 'record.collection_changed':
      return {
        ...common,
        before: {
          collection_name: unicode ? 'Boîte de réception' : 'Inbox',
          base_id: id(1, shape),
        },
        after: { collection_name: sparse ? null : 'Press', base_id: id(3, shape) },
      };
    case 'record.status_changed':
      return {
        ...common,
        before: {
          status: sparse
            ? []
            : [
                { bit: 4, state: false },
                { bit: 5, state: true },
              ],
        },
        after: {
          status: sparse
            ? []
            : [
                { bit: 4, state: true },
                { bit: 5, state: true },
              ],
        },
      };
    default:
      return common;
  }
}

function subdefData(event: string, shape: Shape): Record<string, unknown> {
  // Subdef events carry no record_type (WebhookSubdefEventSubscriber).
  const { record_type: _recordType, ...record } = recordCommon(shape);
  const common = { ...record, subdef_name: shape === 'unicode' ? 'aperçu' : 'thumbnail' };
  if (event === 'record.subdef.creation_failed') {
    // The processor fills permalink/size/type from the subdef when it exists; else they stay absent.
    if (shape === 'sparse' || shape === 'retry') return common;
    return { ...common, permalink: null, size: 0, type: 'image/jpeg' };
  }
  return {
    ...common,
    permalink:
      shape === 'sparse'
        ? ''
        : 'https://phraseanet.example.org/permalink/v1/1/2785/thumbnail/?token=8b',
    original_name:
      shape === 'unicode' ? 'Ünïcödé 🎞.mov' : shape === 'sparse' ? null : 'DSC_0412.jpg',
    size: shape === 'sparse' ? '18342' : 18342,
    type: shape === 'sparse' ? '' : 'image/jpeg',
  };
}

function user(shape: Shape): Record<string, unknown> {
  return {
    id: id(42, shape),
    email:
      shape === 'sparse' ? null : shape === 'unicode' ? 'jöse@exämple.org' : 'jane@example.org',
    login: shape === 'unicode' ? 'josé.ñúñez' : 'jdoe',
  };
}

function members(event: string, family: Family, shape: Shape): Record<string, unknown> {
  const sparse = shape === 'sparse';
  switch (family) {
    case 'record':
      return { data: recordData(event, shape) };
    case 'subdef':
      return { data: subdefData(event, shape) };
    case 'user':
      return { user: user(shape) };
    case 'registration': {
      const labels =
        shape === 'unicode' ? { '3': 'Presse été', '5': 'Archives ☂' } : { '3': 'Press' };
      const granted = event === 'user.registration.granted';
      return {
        user: user(shape),
        granted: granted && !sparse ? labels : [],
        rejected: !granted && !sparse ? labels : [],
      };
    }
    case 'feed':
      return {
        users_were_notified: !sparse,
        feed: {
          id: id(4, shape),
          title: shape === 'unicode' ? 'Actualités du festival ★' : 'Festival news',
          description: sparse ? null : 'Daily picks',
        },
        entry: {
          id: id(97, shape),
          author: {
            name: sparse ? null : 'Press office',
            email: sparse ? null : 'press@example.org',
          },
          title: shape === 'unicode' ? 'Soirée d’ouverture — 開幕' : 'Opening night',
          description: sparse ? null : 'Photos from the red carpet.',
        },
        users: sparse
          ? []
          : [
              {
                email: 'jane@example.org',
                firstname: shape === 'unicode' ? 'Zoë' : 'Jane',
                lastname: 'Doe',
              },
              { email: 'bob@example.org', firstname: null, lastname: null },
            ],
      };
    case 'order':
      return { user: user(shape), order: id(311, shape) };
  }
}

const EVENT_TIME = {
  date: '2026-08-07 10:11:12.000000',
  timezone_type: 3,
  timezone: 'Europe/Paris',
};

/** The processor's array in its own key order, json_encoded as WebhookWorker does. */
export function phraseanetBody(event: string, shape: Shape): string {
  const family = EVENTS.find(([name]) => name === event)?.[1];
  if (!family) throw new Error(`no Phraseanet event ${event}`);
  const retry = shape === 'retry';
  return phpJsonEncode({
    event,
    webhookId: 1234,
    version: 1,
    url: retry ? null : 'https://phraseanet.example.org/',
    instance_name: retry ? null : shape === 'unicode' ? 'Médiathèque ✓' : 'Media library',
    ...members(event, family, shape),
    event_time: retry ? null : EVENT_TIME,
  });
}

export function phraseanetCorpus(): CorpusItem[] {
  const items: CorpusItem[] = [];
  for (const [event] of EVENTS) {
    for (const shape of SHAPES) {
      items.push({ label: `${event} ${shape}`, event, body: phraseanetBody(event, shape) });
    }
  }
  // Releases before url/instance_name/event_time existed sent none of the three.
  const old = JSON.parse(phraseanetBody('record.deleted', 'first')) as Record<string, unknown>;
  for (const key of ['url', 'instance_name', 'event_time']) delete old[key];
  items.push({
    label: 'record.deleted without url/instance_name/event_time',
    event: 'record.deleted',
    body: phpJsonEncode(old),
  });
  // A server in UTC or with an offset timezone: timezone_type 1 (`+02:00`) and 2 (abbreviation).
  for (const [type, zone] of [
    [1, '+02:00'],
    [2, 'CEST'],
  ] as const) {
    const body = JSON.parse(phraseanetBody('user.created', 'first')) as Record<string, unknown>;
    body['event_time'] = {
      date: '2026-08-07 08:11:12.123456',
      timezone_type: type,
      timezone: zone,
    };
    items.push({
      label: `user.created event_time timezone_type ${type}`,
      event: 'user.created',
      body: phpJsonEncode(body),
    });
  }
  return items;
}
