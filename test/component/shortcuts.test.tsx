// Keyboard (issue 17, item 9): `?` lists every shortcut, and f / d / r press their buttons.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
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

const press = (key: string, target: Element = document.body) => fireEvent.keyDown(target, { key });

describe('keyboard shortcuts', () => {
  it('? opens the overlay listing search, filters, diff, replay and the view switch; Esc closes it', async () => {
    await renderApp(makeDeliveries(3));
    expect(screen.queryByTestId('shortcuts-overlay')).toBeNull();
    press('?');
    const overlay = screen.getByTestId('shortcuts-overlay');
    expect(within(overlay).getByRole('heading', { name: 'Keyboard shortcuts' })).toBeTruthy();
    const text = overlay.textContent ?? '';
    for (const words of [
      'Search bodies and headers',
      'Open or close the filters',
      'Diff the open delivery',
      'Replay the open delivery',
      'Inbox',
      'Endpoints',
      'Tunnel',
    ]) {
      expect(text).toContain(words);
    }
    press('Escape');
    expect(screen.queryByTestId('shortcuts-overlay')).toBeNull();
  });

  it('ignores ? typed into the search box', async () => {
    await renderApp(makeDeliveries(1));
    press('?', screen.getByTestId('filter-input'));
    expect(screen.queryByTestId('shortcuts-overlay')).toBeNull();
  });

  it('keeps the way to the shortcuts in the toolbar once a delivery is selected', async () => {
    await renderApp(makeDeliveries(3));
    fireEvent.keyDown(screen.getByTestId('inbox-scroll'), { key: 'ArrowUp' });
    expect(await screen.findByTestId('detail-request-line')).toBeTruthy();
    fireEvent.click(screen.getByTestId('shortcuts-button'));
    expect(screen.getByTestId('shortcuts-overlay')).toBeTruthy();
    fireEvent.click(screen.getByTestId('shortcuts-close'));
    expect(screen.queryByTestId('shortcuts-overlay')).toBeNull();
  });

  it('f opens the filters; r opens the replay editor and d starts a diff for the open delivery', async () => {
    // One path for all three: "the previous one like it" is the engine's query by path prefix.
    const { store } = await renderApp(
      [1, 2, 3].map((seq) => makeDelivery(seq, { target: '/hooks/same' })),
    );
    const menu = screen.getByTestId('filter-menus') as HTMLDetailsElement;
    press('f');
    // jsdom flips <details> on the summary click but fires "toggle" later: deliver it now.
    act(() => void menu.dispatchEvent(new Event('toggle')));
    expect(menu.open).toBe(true);
    press('Escape');
    expect(menu.open).toBe(false);

    fireEvent.keyDown(screen.getByTestId('inbox-scroll'), { key: 'ArrowUp' });
    await screen.findByTestId('detail-request-line');
    const replay = await screen.findByTestId('replay-open');
    expect(replay.getAttribute('aria-expanded')).toBe('false');
    press('r');
    expect(screen.getByTestId('replay-open').getAttribute('aria-expanded')).toBe('true');

    await act(async () => {
      press('d');
    });
    // The previous delivery comes from the engine's list, a real query: wait for its answer.
    await waitFor(() => expect(store.getState().compareId).toBe('d000002'));
    // The engine's diff of the two real rows is what the view shows.
    expect((await screen.findByTestId('diff-left-id')).getAttribute('data-delivery-id')).toMatch(
      /^d00000[23]$/,
    );
  });
});
