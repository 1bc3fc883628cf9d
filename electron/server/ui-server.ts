import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { contentSecurityPolicy } from '../contract/csp';
import { createEventBatcher } from '../engine/api/event-batcher';
import { createApiHandlers } from '../engine/api/handlers';
import type { Engine } from '../engine/engine-types';
import { attachBridge } from './bridge';
import { isOwnHost, UI_HOST } from './request-guards';
import { serveStatic } from './static-files';

export interface UiServerOptions {
  engine: Engine;
  /** Only 127.0.0.1 is accepted: the UI controls the engine and must never face the network. */
  host?: string;
  /** 0 picks a free port. Never the receiver's port. */
  port?: number;
  /** The built renderer (vite's output). */
  staticDir?: string;
  /** Hears internal errors (handler bugs, socket errors). */
  report?: (error: unknown, context: string) => void;
  /** Event batching window (ms). */
  eventIntervalMs?: number;
  /** Pending changes that trigger an immediate push (and the most items one event carries). */
  eventMaxItems?: number;
}

export interface UiServer {
  /** Open this in a browser: `http://127.0.0.1:PORT/#token=...` (the fragment never leaves the browser). */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  /** Stops the server and disconnects pages; does not close the engine. */
  close(): Promise<void>;
}

/** Headers for every response of the UI server. */
export function uiSecurityHeaders(port: number): Record<string, string> {
  const policy = contentSecurityPolicy({ connectSrc: [`ws://${UI_HOST}:${port}`] });
  return {
    // frame-ancestors only works as a header, so it is added here rather than in the shared policy.
    'Content-Security-Policy': `${policy}; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** `hookscope serve`: the built renderer plus the WebSocket bridge, on 127.0.0.1 only. */
export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const host = options.host ?? UI_HOST;
  if (host !== UI_HOST) {
    throw new Error(
      `the UI server listens on ${UI_HOST} only (got "${host}"): it controls the engine`,
    );
  }
  const requestedPort = options.port ?? 0;
  if (requestedPort !== 0 && requestedPort === options.engine.receiver.port) {
    throw new Error(`port ${requestedPort} is the receiver's: the UI needs a port of its own`);
  }
  const staticDir = resolve(options.staticDir ?? 'dist/renderer');
  const token = randomBytes(32).toString('hex');

  let port = 0;
  let headers: Record<string, string> = {};
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (!isOwnHost(request.headers.host, port)) {
      response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('wrong Host\n');
      return;
    }
    serveStatic(request, response, staticDir, headers).catch((error: unknown) => {
      options.report?.(error, 'serving a file');
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(requestedPort, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  headers = uiSecurityHeaders(port);

  const handlers = createApiHandlers(options.engine, { shell: 'browser' });
  const bridge = attachBridge(server, { port, token, handlers, report: options.report });
  const batcher = createEventBatcher(
    (listener) => options.engine.store.onChange(listener),
    (events) => bridge.broadcast(events),
    {
      intervalMs: options.eventIntervalMs ?? 50,
      maxItems: options.eventMaxItems ?? 500,
      // Rows committed so far, matching the captured items pushed: no wait for the journal (issue 14).
      stats: () => options.engine.store.stats({ indexedOnly: true }),
      onError: (error) => options.report?.(error, 'pushing events'),
      engineEvents: (listener) => options.engine.events.on(listener),
    },
  );

  const origin = `http://${UI_HOST}:${port}`;
  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    close() {
      closing ??= (async () => {
        // Pages hear the last changes before they are disconnected.
        batcher.flushNow();
        batcher.close();
        await bridge.close();
        await new Promise<void>((resolveClose) => {
          server.close(() => resolveClose());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
