import { newDeliveryId } from '../ids';
import {
  endpointAnswer,
  errorAnswer,
  renderAnswer,
  renderDefaultAnswer,
  type RenderedAnswer,
} from './answer';
import type { BodyOutcome } from './body-collector';
import { matchEndpoint, requestPath } from './endpoint-match';
import { asError } from './errors';
import type { Refusal } from './head-checks';
import { buildDelivery, type DerivedFacts } from './record';
import type { EndpointConfig, IncomingCapture, ReceiverOptions } from './types';

export interface SettleContext {
  readonly options: ReceiverOptions;
  report(error: Error, context: string): void;
}

/**
 * How a settled capture is handed back. Exactly one of them is called, exactly once; they must
 * not throw. Callbacks rather than a promise: a promise chain per request was a large share of
 * the receiver's own CPU and garbage under load.
 */
export interface SettleCallbacks {
  /** What to write, or null when nothing must be written (the sender went away mid-body). */
  settled(answer: RenderedAnswer | null): void;
  /** A bug on our side: the caller answers 500 if it still can. */
  failed(error: unknown): void;
}

/** Told to a sender whose delivery could not be stored; details go to onError, not the internet. */
const NOT_STORED = 'delivery could not be stored; retry later';

/**
 * One captured request from decision to durable record: picks the answer, records it, waits for
 * the sink, then for the configured delay, and hands the answer to `done`. Never throws.
 * `refusal`: the request was refused (bad framing, limits, timeouts): that error is the answer
 * and the record says so. `note`: why the request ended early, kept on the record.
 */
export function settleCapture(
  ctx: SettleContext,
  capture: IncomingCapture,
  outcome: BodyOutcome,
  startedAt: number,
  done: SettleCallbacks,
  refusal?: Refusal | null,
  note?: string,
): void {
  try {
    decideAndStore(ctx, capture, outcome, startedAt, done, refusal, note);
  } catch (error) {
    done.failed(error);
  }
}

/** settleCapture as a promise, for callers off the hot path. */
export function settleCaptureAsync(
  ctx: SettleContext,
  capture: IncomingCapture,
  outcome: BodyOutcome,
  startedAt: number,
  refusal?: Refusal | null,
  note?: string,
): Promise<RenderedAnswer | null> {
  return new Promise((resolve, reject) =>
    settleCapture(
      ctx,
      capture,
      outcome,
      startedAt,
      { settled: resolve, failed: reject },
      refusal,
      note,
    ),
  );
}

function decideAndStore(
  ctx: SettleContext,
  capture: IncomingCapture,
  outcome: BodyOutcome,
  startedAt: number,
  done: SettleCallbacks,
  refusal: Refusal | null | undefined,
  note: string | undefined,
): void {
  const id = newDeliveryId(capture.receivedAt);
  const endpoint = findEndpoint(ctx, capture.target);
  const endpointPath = endpoint?.path ?? null;

  if (refusal) {
    // The error is what the sender gets, so it is what the record says it got.
    const rendered = renderAnswer(errorAnswer(refusal.status, refusal.message), true);
    const why = refusal.note ?? note;
    record(ctx, capture, outcome, id, endpointPath, undefined, rendered, startedAt, done, why);
    return;
  }

  if (outcome === 'aborted') {
    // Nothing was acknowledged, so the sender will retry; the truncated record without a response
    // still shows the failed attempt (and what arrived of it) in the inbox.
    const delivery = buildDelivery(id, capture, endpointPath, undefined, null, note);
    store(ctx, delivery, done, () => done.settled(null));
    return;
  }

  if (outcome !== 'complete') {
    const limit = ctx.options.limits.maxBodyBytes;
    const rendered = renderAnswer(errorAnswer(413, `body exceeds ${limit} bytes`), true);
    record(ctx, capture, outcome, id, endpointPath, undefined, rendered, startedAt, done, note);
    return;
  }

  const { rendered, facts } = decide(ctx, capture, endpoint, id);
  // Proxy mode: the target's answer replaces ours. It is awaited before the record is written,
  // so the stored response is what the sender really got, and still nothing is acknowledged
  // before the delivery is stored. Handshakes stay Hookscope's to answer.
  if (endpoint && ctx.options.proxy && !facts?.handshake) {
    proxied(ctx, capture, endpoint, id, facts, rendered).then(
      (answer) => {
        try {
          record(ctx, capture, outcome, id, endpointPath, facts, answer, startedAt, done);
        } catch (error) {
          done.failed(error);
        }
      },
      (error: unknown) => done.failed(error),
    );
    return;
  }
  record(ctx, capture, outcome, id, endpointPath, facts, rendered, startedAt, done);
}

