// The inbox: a virtualized grid, newest at the bottom, following new arrivals until the user
// scrolls up. Only the rows in view (plus a little overscan) exist in the DOM.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useAppStore, useServices } from '../../app-context';
import {
  selectIds,
  selectIndexOf,
  selectNeighborId,
  selectOptionalColumns,
} from '../../store/selectors';
import { gridTemplate, ROW_HEIGHT } from './inbox-columns';
import { InboxHeader } from './inbox-header';
import { InboxRow } from './inbox-row';
import { useDeliveryActions } from './use-delivery-actions';

const OVERSCAN = 10;
/** Start paging in older deliveries when this close to the top. */
const LOAD_OLDER_THRESHOLD_PX = ROW_HEIGHT * 5;

/**
 * Tells the virtualizer (and our follow-tail check) about a scroll we made. Browsers fire the
 * scroll event asynchronously; dispatching now renders the new window in the same frame.
 */
function announceScroll(element: HTMLElement): void {
  element.dispatchEvent(new Event('scroll'));
}

export function InboxList({ onOpen }: { onOpen?: () => void }) {
  const { store, sync } = useServices();
  const ids = useAppStore(selectIds);
  const selectedId = useAppStore((state) => state.selectedId);
  const followTail = useAppStore((state) => state.followTail);
  const columns = useAppStore(selectOptionalColumns);
  const template = gridTemplate(columns);
  const { deleteDelivery } = useDeliveryActions();
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastScrollTop = useRef(0);
  const firstId = useRef<string | undefined>(undefined);
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

  // Following: stick to the newest row whenever rows arrive (or following is switched back on).
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!followTail || !element) return;
    element.scrollTop = ids.length * ROW_HEIGHT;
    announceScroll(element);
  }, [followTail, ids]);

  // An older page was prepended: keep the rows the user is looking at where they were.
  useLayoutEffect(() => {
    const previousFirst = firstId.current;
    firstId.current = ids[0];
    const element = scrollRef.current;
    if (!element || followTail || previousFirst === undefined || previousFirst === ids[0]) return;
    const shift = ids.indexOf(previousFirst);
    if (shift > 0) {
      element.scrollTop += shift * ROW_HEIGHT;
      announceScroll(element);
    }
  }, [ids, followTail]);

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
    const atBottom = top + element.clientHeight >= state.ids.length * ROW_HEIGHT - ROW_HEIGHT / 2;
    const movedUp = top < lastScrollTop.current;
    lastScrollTop.current = top;
    if (atBottom) {
      if (!state.followTail) state.setFollowTail(true);
    } else if (movedUp && state.followTail) {
      state.setFollowTail(false);
    }
    if (movedUp && top < LOAD_OLDER_THRESHOLD_PX) loadOlder();
  };

  const ensureVisible = (index: number) => {
    const element = scrollRef.current;
    if (!element) return;
    const rowTop = index * ROW_HEIGHT;
    if (rowTop < element.scrollTop) element.scrollTop = rowTop;
    else if (rowTop + ROW_HEIGHT > element.scrollTop + element.clientHeight) {
      element.scrollTop = rowTop + ROW_HEIGHT - element.clientHeight;
    } else return;
    announceScroll(element);
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
        target = state.ids[0];
        break;
      case 'End':
        target = state.ids.at(-1);
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
    ensureVisible(selectIndexOf(store.getState(), target));
  };

  const jumpToLatest = () => {
    store.getState().setFollowTail(true);
    scrollRef.current?.focus();
  };

  const items = virtualizer.getVirtualItems();
  const selectedRendered =
    selectedId !== null && items.some((item) => ids[item.index] === selectedId);

  return (
    <div
      className="inbox"
      role="grid"
      aria-label="Deliveries"
      aria-rowcount={ids.length + 1}
      aria-activedescendant={selectedRendered ? `delivery-row-${selectedId}` : undefined}
      data-testid="inbox"
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
          className="jump-latest"
          data-testid="jump-to-latest"
          onClick={jumpToLatest}
        >
          ↓ Jump to latest
        </button>
      )}
    </div>
  );
}
