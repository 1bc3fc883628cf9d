import type { DeliverySummary, DeliveryVia, RawHeaders } from '../../contract/delivery';
import type { Verdict, VerdictBadge } from '../../contract/verdict';
import type { DriftStatus, DriftVerdict } from '../../contract/learning';
import { badgeOf } from '../../contract/verdict-badge';
import type { Delivery, NewDelivery } from '../delivery';
import { headerValue } from '../delivery';

/** Columns list() and change events need: never the bodies or JSON blobs. */
export const SUMMARY_COLUMNS =
  'seq, id, received_at, endpoint, method, target, size, truncated, content_type, ' +
  'response_status, via, provider, event, handshake, badge, pinned, labels, note, drift_status';

export const INSERT_SQL = `INSERT INTO deliveries (
  id, received_at, endpoint, remote_address, method, target, path, http_version, raw_headers,
  content_type, size, truncated, via, response_status, provider, event, handshake, badge, verdict,
  response, stored_bytes, body, response_body
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export interface SummaryRow {
  seq: number;
  id: string;
  received_at: number;
  endpoint: string | null;
  method: string;
  target: string;
  size: number;
  truncated: number;
  content_type: string | null;
  response_status: number | null;
  via: string;
  provider: string | null;
  event: string | null;
  handshake: number;
  badge: string;
  pinned: number;
  /** JSON array of strings, NULL when none. */
  labels: string | null;
  note: string | null;
  /** Learning's judgement (issue 16), NULL when no model applies. */
  drift_status: string | null;
}

export interface DeliveryRow extends SummaryRow {
  remote_address: string;
  http_version: string;
  raw_headers: string;
  verdict: string | null;
  /** The drift verdict as JSON, NULL when no model applies. */
  drift: string | null;
  response: string | null;
  body: ArrayBuffer;
  response_body: ArrayBuffer | null;
}

/** The response minus its body, which has its own BLOB column. */
interface StoredResponse {
  status: number;
  rawHeaders: RawHeaders;
  latencyMs: number;
}

/** Everything the store derives from a new delivery, computed once and reused for the event. */
export interface PreparedDelivery {
  delivery: NewDelivery;
  params: unknown[];
  storedBytes: number;
  contentType: string | null;
  responseStatus: number | null;
  badge: VerdictBadge;
  /** Set by the inserter once learning judged the delivery. */
  drift?: DriftStatus;
}

export function pathOf(target: string): string {
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
}

export function prepareDelivery(delivery: NewDelivery): PreparedDelivery {
  const contentType = headerValue(delivery.rawHeaders, 'content-type');
  const response = delivery.response;
  const responseStatus = response ? response.status : null;
  const badge = badgeOf(delivery.verdict);
  const storedBytes = delivery.body.byteLength + (response ? response.body.byteLength : 0);
  const storedResponse: StoredResponse | null = response
    ? { status: response.status, rawHeaders: response.rawHeaders, latencyMs: response.latencyMs }
    : null;
  const params: unknown[] = [
    delivery.id,
    delivery.receivedAt,
    delivery.endpoint,
    delivery.remoteAddress,
    delivery.method,
    delivery.target,
    pathOf(delivery.target),
    delivery.httpVersion,
    JSON.stringify(delivery.rawHeaders),
    contentType,
    delivery.size,
    delivery.truncated ? 1 : 0,
    delivery.via,
    responseStatus,
    delivery.provider,
    delivery.event,
    delivery.handshake ? 1 : 0,
    badge,
    delivery.verdict ? JSON.stringify(delivery.verdict) : null,
    storedResponse ? JSON.stringify(storedResponse) : null,
    storedBytes,
    delivery.body,
    response ? response.body : null,
  ];
  return { delivery, params, storedBytes, contentType, responseStatus, badge };
}

export function summaryOfPrepared(prepared: PreparedDelivery, seq: number): DeliverySummary {
  const d = prepared.delivery;
  return {
    id: d.id,
    seq,
    receivedAt: d.receivedAt,
    endpoint: d.endpoint,
    method: d.method,
    target: d.target,
    size: d.size,
    truncated: d.truncated,
    contentType: prepared.contentType,
    responseStatus: prepared.responseStatus,
    via: d.via,
    provider: d.provider,
    event: d.event,
    handshake: d.handshake,
    badge: prepared.badge,
    ...(prepared.drift ? { drift: prepared.drift } : {}),
  };
}

export function rowToSummary(row: SummaryRow): DeliverySummary {
  return {
    id: row.id,
    seq: row.seq,
    receivedAt: row.received_at,
    endpoint: row.endpoint,
    method: row.method,
    target: row.target,
    size: row.size,
    truncated: row.truncated !== 0,
    contentType: row.content_type,
    responseStatus: row.response_status,
    via: row.via as DeliveryVia,
    provider: row.provider,
    event: row.event,
    handshake: row.handshake !== 0,
    badge: row.badge as VerdictBadge,
    // Annotations appear only when set: most deliveries have none, and lists stay small.
    ...(row.pinned ? { pinned: true } : {}),
    ...(row.labels ? { labels: JSON.parse(row.labels) as string[] } : {}),
    ...(row.note !== null ? { note: row.note } : {}),
    ...(row.drift_status ? { drift: row.drift_status as DriftStatus } : {}),
  };
}

export function rowToDelivery(row: DeliveryRow): Delivery {
  const response = row.response ? (JSON.parse(row.response) as StoredResponse) : null;
  return {
    ...rowToSummary(row),
    remoteAddress: row.remote_address,
    httpVersion: row.http_version,
    rawHeaders: JSON.parse(row.raw_headers) as RawHeaders,
    body: new Uint8Array(row.body),
    response: response
      ? { ...response, body: new Uint8Array(row.response_body ?? new ArrayBuffer(0)) }
      : null,
    verdict: row.verdict ? (JSON.parse(row.verdict) as Verdict) : null,
    ...(row.drift ? { driftVerdict: JSON.parse(row.drift) as DriftVerdict } : {}),
  };
}
