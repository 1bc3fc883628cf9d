import { z } from 'zod';
import { RawHeaders, DeliveryVia } from '../../contract/delivery';
import { Verdict } from '../../contract/verdict';
import type { DriftChange, DriftStatus } from '../../contract/learning';
import { redactVerdict } from '../api/redact-verdict';
import type { NewDelivery } from '../delivery';
import { fromBase64, toBase64 } from './bytes';

/**
 * One delivery as a plain JSON object: the line format of `hookscope export --format jsonl` and of
 * `hookscope listen --json`. Key order is part of the format (exports must be byte-identical after a
 * round trip), so the builder below writes keys in this order.
 */
export interface DeliveryRecord {
  id: string;
  receivedAt: string;
  endpoint: string | null;
  method: string;
  target: string;
  httpVersion: string;
  remoteAddress: string;
  rawHeaders: [string, string][];
  bodyBase64: string;
  size: number;
  truncated: boolean;
  response: {
    status: number;
    rawHeaders: [string, string][];
    bodyBase64: string;
    latencyMs: number;
  } | null;
  via: NewDelivery['via'];
  provider: string | null;
  event: string | null;
  handshake: boolean;
  verdict: VerdictRecord | DriftOnlyRecord | null;
}

/**
 * The verdict as exported: statuses, reasons, schema errors and health findings. The signature's
 * `details` stay out: they hold expected HMACs, which are derived from the secret.
 */
export interface VerdictRecord {
  signature: { status: Verdict['signature']['status']; reason: string };
  schema: { status: Verdict['schema']['status']; errors: { pointer: string; message: string }[] };
  health: { code: string; severity: Verdict['health'][number]['severity']; message: string }[];
  /** How the body departs from its event's learned shape (issue 16); absent when no model applies. */
  drift?: { status: DriftStatus; changes: DriftChange[] };
}

/** Drift alone, for a delivery that has no verdict (imported without one). */
type DriftOnlyRecord = Pick<VerdictRecord, 'drift'>;

function driftRecord(delivery: NewDelivery): DriftOnlyRecord {
  const drift = delivery.driftVerdict;
  return drift ? { drift: { status: drift.status, changes: drift.changes } } : {};
}

export function toVerdictRecord(verdict: Verdict): VerdictRecord {
  // The reason may quote the expected signature: files get only its first characters too.
  const { signature, schema, health } = redactVerdict(verdict);
  return {
    signature: { status: signature.status, reason: signature.reason },
    schema: {
      status: schema.status,
      errors: schema.errors.map(({ pointer, message }) => ({ pointer, message })),
    },
    health: health.map(({ code, severity, message }) => ({ code, severity, message })),
  };
}

/** Builds the record; to add a key (provider, event, verdict...), add it here and in the schema. */
export function toDeliveryRecord(delivery: NewDelivery): DeliveryRecord {
  const { response } = delivery;
  return {
    id: delivery.id,
    receivedAt: new Date(delivery.receivedAt).toISOString(),
    endpoint: delivery.endpoint,
    method: delivery.method,
    target: delivery.target,
    httpVersion: delivery.httpVersion,
    remoteAddress: delivery.remoteAddress,
    rawHeaders: delivery.rawHeaders.map(([name, value]) => [name, value]),
    bodyBase64: toBase64(delivery.body),
    size: delivery.size,
    truncated: delivery.truncated,
    response: response && {
      status: response.status,
      rawHeaders: response.rawHeaders.map(([name, value]) => [name, value]),
      bodyBase64: toBase64(response.body),
      latencyMs: response.latencyMs,
    },
    via: delivery.via,
    provider: delivery.provider,
    event: delivery.event,
    handshake: delivery.handshake,
    verdict: delivery.verdict
      ? { ...toVerdictRecord(delivery.verdict), ...driftRecord(delivery) }
      : delivery.driftVerdict
        ? driftRecord(delivery)
        : null,
  };
}

const Base64 = z.base64('must be base64');

/**
 * Accepts records written by this version and by later ones: the derived facts are optional and
 * unknown keys are ignored, so a newer export still imports.
 */
export const DeliveryRecordSchema = z
  .object({
    id: z.string().min(1),
    receivedAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }),
    endpoint: z.string().nullable(),
    method: z.string().min(1),
    target: z.string().min(1),
    httpVersion: z.string(),
    remoteAddress: z.string(),
    rawHeaders: RawHeaders,
    bodyBase64: Base64,
    size: z.number().int().min(0),
    truncated: z.boolean(),
    response: z
      .object({
        status: z.number().int().min(0).max(999),
        rawHeaders: RawHeaders,
        bodyBase64: Base64,
        latencyMs: z.number().min(0),
      })
      .nullable(),
    via: DeliveryVia.default('local'),
    provider: z.string().nullable().default(null),
    event: z.string().nullable().default(null),
    handshake: z.boolean().default(false),
    // A verdict holding only `drift` (a delivery imported without a verdict) imports as none: drift
    // is learned again from the body.
    verdict: z.preprocess(
      (value) =>
        typeof value === 'object' && value !== null && !('signature' in value) ? null : value,
      Verdict.nullable().default(null),
    ),
  })
  .superRefine((record, ctx) => {
    const bodyBytes = Buffer.byteLength(record.bodyBase64, 'base64');
    // A truncated body keeps a prefix; otherwise the recorded size is the body's length.
    if (!record.truncated && record.size !== bodyBytes) {
      ctx.addIssue({
        code: 'custom',
        path: ['size'],
        message: `is ${record.size} but the body has ${bodyBytes} bytes (and truncated is false)`,
      });
    }
  });

export type DeliveryRecordInput = z.input<typeof DeliveryRecordSchema>;

/** The delivery a validated record describes, ready for `store.appendBatch`. */
export function fromDeliveryRecord(record: z.output<typeof DeliveryRecordSchema>): NewDelivery {
  return {
    id: record.id,
    receivedAt: Date.parse(record.receivedAt),
    endpoint: record.endpoint,
    method: record.method,
    target: record.target,
    httpVersion: record.httpVersion,
    remoteAddress: record.remoteAddress,
    rawHeaders: record.rawHeaders,
    body: fromBase64(record.bodyBase64),
    size: record.size,
    truncated: record.truncated,
    response: record.response && {
      status: record.response.status,
      rawHeaders: record.response.rawHeaders,
      body: fromBase64(record.response.bodyBase64),
      latencyMs: record.response.latencyMs,
    },
    via: record.via,
    provider: record.provider,
    event: record.event,
    handshake: record.handshake,
    verdict: record.verdict,
  };
}
