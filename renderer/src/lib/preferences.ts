// View preferences that belong to this window, not to the data: the inbox order. They live in the
// page's localStorage (per origin: the Electron window, or the browser build on its UI port) rather
// than in the engine's inspector settings, because those are saved as one whole object by several
// panels, and a stale copy in one panel would silently undo a toggle made in another.
import type { AppStore } from '../store/app-store';
import type { InboxOrder } from '../store/selection-slice';

const INBOX_ORDER_KEY = 'hookscope.inboxOrder';

/** The part of Storage we use; jsdom's and the browser's localStorage both fit. */
export type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The page's localStorage, or null where it is refused (e.g. storage disabled by policy). */
export function pageStorage(): PreferenceStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function readInboxOrder(storage: PreferenceStorage | null): InboxOrder {
  const value = storage?.getItem(INBOX_ORDER_KEY);
  return value === 'newest-first' ? 'newest-first' : 'oldest-first';
}

/** Writes the inbox order whenever it changes; returns the unsubscribe. */
export function rememberInboxOrder(store: AppStore, storage: PreferenceStorage | null): () => void {
  return store.subscribe((state, previous) => {
    if (state.inboxOrder === previous.inboxOrder || !storage) return;
    try {
      storage.setItem(INBOX_ORDER_KEY, state.inboxOrder);
    } catch {
      // A full or read-only storage only costs the preference, never the app.
    }
  });
}
