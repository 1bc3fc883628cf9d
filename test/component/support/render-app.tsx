// Renders the real App over the real engine, in-process (support/engine-bridge.tsx): a fresh data
// dir per test, seeded through the store's import path, closed and removed when the test finishes.
import { configure } from '@testing-library/react';
import { onTestFinished } from 'vitest';
import type { DeliveryDetail } from '../../../electron/contract/delivery';
import type { EndpointConfig } from '../../../electron/engine/index';
import type { AppStoreOptions } from '../../../renderer/src/store/app-store';
import { renderAppOnEngine, startEngineBridge } from './engine-bridge';

// The real engine answers through SQLite and zod on a machine shared with other suites: let
// findBy/waitFor wait for it longer than testing-library's 1 s default (a bound, not an assertion).
configure({ asyncUtilTimeout: 10_000 });

export interface EngineSetup {
  /** Configured endpoints the engine opens with (as `hookscope.json` would give them). */
  endpoints?: EndpointConfig[];
}

export async function renderApp(
  deliveries: DeliveryDetail[] = [],
  options: AppStoreOptions = {},
  setup: EngineSetup = {},
) {
  const bridge = await startEngineBridge(setup.endpoints);
  // After the test's own afterEach (which unmounts the App), so nothing calls a closed engine.
  onTestFinished(() => bridge.close());
  if (deliveries.length > 0) bridge.capture(...deliveries);
  const rendered = await renderAppOnEngine(bridge, options);
  return { ...rendered, bridge };
}

/** jsdom has no layout: give the inbox's scroll box a real height so the virtualizer has a window. */
export function stubInboxViewport(height = 600, width = 900): () => void {
  const proto = HTMLElement.prototype;
  const original = {
    clientHeight: Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
    clientWidth: Object.getOwnPropertyDescriptor(proto, 'clientWidth'),
  };
  const isViewport = (element: HTMLElement) => element.classList.contains('inbox-scroll');
  Object.defineProperty(proto, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return isViewport(this) ? height : 0;
    },
  });
  Object.defineProperty(proto, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return isViewport(this) ? width : 0;
    },
  });
  return () => {
    for (const [key, descriptor] of Object.entries(original)) {
      if (descriptor) Object.defineProperty(proto, key, descriptor);
      else delete (proto as unknown as Record<string, unknown>)[key];
    }
  };
}
