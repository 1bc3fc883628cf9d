import type { Responder } from '../receiver/types';
import { deriveFacts, type DeriveContext } from './derive-facts';
import { answerHandshake, type AnsweredHandshake } from './handshake-answer';
import { matchProvider } from './provider-match';

export interface HandshakeNotice extends AnsweredHandshake {
  endpoint: string;
  target: string;
}

export interface CaptureResponderOptions extends DeriveContext {
  /** Told after each handshake answer is decided (e.g. the subscription flow's challenge watch). */
  onHandshake?: (notice: HandshakeNotice) => void;
}

/**
 * The receiver hook that makes deliveries "validated": answers handshakes the endpoint opted into
 * and computes provider, event and verdict at capture. Synchronous and CPU-only (HMACs, one JSON
 * parse, a compiled schema), so a handshake is answered as fast as the commit allows.
 */
export function createCaptureResponder(options: CaptureResponderOptions): Responder {
  return (capture, endpoint) => {
    const match = matchProvider(capture, endpoint?.provider);
    const handshake = answerHandshake(capture, endpoint, match);
    const facts = deriveFacts(
      {
        input: capture,
        endpoint,
        truncated: capture.truncated,
        handshake: handshake !== null,
        via: capture.via,
        match,
      },
      options,
    );
    if (!handshake || !endpoint) return { facts };
    options.onHandshake?.({ ...handshake, endpoint: endpoint.path, target: capture.target });
    const { status, headers, body } = handshake.answer;
    return { answer: { status, headers, body }, facts };
  };
}
