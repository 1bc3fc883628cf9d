// Annotations, label/pinned filters, facets and the histogram against a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreChange } from '../../../electron/engine/store';
import {
  openDeliveryStore,
  type SqliteDeliveryStore,
} from '../../../electron/engine/store/delivery-store';
import { FAILING_VERDICT, OK_VERDICT, makeDelivery, tempDir } from '../store/store-fixtures';

let dir: ReturnType<typeof tempDir>;
let store: SqliteDeliveryStore;

beforeEach(() => {
  dir = tempDir();
  store = openDeliveryStore(dir.file());
});
afterEach(() => {
  store.close();
  dir.remove();
});

describe('annotations', () => {
  it('pins, labels and notes a delivery, shows it in the summary and tells listeners', () => {
    const delivery = makeDelivery();
    store.appendBatch([delivery]);
    const changes: StoreChange[] = [];
    store.onChange((change) => changes.push(change));
    const summary = store.annotate(delivery.id, {
      pinned: true,
      labels: ['todo', 'bug', 'todo'],
      note: 'look at this',
    });
    expect(summary).toMatchObject({
      id: delivery.id,
      pinned: true,
      labels: ['bug', 'todo'],
      note: 'look at this',
    });
    expect(store.list({ limit: 10 }).items[0]).toMatchObject({
      pinned: true,
      labels: ['bug', 'todo'],
    });
    expect(changes).toEqual([{ kind: 'updated', items: [summary] }]);
    // Omitted fields stay; an empty note and no labels clear them.
    const cleared = store.annotate(delivery.id, { labels: [], note: '  ' });
    expect(cleared).toMatchObject({ pinned: true });
    expect(cleared?.labels).toBeUndefined();
    expect(cleared?.note).toBeUndefined();
  });

  it('answers null for an unknown id', () => {
    expect(store.annotate('nope', { pinned: true })).toBeNull();
  });

  it('filters by pinned and label, and forgets labels of deleted deliveries', () => {
    const [a, b, c] = [makeDelivery(), makeDelivery(), makeDelivery()];
    store.appendBatch([a!, b!, c!]);
    store.annotate(a!.id, { pinned: true, labels: ['bug'] });
    store.annotate(b!.id, { labels: ['bug', 'later'] });
    expect(store.list({ pinned: true }).items.map((d) => d.id)).toEqual([a!.id]);
    expect(store.count({ pinned: false })).toBe(2);
    expect(store.list({ label: 'bug' }).items.map((d) => d.id)).toEqual([b!.id, a!.id]);
    expect(store.count({ label: 'later' })).toBe(1);
    store.delete([b!.id]);
    expect(store.facets().labels).toEqual([{ value: 'bug', count: 1 }]);
    store.clear();
    expect(store.facets().labels).toEqual([]);
  });
});

describe('facets', () => {
  it('counts distinct values among the matching deliveries, most frequent first', () => {
    store.appendBatch([
      makeDelivery({ provider: 'github', event: 'push', method: 'post', verdict: OK_VERDICT }),
      makeDelivery({ provider: 'github', event: 'push', method: 'POST', verdict: FAILING_VERDICT }),
      makeDelivery({ provider: 'stripe', event: 'invoice.paid', method: 'PUT', endpoint: 'pay' }),
      makeDelivery({
        provider: null,
        response: { status: 500, rawHeaders: [], body: new Uint8Array(), latencyMs: 1 },
      }),
    ]);
    const facets = store.facets();
    expect(facets.providers).toEqual([
      { value: 'github', count: 2 },
      { value: 'stripe', count: 1 },
    ]);
    expect(facets.methods).toEqual([
      { value: 'POST', count: 3 },
      { value: 'PUT', count: 1 },
    ]);
    expect(facets.events[0]).toEqual({ value: 'push', count: 2 });
    expect(facets.endpoints).toEqual([
      { value: 'default', count: 3 },
      { value: 'pay', count: 1 },
    ]);
    expect(facets.statuses).toEqual([{ value: '500', count: 1 }]);
    expect(facets.badges).toContainEqual({ value: 'fail', count: 1 });
    expect(store.facets({ provider: 'github' }).events).toEqual([{ value: 'push', count: 2 }]);
  });
});

describe('histogram', () => {
  it('buckets deliveries over time per badge and counts events', () => {
    const base = Date.UTC(2025, 0, 1, 12, 0, 0);
    store.appendBatch([
      makeDelivery({ receivedAt: base, event: 'a', verdict: OK_VERDICT }),
      makeDelivery({ receivedAt: base + 30_000, event: 'a', verdict: FAILING_VERDICT }),
      makeDelivery({ receivedAt: base + 10 * 60_000, event: 'b' }),
    ]);
    const histogram = store.histogram({}, 10);
    expect(histogram.bucketMs).toBe(60_000);
    expect(histogram.total).toBe(3);
    expect(histogram.counts.reduce((sum, n) => sum + n, 0)).toBe(3);
    expect(histogram.counts[0]).toBe(2);
    expect(histogram.counts.at(-1)).toBe(1);
    expect(histogram.byBadge.fail?.[0]).toBe(1);
    expect(histogram.events).toEqual([
      { value: 'a', count: 2 },
      { value: 'b', count: 1 },
    ]);
    // With another filter the grouped path answers the same shape.
    const filtered = store.histogram({ event: 'a' }, 10);
    expect(filtered.counts.reduce((sum, n) => sum + n, 0)).toBe(2);
    expect(filtered.byBadge.ok?.[0]).toBe(1);
    expect(store.histogram({ event: 'none' }, 10).total).toBe(0);
  });
});

describe('search query shape', () => {
  it('finds by path prefix, text and text combined with a filter', () => {
    store.appendBatch([
      makeDelivery({
        target: '/hooks/board?x=1',
        body: new TextEncoder().encode('{"w":"zebra"}'),
        provider: 'p',
      }),
      makeDelivery({ target: '/hooks/boardroom', body: new TextEncoder().encode('{"w":"zebra"}') }),
      makeDelivery({
        target: '/hooks/other',
        body: new TextEncoder().encode('{"w":"lion"}'),
        provider: 'p',
      }),
      makeDelivery({ target: '/hooks/bo*rd' }),
    ]);
    expect(store.count({ pathPrefix: '/hooks/board' })).toBe(2);
    expect(store.count({ pathPrefix: '/hooks/bo*' })).toBe(1);
    expect(store.count({ text: 'zebra' })).toBe(2);
    expect(store.list({ text: 'zebra', provider: 'p' }).items.map((d) => d.target)).toEqual([
      '/hooks/board?x=1',
    ]);
    expect(store.count({ text: 'zebra', provider: 'p' })).toBe(1);
  });
});
