import { preview } from '../crypto-helpers';
import { bodiless, freshToken, is2xx, judgeEcho, withQuery } from '../handshake-kit';
import { queryParam, textAnswer } from '../http-helpers';
import type { DeliveryInput, HandshakeAnswer, HandshakePlay } from '../types';

/** THE expected answer: hub.challenge exactly (W3C WebSub §5.3). */
export const websubChallengeAnswer = (challenge: string): string => challenge;

export function isWebsubVerification(target: string): boolean {
  const query = (name: string) => queryParam(target, name);
  const mode = query('hub.mode');
  return (mode === 'subscribe' || mode === 'unsubscribe') && query('hub.challenge') !== null;
}

export function websubHandshake(delivery: DeliveryInput): HandshakeAnswer | null {
  if (delivery.method !== 'GET' || !isWebsubVerification(delivery.target)) return null;
  const query = (name: string) => queryParam(delivery.target, name);
  const challenge = query('hub.challenge') ?? '';
  return textAnswer(
    websubChallengeAnswer(challenge),
    `confirmed WebSub ${query('hub.mode')} of ${preview(query('hub.topic') ?? 'unknown topic', 80)} by echoing hub.challenge`,
  );
}

export const websubHandshakePlay: HandshakePlay = {
  needsSecret: false,
  request(url) {
    const challenge = freshToken();
    return {
      request: bodiless(
        'GET',
        withQuery(url, {
          'hub.mode': 'subscribe',
          'hub.topic': 'https://example.com/feed',
          'hub.challenge': challenge,
          'hub.lease_seconds': '86400',
        }),
      ),
      expected: websubChallengeAnswer(challenge),
    };
  },
  judge: judgeEcho(is2xx, 'a 2xx status'),
};
