import { createHmac } from 'node:crypto';
import {
  freshToken,
  judgeJsonFields,
  refuseUnsafe,
  tokenShapeProblem,
  withQuery,
  bodiless,
} from '../handshake-kit';
import { queryParam } from '../request-target';
import type { DeliveryInput, HandshakeAnswer, HandshakeConfig, HandshakePlay } from '../types';

/** Fixed text Preservica puts in front of the raw body before signing (pyPreservica webHooksAPI). */
export const PRESERVICA_SIGNING_PREFIX = 'preservica-webhook-auth';

/**
 * pyPreservica (carj/pyPreservica `pyPreservica/webHooksAPI.py`: `WebHookHandler.hmac` and
 * `FlaskWebhookHandler.verify_challenge`) turns key and message into bytes with `latin-1`. For
 * ASCII that equals UTF-8; beyond it we follow the SDK whenever the text fits latin-1 (the SDK
 * raises otherwise, so UTF-8 is the only sensible fallback).
 */
export function latin1OrUtf8(text: string): Buffer {
  // eslint-disable-next-line no-control-regex
  return /^[\u0000-\u00ff]*$/.test(text) ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
}

/**
 * THE expected challenge answer: hex HMAC-SHA256 of the code under the shared secret. The
 * receiver's `handshake` answers with it and the play expects it, so they cannot drift apart.
 */
export function preservicaChallengeResponse(secret: string, challengeCode: string): string {
  return createHmac('sha256', latin1OrUtf8(secret))
    .update(latin1OrUtf8(challengeCode))
    .digest('hex');
}

/**
 * Longest challenge code answered. Preservica does not publish the format (docs/webhooks.rst shows
 * the placeholder "challengeCode"; pyPreservica writes it into a JSON string unescaped, so it holds
 * no quote or backslash). Random ids (hex, UUID, base64) fit in 128 token characters; a delivery's
 * signing input (`preservica-webhook-auth` + a JSON body) never does.
 */
export const PRESERVICA_MAX_CODE_LENGTH = 128;

/** Why a challenge code could be a signing input (issue 13: the handshake is not a signing oracle). */
export function preservicaCodeProblem(code: string): string | null {
  if (code.toLowerCase().includes(PRESERVICA_SIGNING_PREFIX))
    return `challengeCode contains the delivery signing prefix "${PRESERVICA_SIGNING_PREFIX}": its answer would be a valid Preservica-Signature`;
  if (/[{}[\]"]/.test(code))
    return 'challengeCode contains JSON: its answer could sign a delivery body';
  return tokenShapeProblem(code, 'challengeCode', PRESERVICA_MAX_CODE_LENGTH);
}

/** The challenge of a Preservica handshake request (POST `?challengeCode=X`), else null. */
export function preservicaChallengeOf(
  request: Pick<DeliveryInput, 'method' | 'target'>,
): string | null {
  return request.method === 'POST' ? queryParam(request.target, 'challengeCode') : null;
}

/** Preservica checks a new subscription with POST `?challengeCode=X` and expects X's HMAC back. */
export function preservicaHandshake(
  delivery: DeliveryInput,
  config: HandshakeConfig,
): HandshakeAnswer | null {
  const challengeCode = preservicaChallengeOf(delivery);
  if (challengeCode === null) return null;
  const problem = preservicaCodeProblem(challengeCode);
  if (problem) return refuseUnsafe('Preservica', problem);
  const secret = config.secrets[0];
  if (secret === undefined) {
    return {
      status: 500,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: 'no shared secret configured for this endpoint' }),
      description:
        'Preservica challenge received, but no shared secret is configured: the subscription will fail. Add the secret and subscribe again.',
    };
  }
  const challengeResponse = preservicaChallengeResponse(secret, challengeCode);
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ challengeCode, challengeResponse }),
    description: 'Answered the Preservica subscription challenge with HMAC-SHA256 of the code.',
    signedValue: challengeResponse,
  };
}

/**
 * Preservica's side: POST `?challengeCode=`, then read the JSON answer (any Content-Type, any
 * whitespace: the reference server pads it) and compare both members.
 */
export const preservicaHandshakePlay: HandshakePlay = {
  needsSecret: true,
  request(url, secret) {
    const challengeCode = freshToken();
    return {
      request: bodiless('POST', withQuery(url, { challengeCode }), [
        ['Content-Type', 'application/json'],
      ]),
      expected: JSON.stringify({
        challengeCode,
        challengeResponse: preservicaChallengeResponse(secret, challengeCode),
      }),
    };
  },
  judge(answer, expected) {
    return judgeJsonFields(answer, JSON.parse(expected) as Record<string, string>);
  },
};
