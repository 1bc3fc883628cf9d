import { z } from 'zod';
import { Verdict, VerdictBadge } from './verdict';
import { DriftStatus, DriftVerdict } from './learning';

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
  /** How the body departs from its event's learned shape (issue 16); absent when no model applies. */
  drift: DriftStatus.nullable().optional(),
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
  /** The drift verdict with its changes (`drift` holds its status); absent when no model applies. */
  driftVerdict: DriftVerdict.nullable().optional(),
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
  /** Only deliveries with one of these drift statuses (issue 16). */
  drift: z.array(DriftStatus).max(3).optional(),
});
export type DeliveryQuery = z.input<typeof DeliveryQuery>;

export const DeliveryPage = z.object({
  items: z.array(DeliverySummary),
  /** Pass as beforeSeq to get the next (older) page; null when there is none. */
  nextBeforeSeq: z.number().int().nullable(),
});
export type DeliveryPage = z.infer<typeof DeliveryPage>;

/** A capture journal that held damaged bytes when a store recovered it at open (issue 13). */
export const JournalDamage = z.object({
  journal: z.string(),
  /** Records read whole from it (all of them are rows). */
  recovered: z.number().int(),
  /** Records lost in the damaged bytes. */
  dropped: z.number().int(),
  /** Where the journal file was moved (`<db>-captures/damaged/`), null if it could not be. */
  movedTo: z.string().nullable(),
  /** `capture journal ...: recovered 999, dropped 1 damaged record at byte N ...` */
  message: z.string(),
});
export type JournalDamage = z.infer<typeof JournalDamage>;

/** `PRAGMA quick_check` found damage in the database file at open (issue 13). */
export const DatabaseDamage = z.object({
  /** quick_check's first lines, e.g. "Tree 2 page 57 cell 3: ...". */
  problems: z.array(z.string()),
  /** How long the check took (it ran on a worker thread). */
  checkedInMs: z.number(),
  /** `hookscope repair --data-dir "..."` */
  repairCommand: z.string(),
  message: z.string(),
});
export type DatabaseDamage = z.infer<typeof DatabaseDamage>;

export const StoreStats = z.object({
  count: z.number().int(),
  bytes: z.number().int(),
  /** Present only when the database file failed its integrity check at open. */
  databaseDamage: DatabaseDamage.optional(),
  /** Present only when journals recovered at open were damaged. */
  journalDamage: z.array(JournalDamage).optional(),
});
export type StoreStats = z.infer<typeof StoreStats>;
