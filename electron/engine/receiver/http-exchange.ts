import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RenderedAnswer } from './answer';
import { BodyCollector, type CollectedBody } from './body-collector';
import { buildCapture } from './capture';
import type { ReadingExchange } from './connection-tracker';
import { asError } from './errors';
import { declaresBody, decideHead, type Refusal } from './head-checks';
import { rememberResponse, type ReceiverContext } from './receiver-context';
import { settleCapture, type SettleCallbacks } from './settle-capture';

const EXCHANGE = Symbol('hookscope.exchange');

interface ExchangeRequest extends IncomingMessage {
  [EXCHANGE]?: HttpExchange;
}

const CONNECTION_CLOSE = ['connection', 'close'];
const EMPTY = Buffer.alloc(0);

/**
 * Serves one request node's HTTP layer parsed: reads its body (within maxBodyBytes), records it
 * and writes the answer. A request costs one exchange object; its listeners are shared functions
 * that find the exchange on the request, since closures and promises per request were most of
 * what the receiver spent beyond node itself.
 */
export function serveHttpRequest(
  ctx: ReceiverContext,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const exchange = new HttpExchange(ctx, req, res);
  // node emits 'request' only for heads without an expectation, so the one head check left on the
  // hot path is the header count (node's own cap is lifted so none is dropped silently).
  if (req.rawHeaders.length > ctx.limits.maxHeaderCount * 2) {
    exchange.refuseHead(decideHead(req.rawHeaders, req.httpVersion, undefined, ctx.limits));
    return;
  }
  listen(exchange, req);
}

/**
 * node's 'checkContinue' and 'checkExpectation': a head with an `Expect` header. Without these
 * listeners node would send `100 Continue` whatever the declared size, or answer 417 itself
 * without the request ever reaching the record.
 */
export function serveExpectingRequest(
  ctx: ReceiverContext,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const exchange = new HttpExchange(ctx, req, res);
  const expect = req.headers.expect;
  const decision = decideHead(req.rawHeaders, req.httpVersion, expect, ctx.limits);
  if (decision !== null && decision !== 'continue') {
    exchange.refuseHead(decision);
    return;
  }
  if (decision === 'continue') {
    res.writeContinue();
    // The sender only starts its body now: so does the upload-rate window.
    ctx.connections.readingBody(req.socket, exchange, performance.now());
  }
  listen(exchange, req);
}

function listen(exchange: HttpExchange, req: IncomingMessage): void {
  (req as ExchangeRequest)[EXCHANGE] = exchange;
  req.on('data', onBodyChunk);
  // 'close' follows 'end' once the body is complete, and comes alone when the sender went away
  // ('error' is only emitted on a request that listens for it), so it covers every ending.
  req.on('close', onRequestClosed);
}

function onBodyChunk(this: ExchangeRequest, chunk: Buffer): void {
  this[EXCHANGE]?.push(chunk);
}

function onRequestClosed(this: ExchangeRequest): void {
  this[EXCHANGE]?.bodyEnded(this.complete);
}

class HttpExchange implements SettleCallbacks, ReadingExchange {
  private readonly startedAt = performance.now();
  private readonly receivedAt = Date.now();
  private readonly socket: Duplex;
  private readonly collector: BodyCollector;
  private reading = true;
  /** The connection closes after the answer: a cut-off body, or a refused request. */
  private cut = false;
  private finished = false;

  constructor(
    private readonly ctx: ReceiverContext,
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
  ) {
    this.socket = req.socket;
    this.collector = new BodyCollector(ctx.options.limits.maxBodyBytes);
    rememberResponse(this.socket, res);
    ctx.inFlight.begin();
    ctx.connections.begin(this.socket);
    ctx.connections.readingBody(this.socket, this, this.startedAt);
  }

  get bodySeen(): number {
    return this.collector.seen;
  }

  push(chunk: Buffer): void {
    if (!this.reading) return;
    if (!this.collector.push(chunk)) {
      // Stop pulling bytes; node closes the connection once the 413 has been written.
      this.req.pause();
      this.bodyEnded(false);
    }
  }

  bodyEnded(ended: boolean): void {
    if (!this.reading) return;
    this.stopReading();
    try {
      const body = this.collector.finish(ended);
      this.cut = body.outcome === 'too-large-cut';
      // A connection the guard closed (evicted) says so on the record of its unfinished request.
      const note = ended ? undefined : this.ctx.connections.closedBecause(this.socket);
      this.settle(body, null, note);
    } catch (error) {
      this.failed(error);
    }
  }

  /**
   * The request was refused mid-body (a parse error node reported, a timeout, a too slow
   * upload): that error is answered on this request's response, so node keeps it behind earlier
   * pipelined answers, and it is what the record says the sender got.
   */
  refuse(status: number, message: string): boolean {
    // After the last body byte node has nothing to refuse in this request: a parse error then
    // belongs to the next request on the connection.
    if (!this.reading || this.req.complete) return false;
    this.stopReading();
    this.cut = true;
    this.req.pause();
    try {
      this.settle(this.collector.finish(false), { status, message });
    } catch (error) {
      this.failed(error);
    }
    return true;
  }

  /** Refused on its head alone (header count, expectation): the body is never read. */
  refuseHead(decision: Refusal | 'continue' | null): void {
    this.stopReading();
    this.cut = true;
    try {
      const refusal = decision === null || decision === 'continue' ? null : decision;
      const flat = this.req.rawHeaders;
      const body: CollectedBody = {
        body: EMPTY,
        size: 0,
        truncated: declaresBody(flat),
        outcome: 'aborted',
      };
      this.settle(body, refusal);
    } catch (error) {
      this.failed(error);
    }
  }

  settled(answer: RenderedAnswer | null): void {
    try {
      if (answer) this.write(answer);
      else this.res.destroy();
    } catch (error) {
      this.failed(error);
      return;
    }
    this.finish();
  }

  failed(error: unknown): void {
    if (this.finished) return;
    this.ctx.report(asError(error), 'request');
    const { res } = this;
    try {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, ['content-type', 'application/json', 'connection', 'close']);
        res.end('{"ok":false,"error":"internal error"}');
      }
    } catch {
      res.destroy();
    }
    this.finish();
  }

  private stopReading(): void {
    this.reading = false;
    this.ctx.connections.doneReading(this.socket, this);
  }

  private settle(body: CollectedBody, refusal: Refusal | null, note?: string): void {
    const { ctx, req, socket } = this;
    const head = {
      method: req.method ?? 'GET',
      target: req.url ?? '',
      httpVersion: req.httpVersion,
      flatHeaders: req.rawHeaders,
    };
    const capture = buildCapture(
      head,
      body,
      this.receivedAt,
      ctx.origins.remoteAddress(socket),
      ctx.origins.via(socket),
    );
    settleCapture(ctx, capture, body.outcome, this.startedAt, this, refusal, note);
  }

  private write(answer: RenderedAnswer): void {
    const { res } = this;
    if (res.destroyed || res.writableEnded) return;
    // After a cut-off body the rest of it is still on the wire, and while closing we want the
    // connection gone: either way node ends the socket once the answer is flushed.
    const close = this.cut || this.ctx.closing;
    res.writeHead(
      answer.status,
      close ? answer.flatHeaders.concat(CONNECTION_CLOSE) : answer.flatHeaders,
    );
    res.end(answer.bodyText ?? answer.body);
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.ctx.connections.end(this.socket);
    this.ctx.inFlight.end();
  }
}
