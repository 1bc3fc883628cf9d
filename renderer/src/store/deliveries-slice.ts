// Summaries of captured deliveries, oldest first (the inbox shows the newest at the bottom).
import type { StateCreator } from 'zustand';
import type { DeliverySummary } from '../../../electron/contract/delivery';
import type { AppState } from './app-state';

/** The most summaries the window keeps; older ones are dropped from view (still in the store). */
export const DEFAULT_SUMMARY_CAP = 50_000;

export interface DeliveriesSlice {
  /** Delivery ids ordered by seq, oldest first. A new array on every change. */
  ids: string[];
  /** Summaries by id. A new Map on every change, so selectors see the change. */
  byId: Map<string, DeliverySummary>;
  /** Pass as beforeSeq to load older deliveries; null when everything is loaded. */
  nextBeforeSeq: number | null;
  summaryCap: number;
  /**
   * Counts whole-list replacements (a new first page: filters changed, reconnect), so the inbox
   * can tell "a different list" from "rows arrived" and bring the selection back into view.
   */
  listGeneration: number;
  /** Replaces everything with a freshly listed page (newest first, as the engine lists). */
  replaceAll: (newestFirst: readonly DeliverySummary[], nextBeforeSeq: number | null) => void;
  /** Adds or refreshes summaries; evicts the oldest beyond the cap. */
  appendBatch: (items: readonly DeliverySummary[]) => void;
  /** Adds an older page above what is loaded (no eviction: the user asked for it). */
  prependOlder: (newestFirst: readonly DeliverySummary[], nextBeforeSeq: number | null) => void;
  /** Replaces summaries that are loaded (derived facts recomputed); ignores unknown ids. */
  updateItems: (items: readonly DeliverySummary[]) => void;
  evict: (ids: readonly string[]) => void;
  clearDeliveries: () => void;
}

function isAscending(ids: readonly string[], byId: Map<string, DeliverySummary>): boolean {
  for (let i = 1; i < ids.length; i++) {
    if ((byId.get(ids[i - 1] ?? '')?.seq ?? 0) >= (byId.get(ids[i] ?? '')?.seq ?? 0)) return false;
  }
  return true;
}

function bySeq(byId: Map<string, DeliverySummary>) {
  return (a: string, b: string) => (byId.get(a)?.seq ?? 0) - (byId.get(b)?.seq ?? 0);
}

export function createDeliveriesSlice(
  summaryCap = DEFAULT_SUMMARY_CAP,
): StateCreator<AppState, [], [], DeliveriesSlice> {
  return (set) => ({
    ids: [],
    byId: new Map(),
    nextBeforeSeq: null,
    summaryCap,
    listGeneration: 0,

    replaceAll: (newestFirst, nextBeforeSeq) => {
      const byId = new Map<string, DeliverySummary>();
      for (const item of newestFirst) byId.set(item.id, item);
      const ids = [...byId.keys()].sort(bySeq(byId));
      const overflow = Math.max(0, ids.length - summaryCap);
      for (const id of ids.slice(0, overflow)) byId.delete(id);
      set((state) => ({
        ids: overflow ? ids.slice(overflow) : ids,
        byId,
        nextBeforeSeq,
        listGeneration: state.listGeneration + 1,
      }));
    },

    appendBatch: (items) =>
      set((state) => {
        if (items.length === 0) return {};
        const byId = new Map(state.byId);
        const added: string[] = [];
        for (const item of items) {
          if (!byId.has(item.id)) added.push(item.id);
          byId.set(item.id, item);
        }
        let ids = state.ids.concat(added);
        // Pushes arrive in seq order; only a filtered refetch can interleave, so sort only then.
        if (!isAscending(ids.slice(Math.max(0, state.ids.length - 1)), byId)) ids.sort(bySeq(byId));
        const overflow = ids.length - summaryCap;
        let { nextBeforeSeq } = state;
        if (overflow > 0) {
          const dropped = ids.slice(0, overflow);
          for (const id of dropped) byId.delete(id);
          ids = ids.slice(overflow);
          // What was dropped can be paged back in from the engine.
          const oldestKept = byId.get(ids[0] ?? '');
          nextBeforeSeq = oldestKept ? oldestKept.seq : nextBeforeSeq;
        }
        return { ids, byId, nextBeforeSeq };
      }),

    prependOlder: (newestFirst, nextBeforeSeq) =>
      set((state) => {
        const byId = new Map(state.byId);
        const older: string[] = [];
        for (const item of newestFirst) {
          if (!byId.has(item.id)) older.push(item.id);
          byId.set(item.id, item);
        }
        const ids = older.concat(state.ids).sort(bySeq(byId));
        return { ids, byId, nextBeforeSeq };
      }),

    updateItems: (items) =>
      set((state) => {
        const known = items.filter((item) => state.byId.has(item.id));
        if (known.length === 0) return {};
        const byId = new Map(state.byId);
        for (const item of known) byId.set(item.id, item);
        return { byId };
      }),

    evict: (ids) =>
      set((state) => {
        const gone = new Set(ids.filter((id) => state.byId.has(id)));
        if (gone.size === 0) return {};
        const byId = new Map(state.byId);
        for (const id of gone) byId.delete(id);
        return { ids: state.ids.filter((id) => !gone.has(id)), byId };
      }),

    clearDeliveries: () => set({ ids: [], byId: new Map(), nextBeforeSeq: null }),
  });
}
