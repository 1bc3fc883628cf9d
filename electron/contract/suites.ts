// Replay suites (issue 16): captured deliveries as tests a CI job runs against a consumer's
// receiver. The file format is documented in docs/suites.md; it never holds a secret.
import { z } from 'zod';

export const SUITE_VERSION = 1;

const DeliveryId = z.string().min(1).max(200);

/** "2xx" (any success) or one exact status. */
export const ExpectedStatus = z.union([z.literal('2xx'), z.number().int().min(100).max(599)]);
export type ExpectedStatus = z.infer<typeof ExpectedStatus>;

export const CaseExpectation = z.strictObject({
  status: ExpectedStatus,
  /** The answer's headers must arrive within this many ms. */
  maxMs: z.number().int().min(1).max(600_000),
  /** The answer's body must contain this text (UTF-8). */
  bodyContains: z.string().min(1).max(10_000).optional(),
  /** Sent twice: both answers must have the same status. */
  idempotent: z.boolean().optional(),
});
export type CaseExpectation = z.infer<typeof CaseExpectation>;

/** A jsonl export record (engine/export/delivery-record.ts checks it in full when the suite runs). */
export const SuiteDelivery = z.looseObject({
  id: z.string().min(1),
  method: z.string().min(1),
  target: z.string().min(1),
  rawHeaders: z.array(z.tuple([z.string(), z.string()])),
  bodyBase64: z.string(),
});

export const SuiteCase = z.strictObject({
  name: z.string().min(1).max(200),
  delivery: SuiteDelivery,
  /** Sign afresh at run time (new timestamp and id) with the secret of `resignWith.endpoint`. */
  resign: z.boolean(),
  resignWith: z.strictObject({ endpoint: z.string().min(1) }).optional(),
  expect: CaseExpectation,
});
export type SuiteCase = z.infer<typeof SuiteCase>;

export const Suite = z.strictObject({
  version: z.literal(SUITE_VERSION),
  name: z.string().min(1).max(200),
  cases: z.array(SuiteCase).min(1).max(1_000),
});
export type Suite = z.infer<typeof Suite>;

export const SuiteCreateInput = z.strictObject({
  ids: z.array(DeliveryId).min(1).max(1_000),
  name: z.string().trim().min(1).max(200),
  resign: z.boolean().optional(),
  expect: CaseExpectation.partial().optional(),
});

export const SuiteSummary = z.object({
  id: z.string(),
  name: z.string(),
  caseCount: z.number().int(),
  updatedAt: z.number(),
});
export type SuiteSummary = z.infer<typeof SuiteSummary>;

export const SuiteRunInput = z.strictObject({
  id: z.string().min(1),
  to: z.url({ protocol: /^https?$/ }),
  resign: z.boolean().optional(),
  concurrency: z.number().int().min(1).max(32).optional(),
  /** Apply each provider's timeout budget (Kanboard 1 s, GitHub 10 s, Stripe 20 s...). */
  asProvider: z.boolean().optional(),
  /** On a failed answer, send again the way the provider retries. */
  retries: z.boolean().optional(),
  /** Only these cases (by name): "re-run failed". */
  cases: z.array(z.string()).max(1_000).optional(),
});
export type SuiteRunInput = z.infer<typeof SuiteRunInput>;

export const CaseAnswer = z.object({
  status: z.number().int().nullable(),
  headers: z.array(z.tuple([z.string(), z.string()])),
  /** At most 4 KiB of the answer's body, as text. */
  bodyPreview: z.string(),
  error: z.string().optional(),
});

export const CaseResult = z.object({
  name: z.string(),
  ok: z.boolean(),
  status: z.number().int().nullable(),
  ms: z.number(),
  /** One sentence per failed expectation. */
  failures: z.array(z.string()),
  /** Requests sent for this case (retries and the idempotency check count). */
  attempts: z.number().int(),
  answer: CaseAnswer,
});
export type CaseResult = z.infer<typeof CaseResult>;

export const SuiteReport = z.object({
  runId: z.string(),
  to: z.string(),
  passed: z.number().int(),
  failed: z.number().int(),
  durationMs: z.number(),
  cases: z.array(CaseResult),
});
export type SuiteReport = z.infer<typeof SuiteReport>;

export const CaseFinished = z.object({
  runId: z.string(),
  index: z.number().int(),
  total: z.number().int(),
  result: CaseResult,
});
export type CaseFinished = z.infer<typeof CaseFinished>;
