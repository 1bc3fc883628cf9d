// The inbox: a virtualized grid, oldest first (newest at the bottom, like a log) or newest first
// (newest on top, like a mailbox), following new arrivals until the user scrolls away or following
// would push the selected row out of view; then a "N new deliveries" pill says what arrived. Only
// the rows in view (plus a little overscan) exist in the DOM.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useAppStore, useServices } from '../../app-context';
import {
  selectDisplayIds,
  selectIsFiltered,
  selectNeighborId,
  selectOptionalColumns,
  selectUnseenCount,
} from '../../store/selectors';
import { gridTemplate, ROW_HEIGHT } from './inbox-columns';
import { InboxHeader } from './inbox-header';
import { InboxRow } from './inbox-row';
import { NoMatches } from './no-matches';
import { useDeliveryActions } from './use-delivery-actions';

const OVERSCAN = 10;
/** Start paging in older deliveries when this close to the oldest end. */
const LOAD_OLDER_THRESHOLD_PX = ROW_HEIGHT * 5;

/**
 * Tells the virtualizer (and our follow-tail check) about a scroll we made. Browsers fire the
 * scroll event asynchronously; dispatching now renders the new window in the same frame.
 */
function announceScroll(element: HTMLElement): void {
  element.dispatchEvent(new Event('scroll'));
}

/** What the list looked like at the last layout, to tell arrivals from a new list. */
interface LastLayout {
  ids: string[];
  generation: number;
  followTail: boolean;
}

function rowInView(index: number, scrollTop: number, height: number): boolean {
  const top = index * ROW_HEIGHT;
  return top >= scrollTop && top + ROW_HEIGHT <= scrollTop + height;
}

