import { randomInt } from 'node:crypto';
import { safeEqual } from '../crypto-helpers';
import { bodiless, is200, judgeEcho, withQuery } from '../handshake-kit';
import { queryParam, stringOption, textAnswer } from '../http-helpers';
import type { DeliveryInput, HandshakeAnswer, HandshakeConfig, HandshakePlay } from '../types';

/** THE expected answer: hub.challenge echoed (developers.facebook.com webhooks getting-started). */
export const metaChallengeAnswer = (challenge: string): string => challenge;

function refuse(description: string): HandshakeAnswer {
  return textAnswer('verify token mismatch', description, 403);
}

/** Answered only when hub.verify_token matches: a plain compare, nothing is signed. */
export function metaHandshake(
  delivery: DeliveryInput,
  config: HandshakeConfig,
): HandshakeAnswer | null {
  const query = (name: string) => queryParam(delivery.target, name);
  const challenge = query('hub.challenge');
  if (delivery.method !== 'GET' || query('hub.mode') !== 'subscribe' || challenge === null) {
    return null;
  }
  const received = query('hub.verify_token') ?? '';
  const configured = stringOption(config.options, 'verifyToken');
  const accepted = configured === null ? config.secrets : [configured, ...config.secrets];
  if (accepted.length === 0) {
    return refuse('refused Meta subscription: no verify token is configured (options.verifyToken)');
  }
  if (!accepted.some((token) => safeEqual(token, received))) {
    return refuse(
      'refused Meta subscription: hub.verify_token does not match the configured verify token',
    );
  }
  return textAnswer(
    metaChallengeAnswer(challenge),
    'answered Meta hub.challenge (verify token matched)',
  );
}

export const metaHandshakePlay: HandshakePlay = {
  needsSecret: true,
  request(url, secret) {
    // Meta's challenge is an integer.
    const challenge = String(randomInt(1, 2 ** 31));
    return {
      request: bodiless(
        'GET',
        withQuery(url, {
          'hub.mode': 'subscribe',
          'hub.challenge': challenge,
          'hub.verify_token': secret,
        }),
      ),
      expected: metaChallengeAnswer(challenge),
    };
  },
  judge: judgeEcho(is200, 'HTTP 200'),
};
