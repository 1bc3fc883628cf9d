import type { CatchUpReport } from '../../contract/sender';
import type { Delivery } from '../delivery';
import { errorAnswer } from '../receiver/answer';
import type { Answer, EndpointConfig, ForwardTarget, ProxyRequest } from '../receiver/types';
import type { DeliveryStore, StoreChange } from '../store/types';
import type { AttemptOutcome, AttemptsStore } from './attempts-store';
import { forwardRequest, isSuccess, proxyRuleFor, ruleTakes } from './forward-rules';
import { ownUrlReached, type OwnUrls } from './loop-guard';
import { sendExact } from './send-exact';
import type { OutgoingRequest } from './types';

export interface ForwardRetryPolicy {
  /** Tries per delivery and target, the first included (1 = never retry). */
  maxAttempts: number;
  /** Wait before the first retry; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_FORWARD_RETRY: ForwardRetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
};

export interface ForwarderOptions {
  store: DeliveryStore;
  attempts: AttemptsStore;
  endpoints: () => readonly EndpointConfig[];
  ownUrls: () => OwnUrls | null;
  retry?: Partial<ForwardRetryPolicy>;
  timeoutMs?: number;
  report?: (error: Error, context: string) => void;
}

export interface Forwarder {
  /** For the receiver's proxy hook. */
  proxy(request: ProxyRequest): Promise<Answer> | null;
  /** Re-sends, oldest first, every delivery of `endpoint` whose forward to `url` never got a 2xx. */
  catchUp(endpoint: string, url: string): Promise<CatchUpReport>;
  /** Stops retries and waits for sends in flight. */
  close(): Promise<void>;
}

/** Exponential backoff: base, 2×base, 4×base... capped. */
export function retryDelay(policy: ForwardRetryPolicy, attemptNumber: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1));
}

/**
 * Forward on arrival: every stored delivery of an endpoint with forward rules is sent to each
 * matching target (fan-out), exact bytes and header order. Failed forwards are retried with
 * exponential backoff; each try is an attempt record, so retries are visible.
 */
