// Inbox habits (issue 17, item 8): order, the "N new deliveries" pill, the selection kept in view,
// the "no matches" state and the Filters popover's dismissal.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  readInboxOrder,
  rememberInboxOrder,
  type PreferenceStorage,
} from '../../renderer/src/lib/preferences';
import { makeDeliveries, makeDelivery } from './support/make-delivery';
import { renderApp, stubInboxViewport } from './support/render-app';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = stubInboxViewport(600);
});
afterEach(() => {
  cleanup();
  restoreViewport();
});

const rows = () => screen.queryAllByTestId('delivery-row');
const rowIds = () => rows().map((row) => row.getAttribute('data-delivery-id'));
const scrollBox = () => screen.getByTestId('inbox-scroll');
const selectRow = (id: string) => {
  const row = rows().find((element) => element.getAttribute('data-delivery-id') === id);
  if (!row) throw new Error(`row ${id} is not rendered`);
  fireEvent.mouseDown(row);
};

function memoryStorage(): PreferenceStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
  };
}

describe('inbox order', () => {
  it('flips to newest first from the Time header, remembers it, and reads it back', async () => {
    const storage = memoryStorage();
    const { store } = await renderApp(makeDeliveries(50));
    const stop = rememberInboxOrder(store, storage);
    expect(rowIds().at(-1)).toBe('d000050');
    const toggle = screen.getByTestId('inbox-order');
    expect(toggle.closest('[role=columnheader]')?.getAttribute('aria-sort')).toBe('ascending');

    fireEvent.click(toggle);
    expect(store.getState().inboxOrder).toBe('newest-first');
    expect(rowIds()[0]).toBe('d000050');
    expect(rowIds()[1]).toBe('d000049');
    expect(scrollBox().scrollTop).toBe(0);
    expect(toggle.closest('[role=columnheader]')?.getAttribute('aria-sort')).toBe('descending');
    expect(storage.values.get('hookscope.inboxOrder')).toBe('newest-first');
    expect(readInboxOrder(storage)).toBe('newest-first');
    stop();
  });

  it('starts newest first when remembered: new arrivals on top, arrows follow the screen', async () => {
    const { bridge, store } = await renderApp(makeDeliveries(10), { inboxOrder: 'newest-first' });
    expect(rowIds()[0]).toBe('d000010');
    act(() => bridge.capture(makeDelivery(11)));
    expect(rowIds()[0]).toBe('d000011');
    const box = scrollBox();
    fireEvent.keyDown(box, { key: 'ArrowDown' }); // nothing selected: down starts at the top
    expect(store.getState().selectedId).toBe('d000011');
    fireEvent.keyDown(box, { key: 'j' });
    expect(store.getState().selectedId).toBe('d000010');
    fireEvent.keyDown(box, { key: 'End' });
    expect(store.getState().selectedId).toBe('d000001');
  });

  it('ignores a stored value it does not know', () => {
    const storage = memoryStorage();
    storage.values.set('hookscope.inboxOrder', 'sideways');
    expect(readInboxOrder(storage)).toBe('oldest-first');
    expect(readInboxOrder(null)).toBe('oldest-first');
  });
});

describe('new deliveries pill', () => {
  it('keeps the selected row in place and counts arrivals instead of scrolling it away', async () => {
    const { bridge, store } = await renderApp(makeDeliveries(100));
    const bottom = 100 * 30 - 600;
    expect(scrollBox().scrollTop).toBe(bottom);
    // Row 81 is the top row in view: following one more arrival would push it out.
    selectRow('d000081');
    act(() => bridge.capture(makeDelivery(101), makeDelivery(102), makeDelivery(103)));
    expect(store.getState().followTail).toBe(false);
    expect(scrollBox().scrollTop).toBe(bottom);
    expect(rowIds()).toContain('d000081');
    const pill = screen.getByTestId('jump-to-latest');
    expect(pill.textContent).toContain('3 new deliveries');

    act(() => bridge.capture(makeDelivery(104)));
    expect(screen.getByTestId('jump-to-latest').textContent).toContain('4 new deliveries');

    fireEvent.click(screen.getByTestId('jump-to-latest'));
    expect(store.getState().followTail).toBe(true);
    expect(rowIds().at(-1)).toBe('d000104');
    expect(screen.queryByTestId('jump-to-latest')).toBeNull();
  });

  it('keeps following while the selected row stays in view', async () => {
    const { bridge, store } = await renderApp(makeDeliveries(100));
    selectRow('d000095');
    act(() => bridge.capture(makeDelivery(101)));
    expect(store.getState().followTail).toBe(true);
    expect(scrollBox().scrollTop).toBe(101 * 30 - 600);
    expect(screen.queryByTestId('jump-to-latest')).toBeNull();
  });

  it('newest first: arrivals above the view shift it down, so the rows in view stay put', async () => {
    const { bridge, store } = await renderApp(makeDeliveries(100), {
      inboxOrder: 'newest-first',
    });
    const box = scrollBox();
    box.scrollTop = 0;
    fireEvent.scroll(box);
    box.scrollTop = 300; // away from the newest end (the top)
    fireEvent.scroll(box);
    expect(store.getState().followTail).toBe(false);
    act(() => bridge.capture(makeDelivery(101), makeDelivery(102)));
    expect(box.scrollTop).toBe(360);
    expect(rowIds()).toContain('d000090'); // row 11 from the top before, row 13 now: still in view
    expect(screen.getByTestId('jump-to-latest').textContent).toContain('2 new deliveries');
  });

  it('says one delivery in the singular', async () => {
    const { bridge } = await renderApp(makeDeliveries(100));
    scrollTo(100 * 30 - 600);
    scrollTo(0);
    act(() => bridge.capture(makeDelivery(101)));
    expect(screen.getByTestId('jump-to-latest').textContent).toContain('1 new delivery');
  });
});

