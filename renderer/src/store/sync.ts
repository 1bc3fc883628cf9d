// Keeps the store a faithful projection of the engine: hydrate with a page, then apply pushed
// events. Events that arrive while a page is loading are queued and replayed on top of it.
import type { DeliverySummary } from '../../../electron/contract/delivery';
import type { AppApi } from '../api';
import type { AppStore } from './app-store';
import { isFiltered, matchesStructuredFilters, toDeliveryQuery } from './selectors';

/** Deliveries listed on start and per "load older" step. */
export const PAGE_SIZE = 500;

export interface StoreSync {
  /** Lists the first page for the current filters and refreshes receiver info and stats. */
  hydrate(): Promise<void>;
  /** Pages in deliveries older than the oldest loaded one. */
  loadOlder(): Promise<void>;
  stop(): void;
}

type QueuedChange =
  | { kind: 'captured'; items: DeliverySummary[] }
  | { kind: 'updated'; items: DeliverySummary[] }
  | { kind: 'deleted'; ids: string[] };

export function startSync(api: AppApi, store: AppStore): StoreSync {
  /** Hydrations in flight; events queue while any is. */
  let hydrating = 0;
  /** Increments per hydrate so an older answer never overwrites a newer one. */
  let latestHydrate = 0;
  let queue: QueuedChange[] = [];
  let stopped = false;

  const apply = (change: QueuedChange) => {
    const state = store.getState();
    if (change.kind === 'updated') {
      api.forget(change.items.map((item) => item.id));
      state.updateItems(change.items);
      return;
    }
    if (change.kind === 'deleted') {
      api.forget(change.ids);
      state.evict(change.ids);
      if (state.selectedId !== null && change.ids.includes(state.selectedId)) state.select(null);
      if (state.compareId !== null && change.ids.includes(state.compareId))
        state.setCompareId(null);
      return;
    }
    const { filters } = state;
    if (!isFiltered(filters)) return state.appendBatch(change.items);
    const candidates = change.items.filter((item) => matchesStructuredFilters(item, filters));
    if (candidates.length === 0) return;
    if (filters.text.trim() === '') return state.appendBatch(candidates);
    // Only the engine's index knows whether a body matches the search: ask it about the new arrivals.
    const since = Math.min(...candidates.map((item) => item.receivedAt));
    void api
      .call('deliveries:list', { ...toDeliveryQuery(filters, PAGE_SIZE), since })
      .then((result) => {
        if (result.ok && !stopped) store.getState().appendBatch(result.value.items);
      });
  };

  const receive = (change: QueuedChange) => {
    if (hydrating > 0) queue.push(change);
    else apply(change);
  };

  const unsubscribers = [
    api.on('deliveries:captured', (items) => receive({ kind: 'captured', items })),
    api.on('deliveries:updated', (items) => receive({ kind: 'updated', items })),
    api.on('deliveries:deleted', (ids) => receive({ kind: 'deleted', ids })),
    api.on('deliveries:cleared', () => {
      // Everything queued so far predates the clear.
      queue = [];
      api.forgetAll();
      const state = store.getState();
      state.clearDeliveries();
      state.select(null);
      state.setCompareId(null);
    }),
    api.on('stats:changed', (stats) => store.getState().setStats(stats)),
    // Filtering happens in the engine: a new filter means a new first page.
    store.subscribe((state, previous) => {
      if (state.filters !== previous.filters) void hydrate();
    }),
    // Events sent while the socket was down are lost: list again after a reconnect.
    api.onConnectionChange((connected) => {
      if (connected && store.getState().phase !== 'loading') void hydrate();
    }),
  ];

  async function hydrate(): Promise<void> {
    hydrating++;
    const generation = ++latestHydrate;
    const query = toDeliveryQuery(store.getState().filters, PAGE_SIZE);
    const [page, receiver, stats] = await Promise.all([
      api.call('deliveries:list', query),
      api.call('receiver:info'),
      api.call('deliveries:stats'),
    ]);
    hydrating--;
    if (stopped) return;
    const state = store.getState();
    // A newer hydrate started meanwhile (filters changed again): its page wins.
    const superseded = generation !== latestHydrate;
    if (!page.ok) {
      if (superseded) return;
      queue = [];
      state.setPhase('error', page.error.message);
      return;
    }
    if (!superseded) state.replaceAll(page.value.items, page.value.nextBeforeSeq);
    if (receiver.ok) state.setReceiver(receiver.value);
    if (stats.ok) state.setStats(stats.value);
    if (hydrating === 0) {
      const pending = queue;
      queue = [];
      for (const change of pending) apply(change);
    }
    state.setPhase('ready');
  }

  async function loadOlder(): Promise<void> {
    const { nextBeforeSeq, filters } = store.getState();
    if (nextBeforeSeq === null) return;
    const result = await api.call('deliveries:list', {
      ...toDeliveryQuery(filters, PAGE_SIZE),
      beforeSeq: nextBeforeSeq,
    });
    if (result.ok && !stopped)
      store.getState().prependOlder(result.value.items, result.value.nextBeforeSeq);
  }

  return {
    hydrate,
    loadOlder,
    stop() {
      stopped = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
    },
  };
}