export function InboxList({ onOpen }: { onOpen?: () => void }) {
  const { store, sync } = useServices();
  // Rows in screen order; all positions below are screen positions.
  const ids = useAppStore(selectDisplayIds);
  const newestFirst = useAppStore((state) => state.inboxOrder === 'newest-first');
  const listGeneration = useAppStore((state) => state.listGeneration);
  const selectedId = useAppStore((state) => state.selectedId);
  const followTail = useAppStore((state) => state.followTail);
  const unseen = useAppStore(selectUnseenCount);
  const filtered = useAppStore(selectIsFiltered);
  const ready = useAppStore((state) => state.phase === 'ready');
  const columns = useAppStore(selectOptionalColumns);
  const template = gridTemplate(columns);
  const { deleteDelivery } = useDeliveryActions();
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastScrollTop = useRef(0);
  const last = useRef<LastLayout | null>(null);
  const loadingOlder = useRef(false);

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; rows read the store themselves
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => ids[index] ?? index,
    overscan: OVERSCAN,
    // We announce our own scrolls from layout effects, where flushSync is not allowed; React 19
    // batches the re-render into the same frame anyway.
    useFlushSync: false,
    scrollToFn: (offset, { adjustments = 0 }, instance) => {
      if (instance.scrollElement) instance.scrollElement.scrollTop = offset + adjustments;
    },
  });

  // One place decides where the list stands after it changes: follow the newest end, or keep what
  // the user is looking at where it was.
  useLayoutEffect(() => {
    const previous = last.current;
    last.current = { ids, generation: listGeneration, followTail };
    const element = scrollRef.current;
    if (!element) return;
    const height = element.clientHeight;
    const sameList = previous !== null && previous.generation === listGeneration;
    const rowsArrived = sameList && previous.ids !== ids;
    if (followTail) {
      const newestTop = newestFirst ? 0 : Math.max(0, ids.length * ROW_HEIGHT - height);
      const state = store.getState();
      const selectedIndex = state.selectedId === null ? -1 : ids.indexOf(state.selectedId);
      const wouldLoseSelection =
        rowsArrived &&
        previous.followTail &&
        height > 0 &&
        selectedIndex !== -1 &&
        rowInView(selectedIndex, element.scrollTop, height) &&
        !rowInView(selectedIndex, newestTop, height);
      if (!wouldLoseSelection) {
        element.scrollTop = newestTop;
        announceScroll(element);
        return;
      }
      // Following would scroll the selected row away: stay, and count what arrived instead.
      const newestSeen = previous.ids[newestFirst ? 0 : previous.ids.length - 1];
      state.setFollowTail(false, state.byId.get(newestSeen ?? '')?.seq ?? null);
    }
    // Rows were added above the ones in view (an older page when oldest first, new arrivals when
    // newest first): shift by as many rows so the view does not move.
    if (!rowsArrived) return;
    const previousFirst = previous.ids[0];
    if (previousFirst === undefined || previousFirst === ids[0]) return;
    const shift = ids.indexOf(previousFirst);
    if (shift > 0) {
      element.scrollTop += shift * ROW_HEIGHT;
      lastScrollTop.current = element.scrollTop;
      announceScroll(element);
    }
  }, [ids, followTail, listGeneration, newestFirst, store]);

  const ensureVisible = useCallback((index: number) => {
    const element = scrollRef.current;
    if (!element) return;
    const rowTop = index * ROW_HEIGHT;
    if (rowTop < element.scrollTop) element.scrollTop = rowTop;
    else if (rowTop + ROW_HEIGHT > element.scrollTop + element.clientHeight) {
      element.scrollTop = rowTop + ROW_HEIGHT - element.clientHeight;
    } else return;
    announceScroll(element);
  }, []);

  // Keep the selection in view when it changes from elsewhere (timeline, diff, a deletion) and when
  // the list is replaced or re-ordered under it. Arrivals don't call this: the user may have
  // scrolled the selection away on purpose.
  useLayoutEffect(() => {
    const state = store.getState();
    if (state.selectedId === null) return;
    const index = selectDisplayIds(state).indexOf(state.selectedId);
    if (index !== -1) ensureVisible(index);
  }, [selectedId, listGeneration, newestFirst, store, ensureVisible]);

  const loadOlder = useCallback(() => {
    if (loadingOlder.current || store.getState().nextBeforeSeq === null) return;
    loadingOlder.current = true;
    void sync.loadOlder().finally(() => {
      loadingOlder.current = false;
    });
  }, [store, sync]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    const state = store.getState();
    const top = element.scrollTop;
    const total = state.ids.length * ROW_HEIGHT;
    const bottom = top + element.clientHeight;
    const atNewest = newestFirst ? top <= ROW_HEIGHT / 2 : bottom >= total - ROW_HEIGHT / 2;
    // Away from the newest end: up when oldest first, down when newest first.
    const movedAway = newestFirst ? top > lastScrollTop.current : top < lastScrollTop.current;
    lastScrollTop.current = top;
    if (atNewest) {
      if (!state.followTail) state.setFollowTail(true);
    } else if (movedAway && state.followTail) {
      state.setFollowTail(false);
    }
    const nearOldest = newestFirst
      ? bottom > total - LOAD_OLDER_THRESHOLD_PX
      : top < LOAD_OLDER_THRESHOLD_PX;
    if (movedAway && nearOldest) loadOlder();
  };

  // Ctrl/Cmd-click picks the second delivery of a diff; a plain click selects one and ends the diff.
  const select = useCallback(
    (id: string, compare = false) => {
      const state = store.getState();
      if (compare && state.selectedId !== null && state.selectedId !== id) {
        state.setCompareId(id);
        return;
      }
      state.select(id);
      if (state.compareId !== null) state.setCompareId(null);
    },
    [store],
  );
  const compareId = useAppStore((state) => state.compareId);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const state = store.getState();
    const pageRows = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1,
    );
    const screen = selectDisplayIds(state);
    let target: string | null | undefined;
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        target = selectNeighborId(state, 1);
        break;
      case 'ArrowUp':
      case 'k':
        target = selectNeighborId(state, -1);
        break;
      case 'PageDown':
        target = selectNeighborId(state, pageRows);
        break;
      case 'PageUp':
        target = selectNeighborId(state, -pageRows);
        break;
      case 'Home':
        target = screen[0];
        break;
      case 'End':
        target = screen.at(-1);
        break;
      case 'Enter':
        if (state.selectedId !== null) onOpen?.();
        event.preventDefault();
        return;
      case 'Delete':
        if (state.selectedId !== null) deleteDelivery(state.selectedId);
        event.preventDefault();
        return;
      default:
        return;
    }
    event.preventDefault();
    if (!target) return;
    state.select(target);
    ensureVisible(selectDisplayIds(store.getState()).indexOf(target));
  };

  const jumpToLatest = () => {
    store.getState().setFollowTail(true);
    scrollRef.current?.focus();
  };

  const items = virtualizer.getVirtualItems();
  const selectedRendered =
    selectedId !== null && items.some((item) => ids[item.index] === selectedId);
  const arrow = newestFirst ? '↑' : '↓';

  return (
    <div
      className="inbox"
      role="grid"
      aria-label="Deliveries"
      aria-rowcount={ids.length + 1}
      aria-activedescendant={selectedRendered ? `delivery-row-${selectedId}` : undefined}
      data-testid="inbox"
      data-order={newestFirst ? 'newest-first' : 'oldest-first'}
    >
      <InboxHeader columns={columns} template={template} />
      <div
        ref={scrollRef}
        className="inbox-scroll"
        role="rowgroup"
        tabIndex={0}
        data-testid="inbox-scroll"
        onScroll={onScroll}
        onKeyDown={onKeyDown}
      >
        {ids.length === 0 && filtered && ready && <NoMatches />}
        <div className="inbox-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const id = ids[item.index];
            if (id === undefined) return null;
            return (
              <InboxRow
                key={id}
                id={id}
                index={item.index}
                start={item.start}
                selected={id === selectedId}
                compared={id === compareId}
                columns={columns}
                template={template}
                onSelect={select}
              />
            );
          })}
        </div>
      </div>
      {!followTail && ids.length > 0 && (
        <button
          type="button"
          className={`jump-latest${newestFirst ? ' jump-latest-top' : ''}${unseen > 0 ? ' has-new' : ''}`}
          data-testid="jump-to-latest"
          aria-live="polite"
          onClick={jumpToLatest}
        >
          {arrow}{' '}
          {unseen > 0
            ? `${unseen.toLocaleString('en-US')} new ${unseen === 1 ? 'delivery' : 'deliveries'}`
            : 'Jump to latest'}
        </button>
      )}
    </div>
  );
}