/** Writes the record through the sink, then settles with the answer (or a 503 if not stored). */
function record(
  ctx: SettleContext,
  capture: IncomingCapture,
  outcome: BodyOutcome,
  id: string,
  endpointPath: string | null,
  facts: DerivedFacts,
  rendered: RenderedAnswer,
  startedAt: number,
  done: SettleCallbacks,
  note?: string,
): void {
  // The record is written before the answer, so the latency it holds is our own work plus the
  // configured delay; the sink's commit time cannot be known yet.
  const latencyMs = Math.round((performance.now() - startedAt + rendered.delayMs) * 100) / 100;
  const response = {
    status: rendered.status,
    rawHeaders: rendered.rawHeaders,
    body: rendered.body,
    latencyMs,
  };
  const delivery = buildDelivery(id, capture, endpointPath, facts, response, note);
  store(ctx, delivery, done, (stored) => {
    // Acknowledged means stored: an unstored delivery must not get a 2xx. A 413 stays a 413.
    if (!stored && outcome === 'complete') {
      done.settled(renderAnswer(errorAnswer(503, NOT_STORED), true));
    } else if (rendered.delayMs > 0) {
      setTimeout(() => done.settled(rendered), rendered.delayMs);
    } else {
      done.settled(rendered);
    }
  });
}

async function proxied(
  ctx: SettleContext,
  capture: IncomingCapture,
  endpoint: EndpointConfig,
  deliveryId: string,
  facts: DerivedFacts,
  ours: RenderedAnswer,
): Promise<RenderedAnswer> {
  const { proxy } = ctx.options;
  if (!proxy) return ours;
  try {
    const pending = proxy({ deliveryId, capture, endpoint, event: facts?.event ?? null });
    return pending ? renderAnswer(await pending, false) : ours;
  } catch (error) {
    ctx.report(asError(error), 'proxy');
    return renderAnswer(errorAnswer(502, 'the forward target could not be reached'), true);
  }
}

function findEndpoint(ctx: SettleContext, target: string): EndpointConfig | null {
  try {
    return matchEndpoint(ctx.options.endpoints(), requestPath(target));
  } catch (error) {
    ctx.report(asError(error), 'endpoints');
    return null;
  }
}

interface Decision {
  rendered: RenderedAnswer;
  facts: DerivedFacts;
}

function decide(
  ctx: SettleContext,
  capture: IncomingCapture,
  endpoint: EndpointConfig | null,
  id: string,
): Decision {
  const { responder } = ctx.options;
  let facts: DerivedFacts;
  if (responder) {
    try {
      const decided = responder(capture, endpoint);
      if (decided?.answer) {
        return { rendered: renderAnswer(decided.answer, false), facts: decided.facts };
      }
      facts = decided?.facts;
    } catch (error) {
      // A crashing responder must not lose the delivery: fall back to the plain answers.
      ctx.report(asError(error), 'responder');
    }
  }
  const configured = endpoint ? endpointAnswer(endpoint, id) : null;
  if (configured) return { rendered: renderAnswer(configured, false), facts };
  return { rendered: renderDefaultAnswer(id), facts };
}

type Delivery = Parameters<ReceiverOptions['sink']>[0];

/**
 * Hands the delivery to the sink; `then(stored)` runs once it is durable or has failed (the
 * failure goes to onError). A bug in `then` reaches `done.failed` instead of an unhandled rejection.
 */
function store(
  ctx: SettleContext,
  delivery: Delivery,
  done: SettleCallbacks,
  then: (stored: boolean) => void,
): void {
  let pending: Promise<void> | undefined;
  try {
    pending = ctx.options.sink(delivery);
  } catch (error) {
    sinkFailed(ctx, delivery, done, then, error);
    return;
  }
  // A sink that returns nothing (plain JS) has stored synchronously.
  if (typeof pending?.then !== 'function') settleStored(done, then, true);
  else
    pending.then(
      () => settleStored(done, then, true),
      (error: unknown) => sinkFailed(ctx, delivery, done, then, error),
    );
}

function sinkFailed(
  ctx: SettleContext,
  delivery: Delivery,
  done: SettleCallbacks,
  then: (stored: boolean) => void,
  error: unknown,
): void {
  ctx.report(asError(error), `sink (delivery ${delivery.id})`);
  settleStored(done, then, false);
}

function settleStored(
  done: SettleCallbacks,
  then: (stored: boolean) => void,
  stored: boolean,
): void {
  try {
    then(stored);
  } catch (error) {
    done.failed(error);
  }
}
