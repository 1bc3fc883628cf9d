export { diffJson } from './json-diff';
export { diffLines, type LineOp } from './line-diff';
export {
  diffMessages,
  type BodyDiff,
  type DiffableMessage,
  type MessageDiff,
} from './delivery-diff';
export { MASK_PRESETS, presetMasks } from './mask-presets';
export type { DiffChange, DiffOptions } from './types';
export { diffDeliveries, type DiffDeliveriesOptions } from './diff-deliveries';
