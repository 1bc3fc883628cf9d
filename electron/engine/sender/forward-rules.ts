import type { RawHeaders } from '../../contract/delivery';
import type { EndpointConfig, ForwardTarget } from '../receiver/types';
import type { OutgoingRequest } from './types';

/** `task.*` matches `task.create`; `*` matches every event; anything else matches exactly. */
export function eventMatches(pattern: string, event: string | null): boolean {
  if (pattern === '*') return true;
  if (event === null) return false;
  if (!pattern.includes('*')) return pattern === event;
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  return new RegExp(`^${escaped}$`).test(event);
}

/** A rule without `events` takes every delivery; with them, only deliveries of those events. */
export function ruleTakes(rule: ForwardTarget, event: string | null): boolean {
  return (
    !rule.events || rule.events.length === 0 || rule.events.some((p) => eventMatches(p, event))
  );
}

/** The one rule whose answer goes back to the sender: the first proxy rule that takes the event. */
export function proxyRuleFor(endpoint: EndpointConfig, event: string | null): ForwardTarget | null {
  return endpoint.forward?.find((rule) => rule.proxy && ruleTakes(rule, event)) ?? null;
}

/**
 * Where a delivery goes: the rule's URL as written, plus the captured query when the rule has none
 * (Kanboard authenticates with `?token=`, Preservica challenges with `?challengeCode=`).
 */
export function forwardUrl(ruleUrl: string, capturedTarget: string): string {
  const at = capturedTarget.indexOf('?');
  if (at < 0 || ruleUrl.includes('?')) return ruleUrl;
  return `${ruleUrl}${capturedTarget.slice(at)}`;
}

/**
 * The captured request, bytes and header order untouched, aimed at a forward target. Its framing
 * follows: a delivery captured with `Transfer-Encoding: chunked` is forwarded chunked (`framingOf`),
 * which receivers that read only chunked bodies (pyPreservica's) need.
 */
export function forwardRequest(
  delivery: { method: string; target: string; rawHeaders: RawHeaders; body: Uint8Array },
  ruleUrl: string,
): OutgoingRequest {
  return {
    method: delivery.method,
    url: forwardUrl(ruleUrl, delivery.target),
    rawHeaders: delivery.rawHeaders,
    body: delivery.body,
  };
}

export const isSuccess = (status: number | null | undefined): boolean =>
  status !== null && status !== undefined && status >= 200 && status < 300;
