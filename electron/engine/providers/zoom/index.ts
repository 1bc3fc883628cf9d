import { hmacDigest } from '../crypto-helpers';
import { header, isRecord, jsonAnswer, jsonObject, stringField } from '../http-helpers';
import type { EventDefinition, Provider } from '../types';
import { signV0, verifyV0, type V0Scheme } from '../v0-timestamp-scheme';

/** Zoom states no window; its samples use 5 minutes. */
const SCHEME: V0Scheme = {
  providerName: 'Zoom',
  signatureHeader: 'x-zm-signature',
  timestampHeader: 'x-zm-request-timestamp',
  defaultToleranceSec: 300,
};

const URL_VALIDATION = 'endpoint.url_validation';

/** encryptedToken of the url_validation answer: hex HMAC-SHA256(secret token, plainToken). */
export function zoomEncryptedToken(secretToken: string, plainToken: string): string {
  return hmacDigest('sha256', secretToken, [plainToken], 'hex');
}

const events: readonly EventDefinition[] = [
  {
    name: URL_VALIDATION,
    description: 'Sent when the endpoint is saved and every 72 h; answered with encryptedToken.',
    template: {
      event: URL_VALIDATION,
      payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' },
      event_ts: 1654503849680,
    },
  },
  {
    name: 'meeting.started',
    description: 'A meeting started.',
    template: {
      event: 'meeting.started',
      event_ts: 1714645462000,
      payload: {
        account_id: 'AAAAAABBBB',
        object: {
          id: '85746065432',
          uuid: '4444AAAiAAAAAiAiAiiAii==',
          host_id: 'x1yCzABCDEfg23HiJKl4mN',
          topic: 'Weekly sync',
          type: 2,
          start_time: '2024-05-02T10:24:22Z',
          timezone: 'Europe/Paris',
          duration: 30,
        },
      },
    },
  },
];

export const zoom: Provider = {
  id: 'zoom',
  name: 'Zoom',
  detect(delivery) {
    if (header(delivery, SCHEME.signatureHeader) === null) return null;
    return { event: stringField(jsonObject(delivery.body), 'event'), confidence: 1 };
  },
  verify(delivery, context) {
    return verifyV0(SCHEME, delivery, context);
  },
  sign(request, secret, options) {
    return signV0(SCHEME, request, secret, options);
  },
  handshake(delivery, config) {
    const json = jsonObject(delivery.body);
    const payload = json?.['payload'];
    const plainToken = isRecord(payload) ? stringField(payload, 'plainToken') : null;
    if (json?.['event'] !== URL_VALIDATION || plainToken === null) return null;
    // Answer with the secret that signed the request when several are configured (rotation).
    const verdict = verifyV0(SCHEME, delivery, { ...config, now: delivery.receivedAt });
    const index = verdict.details?.['secretIndex'];
    const secret = typeof index === 'number' ? config.secrets[index] : config.secrets[0];
    if (secret === undefined) return null;
    return jsonAnswer(
      { plainToken, encryptedToken: zoomEncryptedToken(secret, plainToken) },
      `answered Zoom endpoint.url_validation with HMAC-SHA256 of plainToken (request signature: ${verdict.status})`,
    );
  },
  events,
};
