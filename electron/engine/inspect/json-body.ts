/**
 * Parsing a body as JSON, shared by detection, schema checks and health checks. Detection asks every
 * provider about the same bytes, so results are memoised per body buffer (bodies are never mutated).
 */

export type JsonBody =
  | { ok: true; value: unknown; hadBom: boolean }
  | { ok: false; reason: string; position: number | null; hadBom: boolean };

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
const cache = new WeakMap<Uint8Array, JsonBody>();

export function hasUtf8Bom(body: Uint8Array): boolean {
  return body[0] === UTF8_BOM[0] && body[1] === UTF8_BOM[1] && body[2] === UTF8_BOM[2];
}

/** The body as text (UTF-8, replacement characters for bad bytes), without a leading BOM. */
export function bodyText(body: Uint8Array): string {
  const start = hasUtf8Bom(body) ? 3 : 0;
  return new TextDecoder('utf-8').decode(body.subarray(start));
}

/** Parses the body as JSON; a leading UTF-8 BOM is tolerated here and reported by body health. */
export function readJsonBody(body: Uint8Array): JsonBody {
  const cached = cache.get(body);
  if (cached) return cached;
  const hadBom = hasUtf8Bom(body);
  let result: JsonBody;
  try {
    result = { ok: true, value: JSON.parse(bodyText(body)), hadBom };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const match = /position (\d+)/.exec(reason);
    result = { ok: false, reason, position: match ? Number(match[1]) : null, hadBom };
  }
  cache.set(body, result);
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
