// Contract types of the inspector: diffs between deliveries, facets and histograms for the filter
// menus and the timeline, annotations (pin, labels, note), and the user's inspector settings
// (saved filters, mask rules). Pure zod, shared by the engine and the renderer.
import { z } from 'zod';
import { DeliveryQuery } from './delivery';

const DeliveryId = z.string().min(1).max(200);

/** One difference, located by JSON pointer (`/headers/<name>`, `/query/<name>`, `/body/...`). */
export const DiffChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('added'), pointer: z.string(), new: z.unknown() }),
  z.object({ kind: z.literal('removed'), pointer: z.string(), old: z.unknown() }),
  z.object({ kind: z.literal('changed'), pointer: z.string(), old: z.unknown(), new: z.unknown() }),
  z.object({
    kind: z.literal('moved'),
    pointer: z.string(),
    from: z.string(),
    old: z.unknown(),
    new: z.unknown(),
  }),
]);
export type DiffChange = z.infer<typeof DiffChange>;

export const LineOp = z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() });
export type LineOp = z.infer<typeof LineOp>;

export const BodyDiff = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('json'), changes: z.array(DiffChange) }),
  z.object({
    kind: z.literal('text'),
    lines: z.array(LineOp),
    equal: z.boolean(),
    /** The edit cap was reached: the changed middle is one removed block then one added block. */
    approximate: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('binary'),
    equal: z.boolean(),
    sizes: z.tuple([z.number().int(), z.number().int()]),
  }),
]);
export type BodyDiff = z.infer<typeof BodyDiff>;

/** Mask patterns: `/body/id`, `*` for any one segment, or a bare key name matching at any depth. */
export const MaskList = z.array(z.string().min(1).max(500)).max(500);

export const DiffInput = z.strictObject({
  /** The older (left) delivery. */
  a: DeliveryId,
  /** The newer (right) delivery. */
  b: DeliveryId,
  masks: MaskList.optional(),
  /** Also mask the volatile fields of the deliveries' provider (ids, timestamps, signatures). */
  usePresets: z.boolean().default(false),
});

export const DiffSide = z.object({
  receivedAt: z.number(),
  method: z.string(),
  target: z.string(),
});
export type DiffSide = z.infer<typeof DiffSide>;

export const DeliveryDiff = z.object({
  a: DeliveryId,
  b: DeliveryId,
  equal: z.boolean(),
  /** Header and query changes. */
  changes: z.array(DiffChange),
  body: BodyDiff,
  /** Every mask that was applied (presets + the caller's), for the UI to show. */
  masks: z.array(z.string()),
  /** Header, query and JSON body changes the masks hid: the UI offers to show them. */
  hiddenByMasks: z.number().int().nonnegative().optional(),
  /** How a person tells the two deliveries apart: when, method and path (a, then b). */
  sides: z.tuple([DiffSide, DiffSide]).optional(),
});
export type DeliveryDiff = z.infer<typeof DeliveryDiff>;

/** Filters without paging, shared by facets and histogram. */
export const DeliveryFilter = DeliveryQuery.omit({ limit: true, beforeSeq: true });
export type DeliveryFilter = z.input<typeof DeliveryFilter>;

export const FacetCount = z.object({ value: z.string(), count: z.number().int() });
export type FacetCount = z.infer<typeof FacetCount>;

/** Distinct values with how many deliveries have each, most frequent first. */
export const DeliveryFacets = z.object({
  providers: z.array(FacetCount),
  events: z.array(FacetCount),
  endpoints: z.array(FacetCount),
  methods: z.array(FacetCount),
  statuses: z.array(FacetCount),
  badges: z.array(FacetCount),
  labels: z.array(FacetCount),
  pinned: z.number().int(),
});
export type DeliveryFacets = z.infer<typeof DeliveryFacets>;

export const HistogramInput = z.strictObject({
  filter: DeliveryFilter.strict().default({}),
  /** How many buckets between the first and last matching delivery (or since/until when set). */
  buckets: z.number().int().min(1).max(500).default(60),
});

export const DeliveryHistogram = z.object({
  /** Start of the first bucket (ms) and each bucket's width (ms). */
  start: z.number(),
  bucketMs: z.number(),
  counts: z.array(z.number().int()),
  /** Per bucket, per verdict badge. */
  byBadge: z.record(z.string(), z.array(z.number().int())),
  total: z.number().int(),
  events: z.array(FacetCount),
  badges: z.array(FacetCount),
});
export type DeliveryHistogram = z.infer<typeof DeliveryHistogram>;

export const Label = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[^\s,]+$/u, 'a label is one word (no spaces or commas)');

export const AnnotateInput = z.strictObject({
  id: DeliveryId,
  pinned: z.boolean().optional(),
  labels: z.array(Label).max(20).optional(),
  note: z.string().max(10_000).nullable().optional(),
});
export type AnnotateInput = z.input<typeof AnnotateInput>;

export const SavedFilter = z.strictObject({
  name: z.string().trim().min(1).max(100),
  filter: DeliveryFilter.strict(),
  /** A window back from the moment the filter is applied ("last hour" stays relative). */
  range: z.enum(['15m', '1h', '24h', '7d']).optional(),
});
export type SavedFilter = z.infer<typeof SavedFilter>;

export const InspectorSettings = z.strictObject({
  savedFilters: z.array(SavedFilter).max(200).default([]),
  /** The user's own mask rules, applied to every diff when enabled. */
  maskRules: MaskList.default([]),
  usePresets: z.boolean().default(true),
});
export type InspectorSettings = z.infer<typeof InspectorSettings>;
