import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDeliveryStore } from '../../../electron/engine/store';
import type { SqliteDeliveryStore, StoreChange } from '../../../electron/engine/store';
import { FAILING_VERDICT, makeDelivery, tempDir } from './store-fixtures';

describe('delivery store: changes, delete, clear, derived facts', () => {
  let temp: ReturnType<typeof tempDir>;
  let store: SqliteDeliveryStore;
  let changes: StoreChange[];

  beforeEach(() => {
    temp = tempDir();
    store = openDeliveryStore(temp.file());
    changes = [];
    store.onChange((change) => changes.push(change));
  });
  afterEach(() => {
    store.close();
    temp.remove();
  });

  it('emits one appended change per batch, with summaries carrying the assigned seqs', () => {
    const batch = [makeDelivery({ target: '/a?x' }), makeDelivery({ target: '/b' })];
    store.appendBatch(batch);
    expect(changes).toHaveLength(1);
    const change = changes[0];
    if (change?.kind !== 'appended') throw new Error(`unexpected change ${change?.kind}`);
    expect(change.items.map((item) => item.id)).toEqual(batch.map((d) => d.id));
    expect(change.items.map((item) => item.seq)).toEqual(batch.map((d) => store.get(d.id)?.seq));
    expect(change.items[0]).toEqual(store.list({ limit: 10 }).items[1]);
    expect(change.items[0]).not.toHaveProperty('body');
  });

  it('emits nothing when a batch fails', () => {
    const delivery = makeDelivery();
    store.appendBatch([delivery]);
    changes = [];
    expect(() => store.appendBatch([delivery])).toThrow();
    expect(changes).toEqual([]);
  });

  it('deletes by id, reports only what existed, and updates stats and search', () => {
    const keep = makeDelivery({ body: new TextEncoder().encode('keepme') });
    const drop = makeDelivery({ body: new TextEncoder().encode('dropme') });
    store.appendBatch([keep, drop]);
    const bytesBefore = store.stats().bytes;
    changes = [];
    expect(store.delete([drop.id, 'unknown'])).toBe(1);
    expect(changes).toEqual([{ kind: 'deleted', ids: [drop.id] }]);
    expect(store.get(drop.id)).toBeNull();
    expect(store.stats()).toEqual({ count: 1, bytes: bytesBefore - 6 });
    expect(store.count({ text: 'dropme' })).toBe(0);
    expect(store.count({ text: 'keepme' })).toBe(1);
    changes = [];
    expect(store.delete(['unknown'])).toBe(0);
    expect(store.delete([])).toBe(0);
    expect(changes).toEqual([]);
  });

  it('clears everything, keeps seqs increasing, and the index empty', () => {
    const first = makeDelivery({ body: new TextEncoder().encode('gone soon') });
    store.appendBatch([first, makeDelivery()]);
    const lastSeq = store.list({ limit: 1 }).items[0]?.seq ?? 0;
    changes = [];
    store.clear();
    expect(changes).toEqual([{ kind: 'cleared' }]);
    expect(store.stats()).toEqual({ count: 0, bytes: 0 });
    expect(store.list({}).items).toEqual([]);
    expect(store.count({ text: 'gone' })).toBe(0);
    const next = makeDelivery({ body: new TextEncoder().encode('gone again') });
    store.appendBatch([next]);
    expect(store.get(next.id)?.seq).toBeGreaterThan(lastSeq);
    expect(store.count({ text: 'gone' })).toBe(1);
  });

  it('updates derived facts, recomputes the badge, and emits updated', () => {
    const delivery = makeDelivery();
    store.appendBatch([delivery]);
    changes = [];
    store.updateDerived(delivery.id, {
      provider: 'kanboard',
      event: 'task.create',
      handshake: true,
      verdict: FAILING_VERDICT,
    });
    const stored = store.get(delivery.id);
    expect(stored).toMatchObject({
      provider: 'kanboard',
      event: 'task.create',
      handshake: true,
      verdict: FAILING_VERDICT,
      badge: 'fail',
    });
    expect(Array.from(stored?.body ?? [])).toEqual(Array.from(delivery.body));
    expect(changes).toEqual([{ kind: 'updated', items: [store.list({}).items[0]] }]);
    expect(store.list({ badge: 'fail', provider: 'kanboard' }).items).toHaveLength(1);

    changes = [];
    store.updateDerived('evicted-long-ago', {
      provider: null,
      event: null,
      handshake: false,
      verdict: null,
    });
    expect(changes).toEqual([]);
  });

  it('unsubscribes, and a throwing listener does not break the write or other listeners', () => {
    const seen: string[] = [];
    const original = console.error;
    console.error = () => undefined;
    try {
      store.onChange(() => {
        throw new Error('listener bug');
      });
      const unsubscribe = store.onChange((change) => seen.push(change.kind));
      const delivery = makeDelivery();
      expect(() => store.appendBatch([delivery])).not.toThrow();
      expect(store.get(delivery.id)).not.toBeNull();
      unsubscribe();
      store.clear();
    } finally {
      console.error = original;
    }
    expect(seen).toEqual(['appended']);
    expect(changes.map((change) => change.kind)).toEqual(['appended', 'cleared']);
  });
});
