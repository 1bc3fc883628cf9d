import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PushedEvent } from '../../../electron/contract/api';
import type { DeliverySummary } from '../../../electron/contract/delivery';
import { createEventBatcher } from '../../../electron/engine/api/event-batcher';
import type { StoreChange } from '../../../electron/engine/store/types';

const summary = (
  id: string,
  seq = 1,
  badge: DeliverySummary['badge'] = 'none',
): DeliverySummary => ({
  id,
  seq,
  receivedAt: 0,
  endpoint: null,
  method: 'POST',
  target: '/',
  size: 0,
  truncated: false,
  contentType: null,
  responseStatus: 200,
  via: 'local',
  provider: null,
  event: null,
  handshake: false,
  badge,
});

/** A change source like DeliveryStore.onChange. */
function source() {
  const listeners = new Set<(change: StoreChange) => void>();
  return {
    subscribe(listener: (change: StoreChange) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(change: StoreChange) {
      for (const listener of listeners) listener(change);
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}

describe('createEventBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('merges many changes into one push per interval', () => {
    const changes = source();
    const pushes: PushedEvent[][] = [];
    createEventBatcher(changes.subscribe, (events) => pushes.push(events), { intervalMs: 50 });
    for (let i = 0; i < 30; i++) changes.emit({ kind: 'appended', items: [summary(`d${i}`, i)] });
    expect(pushes).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toHaveLength(1);
    const [event] = pushes[0]!;
    expect(event?.event).toBe('deliveries:captured');
    expect((event?.payload as DeliverySummary[]).map((item) => item.id)).toEqual(
      Array.from({ length: 30 }, (_, i) => `d${i}`),
    );
  });

  it('never sends a delivery that came and went in the same window, and folds updates', () => {
    const changes = source();
    const pushes: PushedEvent[][] = [];
    createEventBatcher(changes.subscribe, (events) => pushes.push(events));
    changes.emit({ kind: 'appended', items: [summary('a'), summary('b')] });
    changes.emit({ kind: 'updated', items: [summary('b', 1, 'ok'), summary('old', 1, 'fail')] });
    changes.emit({ kind: 'deleted', ids: ['a', 'gone'] });
    vi.runAllTimers();
    expect(pushes).toEqual([
      [
        { event: 'deliveries:deleted', payload: ['gone'] },
        { event: 'deliveries:captured', payload: [summary('b', 1, 'ok')] },
        { event: 'deliveries:updated', payload: [summary('old', 1, 'fail')] },
      ],
    ]);
  });

  it('puts a clear first and forgets what came before it', () => {
    const changes = source();
    const pushes: PushedEvent[][] = [];
    createEventBatcher(changes.subscribe, (events) => pushes.push(events), {
      stats: () => ({ count: 1, bytes: 5 }),
    });
    changes.emit({ kind: 'appended', items: [summary('before')] });
    changes.emit({ kind: 'deleted', ids: ['older'] });
    changes.emit({ kind: 'cleared' });
    changes.emit({ kind: 'appended', items: [summary('after')] });
    vi.runAllTimers();
    expect(pushes).toEqual([
      [
        { event: 'deliveries:cleared', payload: null },
        { event: 'deliveries:captured', payload: [summary('after')] },
        { event: 'stats:changed', payload: { count: 1, bytes: 5 } },
      ],
    ]);
  });

  it('pushes at once when maxItems are pending, and no event carries more than maxItems', () => {
    const changes = source();
    const pushes: PushedEvent[][] = [];
    createEventBatcher(changes.subscribe, (events) => pushes.push(events), {
      intervalMs: 60_000,
      maxItems: 4,
    });
    changes.emit({
      kind: 'appended',
      items: Array.from({ length: 10 }, (_, i) => summary(`d${i}`)),
    });
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.map((event) => (event.payload as unknown[]).length)).toEqual([4, 4, 2]);
  });

  it('pushes nothing when nothing changed', () => {
    const changes = source();
    const pushes: PushedEvent[][] = [];
    const batcher = createEventBatcher(changes.subscribe, (events) => pushes.push(events));
    batcher.flushNow();
    vi.runAllTimers();
    expect(pushes).toEqual([]);
  });

  it('survives a failing transport and reports it', () => {
    const changes = source();
    const errors: unknown[] = [];
    let calls = 0;
    createEventBatcher(
      changes.subscribe,
      () => {
        calls++;
        if (calls === 1) throw new Error('socket closed');
      },
      { onError: (error) => errors.push(error) },
    );
    changes.emit({ kind: 'appended', items: [summary('a')] });
    vi.runAllTimers();
    changes.emit({ kind: 'appended', items: [summary('b')] });
    vi.runAllTimers();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('stops listening on close', () => {
    const changes = source();
    const pushes: PushedEvent[][] = [];
    const batcher = createEventBatcher(changes.subscribe, (events) => pushes.push(events));
    changes.emit({ kind: 'appended', items: [summary('a')] });
    batcher.close();
    vi.runAllTimers();
    expect(changes.listenerCount).toBe(0);
    expect(pushes).toEqual([]);
  });
});
