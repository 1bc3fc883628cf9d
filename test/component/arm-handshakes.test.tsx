// The Endpoints view's "Arm handshakes" button (issue 13): a saved endpoint with handshakes on shows
// whether challenges are answered now, and opens a 10-minute window through `handshakes:arm`.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from './support/render-app';

afterEach(cleanup);

describe('Arm handshakes', () => {
  it('shows the endpoint unarmed, arms it for 10 minutes, and only for endpoints with handshakes on', async () => {
    const { bridge, store } = await renderApp(
      [],
      {},
      {
        endpoints: [
          { path: '/preservica', provider: 'preservica', handshake: true, secrets: ['s3cret'] },
          { path: '/plain', handshake: false },
        ],
      },
    );
    // The engine arms handshake endpoints when it starts; close that window to begin unarmed.
    const disarmed = await bridge.api.call('handshakes:arm', {
      endpoint: '/preservica',
      minutes: 0,
    });
    expect(disarmed.ok && disarmed.value.armedUntil).toBeNull();
    act(() => store.getState().setView('endpoints'));
    const items = await screen.findAllByTestId('endpoint-item');
    fireEvent.click(items.find((item) => item.getAttribute('data-path') === '/preservica')!);
    const state = await screen.findByTestId('endpoint-arm-state');
    expect(state.textContent).toContain('Handshakes not armed: challenges get 403');

    fireEvent.click(screen.getByTestId('endpoint-arm-button'));
    await screen.findByText(/Handshakes armed until/);
    // The engine's own state: a 10-minute window on /preservica, none on /plain.
    const armed = await bridge.api.call('handshakes:armed', { endpoint: '/preservica' });
    if (!armed.ok) throw new Error(armed.error.message);
    const minutesLeft = ((armed.value.armedUntil ?? 0) - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(9);
    expect(minutesLeft).toBeLessThanOrEqual(10);
    const plain = await bridge.api.call('handshakes:armed', { endpoint: '/plain' });
    expect(plain.ok && plain.value.armedUntil).toBeNull();

    fireEvent.click(
      (await screen.findAllByTestId('endpoint-item')).find(
        (item) => item.getAttribute('data-path') === '/plain',
      )!,
    );
    await screen.findByTestId('endpoint-path');
    expect(screen.queryByTestId('endpoint-arm')).toBeNull();
  });
});
