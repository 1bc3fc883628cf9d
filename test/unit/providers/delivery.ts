import type { RawHeaders } from '../../../electron/contract/delivery';
import type {
  DeliveryInput,
  OutgoingRequest,
  VerifyContext,
} from '../../../electron/engine/providers/types';
import { referenceVectors } from '../providers-seed/seed-examples';

/** Output of the protocol reference's vector script (shared fixture of the providers tests). */
export const vectors = referenceVectors();

export function vector(name: string): string {
  const value = vectors[name];
  if (typeof value !== 'string') throw new Error(`reference vector ${name} is missing`);
  return value;
}

export const NOW_MS = 1_770_000_000_000;

export function delivery(
  parts: {
    body?: string | Uint8Array;
    headers?: RawHeaders;
    target?: string;
    method?: string;
    publicUrl?: string | null;
    receivedAt?: number;
  } = {},
): DeliveryInput {
  const body = parts.body ?? '';
  return {
    method: parts.method ?? 'POST',
    target: parts.target ?? '/hooks/test',
    rawHeaders: parts.headers ?? [],
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    receivedAt: parts.receivedAt ?? NOW_MS,
    publicUrl: parts.publicUrl ?? null,
  };
}

export function context(
  secrets: string[],
  options: Record<string, unknown> = {},
  now = NOW_MS,
): VerifyContext {
  return { secrets, options, now };
}

export function request(
  body: string,
  headers: RawHeaders = [],
  url = 'https://example.com/hooks/test',
): OutgoingRequest {
  return { method: 'POST', url, rawHeaders: headers, body: new TextEncoder().encode(body) };
}

/** The delivery a receiver would capture for a request produced by sign(). */
export function received(outgoing: OutgoingRequest, receivedAt = NOW_MS): DeliveryInput {
  const match = /^https?:\/\/[^/]+(.*)$/.exec(outgoing.url);
  return {
    method: outgoing.method,
    target: match?.[1] || '/',
    rawHeaders: outgoing.rawHeaders,
    body: outgoing.body,
    receivedAt,
    publicUrl: outgoing.url,
  };
}

export function headerOf(rawHeaders: RawHeaders, name: string): string | undefined {
  return rawHeaders.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}
