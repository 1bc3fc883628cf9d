import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { CollectedBody } from './body-collector';
import { buildCapture, type RequestHead } from './capture';
import type { ReadingExchange } from './connection-tracker';
import { asError, describeParseError, type ParseFailure } from './errors';
import { declaresBody, decideHead, expectHeader, type Refusal } from './head-checks';
import { RawRequestReader, type ReadStep } from './raw-request-reader';
import { writeRawAnswer, writeRawError } from './raw-response';
import { responsesFlushed, type ReceiverContext } from './receiver-context';
import { settleCaptureAsync } from './settle-capture';

/** What node attaches to a parse error (see `prepareError` in node's _http_common). */
export interface ParseError extends Error, ParseFailure {
  code?: string;
  reason?: string;
  rawPacket?: Buffer;
  bytesParsed?: number;
}

const CONTINUE = Buffer.from('HTTP/1.1 100 Continue\r\n\r\n', 'latin1');
const EOF_MID_REQUEST: ParseFailure = {
  code: 'HPE_INVALID_EOF_STATE',
  reason: 'Invalid EOF state',
  message: 'Invalid EOF state',
};

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
  const start = customRequestStart(packet, parsed, error.code);

  ctx.rawSockets.add(socket);
  socket.removeAllListeners('data');
  socket.removeAllListeners('end');
  new RawExchange(ctx, socket).start(packet.subarray(start));
  return true;
}

// Every method llhttp's request matcher knows, HTTP and RTSP alike (nodejs/llhttp
// src/llhttp/constants.ts, `METHODS`): it walks them as a trie and fails inside one of them.
const LLHTTP_METHODS = [
  'DELETE',
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
  'LINK',
  'UNLINK',
  'COPY',
  'LOCK',
  'MKCOL',
  'MOVE',
  'PROPFIND',
  'PROPPATCH',
  'SEARCH',
  'UNLOCK',
  'BIND',
  'REBIND',
  'UNBIND',
  'ACL',
  'REPORT',
  'MKACTIVITY',
  'CHECKOUT',
  'MERGE',
  'M-SEARCH',
  'NOTIFY',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'MKCALENDAR',
  'PURGE',
  'QUERY',
  'SOURCE',
  'PRI',
  'DESCRIBE',
  'ANNOUNCE',
  'SETUP',
  'PLAY',
  'PAUSE',
  'TEARDOWN',
  'GET_PARAMETER',
  'SET_PARAMETER',
  'REDIRECT',
  'RECORD',
  'FLUSH',
];
const METHOD_PREFIXES = new Set<string>();
for (const method of LLHTTP_METHODS) {
  for (let i = 0; i <= method.length; i++) METHOD_PREFIXES.add(method.slice(0, i));
}
const LONGEST_METHOD = Math.max(...LLHTTP_METHODS.map((method) => method.length));

/**
 * Where the refused request starts in the packet node parsed. Earlier pipelined requests may
 * share the packet, and the previous body need not end with a line break (`...abcFOO /x`), so the
 * start is found from llhttp's own position, not from the last LF:
 * - HPE_INVALID_METHOD: llhttp began the method where the previous message ended and failed at
 *   `parsed`, so the bytes before it are a prefix of one of its methods: the longest such run;
 * - an RTSP-only method over HTTP (failed after `HTTP`): the request line's first token ends with
 *   that full method.
 * Inherently ambiguous only when a body's last bytes themselves spell a method prefix.
 */
export function customRequestStart(packet: Buffer, parsed: number, code?: string): number {
  const lineStart = parsed <= 0 ? 0 : packet.lastIndexOf(0x0a, parsed - 1) + 1;
  if (code === 'HPE_INVALID_METHOD') {
    let start = parsed;
    const lowest = Math.max(lineStart, parsed - LONGEST_METHOD);
    for (let from = parsed - 1; from >= lowest; from--) {
      if (METHOD_PREFIXES.has(packet.toString('latin1', from, parsed))) start = from;
    }
    return start;
  }
  const space = packet.indexOf(0x20, lineStart);
  if (space === -1) return lineStart;
  const token = packet.toString('latin1', lineStart, space);
  let best = '';
  for (const method of LLHTTP_METHODS) {
    if (method.length > best.length && token.endsWith(method)) best = method;
  }
  return best ? space - best.length : lineStart;
}

