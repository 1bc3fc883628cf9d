import { signBodyHmac, verifyBodyHmac, type BodyHmacScheme } from '../body-hmac-scheme';
import { header, jsonObject, queryParam, stringField } from '../http-helpers';
import type { Provider } from '../types';
import { metaHandshake, metaHandshakePlay } from './handshake';

const SHA256: BodyHmacScheme = {
  providerName: 'Meta',
  header: 'X-Hub-Signature-256',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: 'sha256=',
};
const SHA1: BodyHmacScheme = {
  ...SHA256,
  header: 'X-Hub-Signature',
  algorithm: 'sha1',
  prefix: 'sha1=',
};

export const meta: Provider = {
  id: 'meta',
  name: 'Meta (Facebook, Instagram, WhatsApp, Messenger)',
  // No per-call helper closures in detect: it runs for every delivery that has no provider set.
  detect(delivery) {
    if (
      queryParam(delivery.target, 'hub.mode') === 'subscribe' &&
      queryParam(delivery.target, 'hub.verify_token') !== null
    ) {
      return { event: 'hub.subscribe', confidence: 1 };
    }
    if (header(delivery, SHA256.header) === null || header(delivery, 'X-GitHub-Event') !== null) {
      return null;
    }
    // `object` names the product: page, instagram, whatsapp_business_account, user, ...
    const object = stringField(jsonObject(delivery.body), 'object');
    return { event: object, confidence: object === null ? 0.5 : 0.9 };
  },
  verify(delivery, context) {
    const scheme =
      header(delivery, SHA256.header) === null && header(delivery, SHA1.header) !== null
        ? SHA1
        : SHA256;
    return verifyBodyHmac(scheme, delivery, context.secrets);
  },
  sign(request, secret) {
    return signBodyHmac(SHA256, request, secret);
  },
  /** The verify token is a plain string typed in the App Dashboard: options.verifyToken or a secret. */
  handshake: metaHandshake,
  handshakePlay: metaHandshakePlay,
  events: [
    {
      name: 'page',
      description: 'A Page subscription change (feed, messages, ...).',
      template: {
        object: 'page',
        entry: [
          {
            id: '106365304835',
            time: 1714645462,
            changes: [
              { field: 'feed', value: { item: 'status', verb: 'add', post_id: '106365304835_1' } },
            ],
          },
        ],
      },
    },
    {
      name: 'whatsapp_business_account',
      description: 'An incoming WhatsApp Cloud API message.',
      template: {
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '102290129340398',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: {
                    display_phone_number: '15550783881',
                    phone_number_id: '106540352242922',
                  },
                  messages: [
                    {
                      from: '16315551181',
                      id: 'wamid.ABGGFlA5Fpa',
                      timestamp: '1714645462',
                      type: 'text',
                      text: { body: 'Hello' },
                    },
                  ],
                },
              },
            ],
          },
        ],
      },
    },
  ],
};
