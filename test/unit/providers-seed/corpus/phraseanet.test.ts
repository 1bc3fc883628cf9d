import { describe, expect, it } from 'vitest';
import { phraseanet } from '../../../../electron/engine/providers/phraseanet';
import { judge, mutate } from './judge';
import { PHRASEANET_CORPUS_EVENTS, phraseanetBody, phraseanetCorpus } from './phraseanet-corpus';

const corpus = phraseanetCorpus();
const url = 'http://127.0.0.1:9/phraseanet';
const forged = phraseanet.forge?.({
  event: 'record.created',
  body: new Uint8Array(5),
  now: 0,
  url,
});

describe('Phraseanet forge shape', () => {
  it('is the Guzzle request WebhookWorker sends: Host, Content-Type, User-Agent, Content-Length', () => {
    expect(forged).toEqual({
      headers: [
        ['Host', '127.0.0.1:9'],
        ['Content-Type', 'application/json'],
        ['User-Agent', 'Phraseanet/4.1.22 (Buxus)'],
        ['Content-Length', '5'],
      ],
      framing: 'length',
    });
  });
});

describe('Phraseanet corpus', () => {
  it('covers every catalogued event in 4 shapes, plus legacy and timezone forms', () => {
    expect(PHRASEANET_CORPUS_EVENTS).toEqual(phraseanet.events.map((event) => event.name));
    expect(corpus).toHaveLength(16 * 4 + 3);
    expect(new Set(corpus.map((item) => item.label)).size).toBe(corpus.length);
  });

  it.each(corpus.map((item) => [item.label, item] as const))(
    '%s: valid through the verdict path',
    (_label, item) => {
      const facts = judge('phraseanet', item.body);
      expect(facts.event).toBe(item.event);
      expect(facts.verdict.schema).toEqual({ status: 'valid', errors: [] });
    },
  );

  it.each(corpus.map((item) => [item.label, item] as const))(
    '%s: recognised as Phraseanet with no endpoint configured (forged headers)',
    (_label, item) => {
      const headers = forged?.headers.filter(([name]) => !/^(host|content-length)$/i.test(name));
      const facts = judge(null, item.body, headers);
      expect([facts.provider, facts.event, facts.verdict.schema.status]).toEqual([
        'phraseanet',
        item.event,
        'valid',
      ]);
    },
  );
});

describe('Phraseanet corpus mutations fail at the right pointer', () => {
  const cases: ReadonlyArray<[string, string, unknown]> = [
    ['record.created', '/webhookId', '1234'],
    ['record.created', '/data/record_type', 'image'],
    ['record.created', '/data/record_id', 'abc'],
    ['record.created', '/data/permalink', null],
    ['record.edited', '/data/description/after', 'Red carpet'],
    ['record.collection_changed', '/data/after/base_id', true],
    ['record.status_changed', '/data/after/status/0/state', '1'],
    ['record.subdef.created', '/data/size', 1.5],
    ['user.deleted', '/user/login', 7],
    ['user.registration.granted', '/granted/3', 3],
    ['user.registration.rejected', '/rejected', [7]],
    ['new_feed_entry', '/users_were_notified', 1],
    ['new_feed_entry', '/entry/author/email', false],
    ['order.denied', '/order', 'order-311'],
    ['user.created', '/version', '1'],
  ];

  it.each(cases)('%s: %s = %j', (event, pointer, value) => {
    const shape =
      event.startsWith('user.registration') || event === 'new_feed_entry' ? 'unicode' : 'first';
    const body = mutate(phraseanetBody(event, shape), pointer, value);
    const facts = judge('phraseanet', body);
    expect(facts.event).toBe(event);
    expect(facts.verdict.schema.status).toBe('invalid');
    expect(facts.verdict.schema.errors.map((error) => error.pointer)).toEqual([pointer]);
  });

  it('an ISO string as event_time fails at /event_time (a PHP DateTime is an object)', () => {
    const body = mutate(
      phraseanetBody('order.created', 'first'),
      '/event_time',
      '2026-08-07T10:11:12Z',
    );
    const { status, errors } = judge('phraseanet', body).verdict.schema;
    expect(status).toBe('invalid');
    expect(new Set(errors.map((error) => error.pointer))).toEqual(new Set(['/event_time']));
  });

  const missing: ReadonlyArray<[string, string]> = [
    ['record.deleted', '/data/base_id'],
    ['record.created', '/data/initiator_user_id'],
    ['record.subdef.created', '/data/size'],
    ['record.subdef.creation_failed', '/data/subdef_name'],
    ['user.created', '/user/email'],
    ['user.registration.granted', '/rejected'],
    ['order.delivered', '/order'],
    ['record.media_substituted', '/webhookId'],
  ];

  it.each(missing)('%s without %s', (event, pointer) => {
    const body = mutate(phraseanetBody(event, 'first'), pointer, undefined);
    expect(judge('phraseanet', body).verdict.schema.errors).toEqual([
      { pointer, message: `required property "${pointer.split('/').pop()}" is missing` },
    ]);
  });
});
