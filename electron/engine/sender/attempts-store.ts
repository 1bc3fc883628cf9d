import type { RawHeaders } from '../../contract/delivery';
import type { AttemptDetail, AttemptKind, AttemptSummary } from '../../contract/sender';
import { newDeliveryId } from '../ids';
import { openDatabase, type SqliteDatabase } from '../store/open-store';
import type { OutgoingRequest, SendOutcome } from './types';

/** What a caller knows about an attempt before it is written. */
export interface NewAttempt {
  kind: AttemptKind;
  deliveryId: string | null;
  /** Forwards only: the endpoint path and the rule's target URL (catch-up groups by these). */
  endpoint?: string | null;
  forwardTarget?: string | null;
  label?: string | null;
  startedAt: number;
  attemptNumber?: number;
  nextRetryAt?: number | null;
  request: OutgoingRequest;
  outcome: AttemptOutcome;
}

/** A send's outcome, or a refusal recorded without sending (loop-refused). */
export type AttemptOutcome =
  SendOutcome | { ok: false; code: string; message: string; timing: { totalMs: number } };

/** A delivery whose forward to a target never got a 2xx. */
export interface MissedForward {
  deliveryId: string;
  attempts: number;
}

export interface AttemptsStore {
  record(attempt: NewAttempt): AttemptDetail;
  get(id: string): AttemptDetail | null;
  /** Oldest first. */
  listByDelivery(deliveryId: string): AttemptSummary[];
  /** Clears the "retry due at" mark once the retry ran or was cancelled. */
  clearNextRetry(id: string): void;
  /**
   * Deliveries (still stored) of this endpoint that were forwarded to `target` without ever getting
   * a 2xx, oldest delivery first.
   */
  missedForwards(endpoint: string, target: string): MissedForward[];
  /** Whether any forward of this delivery to `target` got a 2xx. */
  forwardSucceeded(deliveryId: string, target: string): boolean;
  onRecorded(listener: (attempt: AttemptSummary) => void): () => void;
  close(): void;
}

interface AttemptRow {
  seq: number;
  id: string;
  delivery_id: string | null;
  kind: string;
  label: string | null;
  started_at: number;
  attempt_number: number;
  next_retry_at: number | null;
  method: string;
  url: string;
  raw_headers: string;
  response_status: number | null;
  response_headers: string | null;
  first_byte_ms: number | null;
  total_ms: number;
  failure_code: string | null;
  failure_message: string | null;
  body?: ArrayBuffer | Uint8Array;
  response_body?: ArrayBuffer | Uint8Array | null;
}

const SUMMARY_COLUMNS = `seq, id, delivery_id, kind, label, started_at, attempt_number, next_retry_at,
  method, url, raw_headers, response_status, response_headers, first_byte_ms, total_ms,
  failure_code, failure_message`;

const bytes = (value: ArrayBuffer | Uint8Array | null | undefined): Uint8Array<ArrayBuffer> =>
  value instanceof ArrayBuffer
    ? new Uint8Array(value)
    : value
      ? new Uint8Array(
          value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) as ArrayBuffer,
        )
      : new Uint8Array();

function toSummary(row: AttemptRow): AttemptSummary {
  return {
    id: row.id,
    seq: row.seq,
    deliveryId: row.delivery_id,
    kind: row.kind as AttemptKind,
    label: row.label,
    startedAt: row.started_at,
    method: row.method,
    url: row.url,
    status: row.response_status,
    failureCode: row.failure_code,
    failureMessage: row.failure_message,
    totalMs: row.total_ms,
    attemptNumber: row.attempt_number,
    nextRetryAt: row.next_retry_at,
  };
}

function toDetail(row: AttemptRow): AttemptDetail {
  return {
    ...toSummary(row),
    request: {
      method: row.method,
      url: row.url,
      rawHeaders: JSON.parse(row.raw_headers) as RawHeaders,
      body: bytes(row.body),
    },
    answer:
      row.response_status === null
        ? null
        : {
            status: row.response_status,
            rawHeaders: JSON.parse(row.response_headers ?? '[]') as RawHeaders,
            body: bytes(row.response_body),
            firstByteMs: row.first_byte_ms ?? row.total_ms,
            totalMs: row.total_ms,
          },
  };
}

/**
 * Send attempts in the same SQLite file as the deliveries, through a second connection (WAL lets
 * both write). The delivery store must have been opened first: it runs the migrations.
 */
