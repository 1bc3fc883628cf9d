import { findHandshakePlay, handshakePlays } from './handshake-plays';
import { sendExact } from './send-exact';
import type { OutgoingRequest, SendAnswer } from './types';

export interface HandshakeReport {
  provider: string;
  pass: boolean;
  /** Why it passed or failed, in one sentence. */
  reason: string;
  sent: OutgoingRequest;
  answer: SendAnswer | null;
  totalMs: number;
}

export class UnknownHandshakeError extends Error {
  constructor(provider: string) {
    super(
      `no handshake to play for provider "${provider}"; known: ${handshakePlays.map((p) => p.provider).join(', ')}`,
    );
  }
}

/**
 * Acts as the provider subscribing: sends its handshake request to `targetUrl` and judges the answer
 * exactly as the provider would. Redirects are not followed, as providers don't follow them.
 */
export async function playHandshake(
  provider: string,
  targetUrl: string,
  secret: string,
  timeoutMs = 10_000,
): Promise<HandshakeReport> {
  const play = findHandshakePlay(provider);
  if (!play) throw new UnknownHandshakeError(provider);
  if (play.needsSecret && !secret)
    throw new Error(`the ${provider} handshake needs the shared secret (--secret)`);
  const { request, expected } = play.request(new URL(targetUrl), secret);
  const outcome = await sendExact(request, { timeoutMs });
  if (!outcome.ok) {
    return {
      provider,
      pass: false,
      reason: outcome.message,
      sent: request,
      answer: null,
      totalMs: outcome.timing.totalMs,
    };
  }
  const problem = play.judge(outcome.answer, expected);
  return {
    provider,
    pass: problem === null,
    reason:
      problem ?? `the ${provider} handshake was answered correctly (HTTP ${outcome.answer.status})`,
    sent: request,
    answer: outcome.answer,
    totalMs: outcome.answer.timing.totalMs,
  };
}
