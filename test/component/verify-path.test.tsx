// "Verify this path…" (issue 17, item 5): from a delivery to Endpoints, prefilled; the path field
// suggests the paths already captured.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDelivery } from './support/make-delivery';
import { renderApp, stubInboxViewport } from './support/render-app';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = stubInboxViewport(600);
});
afterEach(() => {
  cleanup();
  restoreViewport();
});

const deliveries = [
  makeDelivery(1, { target: '/kanboard?token=x' }),
  makeDelivery(2, { target: '/github?from=test', provider: 'github', event: 'push' }),
  makeDelivery(3, { target: '/github', provider: 'github', event: 'push' }),
];

async function openVerifyFor(id: string) {
  const row = screen
    .getAllByTestId('delivery-row')
    .find((element) => element.getAttribute('data-delivery-id') === id);
  fireEvent.mouseDown(row as HTMLElement);
  const button = await screen.findByTestId('verify-path');
  await act(async () => fireEvent.click(button));
}

describe('verify this path', () => {
  it('opens Endpoints with the path (no query) and the detected provider filled in', async () => {
    const { store } = await renderApp(deliveries);
    await openVerifyFor('d000002');
    expect(store.getState().view).toBe('endpoints');
    expect(screen.getByTestId('view-tab-endpoints').getAttribute('aria-selected')).toBe('true');
    const path = (await screen.findByTestId('endpoint-path')) as HTMLInputElement;
    expect(path.value).toBe('/github');
    expect((screen.getByTestId('endpoint-provider') as HTMLSelectElement).value).toBe('github');
    expect(screen.getByTestId('endpoint-notice').textContent).toContain('New endpoint for /github');
    // Taken once: coming back to Endpoints later starts plain.
    expect(store.getState().endpointRequest).toBeNull();

    // The path field suggests captured paths, the most captured first, without query strings.
    const options = [
      ...screen.getByTestId('endpoint-path-suggestions').querySelectorAll('option'),
    ].map((option) => option.value);
    expect(options).toEqual(['/github', '/kanboard']);
    expect(path.getAttribute('list')).toBe(
      screen.getByTestId('endpoint-path-suggestions').getAttribute('id'),
    );
  });

  it('selects the saved endpoint when the path already has one', async () => {
    await renderApp(deliveries, {}, { endpoints: [{ path: '/kanboard', handshake: false }] });
    await openVerifyFor('d000001');
    const path = (await screen.findByTestId('endpoint-path')) as HTMLInputElement;
    expect(path.value).toBe('/kanboard');
    expect(path.readOnly).toBe(true);
    expect(screen.getByTestId('endpoint-provider')).toHaveProperty('value', '');
    expect(screen.getByTestId('endpoint-notice').textContent).toContain(
      '/kanboard already has an endpoint',
    );
  });
});
