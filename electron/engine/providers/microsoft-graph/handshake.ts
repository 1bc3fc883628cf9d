import { bodiless, freshToken, is200, judgeEcho, withQuery } from '../handshake-kit';
import { queryParam, textAnswer } from '../http-helpers';
import type { DeliveryInput, HandshakeAnswer, HandshakePlay } from '../types';

/** THE expected answer: the URL-decoded validationToken (microsoft-graph-docs-contrib, notificationurl validation). */
export const graphValidationAnswer = (token: string): string => token;

export function microsoftGraphHandshake(delivery: DeliveryInput): HandshakeAnswer | null {
  // URLSearchParams decodes it: Graph wants the decoded token back.
  const token = queryParam(delivery.target, 'validationToken');
  if (delivery.method !== 'POST' || token === null) return null;
  return textAnswer(
    graphValidationAnswer(token),
    'answered Microsoft Graph validationToken by echoing it as text/plain',
  );
}

export const microsoftGraphHandshakePlay: HandshakePlay = {
  needsSecret: false,
  request(url) {
    const validationToken = `Validation: ${freshToken()}`;
    return {
      request: bodiless('POST', withQuery(url, { validationToken }), [
        ['Content-Type', 'text/plain'],
      ]),
      expected: graphValidationAnswer(validationToken),
    };
  },
  judge: judgeEcho(is200, 'HTTP 200'),
};
