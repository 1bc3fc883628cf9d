// Which delivery is open, and whether the inbox follows new arrivals.
import type { StateCreator } from 'zustand';
import type { AppState } from './app-state';

/** How the inbox lists deliveries; a remembered view preference (see lib/preferences.ts). */
export type InboxOrder = 'oldest-first' | 'newest-first';

export interface SelectionSlice {
  selectedId: string | null;
  /** The second delivery picked for a diff (shift-click / "compare"). */
  compareId: string | null;
  /** True while the inbox sticks to the newest delivery; scrolling up turns it off. */
  followTail: boolean;
  /**
   * The seq of the newest delivery the user had in view when following stopped; deliveries after
   * it are "new" (the inbox's "N new deliveries" pill). Null while following.
   */
  seenUpToSeq: number | null;
  /** Oldest first puts the newest row at the bottom (a log); newest first puts it on top (a mailbox). */
  inboxOrder: InboxOrder;
  select: (id: string | null) => void;
  setCompareId: (id: string | null) => void;
  /**
   * Stops or resumes following. Stopping remembers what was seen: by default the newest loaded
   * delivery; the inbox passes an older seq when rows arrived in the same step that stopped it.
   */
  setFollowTail: (follow: boolean, seenUpToSeq?: number | null) => void;
  setInboxOrder: (order: InboxOrder) => void;
}

export const createSelectionSlice =
  (inboxOrder: InboxOrder = 'oldest-first'): StateCreator<AppState, [], [], SelectionSlice> =>
  (set) => ({
    selectedId: null,
    compareId: null,
    followTail: true,
    seenUpToSeq: null,
    inboxOrder,
    select: (selectedId) => set({ selectedId }),
    setCompareId: (compareId) => set({ compareId }),
    setFollowTail: (followTail, seenUpToSeq) =>
      set((state) => {
        if (followTail) return { followTail, seenUpToSeq: null };
        if (!state.followTail && seenUpToSeq === undefined) return {};
        const newest = state.byId.get(state.ids.at(-1) ?? '')?.seq ?? null;
        return { followTail, seenUpToSeq: seenUpToSeq === undefined ? newest : seenUpToSeq };
      }),
    // Switching order re-anchors the view on the newest delivery, where that order starts.
    setInboxOrder: (inboxOrder) => set({ inboxOrder, followTail: true, seenUpToSeq: null }),
  });
