import { describe, expect, it } from 'vitest';
import type { DeliverySummary } from '../../../electron/contract/delivery';
import { createAppStore } from '../../../renderer/src/store/app-store';
import { EMPTY_FILTERS } from '../../../renderer/src/store/filters-slice';
import {
  isFiltered,
  matchesStructuredFilters,
  selectFacetValues,
  selectIngressUrl,
  selectNeighborId,
  selectOptionalColumns,
  selectShowWelcome,
  toDeliveryQuery,
} from '../../../renderer/src/store/selectors';

function summary(seq: number, overrides: Partial<DeliverySummary> = {}): DeliverySummary {
  return {
    id: `d${seq}`,
    seq,
    receivedAt: 1_700_000_000_000 + seq,
    endpoint: null,
    method: 'POST',
    target: `/h/${seq}`,
    size: 10,
    truncated: false,
    contentType: 'application/json',
    responseStatus: 200,
    via: 'local',
    provider: null,
    event: null,
    handshake: false,
    badge: 'none',
    ...overrides,
  };
}

const newestFirst = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => summary(to - i));

describe('deliveries slice', () => {
  it('hydrates a newest-first page into oldest-first ids', () => {
    const store = createAppStore();
    store.getState().replaceAll(newestFirst(1, 5), 1);
    expect(store.getState().ids).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
    expect(store.getState().nextBeforeSeq).toBe(1);
  });

  it('appends batches with new ids and Map instances, refreshing known ids in place', () => {
    const store = createAppStore();
    store.getState().replaceAll(newestFirst(1, 2), null);
    const before = store.getState();
    store.getState().appendBatch([summary(3), summary(2, { badge: 'ok' })]);
    const after = store.getState();
    expect(after.ids).toEqual(['d1', 'd2', 'd3']);
    expect(after.ids).not.toBe(before.ids);
    expect(after.byId).not.toBe(before.byId);
    expect(after.byId.get('d2')?.badge).toBe('ok');
    expect(before.byId.has('d3')).toBe(false);
  });

  it('keeps seq order when a batch interleaves with what is loaded', () => {
    const store = createAppStore();
    store.getState().replaceAll([summary(10), summary(5)], null);
    store.getState().appendBatch([summary(7), summary(12), summary(1)]);
    expect(store.getState().ids).toEqual(['d1', 'd5', 'd7', 'd10', 'd12']);
  });

  it('evicts the oldest beyond the hard cap and lets them be paged back in', () => {
    const store = createAppStore({ summaryCap: 3 });
    store.getState().replaceAll(newestFirst(1, 3), null);
    store.getState().appendBatch([summary(4), summary(5)]);
    expect(store.getState().ids).toEqual(['d3', 'd4', 'd5']);
    expect(store.getState().byId.size).toBe(3);
    expect(store.getState().nextBeforeSeq).toBe(3);
  });

  it('caps a hydrated page too', () => {
    const store = createAppStore({ summaryCap: 2 });
    store.getState().replaceAll(newestFirst(1, 4), null);
    expect(store.getState().ids).toEqual(['d3', 'd4']);
  });

  it('prepends older pages, evicts ids and clears', () => {
    const store = createAppStore();
    store.getState().replaceAll(newestFirst(4, 5), 4);
    store.getState().prependOlder(newestFirst(1, 3), null);
    expect(store.getState().ids).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
    store.getState().evict(['d2', 'd4', 'unknown']);
    expect(store.getState().ids).toEqual(['d1', 'd3', 'd5']);
    expect(store.getState().byId.has('d2')).toBe(false);
    store.getState().clearDeliveries();
    expect(store.getState().ids).toEqual([]);
    expect(store.getState().byId.size).toBe(0);
  });

  it('updates only loaded summaries and leaves state untouched otherwise', () => {
    const store = createAppStore();
    store.getState().replaceAll(newestFirst(1, 2), null);
    const before = store.getState().byId;
    store.getState().updateItems([summary(9, { badge: 'fail' })]);
    expect(store.getState().byId).toBe(before);
    store.getState().updateItems([summary(1, { badge: 'fail' })]);
    expect(store.getState().byId.get('d1')?.badge).toBe('fail');
    expect(store.getState().byId).not.toBe(before);
  });
});

