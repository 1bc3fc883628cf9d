import { setTimeout as sleep } from 'node:timers/promises';
import { newDeliveryId } from '../ids';
import {
  defaultAnswer,
  endpointAnswer,
  errorAnswer,
  renderAnswer,
  type RenderedAnswer,
} from './answer';
import type { BodyOutcome } from './body-collector';
import { matchEndpoint, requestPath } from './endpoint-match';
import { asError } from './errors';
import { buildDelivery, type DerivedFacts } from './record';
import type { EndpointConfig, IncomingCapture, ReceiverOptions } from './types';

export interface SettleContext {
  readonly options: ReceiverOptions;
  report(error: Error, context: string): void;
}

/** Told to a sender whose delivery could not be stored; details go to onError, not the internet. */
const NOT_STORED = 'delivery could not be stored; retry later';

/**
 * One captured request from decision to durable record: picks the answer, records it, waits for
 * the sink, then for the configured delay. Resolves with what to write, or null when nothing must
 * be written (the sender went away mid-body). Never rejects.
 */
export async function settleCapture(
  ctx: SettleContext,
  capture: IncomingCapture,
  outcome: BodyOutcome,
  startedAt: number,
): Promise<RenderedAnswer | null> {
  const id = newDeliveryId(capture.receivedAt);
  const endpoint = findEndpoint(ctx, capture.target);
  const endpointPath = endpoint?.path ?? null;

  if (outcome === 'aborted') {
    // Nothing was acknowledged, so the sender will retry; the truncated record without a response
    // still shows the failed attempt (and what arrived of it) in the inbox.
    await store(ctx, buildDelivery(id, capture, endpointPath, undefined, null));
    return null;
  }

  let rendered: RenderedAnswer;
  let facts: DerivedFacts;
  if (outcome === 'complete') {
    ({ rendered, facts } = decide(ctx, capture, endpoint, id));
    // Proxy mode: the target's answer replaces ours. It is awaited before the record is written,
    // so the stored response is what the sender really got, and still nothing is acknowledged
    // before the delivery is stored. Handshakes stay Hookscope's to answer.
    if (endpoint && !facts?.handshake)
      rendered = await proxied(ctx, capture, endpoint, id, facts, rendered);
  } else {
    const limit = ctx.options.limits.maxBodyBytes;
    rendered = renderAnswer(errorAnswer(413, `body exceeds ${limit} bytes`), true);
  }

  // The record is written before the answer, so the latency it holds is our own work plus the
  // configured delay; the sink's commit time cannot be known yet.
  const latencyMs = Math.round((performance.now() - startedAt + rendered.delayMs) * 100) / 100;
  const response = {
    status: rendered.status,
    rawHeaders: rendered.rawHeaders,
    body: rendered.body,
    latencyMs,
  };
  const stored = await store(ctx, buildDelivery(id, capture, endpointPath, facts, response));
  // Acknowledged means stored: an unstored delivery must not get a 2xx. A 413 stays a 413.
  if (!stored && outcome === 'complete') return renderAnswer(errorAnswer(503, NOT_STORED), true);
  if (rendered.delayMs > 0) await sleep(rendered.delayMs);
  return rendered;
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

function decide(
  ctx: SettleContext,
  capture: IncomingCapture,
  endpoint: EndpointConfig | null,
  id: string,
): { rendered: RenderedAnswer; facts: DerivedFacts } {
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
  return { rendered: renderAnswer(defaultAnswer(id), true), facts };
}

async function store(ctx: SettleContext, delivery: Parameters<ReceiverOptions['sink']>[0]) {
  try {
    await ctx.options.sink(delivery);
    return true;
  } catch (error) {
    ctx.report(asError(error), `sink (delivery ${delivery.id})`);
    return false;
  }
}
