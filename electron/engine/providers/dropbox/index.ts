import { signBodyHmac, verifyBodyHmac, type BodyHmacScheme } from '../body-hmac-scheme';
import { header, queryParam } from '../http-helpers';
import type { Provider } from '../types';
import { dropboxHandshake, dropboxHandshakePlay } from './handshake';

const SCHEME: BodyHmacScheme = {
  providerName: 'Dropbox',
  header: 'X-Dropbox-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: '',
};

export const dropbox: Provider = {
  id: 'dropbox',
  name: 'Dropbox',
  detect(delivery) {
    if (header(delivery, SCHEME.header) !== null) return { event: 'list_folder', confidence: 1 };
    if (delivery.method === 'GET' && queryParam(delivery.target, 'challenge') !== null) {
      return { event: 'challenge', confidence: 0.6 };
    }
    return null;
  },
  verify(delivery, context) {
    return verifyBodyHmac(SCHEME, delivery, context.secrets);
  },
  sign(request, secret) {
    return signBodyHmac(SCHEME, request, secret);
  },
  handshake: dropboxHandshake,
  handshakePlay: dropboxHandshakePlay,
  events: [
    {
      name: 'list_folder',
      description: 'Files changed for the listed accounts.',
      template: {
        list_folder: { accounts: ['dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc'] },
        delta: { users: [12345678] },
      },
    },
  ],
};
