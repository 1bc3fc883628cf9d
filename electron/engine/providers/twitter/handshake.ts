import { hmacDigest } from '../crypto-helpers';
import {
  bodiless,
  freshToken,
  judgeJsonFields,
  refuseUnsafe,
  tokenShapeProblem,
  withQuery,
} from '../handshake-kit';
import { jsonAnswer, queryParam } from '../http-helpers';
import type { DeliveryInput, HandshakeAnswer, HandshakeConfig, HandshakePlay } from '../types';

/** THE expected CRC answer, for the receiver and the play: `sha256=` + base64 HMAC-SHA256(consumer secret, crc_token). */
export function twitterCrcResponseToken(consumerSecret: string, crcToken: string): string {
  return `sha256=${hmacDigest('sha256', consumerSecret, [crcToken], 'base64')}`;
}

/**
 * crc_tokens are short random ids (the DevRel sample gist jcipriano/46c4b3f3… uses a UUID). Twitter
 * signs deliveries over the JSON body with the same key and format, so a token holding JSON (or
 * anything beyond token characters) could make the CRC answer a delivery signature.
 */
export const TWITTER_MAX_CRC_TOKEN = 128;

/** Twitter runs the CRC hourly, so it is answered outside an armed window, on shape checks alone. */
export function twitterHandshake(
  delivery: DeliveryInput,
  config: HandshakeConfig,
): HandshakeAnswer | null {
  const crcToken = queryParam(delivery.target, 'crc_token');
  const secret = config.secrets[0];
  if (delivery.method !== 'GET' || crcToken === null || secret === undefined) return null;
  const problem = tokenShapeProblem(crcToken, 'crc_token', TWITTER_MAX_CRC_TOKEN);
  if (problem) return refuseUnsafe('Twitter / X', problem);
  const responseToken = twitterCrcResponseToken(secret, crcToken);
  return {
    ...jsonAnswer(
      { response_token: responseToken },
      'answered Twitter CRC with base64 HMAC-SHA256 of crc_token',
    ),
    signedValue: responseToken,
  };
}

export const twitterHandshakePlay: HandshakePlay = {
  needsSecret: true,
  request(url, secret) {
    const crcToken = freshToken();
    return {
      request: bodiless('GET', withQuery(url, { crc_token: crcToken })),
      expected: twitterCrcResponseToken(secret, crcToken),
    };
  },
  judge: (answer, expected) => judgeJsonFields(answer, { response_token: expected }),
};
