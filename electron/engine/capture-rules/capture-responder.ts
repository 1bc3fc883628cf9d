import type { Responder } from '../receiver/types';
import { answerHandshake, type AnsweredHandshake } from './handshake-answer';
import { matchProvider } from './provider-match';

export interface HandshakeNotice extends AnsweredHandshake {
  endpoint: string;
  target: string;
}

export interface CaptureResponderOptions {
  /** Told after each handshake answer is decided (e.g. the subscription flow's challenge watch). */
  onHandshake?: (notice: HandshakeNotice) => void;
}

/**
 * The receiver hook for what must be decided before answering: handshakes the endpoint opted into,
 * and the provider's event when a forward rule answers for Hookscope (proxy routing needs it).
 * Everything else about a delivery (provider, event, verdict) is derived on the store's thread
 * from the stored bytes (derive-snapshot.ts), so the receiver's thread never spends time on it.
 */
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
    if (!handshake) return { facts };
    options.onHandshake?.({ ...handshake, endpoint: endpoint.path, target: capture.target });
    const { status, headers, body } = handshake.answer;
    return { answer: { status, headers, body }, facts };
  };
}
