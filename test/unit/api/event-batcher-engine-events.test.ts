import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PushedEvent } from '../../../electron/contract/api';
import { createEventBatcher } from '../../../electron/engine/api/event-batcher';
import { createEngineEvents } from '../../../electron/engine/events/engine-events';
import type { StoreChange } from '../../../electron/engine/store/types';

const noStore = (_listener: (change: StoreChange) => void) => () => {};
const offline = {
  provider: 'none' as const,
  status: { state: 'offline' as const },
  publicUrl: null,
  settings: null,
  ngrokAuthtokenSaved: false,
};

describe('engine events through the event batcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pushes engine events in the order raised, batched, without a stats push of their own', () => {
    const events = createEngineEvents();
    const pushes: PushedEvent[][] = [];
    const batcher = createEventBatcher(noStore, (batch) => pushes.push(batch), {
      intervalMs: 50,
      stats: () => ({ count: 0, bytes: 0 }),
      engineEvents: (listener) => events.on(listener),
    });
    events.emit('tunnel:changed', offline);
    events.emit('subscriptions:progressed', {
      runId: 'r',
      endpointPath: '/p',
      step: 'request-sent',
      detail: 'd',
      at: 1,
    });
    expect(pushes).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(pushes).toEqual([
      [
        { event: 'tunnel:changed', payload: offline },
        {
          event: 'subscriptions:progressed',
          payload: { runId: 'r', endpointPath: '/p', step: 'request-sent', detail: 'd', at: 1 },
        },
      ],
    ]);
    batcher.close();
    events.emit('tunnel:changed', offline);
    vi.runAllTimers();
    expect(pushes).toHaveLength(1);
  });

  it('a listener that throws is reported and does not stop the others', () => {
    const reported: string[] = [];
    const events = createEngineEvents((error) => reported.push(error.message));
    const heard: string[] = [];
    events.on(() => {
      throw new Error('window closed');
    });
    events.on((event) => heard.push(event.event));
    events.emit('tunnel:changed', offline);
    expect(heard).toEqual(['tunnel:changed']);
    expect(reported).toEqual(['window closed']);
  });
});