describe('selectors', () => {
  it('moves the selection by rows, clamped, starting from an edge when nothing is selected', () => {
    const store = createAppStore();
    store.getState().replaceAll(newestFirst(1, 5), null);
    expect(selectNeighborId(store.getState(), 1)).toBe('d1');
    expect(selectNeighborId(store.getState(), -1)).toBe('d5');
    store.getState().select('d3');
    expect(selectNeighborId(store.getState(), 1)).toBe('d4');
    expect(selectNeighborId(store.getState(), -1)).toBe('d2');
    expect(selectNeighborId(store.getState(), 100)).toBe('d5');
    expect(selectNeighborId(store.getState(), -100)).toBe('d1');
    expect(selectNeighborId(createAppStore().getState(), 1)).toBeNull();
  });

  it('builds the engine query from filters, leaving out empty ones', () => {
    expect(toDeliveryQuery(EMPTY_FILTERS, 50)).toEqual({ limit: 50 });
    expect(
      toDeliveryQuery(
        {
          ...EMPTY_FILTERS,
          text: '  order paid ',
          method: 'POST',
          provider: 'kanboard',
          badge: 'fail',
        },
        10,
      ),
    ).toEqual({
      limit: 10,
      text: 'order paid',
      method: 'POST',
      provider: 'kanboard',
      badge: 'fail',
    });
    expect(isFiltered(EMPTY_FILTERS)).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTERS, text: '   ' })).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTERS, badge: 'ok' })).toBe(true);
    // The inspector's filters (issue 6): relative time windows are computed from `now`.
    const now = 1_000_000_000;
    expect(
      toDeliveryQuery(
        {
          ...EMPTY_FILTERS,
          event: 'push',
          endpoint: 'gh',
          status: '500',
          range: '1h',
          pinned: true,
          label: 'bug',
        },
        10,
        now,
      ),
    ).toEqual({
      limit: 10,
      event: 'push',
      endpoint: 'gh',
      responseStatus: 500,
      since: now - 3_600_000,
      pinned: true,
      label: 'bug',
    });
    expect(isFiltered({ ...EMPTY_FILTERS, pinned: true })).toBe(true);
  });

  it('judges pushed deliveries against the structured filters', () => {
    const filters = { ...EMPTY_FILTERS, method: 'post', provider: 'preservica' };
    expect(matchesStructuredFilters(summary(1, { provider: 'preservica' }), filters)).toBe(true);
    expect(matchesStructuredFilters(summary(1, { provider: 'kanboard' }), filters)).toBe(false);
    expect(
      matchesStructuredFilters(summary(1, { method: 'GET', provider: 'preservica' }), filters),
    ).toBe(false);
    expect(
      matchesStructuredFilters(summary(1, { badge: 'ok' }), { ...EMPTY_FILTERS, badge: 'fail' }),
    ).toBe(false);
  });

  it('shows optional columns only when some delivery has the fact, cached per byId map', () => {
    const store = createAppStore();
    store.getState().replaceAll([summary(1)], null);
    const first = selectOptionalColumns(store.getState());
    expect(first).toEqual({ provider: false, event: false, verdict: false });
    expect(selectOptionalColumns(store.getState())).toBe(first);
    store
      .getState()
      .appendBatch([summary(2, { provider: 'kanboard', event: 'task.create', badge: 'ok' })]);
    expect(selectOptionalColumns(store.getState())).toEqual({
      provider: true,
      event: true,
      verdict: true,
    });
  });

  it('lists facet values: common methods plus unusual ones seen, providers seen', () => {
    const store = createAppStore();
    store
      .getState()
      .replaceAll(
        [summary(1, { method: 'PROPFIND', provider: 'b' }), summary(2, { provider: 'a' })],
        null,
      );
    const facets = selectFacetValues(store.getState());
    expect(facets.methods).toContain('PROPFIND');
    expect(facets.methods).toContain('GET');
    expect(facets.providers).toEqual(['a', 'b']);
    expect(selectFacetValues(store.getState())).toBe(facets);
  });

  it('shows the welcome screen only when ready, unfiltered and truly empty', () => {
    const store = createAppStore();
    expect(selectShowWelcome(store.getState())).toBe(false); // still loading
    store.getState().setPhase('ready');
    expect(selectShowWelcome(store.getState())).toBe(true);
    store.getState().setFilter('text', 'nothing matches');
    expect(selectShowWelcome(store.getState())).toBe(false);
    store.getState().resetFilters();
    store.getState().setStats({ count: 3, bytes: 30 });
    expect(selectShowWelcome(store.getState())).toBe(false);
  });

  it('prefers the tunnel URL as the address to give senders', () => {
    const store = createAppStore();
    expect(selectIngressUrl(store.getState())).toBeNull();
    store.getState().setReceiver({ url: 'http://127.0.0.1:8080', port: 8080, publicUrl: null });
    expect(selectIngressUrl(store.getState())).toBe('http://127.0.0.1:8080');
    store
      .getState()
      .setReceiver({ url: 'http://127.0.0.1:8080', port: 8080, publicUrl: 'https://x.ngrok.app' });
    expect(selectIngressUrl(store.getState())).toBe('https://x.ngrok.app');
  });
});
