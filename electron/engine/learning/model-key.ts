// Which model a delivery teaches: its endpoint and event, or its endpoint and request path when no
// event is known. And which bodies teach at all: JSON ones, within a size bound.
import type { NewDelivery } from '../delivery';

/** Bodies past this size are not learned (nor judged): parsing is the one step not capped by the model's bounds. */
export const MAX_LEARNED_BODY_BYTES = 5 * 1024 * 1024;

export interface ModelRef {
  key: string;
  endpoint: string;
  event: string | null;
  path: string | null;
}

function pathOf(target: string): string {
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
}

export function modelKey(endpoint: string, event: string | null, path: string | null): string {
  return `${endpoint} ${event ?? path ?? ''}`;
}

export function modelKeyOf(delivery: Pick<NewDelivery, 'endpoint' | 'event' | 'target'>): ModelRef {
  const path = pathOf(delivery.target);
  const endpoint = delivery.endpoint ?? path;
  const event = delivery.event ?? null;
  return {
    key: modelKey(endpoint, event, event === null ? path : null),
    endpoint,
    event,
    path: event === null ? path : null,
  };
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const decoder = new TextDecoder('utf-8');

/**
 * The parsed body when it is a JSON object or array (by its media type, or by its first byte when
 * the type does not say), else undefined.
 */
export function parseJsonBody(body: Uint8Array, contentType: string | null): unknown {
  if (body.byteLength === 0 || body.byteLength > MAX_LEARNED_BODY_BYTES) return undefined;
  const declared = contentType !== null && /\bjson\b|\+json\b/i.test(contentType);
  if (contentType !== null && !declared && !/^text\/plain\b/i.test(contentType)) return undefined;
  let first = 0;
  while (
    first < body.byteLength &&
    (body[first] === 0x20 || body[first] === 0x0a || body[first] === 0x0d || body[first] === 0x09)
  )
    first++;
  if (body[first] !== OPEN_BRACE && body[first] !== OPEN_BRACKET) return undefined;
  try {
    return JSON.parse(decoder.decode(body)) as unknown;
  } catch {
    return undefined;
  }
}
