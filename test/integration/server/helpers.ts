import { request } from 'node:http';
import WebSocket from 'ws';
import type { WebSocketConstructor } from '../../../electron/contract/ws-client';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET whose path is sent exactly as given (fetch would normalise `..` away). */
export function rawRequest(
  port: number,
  path: string,
  options: { host?: string; method?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: options.host ?? `127.0.0.1:${port}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export type UpgradeOutcome =
  { opened: true; socket: WebSocket } | { opened: false; status: number };

/** Tries to open the bridge like a browser would (Origin header, subprotocols). */
export function tryUpgrade(
  url: string,
  protocols: string[],
  origin: string,
): Promise<UpgradeOutcome> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols, { origin });
    socket.once('open', () => resolve({ opened: true, socket }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ opened: false, status: res.statusCode ?? 0 });
      res.resume();
    });
    socket.once('error', (error) => reject(error));
  });
}

/** The ws client with the Origin header a browser sends for a page served from `origin`. */
export function browserLikeWebSocket(origin: string): WebSocketConstructor {
  class OriginWebSocket extends WebSocket {
    constructor(url: string, protocols: string[]) {
      super(url, protocols, { origin });
    }
  }
  return OriginWebSocket as unknown as WebSocketConstructor;
}

/** Resolves when `predicate` holds after one of the `subscribe` callbacks (no timers). */
export function waitFor<T>(
  subscribe: (listener: (value: T) => void) => () => void,
  predicate: (value: T) => boolean,
): Promise<T> {
  return new Promise((resolve) => {
    const stop = subscribe((value) => {
      if (predicate(value)) {
        stop();
        resolve(value);
      }
    });
  });
}
