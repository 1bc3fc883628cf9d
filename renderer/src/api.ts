// The only file that touches the bridge. Electron's preload provides window.hookscope; the browser
// build (`hookscope serve`) talks to the same API over the local WebSocket bridge. Everything else
// in the renderer receives an AppApi (through React context), so tests can pass a fake HookscopeApi.
import type { DeliveryDetail } from '../../electron/contract/delivery';
import type { HookscopeApi } from '../../electron/contract/api';
import type { Result } from '../../electron/contract/result';
import { connectFromLocation } from '../../electron/contract/ws-client';
import { LruCache } from './lib/lru-cache';

declare global {
  interface Window {
    hookscope?: HookscopeApi;
  }
}

/** How many full deliveries (bodies included) stay cached; bodies can be megabytes each. */
const DEFAULT_DETAIL_CACHE_SIZE = 32;

export interface AppApi {
  call: HookscopeApi['call'];
  on: HookscopeApi['on'];
  /** A full delivery, from the cache when recently fetched. */
  getDetail(id: string): Promise<Result<DeliveryDetail>>;
  /** Drops cached details (deleted, or derived facts changed). */
  forget(ids: readonly string[]): void;
  forgetAll(): void;
  /** Connection state of the transport; Electron IPC is always connected. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
}

interface ConnectionAware {
  onConnectionChange?: (listener: (connected: boolean) => void) => () => void;
}

export function createAppApi(
  bridge: HookscopeApi & ConnectionAware,
  cacheSize = DEFAULT_DETAIL_CACHE_SIZE,
): AppApi {
  const details = new LruCache<string, DeliveryDetail>(cacheSize);
  // Concurrent requests for the same id (keyboard repeat) share one round trip.
  const inFlight = new Map<string, Promise<Result<DeliveryDetail>>>();

  return {
    call: (...args) => bridge.call(...args),
    on: (event, listener) => bridge.on(event, listener),
    getDetail(id) {
      const cached = details.get(id);
      if (cached) return Promise.resolve({ ok: true, value: cached });
      const pending = inFlight.get(id);
      if (pending) return pending;
      const request = bridge.call('deliveries:get', { id }).then((result) => {
        // forget() during the round trip removed the entry: the answer may be stale, don't cache it.
        if (inFlight.get(id) !== request) return result;
        inFlight.delete(id);
        if (result.ok) details.set(id, result.value);
        return result;
      });
      inFlight.set(id, request);
      return request;
    },
    forget(ids) {
      for (const id of ids) {
        details.delete(id);
        inFlight.delete(id);
      }
    },
    forgetAll() {
      details.clear();
      inFlight.clear();
    },
    onConnectionChange(listener) {
      return bridge.onConnectionChange?.(listener) ?? (() => {});
    },
  };
}

/** Picks the transport for this page: the Electron preload when present, else the WebSocket bridge. */
export function connectBridge(): HookscopeApi & ConnectionAware {
  return window.hookscope ?? connectFromLocation(window.location);
}
