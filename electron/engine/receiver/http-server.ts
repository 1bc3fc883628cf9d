import { createServer, type Server } from 'node:http';
import { serveHttpRequest } from './http-exchange';
import type { ReceiverContext } from './receiver-context';
import type { ReceiverLimits } from './types';

/** node's own default for the whole-request deadline. */
const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;

/**
 * The catch-all node:http server: every request, whatever its method, path or content type, is
 * read, recorded and answered. Limits map onto node's own options so they are enforced in C++.
 */
export function createReceiverServer(ctx: ReceiverContext): Server {
  const { limits } = ctx.options;
  const requestTimeout = Math.max(
    limits.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    limits.headersTimeoutMs,
  );
  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout,
      keepAliveTimeout: limits.idleTimeoutMs,
      // How often node checks the header/request deadlines: tight enough to honour short limits.
      connectionsCheckingInterval: checkingInterval(limits),
      // Strict parsing: lenient mode would let smuggled requests through to the inbox.
      insecureHTTPParser: false,
      // Capture what arrives, even an HTTP/1.1 request without Host.
      requireHostHeader: false,
    },
    (req, res) => serveHttpRequest(ctx, req, res),
  );
  server.timeout = limits.idleTimeoutMs;
  server.maxConnections = limits.maxConnections;
  return server;
}

function checkingInterval(limits: ReceiverLimits): number {
  const shortest = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs ?? Infinity);
  return Math.max(100, Math.min(30_000, Math.floor(shortest / 4)));
}
