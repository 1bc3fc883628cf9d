import type { Responder } from '../receiver/types';
import { answerHandshake, type AnsweredHandshake } from './handshake-answer';
import type { HandshakeGuard } from './handshake-guard';
import { matchProvider } from './provider-match';

export interface HandshakeNotice extends AnsweredHandshake {
  endpoint: string;
  target: string;
  /** False when the challenge was refused unanswered (unarmed, unsafe value, rate limit). */
  answered: boolean;
  /** Why it was not answered, when it was not. */
  refusal?: string;
}

export interface CaptureResponderOptions {
  /** Told after each handshake answer is decided (e.g. the subscription flow's challenge watch). */
  onHandshake?: (notice: HandshakeNotice) => void;
  /** Arming, rate limit and answer ledger (handshake-guard.ts); without it every challenge is answered. */
  guard?: HandshakeGuard;
}

/**
 * The receiver hook for what must be decided before answering: handshakes the endpoint opted into,
 * and the provider's event when a forward rule answers for Hookscope (proxy routing needs it).
 * Everything else about a delivery (provider, event, verdict) is derived on the store's thread
 * from the stored bytes (derive-snapshot.ts), so the receiver's thread never spends time on it.
 */
/**
 * Who a challenge is counted against: the far end's address. Requests made on this machine
 * (loopback, not through the tunnel) are the user's own tests and are not limited.
 */
function rateLimitSource(via: 'local' | 'tunnel', address: string): string | null {
  const loopback = /^(127\.|::1$|::ffff:127\.)/.test(address);
  return via === 'local' && loopback ? null : address;
}

export function createCaptureResponder(options: CaptureResponderOptions): Responder {
  return (capture, endpoint) => {
    if (!endpoint) return null;
    const proxies = endpoint.forward?.some((rule) => rule.proxy) ?? false;
    if (!endpoint.handshake && !proxies) return null;
    const match = matchProvider(capture, endpoint.provider);
    const handshake = answerHandshake(capture, endpoint, match);
    const facts = {
      provider: match?.provider.id ?? null,
      event: match?.event ?? null,
      handshake: handshake !== null,
    };
    if (!handshake || !match) return { facts };
    const decision = options.guard
      ? options.guard.decide({
          provider: match.provider,
          answer: handshake.answer,
          endpoint: endpoint.path,
          source: rateLimitSource(capture.via, capture.remoteAddress),
          now: capture.receivedAt,
        })
      : { answered: true as const, answer: handshake.answer };
    // A refused challenge is stored as an ordinary request: the answer recorded with it says why.
    facts.handshake = decision.answered;
    options.onHandshake?.({
      providerId: handshake.providerId,
      answer: decision.answer,
      endpoint: endpoint.path,
      target: capture.target,
      answered: decision.answered,
      ...(decision.answered ? {} : { refusal: decision.why }),
    });
    const { status, headers, body } = decision.answer;
    return { answer: { status, headers, body }, facts };
  };
}
