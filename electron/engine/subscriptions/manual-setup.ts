import type { DeliverySummary } from '../../contract/delivery';
import type { DeliveryStore } from '../store/types';

export type { ManualSetup, ManualSetupInput } from '../providers/types';

/** The URL a provider calls: public URL + endpoint path, whatever slashes each one has. */
export function webhookUrl(publicUrl: string, endpointPath: string): string {
  const path = endpointPath.startsWith('/') ? endpointPath : `/${endpointPath}`;
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}

/** True when a delivery arrived on this endpoint path (ignoring the query string). */
function arrivedOn(summary: DeliverySummary, endpointPath: string): boolean {
  if (summary.endpoint === endpointPath) return true;
  const queryAt = summary.target.indexOf('?');
  return (queryAt === -1 ? summary.target : summary.target.slice(0, queryAt)) === endpointPath;
}

/**
 * Resolves with the id of the first delivery (not a handshake) stored on `endpointPath` from now
 * on, or null after `timeoutMs`: the "waiting for the first event…" step of a manual setup.
 */
export function waitForFirstDelivery(
  store: Pick<DeliveryStore, 'onChange'>,
  endpointPath: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string | null> {
  return new Promise((resolve) => {
    let finish = (_id: string | null) => {};
    const stop = store.onChange((change) => {
      if (change.kind !== 'appended') return;
      const first = change.items.find((item) => !item.handshake && arrivedOn(item, endpointPath));
      if (first) finish(first.id);
    });
    const timer = setTimeout(() => finish(null), timeoutMs);
    const onAbort = () => finish(null);
    finish = (id) => {
      clearTimeout(timer);
      stop();
      signal?.removeEventListener('abort', onAbort);
      resolve(id);
    };
    if (signal?.aborted) finish(null);
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
