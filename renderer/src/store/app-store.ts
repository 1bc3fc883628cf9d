// The store factory: the app makes one, each test makes its own.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppState } from './app-state';
import { createDeliveriesSlice, DEFAULT_SUMMARY_CAP } from './deliveries-slice';
import { createFiltersSlice } from './filters-slice';
import { createNavigationSlice } from './navigation-slice';
import { createSelectionSlice, type InboxOrder } from './selection-slice';
import { createStatusSlice } from './status-slice';

export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  summaryCap?: number;
  /** The remembered inbox order (main.tsx reads it from preferences). */
  inboxOrder?: InboxOrder;
}

export function createAppStore(options: AppStoreOptions = {}): AppStore {
  return createStore<AppState>()((...args) => ({
    ...createDeliveriesSlice(options.summaryCap ?? DEFAULT_SUMMARY_CAP)(...args),
    ...createSelectionSlice(options.inboxOrder)(...args),
    ...createFiltersSlice(...args),
    ...createStatusSlice(...args),
    ...createNavigationSlice(...args),
  }));
}
