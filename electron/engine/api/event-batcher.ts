import type { PushedEvent } from '../../contract/api';
import type { DeliverySummary, StoreStats } from '../../contract/delivery';
import type { StoreChange } from '../store/types';

export interface EventBatcherOptions {
  /** Longest a change waits before it is pushed. */
  intervalMs?: number;
  /** Pending items that trigger an immediate push; also the most items one event carries. */
  maxItems?: number;
  /** When given, every push ends with `stats:changed`. */
  stats?: () => StoreStats;
  /** Hears errors thrown by `flush` (a closed transport); the batcher keeps going. */
  onError?: (error: unknown) => void;
  /**
   * Events the engine raises itself (tunnel, subscriptions: Engine.events.on). They are pushed in
   * the order raised, after the store's events of the same flush.
   */
  engineEvents?: (listener: (event: PushedEvent) => void) => () => void;
}

export interface EventBatcher {
  /** Pushes whatever is pending now. */
  flushNow(): void;
  /** Stops listening; pending changes are dropped (call flushNow first to keep them). */
  close(): void;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    out.push(items.slice(start, start + size));
  return out;
}

/**
 * Merges store changes into batched pushes: one `flush` call per interval (or per `maxItems`
 * changes), never one message per request. Within a push, events come in the order
 * cleared, deleted, captured, updated, stats:changed, and the merge keeps that order truthful:
 * a delivery captured and deleted in the same window is never sent; an update to a delivery
 * captured in the same window is folded into its captured summary; a clear drops what came before.
 */
export function createEventBatcher(
  subscribe: (listener: (change: StoreChange) => void) => () => void,
  flush: (events: PushedEvent[]) => void,
  options: EventBatcherOptions = {},
): EventBatcher {
  const intervalMs = options.intervalMs ?? 50;
  const maxItems = Math.max(1, options.maxItems ?? 500);

  let cleared = false;
  let touched = false;
  const deleted = new Set<string>();
  const captured = new Map<string, DeliverySummary>();
  const updated = new Map<string, DeliverySummary>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const raised: PushedEvent[] = [];
  /** Engine events alone do not change the stats, so they push no stats:changed. */
  let storeTouched = false;

  const pendingItems = () => deleted.size + captured.size + updated.size;

  const take = (): PushedEvent[] => {
    const events: PushedEvent[] = [];
    if (cleared) events.push({ event: 'deliveries:cleared', payload: null });
    for (const ids of chunks([...deleted], maxItems))
      events.push({ event: 'deliveries:deleted', payload: ids });
    for (const items of chunks([...captured.values()], maxItems)) {
      events.push({ event: 'deliveries:captured', payload: items });
    }
    for (const items of chunks([...updated.values()], maxItems)) {
      events.push({ event: 'deliveries:updated', payload: items });
    }
    if (options.stats && storeTouched)
      events.push({ event: 'stats:changed', payload: options.stats() });
    events.push(...raised.splice(0));
    cleared = false;
    touched = false;
    storeTouched = false;
    deleted.clear();
    captured.clear();
    updated.clear();
    return events;
  };

  const flushNow = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!touched) return;
    try {
      flush(take());
    } catch (error) {
      options.onError?.(error);
    }
  };

  const apply = (change: StoreChange) => {
    switch (change.kind) {
      case 'appended':
        for (const item of change.items) captured.set(item.id, item);
        break;
      case 'updated':
        for (const item of change.items) {
          if (captured.has(item.id)) captured.set(item.id, item);
          else updated.set(item.id, item);
        }
        break;
      case 'deleted':
        for (const id of change.ids) {
          // Never pushed, so nobody needs to hear it went away.
          if (captured.delete(id)) continue;
          updated.delete(id);
          deleted.add(id);
        }
        break;
      case 'cleared':
        cleared = true;
        deleted.clear();
        captured.clear();
        updated.clear();
        break;
    }
    touched = true;
    storeTouched = true;
  };

  const schedule = () => {
    if (pendingItems() + raised.length >= maxItems) flushNow();
    else if (!timer) {
      timer = setTimeout(flushNow, intervalMs);
      timer.unref?.();
    }
  };
  const unsubscribe = subscribe((change) => {
    apply(change);
    schedule();
  });
  const unsubscribeEngine = options.engineEvents?.((event) => {
    raised.push(event);
    touched = true;
    schedule();
  });

  return {
    flushNow,
    close() {
      unsubscribe();
      unsubscribeEngine?.();
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
