// What the UI sees of replay, forward, forge, scenarios, bulk and handshake plays. Pure zod + types.
import { z } from 'zod';
import { RawHeaders } from './delivery';

// Any Uint8Array (z.instanceof would narrow it to Uint8Array<ArrayBuffer>).
const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes');

const HttpUrl = z
  .string()
  .min(1)
  .max(4096)
  .refine((text) => /^https?:\/\/[^/\s]+/i.test(text), 'must be an http:// or https:// URL');

/** `length`: a Content-Length body; `chunked`: Transfer-Encoding: chunked (providers/types BodyFraming). */
export const BodyFraming = z.enum(['length', 'chunked']);

/** One forward rule of an endpoint: where its deliveries go once stored. */
export const ForwardRule = z.strictObject({
  url: HttpUrl,
  /** Only deliveries of these events (`task.*` patterns allowed); every delivery when absent. */
  events: z.array(z.string().min(1)).optional(),
  /** Answer the sender with this target's answer instead of Hookscope's (one rule per event). */
  proxy: z.boolean().optional(),
});
export type ForwardRule = z.infer<typeof ForwardRule>;

export const AttemptKind = z.enum(['replay', 'forward', 'forge', 'handshake']);
export type AttemptKind = z.infer<typeof AttemptKind>;

/** One send as a list shows it: never carries bodies. */
export const AttemptSummary = z.object({
  id: z.string(),
  seq: z.number().int(),
  /** The captured delivery this attempt re-sent; null for forged events and handshake plays. */
  deliveryId: z.string().nullable(),
  kind: AttemptKind,
  /** Scenario name, handshake provider, forward rule...: what a person calls this attempt. */
  label: z.string().nullable(),
  startedAt: z.number(),
  method: z.string(),
  url: z.string(),
  /** The answer's status; null when the request failed before an answer. */
  status: z.number().int().nullable(),
  /** Why no answer came (connection-refused, timeout, loop-refused...). */
  failureCode: z.string().nullable(),
  failureMessage: z.string().nullable(),
  totalMs: z.number(),
  /** 1 for the first try; retries of a forward count up. */
  attemptNumber: z.number().int(),
  /** When the next automatic retry of this forward is due; null when none is scheduled. */
  nextRetryAt: z.number().nullable(),
});
export type AttemptSummary = z.infer<typeof AttemptSummary>;

export const SentRequest = z.object({
  method: z.string(),
  url: z.string(),
  rawHeaders: RawHeaders,
  body: Bytes,
});
export type SentRequest = z.infer<typeof SentRequest>;

export const AttemptAnswer = z.object({
  status: z.number().int(),
  rawHeaders: RawHeaders,
  body: Bytes,
  firstByteMs: z.number(),
  totalMs: z.number(),
});
export type AttemptAnswer = z.infer<typeof AttemptAnswer>;

/** Everything recorded about one attempt: what was sent exactly, and what came back. */
export const AttemptDetail = AttemptSummary.extend({
  request: SentRequest,
  answer: AttemptAnswer.nullable(),
});
export type AttemptDetail = z.infer<typeof AttemptDetail>;

/** Re-signing: the endpoint's provider and secret unless given. */
export const ResignInput = z.strictObject({
  provider: z.string().min(1).optional(),
  secret: z.string().min(1).optional(),
});

export const ReplayInput = z.strictObject({
  deliveryId: z.string().min(1).max(200),
  /** Default: the last target used. */
  url: HttpUrl.optional(),
  method: z
    .string()
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be an HTTP method token')
    .optional(),
  rawHeaders: RawHeaders.optional(),
  body: Bytes.optional(),
  resign: ResignInput.optional(),
  /** How the body goes on the wire; absent: as captured (chunked stays chunked). */
  framing: BodyFraming.optional(),
  /** Sending to Hookscope's own receiver or public URL is refused (`confirm-loop`) without this. */
  confirmLoop: z.boolean().optional(),
});
export type ReplayInput = z.input<typeof ReplayInput>;

export const ForgeInput = z.strictObject({
  provider: z.string().min(1),
  event: z.string().min(1),
  url: HttpUrl,
  /** JSON text replacing the template (may use {{uuid}}, {{now}}...); the template otherwise. */
  body: z
    .string()
    .max(10 * 1024 * 1024)
    .optional(),
  /** `/json/pointer=value` edits. */
  sets: z.array(z.string()).optional(),
  /** Extra headers sent before the signature headers. */
  rawHeaders: RawHeaders.optional(),
  /**
   * Set after signing, by name (case-insensitive): replace the header in place, or append it. How the
   * forge's headers panel edits any header that goes out, the signature header included.
   */
  headerOverrides: RawHeaders.optional(),
  /** Signs with this secret, or with the secret of this endpoint (path). Unsigned otherwise. */
  secret: z.string().min(1).optional(),
  secretFromEndpoint: z.string().optional(),
  /** How the body goes on the wire; absent: as the provider sends it (Preservica: chunked). */
  framing: BodyFraming.optional(),
  /** Which bytes of a non-ASCII body are signed (Preservica): the UTF-8 bytes sent, or the latin-1 re-encoding. */
  bodyEncoding: z.enum(['utf-8', 'latin-1']).optional(),
  confirmLoop: z.boolean().optional(),
});
export type ForgeInput = z.input<typeof ForgeInput>;

