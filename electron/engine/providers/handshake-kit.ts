import { randomBytes } from 'node:crypto';
import type { RawHeaders } from '../../contract/delivery';
import type { HandshakeAnswer, HandshakeReply, OutgoingRequest } from './types';

/**
 * Shared by every provider's handshake.ts: building a play's request, judging an answer, and
 * refusing a challenge whose value could be a signing input. The per-provider rules (which field,
 * which status, which shape) stay in the provider's folder.
 */

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

/** A fresh random challenge, hex (what the plays send; real providers use similar random ids). */
export const freshToken = (): string => randomBytes(12).toString('hex');

/** Most handshakes are a GET or an empty POST: the query or a header carries the challenge. */
export function bodiless(
  method: 'GET' | 'POST',
  url: string,
  rawHeaders: RawHeaders = [],
): OutgoingRequest {
  return { method, url, rawHeaders, body: new Uint8Array() };
}

export function jsonRequest(url: URL, body: unknown, rawHeaders: RawHeaders = []): OutgoingRequest {
  return {
    method: 'POST',
    url: url.toString(),
    rawHeaders: [['Content-Type', 'application/json'], ...rawHeaders],
    body: Buffer.from(JSON.stringify(body)),
  };
}

export function withQuery(url: URL, params: Record<string, string>): string {
  const copy = new URL(url);
  for (const [key, value] of Object.entries(params)) copy.searchParams.set(key, value);
  return copy.toString();
}

export const is200 = (status: number): boolean => status === 200;
export const is2xx = (status: number): boolean => status >= 200 && status < 300;

export function needStatus(
  answer: HandshakeReply,
  accepted: (status: number) => boolean,
  what: string,
): string | null {
  return accepted(answer.status) ? null : `expected ${what}, got HTTP ${answer.status}`;
}

/**
 * The answer body as a JSON object, else why not. The Content-Type is not consulted: providers
 * parse the body whatever it claims (pyPreservica's Flask helper answers `text/html` and Preservica
 * accepts it), so a play that insisted would fail receivers the real provider accepts.
 */
export function answerJson(answer: HandshakeReply): Record<string, unknown> | string {
  try {
    const parsed: unknown = JSON.parse(text(answer.body));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : 'the answer is JSON but not an object';
  } catch {
    return `the answer is not JSON: ${JSON.stringify(text(answer.body).slice(0, 80))}`;
  }
}

/** JSON answer fields that must equal the expected values, in order; HTTP 200 first. */
export function judgeJsonFields(
  answer: HandshakeReply,
  want: Readonly<Record<string, string>>,
): string | null {
  const statusProblem = needStatus(answer, is200, 'HTTP 200');
  if (statusProblem) return statusProblem;
  const body = answerJson(answer);
  if (typeof body === 'string') return body;
  for (const [field, expected] of Object.entries(want)) {
    const got = body[field];
    if (got === undefined) return `the answer has no "${field}" field`;
    if (got !== expected)
      return `"${field}" is ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`;
  }
  return null;
}

/** Answers whose body must be the challenge exactly. */
export function judgeEcho(statusOk: (status: number) => boolean, statusText: string) {
  return (answer: HandshakeReply, expected: string): string | null =>
    needStatus(answer, statusOk, statusText) ??
    (text(answer.body) === expected
      ? null
      : `the body is ${JSON.stringify(text(answer.body).slice(0, 80))}, expected the challenge ${JSON.stringify(expected)}`);
}

export function answerText(answer: HandshakeReply): string {
  return text(answer.body);
}

/**
 * The non-answer for a challenge whose value could be a signing input. 400 and a reason the
 * sender can read: the real provider never sends such a value, so only a forger reads it.
 */
export function refuseUnsafe(providerName: string, reason: string): HandshakeAnswer {
  return {
    status: 400,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: `Hookscope refused this ${providerName} challenge: ${reason}\n`,
    description: `refused ${providerName} challenge unanswered: ${reason}`,
    unsafe: reason,
  };
}

/**
 * Why a challenge value is not a plausible provider token, or null. `maxLength` bounds it; only
 * URL-safe token characters pass, so JSON (`{`, `"`), whitespace and `:`-joined signing inputs
 * (Zoom's `v0:<ts>:<body>`) never do.
 */
export function tokenShapeProblem(value: string, what: string, maxLength: number): string | null {
  if (value.length === 0) return `${what} is empty`;
  if (value.length > maxLength)
    return `${what} is ${value.length} characters long; real ones are at most ${maxLength}`;
  const bad = /[^A-Za-z0-9._~+/=-]/.exec(value);
  if (bad)
    return `${what} contains ${JSON.stringify(bad[0])} at position ${bad.index + 1}; real ones are plain tokens (letters, digits, -_.~+/=)`;
  return null;
}
