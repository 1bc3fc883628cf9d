// "Re-verify deliveries" on a big store (issue 17, item 2): while the call runs, the Endpoints view
// shows the engine's pushed `deliveries:reverify-progressed` events as "N of M", then the count.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallName } from '../../electron/contract/api';
import { ok, type Result } from '../../electron/contract/result';
import { renderApp } from './support/render-app';

afterEach(cleanup);

/** The answer the test releases by hand, so the view can be seen mid-run. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

async function openEndpoint(path: string) {
  const rendered = await renderApp(
    [],
    {},
    {
      endpoints: [
        { path: '/github', provider: 'github', handshake: false, secrets: ['gh-secret'] },
        { path: '/kanboard', provider: 'kanboard', handshake: false, secrets: ['kb-secret'] },
      ],
    },
  );
  const { bridge, store } = rendered;
  // The one stand-in: the real engine re-verifies an empty store at once, so this run stays open
  // until the test says so and its progress is pushed by hand; every other call is the engine's.
  const answer = deferred<Result<{ count: number }>>();
  const reverifyInputs: unknown[] = [];
  const passThrough = bridge.api.call.bind(bridge.api);
  bridge.api.call = ((name: CallName, ...args: unknown[]) =>
    name === 'deliveries:reverify'
      ? (reverifyInputs.push(args[0]), answer.promise)
      : (passThrough as (n: CallName, ...a: unknown[]) => unknown)(
          name,
          ...args,
        )) as typeof bridge.api.call;
  act(() => store.getState().setView('endpoints'));
  const item = (await screen.findAllByTestId('endpoint-item')).find(
    (element) => element.getAttribute('data-path') === path,
  );
  await act(async () => fireEvent.click(item as HTMLElement));
  return { ...rendered, answer, reverifyInputs };
}

describe('re-verification progress', () => {
  it('shows the pushed progress of this endpoint, then how many were re-verified', async () => {
    const { bridge, answer, reverifyInputs } = await openEndpoint('/github');
    await act(async () => fireEvent.click(screen.getByText('Re-verify deliveries')));
    expect(reverifyInputs).toEqual([{ endpoint: '/github' }]);
    // Before the first batch is done: it says it is working, without numbers.
    const line = screen.getByTestId('reverify-progress');
    expect(line.textContent).toBe('Re-verifying /github…');

    act(() =>
      bridge.emit('deliveries:reverify-progressed', {
        endpoint: '/github',
        done: 200,
        total: 1000,
      }),
    );
    expect(screen.getByTestId('reverify-progress').textContent?.trim()).toBe(
      'Re-verifying /github: 200 of 1000 deliveries…',
    );
    const bar = screen.getByTestId('reverify-progress').querySelector('progress');
    expect(bar?.getAttribute('value')).toBe('200');
    expect(bar?.getAttribute('max')).toBe('1000');

    // Another run's progress (a whole-store or another path's) is not this one's.
    act(() => bridge.emit('deliveries:reverify-progressed', { endpoint: null, done: 5, total: 9 }));
    expect(screen.getByTestId('reverify-progress').textContent?.trim()).toBe(
      'Re-verifying /github…',
    );
    act(() =>
      bridge.emit('deliveries:reverify-progressed', {
        endpoint: '/github',
        done: 800,
        total: 1000,
      }),
    );
    expect(
      screen.getByTestId('reverify-progress').querySelector('progress')?.getAttribute('value'),
    ).toBe('800');

    await act(async () => answer.resolve(ok({ count: 1000 })));
    expect(screen.queryByTestId('reverify-progress')).toBeNull();
    expect(screen.getByTestId('reverify-result').textContent).toBe('Re-verified 1000 deliveries.');
  });

  it('shows the progress that saving an endpoint started in the background, until it ends', async () => {
    const { bridge } = await openEndpoint('/kanboard');
    expect(screen.queryByTestId('reverify-progress')).toBeNull();
    act(() =>
      bridge.emit('deliveries:reverify-progressed', {
        endpoint: '/kanboard',
        done: 200,
        total: 300,
      }),
    );
    expect(screen.getByTestId('reverify-progress').textContent?.trim()).toBe(
      'Re-verifying /kanboard: 200 of 300 deliveries…',
    );
    act(() =>
      bridge.emit('deliveries:reverify-progressed', {
        endpoint: '/kanboard',
        done: 300,
        total: 300,
      }),
    );
    expect(screen.queryByTestId('reverify-progress')).toBeNull();
    // A whole-store run names no endpoint: nothing to say here.
    act(() => bridge.emit('deliveries:reverify-progressed', { endpoint: null, done: 1, total: 9 }));
    expect(screen.queryByTestId('reverify-progress')).toBeNull();
  });
});
