import { signBodyHmac, verifyBodyHmac, type BodyHmacScheme } from '../body-hmac-scheme';
import { header } from '../http-helpers';
import type { Provider } from '../types';

/** Key: the X-Hook-Secret Asana sent in the handshake; store it as this endpoint's secret. */
const SCHEME: BodyHmacScheme = {
  providerName: 'Asana',
  header: 'X-Hook-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: '',
};
const SECRET_HEADER = 'X-Hook-Secret';

export const asana: Provider = {
  id: 'asana',
  name: 'Asana',
  detect(delivery) {
    if (header(delivery, SECRET_HEADER) !== null) return { event: 'handshake', confidence: 1 };
    if (header(delivery, SCHEME.header) !== null) return { event: null, confidence: 1 };
    return null;
  },
  verify(delivery, context) {
    return verifyBodyHmac(SCHEME, delivery, context.secrets);
  },
  sign(request, secret) {
    return signBodyHmac(SCHEME, request, secret);
  },
  handshake(delivery) {
    const secret = header(delivery, SECRET_HEADER);
    if (delivery.method !== 'POST' || secret === null) return null;
    return {
      status: 200,
      headers: { [SECRET_HEADER]: secret },
      body: '',
      description:
        'answered Asana handshake by echoing X-Hook-Secret; save that value as the endpoint secret to verify later events',
    };
  },
  events: [
    {
      name: 'changed',
      description: 'A task (or other resource) changed.',
      template: {
        events: [
          {
            action: 'changed',
            created_at: '2024-05-02T10:14:22.000Z',
            resource: { gid: '1204567890123456', resource_type: 'task' },
            parent: null,
            user: { gid: '1201234567890123', resource_type: 'user' },
            change: { field: 'completed', action: 'changed' },
          },
        ],
      },
    },
  ],
};
