// Framing for the WebSocket bridge: a message is one binary frame, and any Uint8Array inside it
// travels as raw bytes instead of base64 or a JSON number array.
//
//   [u32 big-endian: header length N][N bytes: UTF-8 JSON][the byte blobs, concatenated]
//
// In the JSON, each Uint8Array is replaced by {"$bytes":[offset,length]} (offset into the blob area).
// Object keys that start with "$" are sent with one more "$" so a payload's own "$bytes" key can
// never be mistaken for a placeholder.

const HEADER_LENGTH_BYTES = 4;

// The contract compiles without DOM or Node typings; both runtimes have these globals.
interface TextCodecGlobals {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new (
    label: string,
    options: { fatal: boolean },
  ) => { decode(bytes: Uint8Array): string };
}
const { TextEncoder, TextDecoder } = globalThis as unknown as TextCodecGlobals;
const BYTES_KEY = '$bytes';

export class WireFormatError extends Error {
  override name = 'WireFormatError';
}

const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

function replaceBytes(value: unknown, blobs: Uint8Array[], offset: { next: number }): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) {
    const placeholder = { [BYTES_KEY]: [offset.next, value.byteLength] };
    blobs.push(value);
    offset.next += value.byteLength;
    return placeholder;
  }
  if (Array.isArray(value)) return value.map((item) => replaceBytes(item, blobs, offset));
  if (!isPlainObject(value)) {
    throw new WireFormatError(`cannot encode ${value.constructor?.name ?? 'object'} values`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    out[key.startsWith('$') ? `$${key}` : key] = replaceBytes(item, blobs, offset);
  }
  return out;
}

/** Encodes a JSON-like value (plain objects, arrays, primitives, Uint8Array) into one frame. */
export function encodeMessage(value: unknown): Uint8Array {
  const blobs: Uint8Array[] = [];
  const offset = { next: 0 };
  const json = JSON.stringify(replaceBytes(value, blobs, offset)) ?? 'null';
  const header = new TextEncoder().encode(json);
  const frame = new Uint8Array(HEADER_LENGTH_BYTES + header.byteLength + offset.next);
  new DataView(frame.buffer).setUint32(0, header.byteLength, false);
  frame.set(header, HEADER_LENGTH_BYTES);
  let at = HEADER_LENGTH_BYTES + header.byteLength;
  // Copies only each view's own bytes: a Node Buffer is often a slice of a larger shared pool.
  for (const blob of blobs) {
    frame.set(blob, at);
    at += blob.byteLength;
  }
  return frame;
}

function restoreBytes(value: unknown, blobArea: Uint8Array): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => restoreBytes(item, blobArea));
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === BYTES_KEY) return sliceBlob(record[BYTES_KEY], blobArea);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    out[key.startsWith('$') ? key.slice(1) : key] = restoreBytes(record[key], blobArea);
  }
  return out;
}

function sliceBlob(range: unknown, blobArea: Uint8Array): Uint8Array {
  if (!Array.isArray(range) || range.length !== 2)
    throw new WireFormatError('bad $bytes placeholder');
  const [start, length] = range as unknown[];
  if (
    !Number.isSafeInteger(start) ||
    !Number.isSafeInteger(length) ||
    (start as number) < 0 ||
    (length as number) < 0 ||
    (start as number) + (length as number) > blobArea.byteLength
  ) {
    throw new WireFormatError('$bytes placeholder points outside the frame');
  }
  // A view, not a copy: the frame is not reused after decoding.
  return blobArea.subarray(start as number, (start as number) + (length as number));
}

/** Decodes one frame made by encodeMessage. Throws WireFormatError on a malformed frame. */
export function decodeMessage(frame: Uint8Array): unknown {
  if (frame.byteLength < HEADER_LENGTH_BYTES)
    throw new WireFormatError('frame shorter than its header');
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const headerLength = view.getUint32(0, false);
  const blobStart = HEADER_LENGTH_BYTES + headerLength;
  if (blobStart > frame.byteLength) throw new WireFormatError('header length exceeds the frame');
  let parsed: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      frame.subarray(HEADER_LENGTH_BYTES, blobStart),
    );
    parsed = JSON.parse(text);
  } catch (error) {
    throw new WireFormatError(`frame header is not UTF-8 JSON (${(error as Error).message})`);
  }
  const blobArea = frame.subarray(blobStart);
  // Plain Uint8Array views even when the frame is a Node Buffer, so both ends see the same type.
  const plain = new Uint8Array(blobArea.buffer, blobArea.byteOffset, blobArea.byteLength);
  return restoreBytes(parsed, plain);
}
