import { z } from 'zod';
import { Verdict, VerdictBadge } from './verdict';

/** Header pairs exactly as received: order and case preserved, duplicates kept. */
export const RawHeaders = z.array(z.tuple([z.string(), z.string()]));
export type RawHeaders = z.infer<typeof RawHeaders>;

export const DeliveryVia = z.enum(['local', 'tunnel']);
export type DeliveryVia = z.infer<typeof DeliveryVia>;

/** What the inbox list shows: never carries bodies. */
export const DeliverySummary = z.object({
  id: z.string(),
  seq: z.number().int(),
  receivedAt: z.number(),
  endpoint: z.string().nullable(),
  method: z.string(),
  target: z.string(),
  size: z.number().int(),
  truncated: z.boolean(),
  contentType: z.string().nullable(),
  responseStatus: z.number().int().nullable(),
  via: DeliveryVia,
  provider: z.string().nullable(),
  event: z.string().nullable(),
  handshake: z.boolean(),
  badge: VerdictBadge,
  /** The user's annotations (absent on summaries built before they existed). */
  pinned: z.boolean().optional(),
  labels: z.array(z.string()).optional(),
  note: z.string().nullable().optional(),
});
export type DeliverySummary = z.infer<typeof DeliverySummary>;

export const RecordedResponse = z.object({
  status: z.number().int(),
  rawHeaders: RawHeaders,
  body: z.instanceof(Uint8Array),
  latencyMs: z.number(),
});
export type RecordedResponse = z.infer<typeof RecordedResponse>;

/** Everything stored about one delivery, bodies included. */
export const DeliveryDetail = DeliverySummary.extend({
  remoteAddress: z.string(),
  httpVersion: z.string(),
  rawHeaders: RawHeaders,
  body: z.instanceof(Uint8Array),
  response: RecordedResponse.nullable(),
  verdict: Verdict.nullable(),
});
export type DeliveryDetail = z.infer<typeof DeliveryDetail>;

/** Filters for listing deliveries; every field narrows the result. */
export const DeliveryQuery = z.object({
  /** Page size. */
  limit: z.number().int().min(1).max(1000).default(100),
  /** Cursor: only deliveries older than this seq (newest first paging). */
  beforeSeq: z.number().int().optional(),
  method: z.string().optional(),
  pathPrefix: z.string().optional(),
  endpoint: z.string().optional(),
  since: z.number().optional(),
  until: z.number().optional(),
  /** Full-text search over text bodies and headers (FTS5 syntax-safe: plain words). */
  text: z.string().optional(),
  provider: z.string().optional(),
  event: z.string().optional(),
  badge: VerdictBadge.optional(),
  responseStatus: z.number().int().optional(),
  /** Only pinned (true) or only unpinned (false) deliveries. */
  pinned: z.boolean().optional(),
  /** Only deliveries carrying this label. */
  label: z.string().optional(),
});
export type DeliveryQuery = z.input<typeof DeliveryQuery>;

export const DeliveryPage = z.object({
  items: z.array(DeliverySummary),
  /** Pass as beforeSeq to get the next (older) page; null when there is none. */
  nextBeforeSeq: z.number().int().nullable(),
});
export type DeliveryPage = z.infer<typeof DeliveryPage>;

export const StoreStats = z.object({ count: z.number().int(), bytes: z.number().int() });
export type StoreStats = z.infer<typeof StoreStats>;