export function startForwarder(options: ForwarderOptions): Forwarder {
  const policy: ForwardRetryPolicy = { ...DEFAULT_FORWARD_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;

  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => {});
    return work;
  };
  const report = (error: unknown, context: string) =>
    options.report?.(error instanceof Error ? error : new Error(String(error)), context);

  const endpointOf = (path: string | null) =>
    path === null ? undefined : options.endpoints().find((endpoint) => endpoint.path === path);

  /** Refuses (without sending) a rule that points back at Hookscope: it would loop forever. */
  async function send(request: OutgoingRequest): Promise<AttemptOutcome> {
    const own = options.ownUrls();
    const reached = own ? ownUrlReached(request.url, own) : null;
    if (reached) {
      return {
        ok: false,
        code: 'loop-refused',
        message: `not forwarded: ${request.url} is Hookscope's own URL (${reached}), forwarding there would loop`,
        timing: { totalMs: 0 },
      };
    }
    return sendExact(request, { timeoutMs });
  }

  /** One forward try, recorded; schedules the next try when it failed and retries are allowed. */
  async function forwardOnce(
    delivery: Delivery,
    rule: ForwardTarget,
    attemptNumber: number,
    label: string | null,
    mayRetry = true,
  ) {
    const request = forwardRequest(delivery, rule.url);
    const startedAt = Date.now();
    const outcome = await send(request);
    const status = outcome.ok ? outcome.answer.status : null;
    const failure = outcome.ok ? null : outcome.code;
    const retry =
      mayRetry &&
      !closed &&
      !isSuccess(status) &&
      attemptNumber < policy.maxAttempts &&
      failure !== 'loop-refused';
    const delay = retryDelay(policy, attemptNumber);
    const attempt = options.attempts.record({
      kind: 'forward',
      deliveryId: delivery.id,
      endpoint: delivery.endpoint,
      forwardTarget: rule.url,
      label,
      startedAt,
      attemptNumber,
      nextRetryAt: retry ? Date.now() + delay : null,
      request,
      outcome,
    });
    if (retry) scheduleRetry(delivery.id, rule, attemptNumber + 1, attempt.id, delay);
    return attempt;
  }

  function scheduleRetry(
    deliveryId: string,
    rule: ForwardTarget,
    attemptNumber: number,
    previousId: string,
    delay: number,
  ) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (closed) return;
      void track(
        (async () => {
          options.attempts.clearNextRetry(previousId);
          const delivery = options.store.get(deliveryId);
          // Deleted meanwhile, rule removed, or a catch-up already delivered it: nothing to retry.
          if (!delivery) return;
          const endpoint = endpointOf(delivery.endpoint);
          if (!endpoint?.forward?.some((r) => r.url === rule.url)) return;
          if (options.attempts.forwardSucceeded(deliveryId, rule.url)) return;
          await forwardOnce(delivery, rule, attemptNumber, 'retry');
        })().catch((error: unknown) => report(error, `forward retry (delivery ${deliveryId})`)),
      );
    }, delay);
    timer.unref?.();
    timers.add(timer);
  }

  function onArrival(id: string) {
    const delivery = options.store.get(id);
    if (!delivery || delivery.truncated || delivery.handshake) return;
    const endpoint = endpointOf(delivery.endpoint);
    if (!endpoint?.forward?.length) return;
    // The proxy rule's send already happened in the receiver, before the sender was answered.
    const proxyRule = proxyRuleFor(endpoint, delivery.event);
    for (const rule of endpoint.forward) {
      if (rule === proxyRule || !ruleTakes(rule, delivery.event)) continue;
      void track(
        forwardOnce(delivery, rule, 1, null).catch((error: unknown) =>
          report(error, `forward (delivery ${delivery.id} to ${rule.url})`),
        ),
      );
    }
  }

  const unsubscribe = options.store.onChange((change: StoreChange) => {
    if (closed || change.kind !== 'appended') return;
    for (const item of change.items) {
      if (item.endpoint === null) continue;
      if (!endpointOf(item.endpoint)?.forward?.length) continue;
      try {
        onArrival(item.id);
      } catch (error) {
        report(error, `forward (delivery ${item.id})`);
      }
    }
  });

  return {
    proxy({ deliveryId, capture, endpoint, event }) {
      const rule = proxyRuleFor(endpoint, event);
      if (!rule || closed) return null;
      return track(
        (async (): Promise<Answer> => {
          const request = forwardRequest(capture, rule.url);
          const startedAt = Date.now();
          const outcome = await send(request);
          options.attempts.record({
            kind: 'forward',
            deliveryId,
            endpoint: endpoint.path,
            forwardTarget: rule.url,
            label: 'proxy',
            startedAt,
            request,
            outcome,
          });
          if (!outcome.ok)
            return errorAnswer(502, `forward target ${rule.url} failed: ${outcome.message}`);
          return {
            status: outcome.answer.status,
            headers: headerRecord(outcome.answer.rawHeaders),
            body: outcome.answer.body,
          };
        })(),
      );
    },

    async catchUp(endpointPath, url) {
      const report: CatchUpReport = {
        endpoint: endpointPath,
        url,
        sent: 0,
        succeeded: 0,
        failed: 0,
      };
      const rule: ForwardTarget = endpointOf(endpointPath)?.forward?.find((r) => r.url === url) ?? {
        url,
      };
      for (const missed of options.attempts.missedForwards(endpointPath, url)) {
        if (closed) break;
        const delivery = options.store.get(missed.deliveryId);
        if (!delivery) continue;
        const attempt = await track(
          forwardOnce(delivery, rule, missed.attempts + 1, 'catch-up', false),
        );
        report.sent += 1;
        if (isSuccess(attempt.status)) report.succeeded += 1;
        else report.failed += 1;
        // Still down: stop rather than hammer it; what is left stays missed for the next catch-up.
        if (attempt.status === null) break;
      }
      return report;
    },

    async close() {
      closed = true;
      unsubscribe();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** Answer headers for the receiver's Answer type; repeated names are joined (RFC 9110 5.3). */
function headerRecord(rawHeaders: readonly (readonly [string, string])[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of rawHeaders) {
    const key = name.toLowerCase();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  return headers;
}
