import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import type { RawHeaders } from '../../contract/delivery';

/**
 * Decoded bodies larger than this are refused, so a zip bomb cannot exhaust memory: the receiver's
 * default body limit (25 MiB), so judging a decoded body costs no more than judging a plain one.
 */
export const MAX_DECODED_BYTES = 25 * 1024 * 1024;

export interface DecodedBody {
  /** The decoded bytes, or the body as sent when there is nothing to decode or decoding failed. */
  bytes: Uint8Array;
  /** The Content-Encoding as sent (lowercased, comma-joined), or null when absent or identity. */
  encoding: string | null;
  error?: string;
}

/** The bytes inspectors judge: decoded when a Content-Encoding was undone, else the body as sent. */
export function contentBytes(decoded: DecodedBody): Uint8Array | null {
  return decoded.encoding !== null && decoded.error === undefined ? decoded.bytes : null;
}

/**
 * Undoes Content-Encoding (gzip, deflate, br, in any stacking) for inspectors. The receiver
 * stores bodies exactly as sent; this derives the readable form from them, never the reverse.
 */
export function decodeBody(
  rawHeaders: RawHeaders,
  body: Uint8Array,
  maxDecodedBytes: number = MAX_DECODED_BYTES,
): DecodedBody {
  const codings = contentCodings(rawHeaders);
  if (codings.length === 0) return { bytes: body, encoding: null };
  const encoding = codings.join(', ');
  let bytes: Uint8Array = body;
  // Codings are listed in the order they were applied, so they are undone from the last.
  for (let i = codings.length - 1; i >= 0; i--) {
    const coding = codings[i] ?? '';
    try {
      bytes = decodeOne(coding, bytes, maxDecodedBytes);
    } catch (error) {
      return { bytes: body, encoding, error: describeFailure(coding, error, maxDecodedBytes) };
    }
  }
  return { bytes, encoding };
}

function contentCodings(rawHeaders: RawHeaders): string[] {
  const codings: string[] = [];
  for (const [name, value] of rawHeaders) {
    if (name.toLowerCase() !== 'content-encoding') continue;
    for (const part of value.split(',')) {
      const coding = part.trim().toLowerCase();
      if (coding !== '' && coding !== 'identity') codings.push(coding);
    }
  }
  return codings;
}

function decodeOne(coding: string, input: Uint8Array, maxOutputLength: number): Uint8Array {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(input, { maxOutputLength });
    case 'deflate':
      // RFC 9110 says zlib-wrapped, but many senders emit raw deflate: accept both.
      try {
        return inflateSync(input, { maxOutputLength });
      } catch (error) {
        if (isTooLarge(error)) throw error;
        return inflateRawSync(input, { maxOutputLength });
      }
    case 'br':
      return brotliDecompressSync(input, { maxOutputLength });
    default:
      throw new UnsupportedCoding(coding);
  }
}

class UnsupportedCoding extends Error {}

function isTooLarge(error: unknown): boolean {
  return (
    error instanceof RangeError ||
    (error instanceof Error && (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
  );
}

function describeFailure(coding: string, error: unknown, max: number): string {
  if (error instanceof UnsupportedCoding) return `unsupported content-encoding "${coding}"`;
  if (isTooLarge(error)) return `${coding} body decodes to more than ${max} bytes`;
  const message = error instanceof Error ? error.message : String(error);
  return `cannot decode ${coding} body: ${message}`;
}
