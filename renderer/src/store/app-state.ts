import type { DeliveriesSlice } from './deliveries-slice';
import type { FiltersSlice } from './filters-slice';
import type { NavigationSlice } from './navigation-slice';
import type { SelectionSlice } from './selection-slice';
import type { StatusSlice } from './status-slice';

/** The renderer's one store: a projection of the engine, never the source of truth. */
export type AppState = DeliveriesSlice &
  SelectionSlice &
  FiltersSlice &
  StatusSlice &
  NavigationSlice;
