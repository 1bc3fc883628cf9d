// The Endpoints view's "Arm handshakes" button (issue 13): a saved endpoint with handshakes on shows
// whether challenges are answered now, and opens a 10-minute window through `handshakes:arm`.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from './support/render-app';

afterEach(cleanup);

describe('Arm handshakes', () => {
  it('shows the endpoint unarmed, arms it for 10 minutes, and only for endpoints with handshakes on', async () => {
    const { bridge, store } = await renderApp();
    bridge.endpoints = [
      { path: '/preservica', provider: 'preservica', handshake: true, secretCount: 1 },
      { path: '/plain', handshake: false, secretCount: 0 },
    ];
    act(() => store.getState().setView('endpoints'));
    const items = await screen.findAllByTestId('endpoint-item');
    fireEvent.click(items.find((item) => item.getAttribute('data-path') === '/preservica')!);
    const state = await screen.findByTestId('endpoint-arm-state');
    expect(state.textContent).toContain('Handshakes not armed: challenges get 403');

    fireEvent.click(screen.getByTestId('endpoint-arm-button'));
    await screen.findByText(/Handshakes armed until/);
    expect(bridge.calls.filter((call) => call.name === 'handshakes:arm')).toEqual([
      { name: 'handshakes:arm', input: { endpoint: '/preservica', minutes: 10 } },
    ]);

    fireEvent.click(
      (await screen.findAllByTestId('endpoint-item')).find(
        (item) => item.getAttribute('data-path') === '/plain',
      )!,
    );
    await screen.findByTestId('endpoint-path');
    expect(screen.queryByTestId('endpoint-arm')).toBeNull();
  });
});
