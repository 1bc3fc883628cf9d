import type { DeliveryDiff } from '../../../contract/inspector';
import type { Delivery } from '../../delivery';
import { diffMessages } from './delivery-diff';
import { presetMasks } from './mask-presets';

export interface DiffDeliveriesOptions {
  /** The caller's own mask patterns. */
  masks?: readonly string[];
  /** Add the provider's volatile fields (and the common ones: date, request id, ...). */
  usePresets?: boolean;
}

/**
 * Diffs two stored deliveries: headers, query and body. Presets follow the newer delivery's
 * provider (falling back to the older one's), since both are usually the same event.
 */
export function diffDeliveries(
  a: Delivery,
  b: Delivery,
  options: DiffDeliveriesOptions = {},
): DeliveryDiff {
  const presets = options.usePresets ? presetMasks(b.provider ?? a.provider) : [];
  const masks = [...new Set([...presets, ...(options.masks ?? [])])];
  const diff = diffMessages(a, b, { masks });
  return { a: a.id, b: b.id, equal: diff.equal, changes: diff.changes, body: diff.body, masks };
}
