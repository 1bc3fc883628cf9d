import { findProvider } from '../providers/registry';
import type { Responder } from '../receiver/types';
import type { ChallengeWatch } from '../subscriptions/challenge-watch';

/**
 * Wraps whatever responder answers handshakes so every subscription challenge it answers (or
 * refuses) reaches the challenge watch, where a running subscribe flow shows it as a step. The
 * responder stays the one place that decides answers; this only reports what it decided.
 */
export function reportChallenges(
  responder: Responder | undefined,
  watch: ChallengeWatch,
): Responder {
  return (capture, endpoint) => {
    const decided = responder ? responder(capture, endpoint) : null;
    const provider = endpoint?.provider ? findProvider(endpoint.provider) : undefined;
    const code = provider?.challengeOf?.(capture) ?? null;
    if (!endpoint || code === null) return decided;
    const answered = decided?.facts?.handshake === true && decided.answer?.status === 200;
    watch.notifyChallenge(endpoint.path, code, answered);
    return decided;
  };
}
