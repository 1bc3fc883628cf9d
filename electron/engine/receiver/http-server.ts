import { createServer, type Server } from 'node:http';
import { serveExpectingRequest, serveHttpRequest } from './http-exchange';
import type { ReceiverContext } from './receiver-context';
import type { ResolvedLimits } from './types';

/**
 * The catch-all node:http server: every request, whatever its method, path or content type, is
 * read, recorded and answered. Limits map onto node's own options so they are enforced in C++;
 * the connection caps are the tracker's (node's maxConnections refuses the newcomer, which is
 * exactly the lock-out the tracker's eviction avoids).
 */
export function createReceiverServer(ctx: ReceiverContext): Server {
  const { limits } = ctx;
  const requestTimeout = Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs);
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
  server.on('checkContinue', (req, res) => serveExpectingRequest(ctx, req, res));
  server.on('checkExpectation', (req, res) => serveExpectingRequest(ctx, req, res));
  server.timeout = limits.idleTimeoutMs;
  // node would cut rawHeaders at 2,000 entries and drop the rest silently; the count limit is
  // ours (maxHeaderCount: 431 with every header kept), memory stays bounded by maxHeaderBytes.
  server.maxHeadersCount = 0;
  return server;
}

function checkingInterval(limits: ResolvedLimits): number {
  const shortest = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return Math.max(100, Math.min(30_000, Math.floor(shortest / 4)));
}