export function openAttemptsStore(file: string): AttemptsStore {
  const db: SqliteDatabase = openDatabase(file);
  const insert = db.prepare(`INSERT INTO send_attempts (id, delivery_id, kind, endpoint,
    forward_target, label, started_at, attempt_number, next_retry_at, method, url, raw_headers,
    response_status, response_headers, first_byte_ms, total_ms, failure_code, failure_message, body,
    response_body) VALUES (@id, @deliveryId, @kind, @endpoint, @forwardTarget, @label, @startedAt,
    @attemptNumber, @nextRetryAt, @method, @url, @rawHeaders, @status, @responseHeaders,
    @firstByteMs, @totalMs, @failureCode, @failureMessage, @body, @responseBody)`);
  const selectById = db.prepare('SELECT * FROM send_attempts WHERE id = ?');
  const selectByDelivery = db.prepare(
    `SELECT ${SUMMARY_COLUMNS} FROM send_attempts WHERE delivery_id = ? ORDER BY seq`,
  );
  const clearRetry = db.prepare('UPDATE send_attempts SET next_retry_at = NULL WHERE id = ?');
  const selectMissed = db.prepare(`
    SELECT a.delivery_id AS deliveryId, count(*) AS attempts
    FROM send_attempts a JOIN deliveries d ON d.id = a.delivery_id
    WHERE a.kind = 'forward' AND a.endpoint = ? AND a.forward_target = ?
    GROUP BY a.delivery_id
    HAVING max(CASE WHEN a.response_status BETWEEN 200 AND 299 THEN 1 ELSE 0 END) = 0
    ORDER BY min(d.seq)`);
  const selectSucceeded = db.prepare(`SELECT 1 FROM send_attempts WHERE delivery_id = ?
    AND kind = 'forward' AND forward_target = ? AND response_status BETWEEN 200 AND 299 LIMIT 1`);
  const listeners = new Set<(attempt: AttemptSummary) => void>();

  return {
    record(attempt) {
      const { outcome, request } = attempt;
      const answer = outcome.ok && 'answer' in outcome ? outcome.answer : null;
      const failure = outcome.ok ? null : outcome;
      const id = newDeliveryId(attempt.startedAt);
      insert.run({
        id,
        deliveryId: attempt.deliveryId,
        kind: attempt.kind,
        endpoint: attempt.endpoint ?? null,
        forwardTarget: attempt.forwardTarget ?? null,
        label: attempt.label ?? null,
        startedAt: attempt.startedAt,
        attemptNumber: attempt.attemptNumber ?? 1,
        nextRetryAt: attempt.nextRetryAt ?? null,
        method: request.method,
        url: request.url,
        rawHeaders: JSON.stringify(request.rawHeaders),
        status: answer?.status ?? null,
        responseHeaders: answer ? JSON.stringify(answer.rawHeaders) : null,
        firstByteMs: answer?.timing.firstByteMs ?? null,
        totalMs: answer?.timing.totalMs ?? failure?.timing.totalMs ?? 0,
        failureCode: failure?.code ?? null,
        failureMessage: failure?.message ?? null,
        body: Buffer.from(request.body),
        responseBody: answer ? Buffer.from(answer.body) : null,
      });
      const detail = this.get(id);
      if (!detail) throw new Error(`attempt ${id} was not written`);
      const summary = toSummary(selectById.get([id]) as AttemptRow);
      for (const listener of [...listeners]) {
        try {
          listener(summary);
        } catch (error) {
          // The attempt is written; a UI bridge bug must not turn it into a failed send.
          console.error('attempt listener failed:', error);
        }
      }
      return detail;
    },
    get(id) {
      const row = selectById.get([id]) as AttemptRow | undefined;
      return row ? toDetail(row) : null;
    },
    listByDelivery(deliveryId) {
      return (selectByDelivery.all([deliveryId]) as AttemptRow[]).map(toSummary);
    },
    clearNextRetry(id) {
      clearRetry.run([id]);
    },
    missedForwards(endpoint, target) {
      return (selectMissed.all([endpoint, target]) as MissedForward[]).map((row) => ({
        deliveryId: row.deliveryId,
        attempts: Number(row.attempts),
      }));
    },
    forwardSucceeded(deliveryId, target) {
      return selectSucceeded.get([deliveryId, target]) !== undefined;
    },
    onRecorded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      db.close();
    },
  };
}
