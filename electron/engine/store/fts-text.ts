import { Buffer, isUtf8 } from 'node:buffer';
import type { NewDelivery } from '../delivery';

/**
 * Bodies are searchable whole up to the receiver's default body limit (25 MiB): a key at the end
 * of a 2 MB JSON is found like one at its start. The indexer bounds each step by bytes
 * (search-indexer.ts), so a big body costs one step of its own, off the receiver's path.
 */
export const MAX_INDEXED_BODY_BYTES = 25 * 1024 * 1024;

/** The text a delivery is searchable by: [target, headers, body]. */
export function searchableText(
  delivery: Pick<NewDelivery, 'target' | 'rawHeaders' | 'body'>,
): [string, string, string] {
  return [targetText(delivery.target), headersText(delivery.rawHeaders), bodyText(delivery.body)];
}

function targetText(target: string): string {
  // Also index the percent-decoded form so "hello world" finds "?q=hello%20world".
  try {
    const decoded = decodeURIComponent(target);
    return decoded === target ? target : `${target}\n${decoded}`;
  } catch {
    return target;
  }
}

function headersText(rawHeaders: NewDelivery['rawHeaders']): string {
  let text = '';
  for (const [name, value] of rawHeaders) text += `${name}: ${value}\n`;
  return text;
}

/** UTF-8 text bodies only: binary (NUL bytes or invalid UTF-8, e.g. gzip) is not indexed. */
export function bodyText(body: Uint8Array): string {
  if (body.byteLength === 0) return '';
  const head =
    body.byteLength > MAX_INDEXED_BODY_BYTES ? body.subarray(0, MAX_INDEXED_BODY_BYTES) : body;
  if (head.indexOf(0) !== -1) return '';
  // Native validation and decoding: this runs for every captured delivery, on the hot path.
  if (isUtf8(head))
    return Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('utf8');
  if (head === body) return '';
  // The cut may split a multi-byte character: stream mode tolerates an incomplete tail.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return '';
  }
}
