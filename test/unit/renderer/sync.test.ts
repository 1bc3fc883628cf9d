// The store stays a projection of the engine: hydrate, then pushed events, including the ones that
// arrive while a page is still loading.
import { describe, expect, it } from 'vitest';
import { createAppApi } from '../../../renderer/src/api';
import { createAppStore } from '../../../renderer/src/store/app-store';
import { startSync } from '../../../renderer/src/store/sync';
import { FakeHookscopeApi, toSummary } from '../../component/support/fake-hookscope-api';
import { makeDeliveries, makeDelivery } from '../../component/support/make-delivery';

function setup(count = 3) {
  const bridge = new FakeHookscopeApi(makeDeliveries(count));
  const api = createAppApi(bridge);
  const store = createAppStore();
  const sync = startSync(api, store);
  return { bridge, api, store, sync };
}

describe('store sync', () => {
  it('hydrates deliveries, receiver and stats, then marks the app ready', async () => {
    const { store, sync } = setup(3);
    expect(store.getState().phase).toBe('loading');
    await sync.hydrate();
    const state = store.getState();
    expect(state.phase).toBe('ready');
    expect(state.ids).toEqual(['d000001', 'd000002', 'd000003']);
    expect(state.receiver?.url).toBe('http://127.0.0.1:8080');
    expect(state.stats.count).toBe(3);
  });

  it('applies captured, updated, deleted and cleared events', async () => {
    const { bridge, store, sync } = setup(2);
    await sync.hydrate();
    bridge.capture(makeDelivery(3));
    expect(store.getState().ids).toEqual(['d000001', 'd000002', 'd000003']);
    bridge.emit('deliveries:updated', [{ ...toSummary(makeDelivery(2)), badge: 'fail' }]);
    expect(store.getState().byId.get('d000002')?.badge).toBe('fail');
    store.getState().select('d000002');
    bridge.emit('deliveries:deleted', ['d000002']);
    expect(store.getState().ids).toEqual(['d000001', 'd000003']);
    expect(store.getState().selectedId).toBeNull();
    bridge.emit('stats:changed', { count: 9, bytes: 99 });
    expect(store.getState().stats).toEqual({ count: 9, bytes: 99 });
    bridge.emit('deliveries:cleared', null);
    expect(store.getState().ids).toEqual([]);
  });

  it('keeps events that arrive while the first page is loading', async () => {
    const { bridge, store, sync } = setup(2);
    const hydrating = sync.hydrate();
    // The page was answered before these arrive, but the store sees them only after it.
    bridge.capture(makeDelivery(3));
    bridge.emit('deliveries:deleted', ['d000001']);
    await hydrating;
    expect(store.getState().ids).toEqual(['d000002', 'd000003']);
  });

  it('relists when filters change, and admits pushed deliveries only if they match', async () => {
    const { bridge, store, sync } = setup(0);
    bridge.deliveries.push(makeDelivery(1, { method: 'GET' }), makeDelivery(2, { method: 'POST' }));
    await sync.hydrate();
    store.getState().setFilter('method', 'GET');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().ids).toEqual(['d000001']);
    bridge.capture(makeDelivery(3, { method: 'POST' }), makeDelivery(4, { method: 'GET' }));
    expect(store.getState().ids).toEqual(['d000001', 'd000004']);
  });

  it('asks the engine whether new arrivals match a text search', async () => {
    const { bridge, store, sync } = setup(0);
    await sync.hydrate();
    store.getState().setFilter('text', 'needle');
    await new Promise((resolve) => setTimeout(resolve, 0));
    bridge.capture(makeDelivery(1, { text: 'hay' }), makeDelivery(2, { text: 'a needle here' }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().ids).toEqual(['d000002']);
  });

  it('pages in older deliveries', async () => {
    const { store, sync } = setup(1_200);
    await sync.hydrate();
    expect(store.getState().ids).toHaveLength(500);
    await sync.loadOlder();
    await sync.loadOlder();
    expect(store.getState().ids).toHaveLength(1_200);
    expect(store.getState().ids[0]).toBe('d000001');
    expect(store.getState().nextBeforeSeq).toBeNull();
  });

  it('caches full deliveries and forgets them when the engine updates or deletes them', async () => {
    const { bridge, api, sync } = setup(1);
    await sync.hydrate();
    const gets = () => bridge.calls.filter((call) => call.name === 'deliveries:get').length;
    await api.getDetail('d000001');
    await api.getDetail('d000001');
    expect(gets()).toBe(1);
    bridge.emit('deliveries:updated', [toSummary(makeDelivery(1))]);
    await api.getDetail('d000001');
    expect(gets()).toBe(2);
  });

  it('stops listening when stopped', async () => {
    const { bridge, store, sync } = setup(1);
    await sync.hydrate();
    sync.stop();
    bridge.capture(makeDelivery(2));
    expect(store.getState().ids).toEqual(['d000001']);
  });
});
