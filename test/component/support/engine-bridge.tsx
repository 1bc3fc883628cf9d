// Component tests against the real engine, in-process: createEngine on a temporary data dir (real
// receiver on loopback, real SQLite), the real API handlers behind dispatchCall (the entry point of
// both real transports, with the contract's validation), and store changes and engine events
// pushed through the real event batcher, as `hookscope serve` pushes them to the page.
import { act, render } from '@testing-library/react';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  CallArgs,
  CallName,
  CallOutput,
  EventListener,
  EventName,
  EventPayload,
  HookscopeApi,
} from '../../../electron/contract/api';
import type { DeliveryDetail } from '../../../electron/contract/delivery';
import type { Result } from '../../../electron/contract/result';
import { dispatchCall } from '../../../electron/engine/api/dispatch-call';
import { createEventBatcher } from '../../../electron/engine/api/event-batcher';
import { createApiHandlers } from '../../../electron/engine/api/handlers';
import { importDeliveries } from '../../../electron/engine/export/import';
import { createEngine, type EndpointConfig, type Engine } from '../../../electron/engine/index';
import type { SqliteDeliveryStore } from '../../../electron/engine/store/delivery-store';
import { createAppApi } from '../../../renderer/src/api';
import { App } from '../../../renderer/src/App';
import { createAppStore, type AppStoreOptions } from '../../../renderer/src/store/app-store';
import { startSync } from '../../../renderer/src/store/sync';

export interface EngineBridge {
  engine: Engine;
  api: HookscopeApi;
  /** POSTs to the real receiver and waits until the delivery is a row (and learned from). */
  deliver(path: string, body: string, headers?: Record<string, string>): Promise<string>;
  /**
   * Writes whole deliveries (ids, times, bodies as given) through the store's import path, the
   * one `hookscope import` uses, and pushes them as the engine pushes a committed batch.
   */
  capture(...details: DeliveryDetail[]): void;
  /**
   * Pushes an event to the page as the engine would, for states the engine reaches only through
   * a damaged disk or a long-running job (damage notices, re-verification progress): the narrowest
   * stand-in, the rest of the app still talks to the real engine.
   */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

export async function startEngineBridge(endpoints: EndpointConfig[] = []): Promise<EngineBridge> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-component-'));
  const engine = await createEngine({ dataDir, endpoints });
  const handlers = createApiHandlers(engine, { shell: 'browser' });
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const batcher = createEventBatcher(
    (listener) => engine.store.onChange(listener),
    (events) => {
      for (const pushed of events)
        for (const listener of listeners.get(pushed.event) ?? []) listener(pushed.payload);
    },
    { intervalMs: 10, stats: () => engine.store.stats(), engineEvents: (l) => engine.events.on(l) },
  );
  const api: HookscopeApi = {
    call<C extends CallName>(name: C, ...input: CallArgs<C>) {
      return dispatchCall(handlers, name, input[0]) as Promise<Result<CallOutput<C>>>;
    },
    on<E extends EventName>(event: E, listener: EventListener<E>) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => set.delete(untyped);
    },
  };
  return {
    engine,
    api,
    async deliver(path, body, headers = { 'content-type': 'application/json' }) {
      const reply = await fetch(`${engine.receiver.url}${path}`, { method: 'POST', headers, body });
      const { id } = (await reply.json()) as { id: string };
      await (engine.store as SqliteDeliveryStore).whenIndexed();
      batcher.flushNow();
      return id;
    },
    capture(...details) {
      // The store keeps what the receiver derives (seq, badge, content type, status) itself. The
      // bodies are copied into this realm's Uint8Array: jsdom's TextEncoder may hand out another's.
      importDeliveries(
        engine.store,
        details.map(
          ({ seq: _s, badge: _b, contentType, responseStatus: _r, body, response, ...rest }) => ({
            ...rest,
            rawHeaders: withContentType(rest.rawHeaders, contentType),
            body: Uint8Array.from(body),
            response: response && { ...response, body: Uint8Array.from(response.body) },
          }),
        ),
      );
      batcher.flushNow();
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    async close() {
      batcher.close();
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The store reads a delivery's content type from its raw headers, as the receiver recorded them:
 * a test that names a content type gets the request header that carries it.
 */
function withContentType(
  rawHeaders: DeliveryDetail['rawHeaders'],
  contentType: string | null,
): DeliveryDetail['rawHeaders'] {
  const isType = ([name]: readonly [string, string]) => name.toLowerCase() === 'content-type';
  if (contentType === null) return rawHeaders.filter((header) => !isType(header));
  if (!rawHeaders.some(isType)) return [...rawHeaders, ['Content-Type', contentType]];
  return rawHeaders.map((header) => (isType(header) ? [header[0], contentType] : header));
}

/** Renders the real App over the bridge, hydrated, as main.tsx does with the real one. */
export async function renderAppOnEngine(bridge: EngineBridge, options: AppStoreOptions = {}) {
  const api = createAppApi(bridge.api);
  const store = createAppStore(options);
  const sync = startSync(api, store);
  const view = render(<App services={{ api, store, sync }} />);
  await act(() => sync.hydrate());
  return { ...view, api, store, sync };
}
