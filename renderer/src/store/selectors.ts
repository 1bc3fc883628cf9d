// Plain-function selectors: unit-tested against fresh stores, used with useStore(store, selector).
import type { DeliveryQuery, DeliverySummary } from '../../../electron/contract/delivery';
import { splitTarget } from '../lib/request-parts';
import type { AppState } from './app-state';
import type { Filters } from './filters-slice';

export const selectIds = (state: AppState): string[] => state.ids;
export const selectLoadedCount = (state: AppState): number => state.ids.length;
export const selectSummary =
  (id: string | null) =>
  (state: AppState): DeliverySummary | undefined =>
    id === null ? undefined : state.byId.get(id);
export const selectSelectedSummary = (state: AppState): DeliverySummary | undefined =>
  state.selectedId === null ? undefined : state.byId.get(state.selectedId);

export function selectIndexOf(state: AppState, id: string | null): number {
  return id === null ? -1 : state.ids.indexOf(id);
}

/**
 * The id `delta` rows away from the selection *on screen* (positive = down), clamped to the list.
 * With nothing selected, moving down starts at the top row and moving up at the bottom one, like a
 * file manager. With the inbox newest first, the screen runs against the store's order.
 */
export function selectNeighborId(state: AppState, delta: number): string | null {
  const { ids } = state;
  if (ids.length === 0) return null;
  const step = state.inboxOrder === 'newest-first' ? -delta : delta;
  const index = selectIndexOf(state, state.selectedId);
  if (index === -1) return (step > 0 ? ids[0] : ids.at(-1)) ?? null;
  const next = Math.min(ids.length - 1, Math.max(0, index + step));
  return ids[next] ?? null;
}

/** Deliveries that arrived after the user stopped following (the "N new deliveries" pill). */
export function selectUnseenCount(state: AppState): number {
  const seen = state.seenUpToSeq;
  if (seen === null) return 0;
  let count = 0;
  // ids run oldest first, so the unseen ones are a suffix: stop at the first one already seen.
  for (let i = state.ids.length - 1; i >= 0; i--) {
    if ((state.byId.get(state.ids[i] ?? '')?.seq ?? 0) <= seen) break;
    count++;
  }
  return count;
}

/** The rows in screen order: the store's (oldest first), or reversed for newest first. */
const displayCache = new WeakMap<string[], string[]>();
export function selectDisplayIds(state: AppState): string[] {
  if (state.inboxOrder === 'oldest-first') return state.ids;
  let reversed = displayCache.get(state.ids);
  if (!reversed) {
    reversed = [...state.ids].reverse();
    displayCache.set(state.ids, reversed);
  }
  return reversed;
}

export function isFiltered(filters: Filters): boolean {
  return (
    filters.text.trim() !== '' ||
    filters.method !== '' ||
    filters.provider !== '' ||
    filters.badge !== '' ||
    filters.event !== '' ||
    filters.endpoint !== '' ||
    filters.status !== '' ||
    filters.range !== '' ||
    filters.pinned ||
    filters.label !== '' ||
    filters.drift !== ''
  );
}

/** Time windows of the range filter, in ms back from now. */
export const TIME_RANGES: Record<Exclude<Filters['range'], ''>, { label: string; ms: number }> = {
  '15m': { label: 'Last 15 minutes', ms: 15 * 60_000 },
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '24h': { label: 'Last 24 hours', ms: 86_400_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000 },
};

export const selectIsFiltered = (state: AppState): boolean => isFiltered(state.filters);

/** The engine query for the current filters (without paging). */
export function toDeliveryQuery(filters: Filters, limit = 200, now = Date.now()): DeliveryQuery {
  const query: DeliveryQuery = { limit };
  const text = filters.text.trim();
  if (text) query.text = text;
  if (filters.method) query.method = filters.method;
  if (filters.provider) query.provider = filters.provider;
  if (filters.badge) query.badge = filters.badge;
  if (filters.event) query.event = filters.event;
  if (filters.endpoint) query.endpoint = filters.endpoint;
  const status = Number(filters.status);
  if (filters.status && Number.isInteger(status)) query.responseStatus = status;
  if (filters.range) query.since = now - TIME_RANGES[filters.range].ms;
  if (filters.pinned) query.pinned = true;
  if (filters.label) query.label = filters.label;
  if (filters.drift) query.drift = [filters.drift];
  return query;
}

