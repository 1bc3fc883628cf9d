import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

function scrollTo(top: number) {
  const box = scrollBox();
  box.scrollTop = top;
  fireEvent.scroll(box);
}

describe('inbox list', () => {
  it('renders only the visible rows out of 10,000, following the newest at the bottom', async () => {
    const { bridge, store } = await renderApp([makeDelivery(1)]);
    act(() => bridge.capture(...makeDeliveries(10_001).slice(1)));
    expect(store.getState().ids).toHaveLength(10_001);
    const rendered = rows();
    // 600 px / 30 px = 20 rows in view, plus an overscan of 10 on each side at most.
    expect(rendered.length).toBeGreaterThanOrEqual(20);
    expect(rendered.length).toBeLessThanOrEqual(40);
    const last = rendered.at(-1);
    expect(last?.getAttribute('data-delivery-id')).toBe('d010001');
    // Row 1 is the header, so the newest of 10,001 deliveries is row 10,002.
    expect(last?.getAttribute('aria-rowindex')).toBe('10002');
    expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('10002');
  });

  it('renders the window the user scrolls to', async () => {
    // The first page holds the newest 500 of 2,000: seq 1501..2000, oldest first.
    await renderApp(makeDeliveries(2_000));
    scrollTo(300 * 30);
    expect(rowIds()).toContain('d001801');
    expect(rowIds()).not.toContain('d002000');
  });

  it('pauses follow-tail when the user scrolls up, and resumes from "jump to latest"', async () => {
    const { bridge, store } = await renderApp(makeDeliveries(100));
    expect(store.getState().followTail).toBe(true);
    expect(screen.queryByTestId('jump-to-latest')).toBeNull();

    scrollTo(100 * 30 - 600); // at the bottom
    scrollTo(10 * 30); // then up
    expect(store.getState().followTail).toBe(false);
    expect(screen.getByTestId('jump-to-latest')).toBeTruthy();

    // New arrivals don't yank the view while paused.
    act(() => bridge.capture(makeDelivery(101), makeDelivery(102)));
    expect(scrollBox().scrollTop).toBe(300);
    expect(rowIds()).not.toContain('d000102');

    fireEvent.click(screen.getByTestId('jump-to-latest'));
    expect(store.getState().followTail).toBe(true);
    expect(rowIds().at(-1)).toBe('d000102');
    act(() => bridge.capture(makeDelivery(103)));
    expect(rowIds().at(-1)).toBe('d000103');
  });

  it('resumes following when the user scrolls back to the bottom', async () => {
    const { store } = await renderApp(makeDeliveries(100));
    scrollTo(100 * 30 - 600);
    scrollTo(0);
    expect(store.getState().followTail).toBe(false);
    scrollTo(100 * 30 - 600);
    expect(store.getState().followTail).toBe(true);
  });

  it('moves the selection with arrows and j/k, marking it aria-selected', async () => {
    const { store } = await renderApp(makeDeliveries(50));
    const box = scrollBox();
    fireEvent.keyDown(box, { key: 'ArrowUp' }); // nothing selected: up starts at the newest
    expect(store.getState().selectedId).toBe('d000050');
    fireEvent.keyDown(box, { key: 'k' });
    expect(store.getState().selectedId).toBe('d000049');
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    expect(store.getState().selectedId).toBe('d000048');
    fireEvent.keyDown(box, { key: 'j' });
    expect(store.getState().selectedId).toBe('d000049');
    const selected = rows().filter((row) => row.getAttribute('aria-selected') === 'true');
    expect(selected.map((row) => row.getAttribute('data-delivery-id'))).toEqual(['d000049']);
    fireEvent.keyDown(box, { key: 'Home' });
    expect(store.getState().selectedId).toBe('d000001');
    expect(rowIds()).toContain('d000001');
  });

  it('selects a row on click and shows its detail', async () => {
    await renderApp(makeDeliveries(5));
    const row = rows().find((element) => element.getAttribute('data-delivery-id') === 'd000003');
    fireEvent.mouseDown(row as HTMLElement);
    expect(await screen.findByTestId('detail-request-line')).toBeTruthy();
    expect(screen.getByTestId('detail-request-line').textContent).toContain('/hooks/3');
  });

  it('deletes the selected delivery with Delete after confirming in the dialog', async () => {
    const { bridge, store } = await renderApp(makeDeliveries(5));
    const box = scrollBox();
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    expect(store.getState().selectedId).toBe('d000004');
    fireEvent.keyDown(box, { key: 'Delete' });
    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog.textContent).toContain('/hooks/4');

    fireEvent.click(screen.getByTestId('confirm-cancel'));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    // Still stored in the engine.
    expect((await bridge.api.call('deliveries:get', { id: 'd000004' })).ok).toBe(true);

    fireEvent.keyDown(box, { key: 'Delete' });
    await act(async () => fireEvent.click(screen.getByTestId('confirm-accept')));
    expect((await bridge.api.call('deliveries:get', { id: 'd000004' })).ok).toBe(false);
    await waitFor(() => expect(store.getState().ids).not.toContain('d000004'));
    expect(store.getState().selectedId).toBe('d000005');
  });

  it('clears everything after confirming, then shows the welcome screen', async () => {
    const { bridge } = await renderApp(makeDeliveries(3));
    fireEvent.click(screen.getByTestId('clear-all'));
    await act(async () => fireEvent.click(screen.getByTestId('confirm-accept')));
    // The engine pushes deliveries:cleared and the new stats itself.
    const left = await bridge.api.call('deliveries:count', {});
    expect(left.ok && left.value.count).toBe(0);
    expect(await screen.findByTestId('empty-state')).toBeTruthy();
  });

  it('marks the root ready once hydrated', async () => {
    const { container } = await renderApp(makeDeliveries(1));
    expect(container.querySelector('[data-app-state="ready"]')).not.toBeNull();
  });
});
