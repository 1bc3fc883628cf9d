// Builds deliveries for UI tests with sensible defaults.
import type { DeliveryDetail } from '../../../electron/contract/delivery';

const encoder = new TextEncoder();

export function makeDelivery(
  seq: number,
  overrides: Partial<DeliveryDetail> & { text?: string } = {},
): DeliveryDetail {
  const { text, ...rest } = overrides;
  const body = rest.body ?? encoder.encode(text ?? `{"n":${seq}}`);
  return {
    id: `d${String(seq).padStart(6, '0')}`,
    seq,
    receivedAt: Date.UTC(2025, 0, 2, 3, 4, 5) + seq * 1000,
    endpoint: null,
    method: 'POST',
    target: `/hooks/${seq}`,
    size: body.length,
    truncated: false,
    contentType: 'application/json',
    responseStatus: 200,
    via: 'local',
    provider: null,
    event: null,
    handshake: false,
    badge: 'none',
    remoteAddress: '127.0.0.1',
    httpVersion: '1.1',
    rawHeaders: [
      ['Host', '127.0.0.1:8080'],
      ['Content-Type', 'application/json'],
      ['Content-Length', String(body.length)],
    ],
    response: {
      status: 200,
      rawHeaders: [['content-type', 'text/plain']],
      body: encoder.encode('ok'),
      latencyMs: 1.5,
    },
    verdict: null,
    ...rest,
    body,
  };
}

export function makeDeliveries(count: number): DeliveryDetail[] {
  return Array.from({ length: count }, (_, i) => makeDelivery(i + 1));
}
