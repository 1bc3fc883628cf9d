import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { CollectedBody } from './body-collector';
import { buildCapture, type RequestHead } from './capture';
import { asError } from './errors';
import { RawRequestReader, type ReadStep } from './raw-request-reader';
import { writeRawAnswer, writeRawError } from './raw-response';
import { responsesFlushed, type ReceiverContext } from './receiver-context';
import { settleCaptureAsync } from './settle-capture';

/** What node attaches to a parse error (see `prepareError` in node's _http_common). */
export interface ParseError extends Error {
  code?: string;
  reason?: string;
  rawPacket?: Buffer;
  bytesParsed?: number;
}

/**
 * Serves a request node's parser refused only for its method (llhttp knows a fixed list, so
 * `FOO /x HTTP/1.1` fails with HPE_INVALID_METHOD). The bytes node read are in the error; the
 * socket is detached from node (its listeners removed; adding our 'data' listener makes node
 * un-consume the socket) and the request is read by RawRequestReader. One request per such
 * connection: the answer carries `connection: close`.
 * Returns false when the request cannot be located in the error, so the caller answers 400.
 */
export function takeOverCustomMethod(
  ctx: ReceiverContext,
  socket: Duplex,
  error: ParseError,
): boolean {
  const packet = error.rawPacket;
  const parsed = error.bytesParsed;
  if (!Buffer.isBuffer(packet) || typeof parsed !== 'number' || parsed > packet.length)
    return false;
  // The parser stopped inside the method token; the request line starts after the last LF
  // before it (earlier pipelined requests may share the packet).
  const lineStart = parsed <= 0 ? 0 : packet.lastIndexOf(0x0a, parsed - 1) + 1;

  ctx.rawSockets.add(socket);
  socket.removeAllListeners('data');
  socket.removeAllListeners('end');

  const { limits } = ctx.options;
  const reader = new RawRequestReader(limits.maxHeaderBytes, limits.maxBodyBytes);
  const receivedAt = Date.now();
  const startedAt = performance.now();
  let done = false;
  const onStep = (step: ReadStep): void => {
    if (done || step.kind === 'need-more') return;
    done = true;
    socket.removeListener('data', onData);
    socket.pause();
    if (step.kind === 'error') writeRawError(socket, step.status, step.message);
    else serveRaw(ctx, socket, step.head, step.body, receivedAt, startedAt);
  };
  const onData = (chunk: Buffer): void => onStep(reader.feed(chunk));
  socket.on('data', onData);
  socket.on('end', () => onStep(reader.endOfInput()));
  socket.on('close', () => onStep(reader.endOfInput()));
  onStep(reader.feed(packet.subarray(lineStart)));
  return true;
}

/**
 * CONNECT is parsed by node but handed over raw (it asks for a tunnel). We record it like any
 * request and answer as configured, then close: the receiver is not a proxy.
 */
export function serveConnect(ctx: ReceiverContext, req: IncomingMessage, socket: Duplex): void {
  const startedAt = performance.now();
  const receivedAt = Date.now();
  ctx.rawSockets.add(socket);
  socket.on('error', () => socket.destroy());
  const head = {
    method: req.method ?? 'CONNECT',
    target: req.url ?? '',
    httpVersion: req.httpVersion,
    flatHeaders: req.rawHeaders,
  };
  // Bytes after a CONNECT head are tunnel payload, not a body: nothing more is read.
  const body: CollectedBody = {
    body: Buffer.alloc(0),
    size: 0,
    truncated: false,
    outcome: 'complete',
  };
  serveRaw(ctx, socket, head, body, receivedAt, startedAt);
}

function serveRaw(
  ctx: ReceiverContext,
  socket: Duplex,
  head: RequestHead,
  body: CollectedBody,
  receivedAt: number,
  startedAt: number,
): void {
  ctx.inFlight.begin();
  ctx.connections.begin(socket);
  const { origins } = ctx;
  const capture = buildCapture(
    head,
    body,
    receivedAt,
    origins.remoteAddress(socket),
    origins.via(socket),
  );
  responsesFlushed(socket)
    .then(() => settleCaptureAsync(ctx, capture, body.outcome, startedAt))
    .then((answer) => {
      if (answer) writeRawAnswer(socket, answer);
      else socket.destroy();
    })
    .catch((error: unknown) => {
      ctx.report(asError(error), 'raw request');
      socket.destroy();
    })
    .finally(() => {
      ctx.connections.end(socket);
      ctx.inFlight.end();
    });
}
