import type { RawHeaders } from '../../../electron/contract/delivery';
import type { DeliveryInput, VerifyContext } from '../../../electron/engine/providers/types';

/** A POST delivery as the receiver would hand it over; body given as text is UTF-8 encoded. */
export function deliveryInput(
  parts: {
    body?: string | Uint8Array;
    rawHeaders?: RawHeaders;
    target?: string;
    method?: string;
  } = {},
): DeliveryInput {
  const body = parts.body ?? '';
  return {
    method: parts.method ?? 'POST',
    target: parts.target ?? '/hooks/test',
    rawHeaders: parts.rawHeaders ?? [['Content-Type', 'application/json']],
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    receivedAt: 1_770_000_000_000,
  };
}

export function verifyContext(
  secrets: string[] = [],
  options: Record<string, unknown> = {},
): VerifyContext {
  return { secrets, options, now: 1_770_000_000_000 };
}