/**
 * Whether a pushed delivery belongs in the current view, judged on summary fields. Text search
 * needs the engine's index, so with text set the answer is "unknown" and the caller asks the engine.
 */
export function matchesStructuredFilters(summary: DeliverySummary, filters: Filters): boolean {
  if (filters.method && summary.method.toUpperCase() !== filters.method.toUpperCase()) return false;
  if (filters.provider && summary.provider !== filters.provider) return false;
  if (filters.badge && summary.badge !== filters.badge) return false;
  if (filters.event && summary.event !== filters.event) return false;
  if (filters.endpoint && summary.endpoint !== filters.endpoint) return false;
  if (filters.status && String(summary.responseStatus) !== filters.status) return false;
  // New arrivals are always within a "last N" window; they are never pinned or labelled yet.
  if (filters.pinned && !summary.pinned) return false;
  if (filters.label && !summary.labels?.includes(filters.label)) return false;
  if (filters.drift && summary.drift !== filters.drift) return false;
  return true;
}

/** The empty state (receiver URL + curl) shows only when nothing was ever captured. */
export const selectShowWelcome = (state: AppState): boolean =>
  state.phase === 'ready' &&
  state.ids.length === 0 &&
  !selectIsFiltered(state) &&
  state.stats.count === 0;

const optionalColumnsCache = new WeakMap<Map<string, DeliverySummary>, OptionalColumnFlags>();

export interface OptionalColumnFlags {
  provider: boolean;
  event: boolean;
  verdict: boolean;
}

/**
 * Columns for provider/event/verdict appear only once some loaded delivery has them. Cached per
 * byId Map (a new Map on every change), so a selection change doesn't rescan 50,000 summaries.
 */
export function selectOptionalColumns(state: AppState): OptionalColumnFlags {
  const cached = optionalColumnsCache.get(state.byId);
  if (cached) return cached;
  const flags = { provider: false, event: false, verdict: false };
  for (const summary of state.byId.values()) {
    flags.provider ||= summary.provider !== null;
    flags.event ||= summary.event !== null;
    flags.verdict ||= summary.badge !== 'none';
    if (flags.provider && flags.event && flags.verdict) break;
  }
  optionalColumnsCache.set(state.byId, flags);
  return flags;
}

const facetCache = new WeakMap<Map<string, DeliverySummary>, FacetValues>();

export interface FacetValues {
  methods: string[];
  providers: string[];
}

const COMMON_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Methods (the common ones plus any seen) and providers seen, for the filter menus. Cached per byId. */
export function selectFacetValues(state: AppState): FacetValues {
  const cached = facetCache.get(state.byId);
  if (cached) return cached;
  const methods = new Set<string>(COMMON_METHODS);
  const providers = new Set<string>();
  for (const summary of state.byId.values()) {
    methods.add(summary.method.toUpperCase());
    if (summary.provider) providers.add(summary.provider);
  }
  const facets = { methods: [...methods].sort(), providers: [...providers].sort() };
  facetCache.set(state.byId, facets);
  return facets;
}

/** The URL to give a webhook sender: the tunnel's public URL when one is up, else the local one. */
export const selectIngressUrl = (state: AppState): string | null =>
  state.receiver ? (state.receiver.publicUrl ?? state.receiver.url) : null;

const pathsCache = new WeakMap<Map<string, DeliverySummary>, string[]>();

/**
 * Paths captured so far (no query string), most frequent first: suggestions for an endpoint's
 * path. Cached per byId Map, like the facets.
 */
export function selectCapturedPaths(state: AppState): string[] {
  const cached = pathsCache.get(state.byId);
  if (cached) return cached;
  const counts = new Map<string, number>();
  for (const summary of state.byId.values()) {
    const { path } = splitTarget(summary.target);
    counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  const paths = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 100)
    .map(([path]) => path);
  pathsCache.set(state.byId, paths);
  return paths;
}
