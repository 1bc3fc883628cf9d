import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RenderedAnswer } from './answer';
import { BodyCollector } from './body-collector';
import { buildCapture } from './capture';
import { asError } from './errors';
import { rememberResponse, type ReceiverContext } from './receiver-context';
import { settleCapture, type SettleCallbacks } from './settle-capture';

const EXCHANGE = Symbol('hookscope.exchange');

interface ExchangeRequest extends IncomingMessage {
  [EXCHANGE]?: HttpExchange;
}

const CONNECTION_CLOSE = ['connection', 'close'];

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
  (req as ExchangeRequest)[EXCHANGE] = new HttpExchange(ctx, req, res);
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

class HttpExchange implements SettleCallbacks {
  private readonly startedAt = performance.now();
  private readonly receivedAt = Date.now();
  private readonly socket: Duplex;
  private readonly collector: BodyCollector;
  private reading = true;
  /** Reading stopped past the drain limit: the rest of the body is still on the wire. */
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
    this.reading = false;
    const { ctx, req, socket } = this;
    try {
      const body = this.collector.finish(ended);
      this.cut = body.outcome === 'too-large-cut';
      const head = {
        method: req.method ?? 'GET',
        target: req.url ?? '',
        httpVersion: req.httpVersion,
        flatHeaders: req.rawHeaders,
      };
      const remoteAddress = ctx.origins.remoteAddress(socket);
      const capture = buildCapture(
        head,
        body,
        this.receivedAt,
        remoteAddress,
        ctx.origins.via(socket),
      );
      settleCapture(ctx, capture, body.outcome, this.startedAt, this);
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
