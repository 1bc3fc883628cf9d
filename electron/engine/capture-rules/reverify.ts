import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Delivery } from '../delivery';
import { matchEndpoint, requestPath } from '../receiver/endpoint-match';
import type { DeliveryStore, DerivedFacts } from '../store/types';

/** Deliveries recomputed between two yields: keeps captures and UI calls flowing meanwhile. */
export const REVERIFY_BATCH = 200;

export type ReverifyScope = { ids: readonly string[] } | { endpoint: string } | { all: true };

export interface ReverifyProgress {
  done: number;
  total: number;
}

/**
 * Ids in scope, cheapest first: summaries only, paged. An endpoint's scope is every delivery whose
 * path it matches now (the receiver's rule: a prefix on segment boundaries), not only those captured
 * while it existed: a secret added later must re-judge the deliveries that came before it.
 */
function idsInScope(store: DeliveryStore, scope: ReverifyScope): string[] {
  if ('ids' in scope) return [...scope.ids];
  const ids: string[] = [];
  const under = 'endpoint' in scope ? [{ path: scope.endpoint }] : null;
  // The index narrows by string prefix; matchEndpoint then keeps segment boundaries (`/hooks`
  // takes `/hooks/github`, not `/hooksmith`).
  const pathPrefix = 'endpoint' in scope ? scope.endpoint.replace(/\/+$/, '') : undefined;
  let beforeSeq: number | undefined;
  for (;;) {
    const page = store.list({ limit: 1000, pathPrefix, beforeSeq });
    for (const item of page.items) {
      if (!under || matchEndpoint(under, requestPath(item.target))) ids.push(item.id);
    }
    if (page.nextBeforeSeq === null) return ids;
    beforeSeq = page.nextBeforeSeq;
  }
}

/**
 * Recomputes the derived facts (provider, event, verdict) of stored deliveries, e.g. after a
 * secret changed. Raw facts are untouched. Works in batches and yields to the event loop between
 * them, so a store of 100k deliveries never blocks the receiver for seconds.
 */
export async function reverifyDeliveries(
  store: DeliveryStore,
  scope: ReverifyScope,
  derive: (delivery: Delivery) => DerivedFacts,
  control: {
    onProgress?: (progress: ReverifyProgress) => void;
    /** Checked between batches: the engine is shutting down. */
    shouldStop?: () => boolean;
  } = {},
): Promise<number> {
  const { onProgress, shouldStop } = control;
  if (shouldStop?.()) return 0;
  const ids = idsInScope(store, scope);
  let done = 0;
  for (let start = 0; start < ids.length; start += REVERIFY_BATCH) {
    if (shouldStop?.()) break;
    // Materialise the batch before writing: the store's reads and writes share one connection.
    const batch = [...store.iterate(ids.slice(start, start + REVERIFY_BATCH))];
    for (const delivery of batch) store.updateDerived(delivery.id, derive(delivery));
    done += batch.length;
    onProgress?.({ done, total: ids.length });
    await yieldToLoop();
  }
  return done;
}
