import { describe, expect, it } from 'vitest';
import { keyclic } from '../../../../electron/engine/providers/keyclic';
import {
  canonicalKeyclicEvent,
  keyclicApiEventName,
} from '../../../../electron/engine/providers/keyclic/events';
import { judge, mutate } from './judge';
import { KEYCLIC_CORPUS_EVENTS, camel, keyclicBody, keyclicCorpus } from './keyclic-corpus';

const corpus = keyclicCorpus();

describe('Keyclic event spellings', () => {
  it('canonical names are the seed document’s snake_case; camelCase spellings are aliases', () => {
    expect(keyclic.events.map((event) => event.name)).toEqual(KEYCLIC_CORPUS_EVENTS);
    for (const name of KEYCLIC_CORPUS_EVENTS) {
      expect(keyclic.eventAliases?.[camel(name)]).toBe(name);
      expect(canonicalKeyclicEvent(name)).toBe(name);
      expect(canonicalKeyclicEvent(camel(name))).toBe(name);
      expect(keyclicApiEventName(name)).toBe(camel(name));
      expect(keyclicApiEventName(camel(name))).toBe(camel(name));
    }
  });

  it('templates name the event through {{event}}, so forge writes the spelling the user picked', () => {
    for (const definition of keyclic.events) {
      expect((definition.template as { event: unknown }).event).toBe('{{event}}');
    }
  });

  it('an unknown spelling is not Keyclic', () => {
    const body = keyclicBody('report_created', 'full', 'snake').replace(
      'report_created',
      'ReportCreated',
    );
    expect(judge(null, body).provider).not.toBe('keyclic');
    expect(judge('keyclic', body).event).toBeNull();
  });
});

describe('Keyclic corpus', () => {
  it('covers every event in both spellings and 5 shapes, plus an id-only removal', () => {
    expect(corpus).toHaveLength(5 * 2 * 5 + 1);
    expect(new Set(corpus.map((item) => item.label)).size).toBe(corpus.length);
  });

  it.each(corpus.map((item) => [item.label, item] as const))(
    '%s: valid through the verdict path, event named canonically',
    (_label, item) => {
      const facts = judge('keyclic', item.body);
      expect(facts.event).toBe(item.event);
      expect(facts.verdict.schema).toEqual({ status: 'valid', errors: [] });
    },
  );

  it.each(corpus.map((item) => [item.label, item] as const))(
    '%s: recognised as Keyclic with no endpoint configured',
    (_label, item) => {
      const facts = judge(null, item.body);
      expect([facts.provider, facts.event, facts.verdict.schema.status]).toEqual([
        'keyclic',
        item.event,
        'valid',
      ]);
    },
  );
});

describe('Keyclic corpus mutations fail at the right pointer', () => {
  const cases: ReadonlyArray<[string, string, unknown]> = [
    ['report_created', '/payload/createdAt', '27/02/2018'],
    ['report_created', '/payload/updatedAt', null],
    ['report_state_changed', '/payload/type', 'Operation'],
    ['report_state_changed', '/payload/id', ''],
    ['report_created', '/payload/tags', 'plumbing'],
    ['report_created', '/payload/dueAt', 'tomorrow'],
    ['operation_created', '/payload/scheduledAt', 1772267400],
    ['operation_state_changed', '/payload/name', 42],
    ['operation_state_changed', '/payload/_links', []],
    ['operation_removed', '/payload/id', 7],
  ];

  it.each(cases)('%s: %s = %j', (event, pointer, value) => {
    for (const spelling of ['snake', 'camel'] as const) {
      const body = mutate(keyclicBody(event, 'full', spelling), pointer, value);
      const facts = judge('keyclic', body);
      expect(facts.event).toBe(event);
      expect(facts.verdict.schema.errors.map((error) => error.pointer)).toEqual([pointer]);
    }
  });

  it.each([
    ['report_created', '/payload/type'],
    ['report_created', '/payload/id'],
    ['operation_removed', '/payload/id'],
  ] as const)('%s without %s', (event, pointer) => {
    const body = mutate(keyclicBody(event, 'full', 'camel'), pointer, undefined);
    expect(judge('keyclic', body).verdict.schema.errors).toEqual([
      { pointer, message: `required property "${pointer.split('/').pop()}" is missing` },
    ]);
  });
});
