import { bodiless, freshToken, judgeJsonFields } from '../handshake-kit';
import { header, jsonAnswer } from '../http-helpers';
import type { DeliveryInput, HandshakeAnswer, HandshakePlay } from '../types';

export const OKTA_CHALLENGE_HEADER = 'X-Okta-Verification-Challenge';

/** THE expected answer body: `{"verification": <header value>}` (developer.okta.com event hooks). */
export const oktaVerificationAnswer = (challenge: string): { verification: string } => ({
  verification: challenge,
});

export function oktaHandshake(delivery: DeliveryInput): HandshakeAnswer | null {
  const challenge = header(delivery, OKTA_CHALLENGE_HEADER);
  if (delivery.method !== 'GET' || challenge === null) return null;
  return jsonAnswer(oktaVerificationAnswer(challenge), 'answered Okta verification challenge');
}

export const oktaHandshakePlay: HandshakePlay = {
  needsSecret: false,
  request(url) {
    const challenge = freshToken();
    return {
      request: bodiless('GET', url.toString(), [
        [OKTA_CHALLENGE_HEADER, challenge],
        ['User-Agent', 'Okta-Integrations'],
      ]),
      expected: JSON.stringify(oktaVerificationAnswer(challenge)),
    };
  },
  judge: (answer, expected) =>
    judgeJsonFields(answer, JSON.parse(expected) as Record<string, string>),
};
