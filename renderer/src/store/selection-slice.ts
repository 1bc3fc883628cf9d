// Which delivery is open, and whether the inbox follows new arrivals.
import type { StateCreator } from 'zustand';
import type { AppState } from './app-state';

export interface SelectionSlice {
  selectedId: string | null;
  /** The second delivery picked for a diff (shift-click / "compare"). */
  compareId: string | null;
  /** True while the inbox sticks to the newest delivery; scrolling up turns it off. */
  followTail: boolean;
  select: (id: string | null) => void;
  setCompareId: (id: string | null) => void;
  setFollowTail: (follow: boolean) => void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selectedId: null,
  compareId: null,
  followTail: true,
  select: (selectedId) => set({ selectedId }),
  setCompareId: (compareId) => set({ compareId }),
  setFollowTail: (followTail) => set({ followTail }),
});
