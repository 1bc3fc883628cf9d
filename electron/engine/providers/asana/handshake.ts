import { bodiless, freshToken, needStatus } from '../handshake-kit';
import { header } from '../http-helpers';
import type { DeliveryInput, HandshakeAnswer, HandshakePlay } from '../types';

export const ASANA_SECRET_HEADER = 'X-Hook-Secret';

/** THE expected answer: X-Hook-Secret echoed as a response header (developers.asana.com createwebhook). */
export const asanaSecretEcho = (secret: string): string => secret;

export function asanaHandshake(delivery: DeliveryInput): HandshakeAnswer | null {
  const secret = header(delivery, ASANA_SECRET_HEADER);
  if (delivery.method !== 'POST' || secret === null) return null;
  return {
    status: 200,
    headers: { [ASANA_SECRET_HEADER]: asanaSecretEcho(secret) },
    body: '',
    description:
      'answered Asana handshake by echoing X-Hook-Secret; save that value as the endpoint secret to verify later events',
  };
}

export const asanaHandshakePlay: HandshakePlay = {
  needsSecret: false,
  request(url) {
    const secret = freshToken();
    return {
      request: bodiless('POST', url.toString(), [[ASANA_SECRET_HEADER, secret]]),
      expected: asanaSecretEcho(secret),
    };
  },
  judge(answer, expected) {
    const statusProblem = needStatus(answer, (s) => s === 200 || s === 204, 'HTTP 200 or 204');
    if (statusProblem) return statusProblem;
    const echoed = answer.rawHeaders.find(
      ([name]) => name.toLowerCase() === ASANA_SECRET_HEADER.toLowerCase(),
    )?.[1];
    if (echoed === undefined) return 'the answer does not echo the X-Hook-Secret header';
    return echoed === expected
      ? null
      : `X-Hook-Secret echoed as ${JSON.stringify(echoed)}, expected ${JSON.stringify(expected)}`;
  },
};
