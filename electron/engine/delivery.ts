import type { DeliveryDetail } from '../contract/delivery';

/**
 * A delivery as the receiver hands it to the store. The store assigns `seq` and derives
 * `contentType`, `responseStatus` and `badge` from the raw facts, so they are never stored twice.
 */
export type NewDelivery = Omit<DeliveryDetail, 'seq' | 'badge' | 'contentType' | 'responseStatus'>;

export type { DeliveryDetail as Delivery } from '../contract/delivery';

/** Case-insensitive lookup of the first header with this name. */
export function headerValue(
  rawHeaders: ReadonlyArray<readonly [string, string]>,
  name: string,
): string | null {
  const wanted = name.toLowerCase();
  for (const [key, value] of rawHeaders) if (key.toLowerCase() === wanted) return value;
  return null;
}
