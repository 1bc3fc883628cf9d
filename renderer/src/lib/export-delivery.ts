// Client-side export of one delivery: a jsonl line (same keys as `hookscope export`) and HAR 1.2.
import type { DeliveryDetail, RawHeaders } from '../../../electron/contract/delivery';
import { bytesToBase64, decodeUtf8Strict } from './bytes';
import { formatHttpVersion } from './format';
import { headerValue, joinUrl, queryParams } from './request-parts';

export interface JsonlRecord {
  id: string;
  receivedAt: string;
  endpoint: string | null;
  method: string;
  target: string;
  httpVersion: string;
  remoteAddress: string;
  rawHeaders: RawHeaders;
  bodyBase64: string;
  size: number;
  truncated: boolean;
  response: {
    status: number;
    rawHeaders: RawHeaders;
    bodyBase64: string;
    latencyMs: number;
  } | null;
}

/** Raw facts only: derived facts (provider, verdict) are recomputed on import. */
export function toJsonlRecord(delivery: DeliveryDetail): JsonlRecord {
  const { response } = delivery;
  return {
    id: delivery.id,
    receivedAt: new Date(delivery.receivedAt).toISOString(),
    endpoint: delivery.endpoint,
    method: delivery.method,
    target: delivery.target,
    httpVersion: delivery.httpVersion,
    remoteAddress: delivery.remoteAddress,
    rawHeaders: delivery.rawHeaders,
    bodyBase64: bytesToBase64(delivery.body),
    size: delivery.size,
    truncated: delivery.truncated,
    response: response
      ? {
          status: response.status,
          rawHeaders: response.rawHeaders,
          bodyBase64: bytesToBase64(response.body),
          latencyMs: response.latencyMs,
        }
      : null,
  };
}

export function toJsonlLine(delivery: DeliveryDetail): string {
  return `${JSON.stringify(toJsonlRecord(delivery))}\n`;
}

interface HarNameValue {
  name: string;
  value: string;
}

/** HAR carries text; bodies that are not UTF-8 travel as base64 with `encoding: 'base64'`. */
function harText(bytes: Uint8Array): { text: string; encoding?: 'base64' } {
  const text = decodeUtf8Strict(bytes);
  return text === null ? { text: bytesToBase64(bytes), encoding: 'base64' } : { text };
}

function harHeaders(rawHeaders: RawHeaders): HarNameValue[] {
  return rawHeaders.map(([name, value]) => ({ name, value }));
}

export function toHarEntry(delivery: DeliveryDetail, baseUrl: string) {
  const requestBody = harText(delivery.body);
  const response = delivery.response;
  const responseBody = response ? harText(response.body) : { text: '' };
  const latency = response?.latencyMs ?? 0;
  return {
    startedDateTime: new Date(delivery.receivedAt).toISOString(),
    time: latency,
    request: {
      method: delivery.method,
      url: joinUrl(baseUrl, delivery.target),
      httpVersion: formatHttpVersion(delivery.httpVersion),
      cookies: [],
      headers: harHeaders(delivery.rawHeaders),
      queryString: queryParams(delivery.target),
      headersSize: -1,
      bodySize: delivery.body.length,
      ...(delivery.body.length > 0
        ? {
            postData: {
              mimeType: headerValue(delivery.rawHeaders, 'content-type') ?? '',
              // HAR 1.2 has no postData.encoding; the underscore prefix is the spec's custom-field form.
              text: requestBody.text,
              ...(requestBody.encoding ? { _encoding: requestBody.encoding } : {}),
            },
          }
        : {}),
    },
    response: {
      status: response?.status ?? 0,
      statusText: '',
      httpVersion: formatHttpVersion(delivery.httpVersion),
      cookies: [],
      headers: response ? harHeaders(response.rawHeaders) : [],
      content: {
        size: response?.body.length ?? 0,
        mimeType: (response && headerValue(response.rawHeaders, 'content-type')) ?? '',
        ...responseBody,
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: response?.body.length ?? -1,
    },
    cache: {},
    timings: { send: 0, wait: latency, receive: 0 },
    _hookscope: {
      id: delivery.id,
      endpoint: delivery.endpoint,
      remoteAddress: delivery.remoteAddress,
      truncated: delivery.truncated,
    },
  };
}

export type HarEntry = ReturnType<typeof toHarEntry>;

export function toHar(deliveries: readonly DeliveryDetail[], baseUrl: string, version = '0.1.0') {
  return {
    log: {
      version: '1.2',
      creator: { name: 'Hookscope', version },
      entries: deliveries.map((delivery) => toHarEntry(delivery, baseUrl)),
    },
  };
}

/** A file name safe on every OS: the delivery id is time-ordered, so files sort by arrival. */
export function exportFileName(
  delivery: Pick<DeliveryDetail, 'id'>,
  extension: 'jsonl' | 'har',
): string {
  return `hookscope-${delivery.id.replace(/[^A-Za-z0-9_-]/g, '_')}.${extension}`;
}
