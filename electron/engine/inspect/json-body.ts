import { isAscii } from './utf8-scan';

/**
 * Parsing a body as JSON, shared by detection, schema checks and health checks. Detection asks every
 * provider about the same bytes, so the last body's parse is kept and reused (bodies are never
 * mutated, and one delivery is derived at a time).
 */

export type JsonBody =
  | { ok: true; value: unknown; hadBom: boolean }
  | { ok: false; reason: string; position: number | null; hadBom: boolean };

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
/**
 * One entry, not a WeakMap keyed by every body: a WeakMap entry per delivery made each garbage
 * collection walk them all, which cost more CPU than the JSON.parse it saved. Holding the last
 * body until the next delivery replaces it is the price.
 */
let lastBody: Uint8Array | null = null;
let lastParse: JsonBody | null = null;
/** Not streaming, so one decoder serves every call (creating one per body showed in profiles). */
const utf8Decoder = new TextDecoder('utf-8');

export function hasUtf8Bom(body: Uint8Array): boolean {
  return body[0] === UTF8_BOM[0] && body[1] === UTF8_BOM[1] && body[2] === UTF8_BOM[2];
}

/** The body as text (UTF-8, replacement characters for bad bytes), without a leading BOM. */
export function bodyText(body: Uint8Array): string {
  // ASCII decodes the same in latin-1, whose decoder is cheaper and builds a one-byte string.
  if (isAscii(body)) {
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
  }
  const start = hasUtf8Bom(body) ? 3 : 0;
  return utf8Decoder.decode(body.subarray(start));
}

function parseText(text: string, hadBom: boolean): JsonBody {
  // Only the message of a syntax error is kept: a stack trace would be most of a failed parse's
  // cost, and every form or text delivery fails it. JSON.parse runs no other code meanwhile.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return { ok: true, value: JSON.parse(text), hadBom };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const match = /position (\d+)/.exec(reason);
    return { ok: false, reason, position: match ? Number(match[1]) : null, hadBom };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** Every empty body fails the same way (handshakes, pings): parsed once. */
let emptyBodyParse: JsonBody | null = null;

/** Parses the body as JSON; a leading UTF-8 BOM is tolerated here and reported by body health. */
export function readJsonBody(body: Uint8Array): JsonBody {
  if (body.length === 0) return (emptyBodyParse ??= parseText('', false));
  if (body === lastBody && lastParse) return lastParse;
  const result = parseText(bodyText(body), hasUtf8Bom(body));
  lastBody = body;
  lastParse = result;
  return result;
}

/** Plain JSON object narrowing, used when reading envelopes. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body's top-level JSON object, or null when the body is not a JSON object. */
export function readJsonObject(body: Uint8Array): Record<string, unknown> | null {
  const parsed = readJsonBody(body);
  return parsed.ok && isJsonObject(parsed.value) ? parsed.value : null;
}
