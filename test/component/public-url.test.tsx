// Getting a public URL (issue 17, item 11): the first-run screen says why and leads to the Tunnel
// view; the public URL, once up, is what it shows.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from './support/render-app';

afterEach(cleanup);

describe('first run', () => {
  it('explains that providers need a public URL and opens the Tunnel view', async () => {
    const { store, bridge } = await renderApp([]);
    const notice = screen.getByTestId('welcome-public-url');
    expect(notice.textContent).toContain('Providers on the internet need a public URL');
    // The real receiver listens on a free loopback port.
    expect(screen.getByTestId('receiver-url').textContent).toBe(bridge.engine.receiver.url);
    expect(bridge.engine.receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    act(() => fireEvent.click(screen.getByTestId('welcome-open-tunnel')));
    expect(store.getState().view).toBe('tunnel');
    expect(screen.getByTestId('view-tab-tunnel').getAttribute('aria-selected')).toBe('true');
  });

  it('shows the public URL instead, and no tunnel advice, once a tunnel is up', async () => {
    const { store } = await renderApp([]);
    act(() =>
      store.getState().setReceiver({
        url: 'http://127.0.0.1:8080',
        port: 8080,
        publicUrl: 'https://quiet-fox.ngrok-free.app',
      }),
    );
    expect(screen.getByTestId('receiver-url').textContent).toBe('https://quiet-fox.ngrok-free.app');
    expect(screen.queryByTestId('welcome-public-url')).toBeNull();
  });
});

describe('tunnel view', () => {
  it('starts with ngrok, its authtoken field and the free static domain guidance; SSH second', async () => {
    const { store } = await renderApp([]);
    act(() => store.getState().setView('tunnel'));
    const provider = (await screen.findByTestId('tunnel-provider')) as HTMLSelectElement;
    expect(provider.value).toBe('ngrok');
    expect([...provider.options].map((option) => option.value)).toEqual(['ngrok', 'ssh', 'none']);
    expect(screen.getByTestId('tunnel-authtoken')).toBeTruthy();
    const guide = screen.getByTestId('tunnel-ngrok-guide');
    expect(guide.textContent).toContain('Get a free static domain');
    expect(guide.querySelector('a[href="https://dashboard.ngrok.com/domains"]')).toBeTruthy();
  });
});
