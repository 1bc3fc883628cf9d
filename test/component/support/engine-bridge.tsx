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
  HookscopeApi,
} from '../../../electron/contract/api';
import type { Result } from '../../../electron/contract/result';
import { dispatchCall } from '../../../electron/engine/api/dispatch-call';
import { createEventBatcher } from '../../../electron/engine/api/event-batcher';
import { createApiHandlers } from '../../../electron/engine/api/handlers';
import { createEngine, type EndpointConfig, type Engine } from '../../../electron/engine/index';
import type { SqliteDeliveryStore } from '../../../electron/engine/store/delivery-store';
import { createAppApi } from '../../../renderer/src/api';
import { App } from '../../../renderer/src/App';
import { createAppStore } from '../../../renderer/src/store/app-store';
import { startSync } from '../../../renderer/src/store/sync';

export interface EngineBridge {
  engine: Engine;
  api: HookscopeApi;
  /** POSTs to the real receiver and waits until the delivery is a row (and learned from). */
  deliver(path: string, body: string, headers?: Record<string, string>): Promise<string>;
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
    async close() {
      batcher.close();
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Renders the real App over the bridge, hydrated, as main.tsx does with the real one. */
export async function renderAppOnEngine(bridge: EngineBridge) {
  const api = createAppApi(bridge.api);
  const store = createAppStore();
  const sync = startSync(api, store);
  const view = render(<App services={{ api, store, sync }} />);
  await act(() => sync.hydrate());
  return { ...view, api, store, sync };
}
