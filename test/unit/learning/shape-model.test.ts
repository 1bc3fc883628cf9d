// Learning and drift over small corpora (issue 16): each test learns a stable shape, then judges a
// body that departs from it in one way, and checks the kind and the pointer reported.
import { describe, expect, it } from 'vitest';
import { driftOf, explainChange } from '../../../electron/engine/learning/drift';
import { formatOf } from '../../../electron/engine/learning/formats';
import {
  emptyModel,
  enumValues,
  isRequired,
  learn,
  MAX_ARRAY_ITEMS,
  MAX_DEPTH,
  MAX_POINTERS,
  observe,
  roomFor,
  type ShapeModel,
} from '../../../electron/engine/learning/shape-model';

const DAY = Date.parse('2026-11-02T10:00:00Z');
const nothingMasked = () => false;

function taught(bodies: unknown[]): ShapeModel {
  const model = emptyModel();
  bodies.forEach((body, i) => learn(model, observe(body, roomFor(model)), DAY + i * 1000));
  return model;
}

function judge(model: ShapeModel, body: unknown, masked: (p: string) => boolean = nothingMasked) {
  return driftOf(model, observe(body, roomFor(model)), masked);
}

const task = (i: number, overrides: Record<string, unknown> = {}) => ({
  event_name: 'task.create',
  event_data: {
    task: {
      id: i,
      title: `Task ${i}`,
      time_estimated: i % 3,
      status: i % 2 ? 'open' : 'closed',
      date_due: `2026-11-${String((i % 27) + 1).padStart(2, '0')}T10:00:00Z`,
      ...overrides,
    },
  },
});

const corpus = Array.from({ length: 30 }, (_, i) => task(i + 1));

describe('learning a stable shape', () => {
  const model = taught(corpus);

  it('learns types, required keys, enums and formats per pointer', () => {
    expect(model.deliveries).toBe(30);
    expect(model.pointers['/event_data/task/id']?.types).toEqual({ integer: 30 });
    expect(isRequired(model, '/event_data/task/title')).toBe(true);
    expect(enumValues(model.pointers['/event_data/task/status']!)).toEqual(['closed', 'open']);
    // Titles are all distinct: free text, not an enum.
    expect(enumValues(model.pointers['/event_data/task/title']!)).toBeNull();
    expect(model.pointers['/event_data/task/date_due']?.formats).toEqual({ 'date-time': 30 });
    expect(model.pointers['/event_data/task/id']).toMatchObject({ min: 1, max: 30 });
  });

  it('judges a body of the same shape as no drift', () => {
    expect(judge(model, task(99))).toEqual([]);
  });
});

describe('drift kinds', () => {
  const model = taught(corpus);

  it('a type change: number, now null (the Kanboard case), explained in one sentence', () => {
    const changes = judge(model, task(31, { time_estimated: null }));
    expect(changes).toEqual([
      expect.objectContaining({
        pointer: '/event_data/task/time_estimated',
        kind: 'type-change',
        was: 'integer',
        now: 'null',
        seen: 30,
        since: '2026-11-02',
      }),
    ]);
    expect(explainChange(changes[0]!)).toBe(
      '/event_data/task/time_estimated: was integer in 30 deliveries since 2026-11-02, now null',
    );
  });

  it('a new key, reported once at the top of its subtree', () => {
    const changes = judge(model, task(31, { owner: { id: 1, name: 'ann' } }));
    expect(changes).toEqual([
      expect.objectContaining({
        pointer: '/event_data/task/owner',
        kind: 'new-key',
        now: 'object',
      }),
    ]);
  });

  it('a key that was always there goes missing', () => {
    const body = task(31);
    delete (body.event_data.task as Record<string, unknown>)['title'];
    expect(judge(model, body)).toEqual([
      expect.objectContaining({
        pointer: '/event_data/task/title',
        kind: 'missing-key',
        now: 'absent',
      }),
    ]);
  });

  it('a new enum value', () => {
    expect(judge(model, task(31, { status: 'archived' }))).toEqual([
      expect.objectContaining({
        pointer: '/event_data/task/status',
        kind: 'new-enum-value',
        was: '"closed" | "open"',
        now: '"archived"',
      }),
    ]);
  });

  it('a format change', () => {
    expect(judge(model, task(31, { date_due: '1762077600' }))).toEqual([
      expect.objectContaining({
        pointer: '/event_data/task/date_due',
        kind: 'format-change',
        was: 'string (date-time)',
        now: 'string (integer-as-string)',
      }),
    ]);
  });

  it('an integer where numbers were seen is no change; a float where only integers were is', () => {
    const mixed = taught([{ n: 1.5 }, { n: 2 }]);
    expect(judge(mixed, { n: 3 })).toEqual([]);
    const ints = taught([{ n: 1 }, { n: 2 }]);
    expect(judge(ints, { n: 2.5 })).toEqual([
      expect.objectContaining({
        pointer: '/n',
        kind: 'type-change',
        was: 'integer',
        now: 'number',
      }),
    ]);
  });

  it('masked pointers never drift', () => {
    const masked = (pointer: string) => pointer === '/event_data/task/time_estimated';
    expect(judge(model, task(31, { time_estimated: null }), masked)).toEqual([]);
  });
});

