import type { NewDelivery } from '../../../electron/engine/delivery';

const text = (value: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(value);

/** Deliveries covering what the codecs must carry exactly: text, binary, empty, odd headers. */
export function sampleDeliveries(): NewDelivery[] {
  const binary = new Uint8Array(256);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 37) % 256;
  const base = {
    endpoint: null,
    httpVersion: '1.1',
    remoteAddress: '127.0.0.1',
    via: 'local' as const,
    provider: null,
    event: null,
    handshake: false,
    verdict: null,
  };
  return [
    {
      ...base,
      id: '01J0000000000000000000000A',
      receivedAt: Date.UTC(2025, 0, 2, 3, 4, 5, 678),
      endpoint: '/kanboard',
      method: 'POST',
      target: '/kanboard?token=abc&x=%20y',
      // Order, case and duplicates are part of the raw facts.
      rawHeaders: [
        ['Host', 'hooks.example.test:8787'],
        ['Content-Type', 'application/json'],
        ['X-Dup', 'one'],
        ['x-dup', 'two'],
      ],
      body: text('{"event_name":"task.create","é":"ü"}'),
      size: text('{"event_name":"task.create","é":"ü"}').byteLength,
      truncated: false,
      response: {
        status: 200,
        rawHeaders: [['Content-Type', 'text/plain']],
        body: text('ok'),
        latencyMs: 3.25,
      },
    },
    {
      ...base,
      id: '01J0000000000000000000000B',
      receivedAt: Date.UTC(2025, 0, 2, 3, 4, 6, 0),
      method: 'PUT',
      target: '/upload',
      httpVersion: 'HTTP/1.1',
      remoteAddress: '::1',
      via: 'tunnel',
      rawHeaders: [
        ['host', '127.0.0.1:9000'],
        ['content-type', 'application/octet-stream'],
      ],
      body: binary,
      size: binary.byteLength,
      truncated: false,
      response: {
        status: 201,
        rawHeaders: [],
        body: new Uint8Array([0, 255, 1]),
        latencyMs: 0,
      },
    },
    {
      ...base,
      id: '01J0000000000000000000000C',
      receivedAt: Date.UTC(2025, 0, 2, 3, 4, 7, 1),
      method: 'GET',
      target: '/ping',
      rawHeaders: [],
      body: new Uint8Array(0),
      size: 0,
      truncated: false,
      response: null,
    },
    {
      ...base,
      id: '01J0000000000000000000000D',
      receivedAt: Date.UTC(2025, 0, 2, 3, 4, 8, 2),
      method: 'POST',
      target: '/big',
      rawHeaders: [['Host', 'localhost']],
      body: text('\ufeffBOM and a prefix'),
      size: 99_999_999,
      truncated: true,
      response: {
        status: 413,
        rawHeaders: [['Connection', 'close']],
        body: text(''),
        latencyMs: 1,
      },
    },
  ];
}
