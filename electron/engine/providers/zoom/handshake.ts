import { hmacDigest } from '../crypto-helpers';
import {
  freshToken,
  jsonRequest,
  judgeJsonFields,
  refuseUnsafe,
  tokenShapeProblem,
} from '../handshake-kit';
import { isRecord, jsonAnswer, jsonObject, stringField } from '../http-helpers';
import type { DeliveryInput, HandshakeAnswer, HandshakeConfig, HandshakePlay } from '../types';
import { signV0, verifyV0, type V0Scheme } from '../v0-timestamp-scheme';

/** Zoom states no window; its samples use 5 minutes. */
export const ZOOM_SCHEME: V0Scheme = {
  providerName: 'Zoom',
  signatureHeader: 'x-zm-signature',
  timestampHeader: 'x-zm-request-timestamp',
  defaultToleranceSec: 300,
};

export const ZOOM_URL_VALIDATION = 'endpoint.url_validation';

/** THE expected encryptedToken, for the answer and the play: hex HMAC-SHA256(secret token, plainToken). */
export function zoomEncryptedToken(secretToken: string, plainToken: string): string {
  return hmacDigest('sha256', secretToken, [plainToken], 'hex');
}

/**
 * Zoom's plainTokens are 22-character base64url ids (`qgg8vlvZRS6UYooatFL8Aw` in Zoom's docs); 64
 * leaves room. Zoom signs deliveries over `v0:<ts>:<body>`, which has `:` and JSON: never a token.
 */
export const ZOOM_MAX_PLAIN_TOKEN = 64;

/**
 * Zoom re-validates the endpoint every 72 h, so it is answered outside an armed window; the
 * request must carry a valid x-zm-signature first, as zoom/webhook-sample `index.js` checks it
 * (401 otherwise) before computing the answer.
 */
export function zoomHandshake(
  delivery: DeliveryInput,
  config: HandshakeConfig,
): HandshakeAnswer | null {
  const json = jsonObject(delivery.body);
  const payload = json?.['payload'];
  const plainToken = isRecord(payload) ? stringField(payload, 'plainToken') : null;
  if (json?.['event'] !== ZOOM_URL_VALIDATION || plainToken === null) return null;
  if (config.secrets.length === 0) return null;
  const problem = tokenShapeProblem(plainToken, 'plainToken', ZOOM_MAX_PLAIN_TOKEN);
  if (problem) return refuseUnsafe('Zoom', problem);
  const verdict = verifyV0(ZOOM_SCHEME, delivery, { ...config, now: delivery.receivedAt });
  if (verdict.status !== 'valid') {
    return jsonAnswer(
      { message: 'Unauthorized request.' },
      `refused Zoom endpoint.url_validation with 401: ${verdict.reason}`,
      401,
    );
  }
  // Answer with the secret that signed the request when several are configured (rotation).
  const index = verdict.details?.['secretIndex'];
  const secret = typeof index === 'number' ? config.secrets[index] : config.secrets[0];
  if (secret === undefined) return null;
  const encryptedToken = zoomEncryptedToken(secret, plainToken);
  return {
    ...jsonAnswer(
      { plainToken, encryptedToken },
      'answered Zoom endpoint.url_validation with HMAC-SHA256 of plainToken (request signature: valid)',
    ),
    signedValue: encryptedToken,
  };
}

export const zoomHandshakePlay: HandshakePlay = {
  needsSecret: true,
  request(url, secret) {
    const plainToken = freshToken();
    const unsigned = jsonRequest(url, {
      event: ZOOM_URL_VALIDATION,
      payload: { plainToken },
      event_ts: Date.now(),
    });
    return {
      request: signV0(ZOOM_SCHEME, unsigned, secret),
      expected: JSON.stringify({
        plainToken,
        encryptedToken: zoomEncryptedToken(secret, plainToken),
      }),
    };
  },
  judge(answer, expected) {
    return judgeJsonFields(answer, JSON.parse(expected) as Record<string, string>);
  },
};
