import { bodiless, freshToken, is200, judgeEcho, withQuery } from '../handshake-kit';
import { queryParam } from '../http-helpers';
import type { DeliveryInput, HandshakeAnswer, HandshakePlay } from '../types';

/** THE expected answer: the challenge echoed (dropbox.com/developers/reference/webhooks). */
export const dropboxChallengeAnswer = (challenge: string): string => challenge;

export function dropboxHandshake(delivery: DeliveryInput): HandshakeAnswer | null {
  const challenge = queryParam(delivery.target, 'challenge');
  if (delivery.method !== 'GET' || challenge === null) return null;
  // Echoing attacker-chosen text: nosniff keeps a browser from treating it as HTML (Dropbox asks for it).
  return {
    status: 200,
    headers: { 'content-type': 'text/plain', 'x-content-type-options': 'nosniff' },
    body: dropboxChallengeAnswer(challenge),
    description: 'answered Dropbox challenge by echoing it (text/plain, nosniff)',
  };
}

export const dropboxHandshakePlay: HandshakePlay = {
  needsSecret: false,
  request(url) {
    const challenge = freshToken();
    return {
      request: bodiless('GET', withQuery(url, { challenge })),
      expected: dropboxChallengeAnswer(challenge),
    };
  },
  judge: judgeEcho(is200, 'HTTP 200'),
};
