import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleClientError } from './client-error';
import { ConnectionOrigins } from './connection-origin';
import { ConnectionTracker } from './connection-tracker';
import { listenError, ReceiverError } from './errors';
import { createReceiverServer } from './http-server';
import { InFlight } from './in-flight';
import { serveConnect, type ParseError } from './raw-exchange';
import type { ReceiverContext } from './receiver-context';
import {
  resolveLimits,
  type Receiver,
  type ReceiverOptions,
  type ResolvedLimits,
  type TunnelConnectionInfo,
} from './types';

const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;
/** After in-flight answers are written, how long their connections get to flush and close. */
const FLUSH_GRACE_MS = 1_000;

/**
 * Starts the catch-all receiver on host:port (0 picks a free port). Rejects with a
 * ReceiverError (`code` EADDRINUSE, EACCES, ...) naming host and port when it cannot listen.
 */
export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const limits = resolveLimits(options.limits);
  validateLimits(limits);
  const ctx: ReceiverContext = {
    options,
    limits,
    report: (error, context) => options.onError?.(error, context),
    inFlight: new InFlight(),
    origins: new ConnectionOrigins(),
    connections: new ConnectionTracker(limits),
    rawSockets: new WeakSet(),
    closing: false,
  };
  const server = createReceiverServer(ctx);
  server.on('connection', (socket: Duplex) => {
    ctx.connections.add(socket, ctx.origins.remoteAddress(socket));
  });
  server.on('clientError', (error: ParseError, socket: Duplex) =>
    handleClientError(ctx, error, socket),
  );
  server.on('connect', (req, socket) => serveConnect(ctx, req, socket));
  await listen(server, options.host, options.port);

  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(options.host)}:${port}`;
  let closed: Promise<void> | null = null;

  return {
    url,
    port,
    acceptTunnelConnection(stream: Duplex, info?: TunnelConnectionInfo): void {
      if (ctx.closing) {
        stream.destroy();
        return;
      }
      const reported = (stream as { remoteAddress?: string }).remoteAddress;
      ctx.origins.markTunnelled(stream, info?.remoteAddress ?? reported ?? 'tunnel');
      // node's documented way to inject a connection: any Duplex is served like a socket.
      server.emit('connection', stream);
    },
    close(): Promise<void> {
      closed ??= shutDown(ctx, server);
      return closed;
    },
  };
}

async function shutDown(ctx: ReceiverContext, server: Server): Promise<void> {
  ctx.closing = true;
  const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Connections with no request in progress go now; busy ones get their answer first.
  ctx.connections.destroyIdle();
  const timeout = ctx.options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
  await ctx.inFlight.drained(timeout);
  // Answers written while closing carry `connection: close`, so node ends those connections once
  // flushed; a request that arrived on a kept-alive connection meanwhile is cut after the grace.
  ctx.connections.destroyIdle();
  await Promise.race([serverClosed, sleep(FLUSH_GRACE_MS, undefined, { ref: false })]);
  ctx.connections.destroyAll();
  await serverClosed;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.removeListener('listening', onListening);
      reject(listenError(error, host, port));
    };
    const onListening = (): void => {
      server.removeListener('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** A wildcard bind is reached through loopback; IPv6 literals need brackets in a URL. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function validateLimits(limits: ResolvedLimits): void {
  for (const key of Object.keys(limits) as Array<keyof ResolvedLimits>) {
    const value = limits[key];
    if (!Number.isInteger(value) || value <= 0) {
      throw new ReceiverError('EINVAL', `receiver limit ${key} must be a positive integer`);
    }
  }
}
