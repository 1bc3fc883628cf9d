// What the user narrows the inbox to. Filtering happens in the engine (it has full-text search);
// the predicate in selectors.ts only decides whether a pushed delivery belongs in the current view.
import type { StateCreator } from 'zustand';
import type { VerdictBadge } from '../../../electron/contract/verdict';
import type { AppState } from './app-state';

export interface Filters {
  /** Full-text search over bodies and headers (engine FTS). */
  text: string;
  method: string;
  provider: string;
  badge: VerdictBadge | '';
}

export const EMPTY_FILTERS: Filters = { text: '', method: '', provider: '', badge: '' };

export interface FiltersSlice {
  filters: Filters;
  setFilter: <K extends keyof Filters>(key: K, value: Filters[K]) => void;
  resetFilters: () => void;
}

export const createFiltersSlice: StateCreator<AppState, [], [], FiltersSlice> = (set) => ({
  filters: EMPTY_FILTERS,
  setFilter: (key, value) => set((state) => ({ filters: { ...state.filters, [key]: value } })),
  resetFilters: () => set({ filters: EMPTY_FILTERS }),
});
