import { signBodyHmac, verifyBodyHmac, type BodyHmacScheme } from '../body-hmac-scheme';
import { header, jsonObject, queryParam } from '../http-helpers';
import type { Provider } from '../types';
import { twitterCrcResponseToken, twitterHandshake, twitterHandshakePlay } from './handshake';

/** Deliveries are signed like the CRC answer: `sha256=` + base64, not hex. */
const SCHEME: BodyHmacScheme = {
  providerName: 'Twitter / X',
  header: 'X-Twitter-Webhooks-Signature',
  algorithm: 'sha256',
  encoding: 'base64',
  prefix: 'sha256=',
};

export { twitterCrcResponseToken };

export const twitter: Provider = {
  id: 'twitter',
  name: 'Twitter / X',
  detect(delivery) {
    if (delivery.method === 'GET' && queryParam(delivery.target, 'crc_token') !== null) {
      return { event: 'crc', confidence: 0.9 };
    }
    if (header(delivery, SCHEME.header) === null) return null;
    // Account Activity bodies have one `<kind>_events` array, e.g. tweet_create_events.
    const json = jsonObject(delivery.body);
    const kind = Object.keys(json ?? {}).find((key) => key.endsWith('_events')) ?? null;
    return { event: kind, confidence: 1 };
  },
  verify(delivery, context) {
    return verifyBodyHmac(SCHEME, delivery, context.secrets);
  },
  sign(request, secret) {
    return signBodyHmac(SCHEME, request, secret);
  },
  handshake: twitterHandshake,
  handshakePlay: twitterHandshakePlay,
  handshakeRevalidates: 'Twitter / X re-runs the CRC check hourly',
  events: [
    {
      name: 'tweet_create_events',
      description: 'A post was created by or mentioning the subscribed user.',
      template: {
        for_user_id: '2244994945',
        tweet_create_events: [
          {
            id_str: '1786012345678901234',
            text: '@TwitterDev hello from Hookscope',
            created_at: 'Thu May 02 10:14:22 +0000 2024',
            user: { id_str: '6253282', screen_name: 'TwitterAPI', name: 'Twitter API' },
          },
        ],
      },
    },
  ],
};
