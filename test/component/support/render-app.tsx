// Renders the real App around a fake bridge, hydrated, as main.tsx does with the real one.
import { act, render } from '@testing-library/react';
import type { DeliveryDetail } from '../../../electron/contract/delivery';
import { createAppApi } from '../../../renderer/src/api';
import { App } from '../../../renderer/src/App';
import { createAppStore, type AppStoreOptions } from '../../../renderer/src/store/app-store';
import { startSync } from '../../../renderer/src/store/sync';
import { FakeHookscopeApi } from './fake-hookscope-api';

export async function renderApp(deliveries: DeliveryDetail[] = [], options: AppStoreOptions = {}) {
  const bridge = new FakeHookscopeApi(deliveries);
  const api = createAppApi(bridge);
  const store = createAppStore(options);
  const sync = startSync(api, store);
  const view = render(<App services={{ api, store, sync }} />);
  await act(() => sync.hydrate());
  return { ...view, bridge, api, store, sync };
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
