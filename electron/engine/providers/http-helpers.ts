import type { RawHeaders } from '../../contract/delivery';
import { hasUtf8Bom, readJsonObject } from '../inspect/json-body';
import { indexedHeaderValue, withHeader } from './raw-headers';
import { queryParam } from './request-target';
import type { DeliveryInput, HandshakeAnswer } from './types';

/** Reading deliveries and writing requests, shared by the provider modules. */

/** Case-insensitive first value of a header (indexed once per header list: detection is hot). */
export const headerValue = indexedHeaderValue;

export function header(delivery: DeliveryInput, name: string): string | null {
  return indexedHeaderValue(delivery.rawHeaders, name);
}

export function bodyText(body: Uint8Array): string {
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}

/**
 * The body as a JSON object, or null when it is not one (never throws: bodies are hostile). Shares
 * the per-body parse of readJsonObject, so detection asks every provider without re-parsing; a
 * leading BOM still means "not JSON" here (JSON.parse rejects it), unlike the BOM-tolerant parse.
 */
export function jsonObject(body: Uint8Array): Record<string, unknown> | null {
  return hasUtf8Bom(body) ? null : readJsonObject(body);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(record: Record<string, unknown> | null, key: string): string | null {
  const value = record?.[key];
  return typeof value === 'string' ? value : null;
}

/** First value of a query parameter of a raw target (`/path?a=1`), or null. */
export { queryParam };

/** Copy of `rawHeaders` with each named header set once (replacing any case variant). */
export function withHeaders(rawHeaders: RawHeaders, values: Record<string, string>): RawHeaders {
  return Object.entries(values).reduce(
    (headers, [name, value]) => withHeader(headers, name, value),
    rawHeaders,
  );
}

export function describeBody(body: Uint8Array): string {
  return `raw body (${body.byteLength} bytes)`;
}

export function textAnswer(body: string, description: string, status = 200): HandshakeAnswer {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body, description };
}

export function jsonAnswer(value: unknown, description: string, status = 200): HandshakeAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value),
    description,
  };
}

/** Option value as a string, or null. */
export function stringOption(options: Record<string, unknown>, key: string): string | null {
  const value = options[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * The full URL the sender called: `publicUrl` as given when it names a path or query, otherwise
 * the public origin followed by the raw target the receiver saw (a tunnel keeps path and query).
 */
export function publicRequestUrl(publicUrl: string, target: string): string {
  const trimmed = publicUrl.trim();
  const match = /^(https?:\/\/[^/?#]+)(.*)$/i.exec(trimmed);
  if (!match) return trimmed;
  const [, origin = '', rest = ''] = match;
  return rest === '' || rest === '/' ? origin + target : trimmed;
}
