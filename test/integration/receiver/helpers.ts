import { connect, type Socket } from 'node:net';
import { request } from 'node:http';
import type { NewDelivery } from '../../../electron/engine/delivery';
import {
  DEFAULT_LIMITS,
  startReceiver,
  type Receiver,
  type ReceiverOptions,
} from '../../../electron/engine/receiver';

/** An in-memory sink: what a store would have committed, in order. */
export class Collector {
  readonly deliveries: NewDelivery[] = [];
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  readonly sink = async (delivery: NewDelivery): Promise<void> => {
    this.deliveries.push(delivery);
    this.waiters = this.waiters.filter((waiter) => {
      if (this.deliveries.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  };

  /** Resolves once `count` deliveries have been stored. */
  waitFor(count: number): Promise<void> {
    if (this.deliveries.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  only(): NewDelivery {
    if (this.deliveries.length !== 1)
      throw new Error(`expected 1 delivery, got ${this.deliveries.length}`);
    return this.deliveries[0] as NewDelivery;
  }
}

export interface TestReceiver {
  receiver: Receiver;
  collector: Collector;
  errors: Array<{ error: Error; context: string }>;
}

export async function startTestReceiver(
  overrides: Partial<ReceiverOptions> = {},
): Promise<TestReceiver> {
  const collector = new Collector();
  const errors: TestReceiver['errors'] = [];
  const receiver = await startReceiver({
    host: '127.0.0.1',
    port: 0,
    limits: DEFAULT_LIMITS,
    endpoints: () => [],
    sink: collector.sink,
    onError: (error, context) => errors.push({ error, context }),
    ...overrides,
  });
  return { receiver, collector, errors };
}

export interface RawResponse {
  status: number;
  head: string;
  headers: Array<[string, string]>;
  body: Buffer;
}

/** Opens a raw TCP connection to the receiver. */
export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * Reads `count` HTTP responses (Content-Length framed) off a socket, or as many as arrive before
 * the peer closes. Resolves with the responses and whether the connection closed.
 */
export function readResponses(
  socket: Socket,
  count: number,
): Promise<{ responses: RawResponse[]; closed: boolean }> {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    const responses: RawResponse[] = [];
    const finish = (closed: boolean): void => {
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      resolve({ responses, closed });
    };
    const parse = (): void => {
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end === -1) return;
        const head = buffer.toString('latin1', 0, end);
        const lines = head.split('\r\n');
        const status = Number((lines[0] ?? '').split(' ')[1]);
        const headers = lines.slice(1).map((line): [string, string] => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon), line.slice(colon + 1).trim()];
        });
        const length = Number(
          headers.find(([name]) => name.toLowerCase() === 'content-length')?.[1] ?? 0,
        );
        if (buffer.length < end + 4 + length) return;
        responses.push({ status, head, headers, body: buffer.subarray(end + 4, end + 4 + length) });
        buffer = buffer.subarray(end + 4 + length);
        if (responses.length === count) return finish(false);
      }
    };
    const onData = (chunk: Buffer): void => {
      buffer = Buffer.concat([buffer, chunk]);
      parse();
    };
    const onClose = (): void => finish(true);
    socket.on('data', onData);
    socket.on('close', onClose);
  });
}

/** Sends raw bytes on a fresh connection and reads one response. */
export async function rawExchange(
  port: number,
  bytes: string | Buffer,
): Promise<RawResponse & { closed: boolean }> {
  const socket = await openSocket(port);
  const reading = readResponses(socket, 1);
  socket.write(bytes);
  const { responses } = await reading;
  const response = responses[0];
  if (!response) throw new Error('no response before the connection closed');
  const closed = await new Promise<boolean>((resolve) => {
    if (socket.destroyed) return resolve(true);
    socket.once('close', () => resolve(true));
    setTimeout(() => resolve(false), 200).unref();
  });
  socket.destroy();
  return { ...response, closed };
}

export function bodyText(delivery: NewDelivery): string {
  return Buffer.from(delivery.body).toString('utf8');
}

export interface HttpResult {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

/** A normal node:http client request (any method token, exact body bytes). */
export function httpRequest(
  url: string,
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
  } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const target = new URL(options.path ?? '/', url);
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? 'POST',
        path: options.path ?? '/',
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const headers: Array<[string, string]> = [];
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            headers.push([res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string]);
          }
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A promise whose settling the test controls. */
export function deferred<T = void>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
