import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { RenderedAnswer } from './answer';
import { buildCapture } from './capture';
import { asError } from './errors';
import { readBody } from './read-body';
import { rememberResponse, type ReceiverContext } from './receiver-context';
import { settleCapture } from './settle-capture';
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
    (req, res) => onRequest(ctx, req, res),
  );
  server.timeout = limits.idleTimeoutMs;
  server.maxConnections = limits.maxConnections;
  return server;
}

function checkingInterval(limits: ReceiverLimits): number {
  const shortest = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs ?? Infinity);
  return Math.max(100, Math.min(30_000, Math.floor(shortest / 4)));
}

function onRequest(ctx: ReceiverContext, req: IncomingMessage, res: ServerResponse): void {
  const startedAt = performance.now();
  const receivedAt = Date.now();
  const socket = req.socket;
  rememberResponse(socket, res);
  ctx.inFlight.begin();
  ctx.connections.begin(socket);
  readBody(req, ctx.options.limits.maxBodyBytes)
    .then((body) => {
      const origin = ctx.origins.of(socket);
      const head = {
        method: req.method ?? 'GET',
        target: req.url ?? '',
        httpVersion: req.httpVersion,
        flatHeaders: req.rawHeaders,
      };
      const capture = buildCapture(head, body, receivedAt, origin.remoteAddress, origin.via);
      return settleCapture(ctx, capture, body.outcome, startedAt).then((answer) => {
        if (answer) writeAnswer(ctx, res, answer, body.outcome === 'too-large-cut');
        else res.destroy();
      });
    })
    .catch((error: unknown) => {
      ctx.report(asError(error), 'request');
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, ['content-type', 'application/json', 'connection', 'close']);
        res.end('{"ok":false,"error":"internal error"}');
      }
    })
    .finally(() => {
      ctx.connections.end(socket);
      ctx.inFlight.end();
    });
}

function writeAnswer(
  ctx: ReceiverContext,
  res: ServerResponse,
  answer: RenderedAnswer,
  closeConnection: boolean,
): void {
  if (res.destroyed || res.writableEnded) return;
  // A flat list keeps order and case, and skips node's per-header object bookkeeping.
  const flat: string[] = [];
  for (const [name, value] of answer.rawHeaders) flat.push(name, value);
  // After a cut-off body the rest of it is still on the wire, and while closing we want the
  // connection gone: either way node ends the socket once the answer is flushed.
  if (closeConnection || ctx.closing) flat.push('connection', 'close');
  res.writeHead(answer.status, flat);
  res.end(answer.body);
}
