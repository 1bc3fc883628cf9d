import type { DeliveryVia, RawHeaders } from '../../contract/delivery';
import type { CollectedBody } from './body-collector';
import type { IncomingCapture } from './types';

/** What the transport knows about one request before its body is read. */
export interface RequestHead {
  method: string;
  target: string;
  /** e.g. `1.1`, as node reports it. */
  httpVersion: string;
  /** node's flat `rawHeaders` list: name, value, name, value... */
  flatHeaders: readonly string[];
}

/** Header pairs in arrival order, case kept, duplicates kept. */
export function pairRawHeaders(flat: readonly string[]): RawHeaders {
  const pairs: RawHeaders = new Array(flat.length >> 1);
  for (let i = 0, j = 0; i + 1 < flat.length; i += 2, j++) {
    pairs[j] = [flat[i] as string, flat[i + 1] as string];
  }
  return pairs;
}

export function buildCapture(
  head: RequestHead,
  body: CollectedBody,
  receivedAt: number,
  remoteAddress: string,
  via: DeliveryVia,
): IncomingCapture {
  return {
    receivedAt,
    remoteAddress,
    method: head.method,
    target: head.target,
    httpVersion: `HTTP/${head.httpVersion}`,
    rawHeaders: pairRawHeaders(head.flatHeaders),
    body: body.body,
    size: body.size,
    truncated: body.truncated,
    via,
  };
}