describe('nulls and optional keys', () => {
  it('a key that is sometimes absent is optional: its absence is no drift', () => {
    const bodies = Array.from({ length: 20 }, (_, i) => (i % 2 ? { a: 1, b: 'x' } : { a: 1 }));
    const model = taught(bodies);
    expect(isRequired(model, '/b')).toBe(false);
    expect(isRequired(model, '/a')).toBe(true);
    expect(judge(model, { a: 2 })).toEqual([]);
  });

  it('nulls that appeared while learning are part of the shape', () => {
    const model = taught([{ due: null }, { due: '2026-01-01' }, { due: null }]);
    expect(model.pointers['/due']?.types).toEqual({ null: 2, string: 1 });
    expect(judge(model, { due: null })).toEqual([]);
  });
});

describe('arrays of mixed items', () => {
  it('items share one pointer; an item of a new type is a new item shape', () => {
    const model = taught(
      Array.from({ length: 10 }, () => ({ tags: [{ id: 1 }, { id: 2, label: 'x' }] })),
    );
    expect(model.pointers['/tags/*']?.types).toEqual({ object: 10 });
    // `label` is in some items only: optional, not required.
    expect(isRequired(model, '/tags/*/label')).toBe(false);
    expect(judge(model, { tags: [{ id: 3 }, 'loose'] })).toEqual([
      expect.objectContaining({
        pointer: '/tags/*',
        kind: 'new-item-shape',
        was: 'object',
        now: 'string',
      }),
    ]);
  });
});

describe('bounds', () => {
  it('a 10,000-key object adds at most MAX_POINTERS pointers and marks the model capped', () => {
    const wide = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]));
    const model = taught([wide]);
    expect(Object.keys(model.pointers)).toHaveLength(MAX_POINTERS);
    expect(model.capped).toBe(true);
    // New keys past the cap are not news: the model could not have learned them.
    expect(judge(model, { ...wide, extra: 1 })).toEqual([]);
  });

  it('nesting deeper than MAX_DEPTH is not walked', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 50; i++) deep = { d: deep };
    const model = taught([deep]);
    expect(Object.keys(model.pointers)).toHaveLength(MAX_DEPTH + 1);
  });

  it('at most MAX_ARRAY_ITEMS items of an array are examined', () => {
    const items = Array.from({ length: 1_000 }, (_, i) => (i < MAX_ARRAY_ITEMS ? 1 : 'late'));
    const model = taught([{ items }]);
    expect(model.pointers['/items/*']?.types).toEqual({ integer: 1 });
  });
});

describe('formats', () => {
  it.each([
    ['2026-11-02T10:00:00Z', 'date-time'],
    ['2026-11-02 10:00:00', 'date-time'],
    ['2026-11-02', 'date'],
    ['0b6c1a3e-5a4f-4b8e-9a77-2f1e0c1b2a3d', 'uuid'],
    ['ann@example.com', 'email'],
    ['https://example.com/a?b=c', 'uri'],
    ['12345', 'integer-as-string'],
    ['', 'empty'],
    ['hello world', 'text'],
  ])('%s is %s', (text, format) => {
    expect(formatOf(text)).toBe(format);
  });
});
