// What the user narrows the inbox to. Filtering happens in the engine (it has full-text search);
// the predicate in selectors.ts only decides whether a pushed delivery belongs in the current view.
import type { StateCreator } from 'zustand';
import type { DriftStatus } from '../../../electron/contract/learning';
import type { VerdictBadge } from '../../../electron/contract/verdict';
import type { AppState } from './app-state';

export interface Filters {
  /** Full-text search over bodies and headers (engine FTS). */
  text: string;
  method: string;
  provider: string;
  badge: VerdictBadge | '';
  event: string;
  endpoint: string;
  /** The answer's status code as typed ("500"), or ''. */
  status: string;
  /** A window back from now ('' = all time); see TIME_RANGES in selectors.ts. */
  range: '' | '15m' | '1h' | '24h' | '7d';
  pinned: boolean;
  label: string;
  /** Learning's judgement (issue 16): only drifted, settled or still-learning deliveries. */
  drift: DriftStatus | '';
}

export const EMPTY_FILTERS: Filters = {
  text: '',
  method: '',
  provider: '',
  badge: '',
  event: '',
  endpoint: '',
  status: '',
  range: '',
  pinned: false,
  label: '',
  drift: '',
};

export interface FiltersSlice {
  filters: Filters;
  setFilter: <K extends keyof Filters>(key: K, value: Filters[K]) => void;
  resetFilters: () => void;
  /** Applies a whole set at once (a saved filter): one relist, not one per field. */
  replaceFilters: (filters: Filters) => void;
}

export const createFiltersSlice: StateCreator<AppState, [], [], FiltersSlice> = (set) => ({
  filters: EMPTY_FILTERS,
  setFilter: (key, value) => set((state) => ({ filters: { ...state.filters, [key]: value } })),
  resetFilters: () => set({ filters: EMPTY_FILTERS }),
  replaceFilters: (filters) => set({ filters }),
});