function scrollTo(top: number) {
  const box = scrollBox();
  box.scrollTop = top;
  fireEvent.scroll(box);
}

describe('selection in view', () => {
  it('scrolls to a delivery selected from elsewhere, and back to it after a relist', async () => {
    const { store } = await renderApp(makeDeliveries(100));
    act(() => store.getState().select('d000010'));
    const box = scrollBox();
    expect(box.scrollTop).toBeLessThanOrEqual(9 * 30);
    expect(box.scrollTop + 600).toBeGreaterThanOrEqual(10 * 30);
    expect(rowIds()).toContain('d000010');

    scrollTo(100 * 30 - 600); // the user looks elsewhere: arrivals never yank them back...
    expect(rowIds()).not.toContain('d000010');
    // ...but a new list (filters changed) brings the selection back.
    await act(async () => store.getState().setFilter('method', 'POST'));
    await act(async () => {});
    expect(rowIds()).toContain('d000010');
  });
});

describe('no matches', () => {
  it('says nothing matches, keeps the toolbar, and Clear brings the rows back', async () => {
    const deliveries = makeDeliveries(3).map((d, i) =>
      i === 0 ? { ...d, provider: 'github', badge: 'ok' as const } : d,
    );
    const { store } = await renderApp(deliveries);
    act(() => store.getState().setStats({ count: 3, bytes: 30 }));
    expect(screen.getByLabelText('Filter by provider')).toBeTruthy();
    await act(async () => store.getState().setFilter('text', 'no-such-text'));
    await act(async () => {});
    expect(rows()).toHaveLength(0);
    const empty = screen.getByTestId('no-matches');
    expect(empty.textContent).toContain('No deliveries match “no-such-text”');
    expect(empty.textContent).toContain('3 deliveries are hidden');
    // The provider menu is built from the loaded rows; it must not vanish with them.
    expect(screen.getByLabelText('Filter by provider')).toBeTruthy();
    expect(screen.queryByTestId('empty-state')).toBeNull();

    await act(async () => fireEvent.click(screen.getByTestId('no-matches-clear')));
    await act(async () => {});
    expect(store.getState().filters.text).toBe('');
    expect(rows()).toHaveLength(3);
    expect(screen.queryByTestId('no-matches')).toBeNull();
  });
});

describe('filters popover', () => {
  it('closes on Escape and on a press outside, not on a press inside', async () => {
    await renderApp(makeDeliveries(3));
    const menu = screen.getByTestId('filter-menus') as HTMLDetailsElement;
    const open = () => {
      fireEvent.click(screen.getByTestId('filter-menus-toggle'));
      // jsdom toggles <details> on a summary click and fires "toggle" asynchronously; say so now.
      if (!menu.open) menu.open = true;
      fireEvent(menu, new Event('toggle'));
    };
    open();
    expect(menu.open).toBe(true);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(menu.open).toBe(false);

    open();
    fireEvent.mouseDown(screen.getByTestId('filter-badge'));
    expect(menu.open).toBe(true);
    fireEvent.mouseDown(scrollBox());
    expect(menu.open).toBe(false);
    expect(screen.getByText(/Pinned only/)).toBeTruthy();
  });
});