/** A saved forge: never holds a secret (only which endpoint's secret to sign with). */
export const Scenario = z.strictObject({
  name: z.string().min(1).max(200),
  provider: z.string().min(1),
  event: z.string().min(1),
  url: HttpUrl.optional(),
  body: z
    .string()
    .max(10 * 1024 * 1024)
    .optional(),
  sets: z.array(z.string()).optional(),
  rawHeaders: RawHeaders.optional(),
  /** Sign with this endpoint's secret when run (the secret itself is never saved). */
  secretFromEndpoint: z.string().optional(),
  /** Sign at all when run (with secretFromEndpoint or the secret passed to scenarios:run). */
  sign: z.boolean().optional(),
});
export type Scenario = z.infer<typeof Scenario>;

export const RunScenariosInput = z.strictObject({
  names: z.array(z.string().min(1)).min(1).max(1000),
  /** Overrides each scenario's URL. */
  url: HttpUrl.optional(),
  secret: z.string().min(1).optional(),
  confirmLoop: z.boolean().optional(),
});

export const EventTemplate = z.object({
  name: z.string(),
  description: z.string(),
  template: z.unknown(),
  schema: z.record(z.string(), z.unknown()).nullable(),
});

export const ProviderTemplates = z.object({
  provider: z.string(),
  name: z.string(),
  canSign: z.boolean(),
  /** A handshake play exists for this provider. */
  handshake: z.boolean(),
  handshakeNeedsSecret: z.boolean(),
  /** Answers slower than this are flagged in bulk runs; null when the provider states none. */
  budgetMs: z.number().nullable(),
  events: z.array(EventTemplate),
});
export type ProviderTemplates = z.infer<typeof ProviderTemplates>;

export const BulkSource = z.union([
  z.strictObject({ deliveryId: z.string().min(1) }),
  z.strictObject({
    provider: z.string().min(1),
    event: z.string().min(1),
    body: z.string().optional(),
    secret: z.string().min(1).optional(),
  }),
]);

export const BulkInput = z.strictObject({
  /** Chosen by the caller so it can match `bulk:progressed` events to this run. */
  runId: z.string().min(1).max(100),
  url: HttpUrl,
  count: z.number().int().min(1).max(100_000),
  concurrency: z.number().int().min(1).max(1000),
  source: BulkSource,
  /** Default: the provider's budget (Kanboard: 1000 ms). */
  budgetMs: z.number().positive().optional(),
  confirmLoop: z.boolean().optional(),
});
export type BulkInput = z.input<typeof BulkInput>;

export const BulkReport = z.object({
  runId: z.string(),
  sent: z.number().int(),
  statusCounts: z.record(z.string(), z.number().int()),
  latencyMs: z.object({
    min: z.number(),
    p50: z.number(),
    p90: z.number(),
    p99: z.number(),
    max: z.number(),
  }),
  /** upToMs null stands for the open last bucket (JSON has no Infinity). */
  histogram: z.array(z.object({ upToMs: z.number().nullable(), count: z.number().int() })),
  slowerThanBudget: z.number().int(),
  budgetMs: z.number().nullable(),
  totalMs: z.number(),
  requestsPerSec: z.number(),
});
export type BulkReport = z.infer<typeof BulkReport>;

export const BulkProgress = z.object({
  runId: z.string(),
  done: z.number().int(),
  total: z.number().int(),
});
export type BulkProgress = z.infer<typeof BulkProgress>;

export const HandshakeInput = z.strictObject({
  provider: z.string().min(1),
  url: HttpUrl,
  secret: z.string().default(''),
  confirmLoop: z.boolean().optional(),
});

export const HandshakeResult = z.object({
  provider: z.string(),
  pass: z.boolean(),
  reason: z.string(),
  status: z.number().int().nullable(),
  totalMs: z.number(),
  attemptId: z.string(),
});
export type HandshakeResult = z.infer<typeof HandshakeResult>;

export const CatchUpReport = z.object({
  endpoint: z.string(),
  url: z.string(),
  /** Deliveries whose forward to this target never got a 2xx, re-sent oldest first. */
  sent: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
});
export type CatchUpReport = z.infer<typeof CatchUpReport>;

const DiffChangeSchema = z.object({
  kind: z.enum(['added', 'removed', 'changed', 'moved']),
  pointer: z.string(),
  from: z.string().optional(),
  old: z.unknown().optional(),
  new: z.unknown().optional(),
});

/** Two answers compared (headers, then body: structural for JSON, by line for text). */
export const AnswerDiff = z.object({
  equal: z.boolean(),
  changes: z.array(DiffChangeSchema),
  body: z.union([
    z.object({ kind: z.literal('json'), changes: z.array(DiffChangeSchema) }),
    z.object({
      kind: z.literal('text'),
      equal: z.boolean(),
      lines: z.array(z.object({ op: z.string(), text: z.string() }).passthrough()),
    }),
    z.object({
      kind: z.literal('binary'),
      equal: z.boolean(),
      sizes: z.tuple([z.number(), z.number()]),
    }),
  ]),
});
export type AnswerDiff = z.infer<typeof AnswerDiff>;

export const AttemptsDiffInput = z.strictObject({
  attemptId: z.string().min(1),
  /** Another attempt's id; omitted: the original delivery's recorded answer. */
  againstAttemptId: z.string().min(1).optional(),
  masks: z.array(z.string()).optional(),
});

export const LastTarget = z.object({
  url: z.string().nullable(),
  /** Targets used by replay, forge and bulk sends, newest first (the target dropdowns). */
  recent: z.array(z.string()),
});
