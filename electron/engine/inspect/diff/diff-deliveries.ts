import type { DeliveryDiff } from '../../../contract/inspector';
import type { Delivery } from '../../delivery';
import { diffMessages, type MessageDiff } from './delivery-diff';
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
  // What the masks hid matters: a valid and a wrongly signed delivery differ only in a masked
  // signature header, and "no differences" alone would hide exactly that.
  const hiddenByMasks =
    masks.length === 0 ? 0 : countChanges(diffMessages(a, b, {})) - countChanges(diff);
  const side = ({ receivedAt, method, target }: Delivery) => ({ receivedAt, method, target });
  return {
    a: a.id,
    b: b.id,
    equal: diff.equal,
    changes: diff.changes,
    body: diff.body,
    masks,
    hiddenByMasks,
    sides: [side(a), side(b)],
  };
}

/** Changes masks can hide: headers, query and JSON body pointers (text and binary are not masked). */
function countChanges(diff: MessageDiff): number {
  return diff.changes.length + (diff.body.kind === 'json' ? diff.body.changes.length : 0);
}
