// Inferred schemas and drift (issue 16): what traffic taught the engine about each event's shape,
// and how a delivery departs from it. Kept apart from the provider schema's verdict.
import { z } from 'zod';

export const DriftStatus = z.enum(['none', 'drift', 'learning']);
export type DriftStatus = z.infer<typeof DriftStatus>;

export const DriftKind = z.enum([
  'new-key',
  'missing-key',
  'type-change',
  'new-enum-value',
  'format-change',
  'out-of-range',
  'new-item-shape',
]);
export type DriftKind = z.infer<typeof DriftKind>;

export const DriftChange = z.object({
  /** JSON pointer into the body; `*` stands for every item of an array. */
  pointer: z.string(),
  kind: DriftKind,
  /** Short human strings: "number", "null", "string (date-time)", `"open" | "closed"`, "absent". */
  was: z.string(),
  now: z.string(),
  /** Deliveries the model saw with `was`. */
  seen: z.number().int().optional(),
  /** ISO date of the first of those. */
  since: z.string().optional(),
});
export type DriftChange = z.infer<typeof DriftChange>;

export const DriftVerdict = z.object({
  status: DriftStatus,
  changes: z.array(DriftChange),
  model: z
    .object({ key: z.string(), deliveries: z.number().int(), settleAfter: z.number().int() })
    .optional(),
});
export type DriftVerdict = z.infer<typeof DriftVerdict>;

export const LearnedModelSummary = z.object({
  key: z.string(),
  endpoint: z.string(),
  event: z.string().nullable(),
  path: z.string().nullable(),
  deliveries: z.number().int(),
  settled: z.boolean(),
  firstSeen: z.number(),
  lastSeen: z.number(),
  driftCount: z.number().int(),
  /** When the first drifted delivery arrived (ms), null when none did. */
  driftSince: z.number().nullable(),
});
export type LearnedModelSummary = z.infer<typeof LearnedModelSummary>;

export const LearnedSchemaFormat = z.enum(['json-schema', 'openapi']);
export type LearnedSchemaFormat = z.infer<typeof LearnedSchemaFormat>;

export const LearnedModelRef = z.strictObject({
  endpoint: z.string().min(1).max(2_000),
  event: z.string().max(500).nullable().optional(),
});
export type LearnedModelRef = z.infer<typeof LearnedModelRef>;

export const SchemaDisagreement = z.object({
  pointer: z.string(),
  /** What the provider's (or the endpoint's) schema says there. */
  provider: z.string(),
  /** What traffic showed. */
  traffic: z.string(),
  deliveries: z.number().int(),
});
export type SchemaDisagreement = z.infer<typeof SchemaDisagreement>;

export const SchemaComparison = z.object({
  /** What was compared with, e.g. "kanboard task.create"; null when no schema applies. */
  providerSchema: z.string().nullable(),
  disagreements: z.array(SchemaDisagreement),
});
export type SchemaComparison = z.infer<typeof SchemaComparison>;

export const DEFAULT_SETTLE_AFTER = 20;

export const LearningSettings = z.object({ settleAfter: z.number().int().min(2).max(10_000) });
export type LearningSettings = z.infer<typeof LearningSettings>;

/**
 * One sentence per change, as the detail pane and `listen` show it:
 * "/event_data/task/time_estimated: was number in 212 deliveries since 2026-11-02, now null".
 */
export function explainDriftChange(change: DriftChange): string {
  const history =
    change.seen !== undefined
      ? ` in ${change.seen} deliver${change.seen === 1 ? 'y' : 'ies'}${change.since ? ` since ${change.since}` : ''}`
      : '';
  switch (change.kind) {
    case 'new-key':
      return `${change.pointer}: new key (${change.now}), absent from the ${change.seen ?? 0} deliveries learned`;
    case 'missing-key':
      return `${change.pointer}: missing, was ${change.was}${history}`;
    default:
      return `${change.pointer}: was ${change.was}${history}, now ${change.now}`;
  }
}
