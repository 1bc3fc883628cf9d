// Stands in for the receiver: a node:http server fed both by its own port ("local") and by
// acceptTunnelConnection-style hand-over ("tunnel"), recording which way each request came.
import { randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface CapturedRequest {
  method: string;
  url: string;
  body: Buffer;
  via: 'local' | 'tunnel';
}

export interface StandInReceiver {
  host: string;
  port: number;
  captured: CapturedRequest[];
  acceptTunnelConnection(stream: Duplex): void;
  close(): Promise<void>;
}

export async function startStandInReceiver(): Promise<StandInReceiver> {
  const tunnelled = new WeakSet<object>();
  const captured: CapturedRequest[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      captured.push({
        method: req.method ?? '',
        url: req.url ?? '',
        body,
        via: tunnelled.has(req.socket) ? 'tunnel' : 'local',
      });
      res.setHeader('content-type', 'text/plain');
      res.end(`stored ${body.length} bytes`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    captured,
    acceptTunnelConnection: (stream) => {
      tunnelled.add(stream);
      server.emit('connection', stream as Socket);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A body with every byte value, CR/LF and invalid UTF-8: any re-encoding on the way shows. */
export function binaryBody(size = 70_000): Buffer {
  const body = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1) body[i] = i % 256;
  return Buffer.concat([
    Buffer.from([0xff, 0xfe, 0x00, 0x0d, 0x0a, 0xc3, 0x28]),
    body,
    randomBytes(1024),
  ]);
}

/** POSTs raw bytes with node:http and returns status and text answer. */
export async function postBytes(
  url: string,
  body: Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'content-length': body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
