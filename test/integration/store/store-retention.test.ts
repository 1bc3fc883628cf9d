import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDeliveryStore } from '../../../electron/engine/store';
import type { SqliteDeliveryStore, StoreChange } from '../../../electron/engine/store';
import { makeDelivery, tempDir } from './store-fixtures';

const bytes = (length: number): Uint8Array<ArrayBuffer> => new Uint8Array(length).fill(65);

describe('delivery store: retention', () => {
  let temp: ReturnType<typeof tempDir>;
  let store: SqliteDeliveryStore | null = null;
  let changes: StoreChange[];

  const open = (retention: { maxCount?: number; maxBytes?: number }): SqliteDeliveryStore => {
    store?.close();
    store = openDeliveryStore(temp.file(), { retention });
    changes = [];
    store.onChange((change) => changes.push(change));
    return store;
  };

  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => {
    store?.close();
    store = null;
    temp.remove();
  });

  it('evicts the oldest beyond maxCount, in the same write, and reports them', () => {
    const s = open({ maxCount: 3 });
    const batch = Array.from({ length: 5 }, () => makeDelivery());
    s.appendBatch(batch.slice(0, 2));
    s.appendBatch(batch.slice(2));
    expect(s.stats().count).toBe(3);
    expect([...s.iterate()].map((d) => d.id)).toEqual(batch.slice(2).map((d) => d.id));
    expect(changes.map((c) => c.kind)).toEqual(['appended', 'appended', 'deleted']);
    expect(changes[2]).toEqual({ kind: 'deleted', ids: batch.slice(0, 2).map((d) => d.id) });
    expect(s.count({ text: 'hello' })).toBe(3);
  });

  it('evicts by body bytes (request plus response bodies) and never empties the store', () => {
    const s = open({ maxBytes: 250 });
    const first = makeDelivery({ body: bytes(100) });
    const second = makeDelivery({
      body: bytes(50),
      response: { status: 200, rawHeaders: [], body: bytes(50), latencyMs: 1 },
    });
    s.appendBatch([first, second]);
    expect(s.stats()).toEqual({ count: 2, bytes: 200 });
    const third = makeDelivery({ body: bytes(100) });
    s.appendBatch([third]);
    expect(s.stats()).toEqual({ count: 2, bytes: 200 });
    expect(s.get(first.id)).toBeNull();
    const huge = makeDelivery({ body: bytes(1000) });
    s.appendBatch([huge]);
    expect(s.stats()).toEqual({ count: 1, bytes: 1000 });
    expect(s.get(huge.id)?.body.byteLength).toBe(1000);
  });

  it('applies tighter limits immediately and to later appends, and survives reopen', () => {
    const s = open({});
    s.appendBatch(Array.from({ length: 10 }, () => makeDelivery()));
    s.setRetention({ maxCount: 4 });
    expect(s.stats().count).toBe(4);
    expect(changes.at(-1)).toMatchObject({ kind: 'deleted' });
    const reopened = open({ maxCount: 2 });
    expect(reopened.stats().count).toBe(4);
    reopened.appendBatch([makeDelivery()]);
    expect(reopened.stats().count).toBe(2);
  });

  it('rejects nonsense limits with a clear error', () => {
    expect(() => open({ maxCount: 0 })).toThrow(/maxCount/);
    expect(() => open({ maxBytes: Number.NaN })).toThrow(/maxBytes/);
  });
});
