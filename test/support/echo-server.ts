// A real target server on loopback that records exactly what it received.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  rawHeaders: [string, string][];
  body: Buffer;
}

export interface EchoServer {
  url: string;
  received: ReceivedRequest[];
  /** Replace how the server answers (default: 200 "ok"). */
  answer: (req: ReceivedRequest, res: ServerResponse) => void;
  close(): Promise<void>;
}

/** `port` 0 picks a free one; a given port lets a test bring a target back up at the same URL. */
export async function startEchoServer(port = 0): Promise<EchoServer> {
  const received: ReceivedRequest[] = [];
  const echo: EchoServer = {
    url: '',
    received,
    answer: (_req, res) => res.end('ok'),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawHeaders: [string, string][] = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
        rawHeaders.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
      const record = {
        method: req.method ?? '',
        url: req.url ?? '',
        rawHeaders,
        body: Buffer.concat(chunks),
      };
      received.push(record);
      echo.answer(record, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  echo.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return echo;
}