/**
 * One request read by the raw reader, with the same checks, timeouts and answers as node's path:
 * head checks (decideHead), `100 Continue` only when the body fits, refusals recorded with the
 * answer sent, the tracker's deadlines and upload rate.
 */
class RawExchange implements ReadingExchange {
  private readonly reader: RawRequestReader;
  private readonly receivedAt = Date.now();
  private readonly startedAt = performance.now();
  /** Nothing more is read: the request is served, refused or gone. */
  private over = false;

  constructor(
    private readonly ctx: ReceiverContext,
    private readonly socket: Duplex,
  ) {
    const { limits } = ctx;
    this.reader = new RawRequestReader(limits.maxHeaderBytes, limits.maxBodyBytes);
    ctx.connections.readingRawHead(socket, this, this.startedAt);
  }

  get bodySeen(): number {
    return this.reader.bodySeen;
  }

  start(bytes: Buffer): void {
    const { socket } = this;
    socket.on('data', (chunk: Buffer) => this.onStep(this.reader.feed(chunk)));
    // A half-close mid-request is an error node answers 400 (HPE_INVALID_EOF_STATE): so here.
    socket.on('end', () => {
      if (!this.over) this.refuse(...describeParseError(EOF_MID_REQUEST));
    });
    socket.on('close', () => {
      if (!this.over) this.onStep(this.reader.endOfInput());
    });
    this.onStep(this.reader.feed(bytes));
  }

  refuse(status: number, message: string): boolean {
    if (this.over) return false;
    this.stop();
    const head = this.reader.head;
    if (!head) {
      // Nothing identifies a request yet: answered, not recorded (as on node's path).
      writeRawError(this.socket, status, message);
      return true;
    }
    this.serve(head, this.reader.abandon(), { status, message });
    return true;
  }

  private onStep(first: ReadStep): void {
    let step = first;
    while (!this.over) {
      switch (step.kind) {
        case 'need-more':
          return;
        case 'head':
          if (!this.onHead(step.head)) return;
          step = this.reader.resume();
          break;
        case 'request': {
          this.stop();
          const note = step.body.outcome === 'aborted' ? this.closedBecause() : undefined;
          this.serve(step.head, step.body, null, note);
          return;
        }
        case 'error':
          this.refuse(step.status, step.message);
          return;
      }
    }
  }

  /** The shared head checks; false when the request was refused on its head. */
  private onHead(head: RequestHead): boolean {
    const { ctx, socket } = this;
    ctx.connections.rawHeadDone(socket, performance.now());
    const flat = head.flatHeaders;
    const decision = decideHead(flat, head.httpVersion, expectHeader(flat), ctx.limits);
    if (decision === 'continue') {
      // After any answer node still owes on this connection, as pipelining requires.
      void responsesFlushed(socket).then(() => {
        if (!this.over && socket.writable) socket.write(CONTINUE);
      });
      return true;
    }
    if (decision === null) return true;
    this.stop();
    const body: CollectedBody = {
      body: Buffer.alloc(0),
      size: 0,
      truncated: declaresBody(flat),
      outcome: 'aborted',
    };
    this.serve(head, body, decision);
    return false;
  }

  private stop(): void {
    this.over = true;
    this.socket.pause();
    this.ctx.connections.doneReading(this.socket, this);
  }

  private closedBecause(): string | undefined {
    return this.ctx.connections.closedBecause(this.socket);
  }

  private serve(
    head: RequestHead,
    body: CollectedBody,
    refusal: Refusal | null,
    note?: string,
  ): void {
    serveRaw(this.ctx, this.socket, head, body, this.receivedAt, this.startedAt, refusal, note);
  }
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
  serveRaw(ctx, socket, head, body, receivedAt, startedAt, null);
}

function serveRaw(
  ctx: ReceiverContext,
  socket: Duplex,
  head: RequestHead,
  body: CollectedBody,
  receivedAt: number,
  startedAt: number,
  refusal: Refusal | null,
  note?: string,
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
    .then(() => settleCaptureAsync(ctx, capture, body.outcome, startedAt, refusal, note))
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
