import type { DeliveryDetail } from '../contract/delivery';

/**
 * A delivery as the receiver hands it to the store. The store assigns `seq` and derives
 * `contentType`, `responseStatus` and `badge` from the raw facts, so they are never stored twice.
 */
export type NewDelivery = Omit<DeliveryDetail, 'seq' | 'badge' | 'contentType' | 'responseStatus'>;

export type { DeliveryDetail as Delivery } from '../contract/delivery';

export { headerValue } from '../contract/headers';
