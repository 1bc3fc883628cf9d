import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RawHeaders } from '../../electron/contract/delivery';
import type { DeliveryInput, OutgoingRequest } from '../../electron/engine/providers/types';
import { sendExact } from '../../electron/engine/sender/send-exact';

/** What an official verifier running behind a real loopback server concluded about one request. */
export interface Verdict {
  status: number;
  body: string;
}

export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A loopback HTTP server whose handler gets the exact body bytes (official verifiers need the raw
 * body), or passes the untouched request on to a library middleware when `raw` is false.
 */
export async function startServer(
  handler: (
    request: IncomingMessage,
    response: ServerResponse,
    body: Buffer,
  ) => void | Promise<void>,
  options: { readBody?: boolean } = {},
): Promise<LoopbackServer> {
  const server: Server = createServer((request, response) => {
    const fail = (error: unknown): void => {
      response.statusCode = 500;
      response.end(`handler threw: ${(error as Error).message}`);
    };
    if (options.readBody === false) {
      Promise.resolve(handler(request, response, Buffer.alloc(0))).catch(fail);
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      Promise.resolve(handler(request, response, Buffer.concat(chunks))).catch(fail);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a forged request with Hookscope's byte-exact sender and returns the server's answer. */
export async function deliver(request: OutgoingRequest): Promise<Verdict> {
  const outcome = await sendExact(request);
  if (!outcome.ok) throw new Error(`send failed: ${outcome.code} ${outcome.message}`);
  return { status: outcome.answer.status, body: new TextDecoder().decode(outcome.answer.body) };
}

/** A request as Hookscope's receiver would hand it to a provider's verify(). */
export function asDelivery(
  parts: { url: string; rawHeaders: RawHeaders; body: Uint8Array | string; method?: string },
  receivedAt = Date.now(),
): DeliveryInput {
  const url = new URL(parts.url);
  return {
    method: parts.method ?? 'POST',
    target: url.pathname + url.search,
    rawHeaders: parts.rawHeaders,
    body: typeof parts.body === 'string' ? new TextEncoder().encode(parts.body) : parts.body,
    receivedAt,
    // The public origin: the receiver adds the raw target (path and query) to it.
    publicUrl: `${url.protocol}//${url.host}`,
  };
}

/** The same request with one body byte changed (a tampered delivery). */
export function tampered(request: OutgoingRequest): OutgoingRequest {
  const body = Uint8Array.from(request.body);
  const at = body.findIndex((byte) => byte >= 0x61 && byte <= 0x79);
  body[at] = body[at]! + 1;
  return { ...request, body };
}

export function headerOf(rawHeaders: RawHeaders, name: string): string {
  const found = rawHeaders.find(([key]) => key.toLowerCase() === name.toLowerCase());
  if (!found) throw new Error(`header ${name} missing`);
  return found[1];
}

/** Node's lower-cased header object, as libraries that take `req.headers` see it. */
export function nodeHeaders(rawHeaders: RawHeaders): Record<string, string> {
  return Object.fromEntries(rawHeaders.map(([name, value]) => [name.toLowerCase(), value]));
}
