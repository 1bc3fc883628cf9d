import { signBodyHmac, verifyBodyHmac, type BodyHmacScheme } from '../body-hmac-scheme';
import { header, isRecord, jsonObject, stringField } from '../http-helpers';
import type { DeliveryInput, Provider } from '../types';
import { asanaHandshake, asanaHandshakePlay } from './handshake';

/** Key: the X-Hook-Secret Asana sent in the handshake; store it as this endpoint's secret. */
const SCHEME: BodyHmacScheme = {
  providerName: 'Asana',
  header: 'X-Hook-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: '',
};
const SECRET_HEADER = 'X-Hook-Secret';

/** The action of a batch (`changed`) when every event in it shares one, else null. */
function asanaAction(delivery: DeliveryInput): string | null {
  const batch = jsonObject(delivery.body)?.['events'];
  if (!Array.isArray(batch) || batch.length === 0) return null;
  const actions = new Set(
    batch.map((item) => (isRecord(item) ? stringField(item, 'action') : null)),
  );
  const [only] = actions;
  return actions.size === 1 && typeof only === 'string' ? only : null;
}

export const asana: Provider = {
  id: 'asana',
  name: 'Asana',
  detect(delivery) {
    if (header(delivery, SECRET_HEADER) !== null) return { event: 'handshake', confidence: 1 };
    if (header(delivery, SCHEME.header) !== null)
      return { event: asanaAction(delivery), confidence: 1 };
    return null;
  },
  verify(delivery, context) {
    return verifyBodyHmac(SCHEME, delivery, context.secrets);
  },
  sign(request, secret) {
    return signBodyHmac(SCHEME, request, secret);
  },
  handshake: asanaHandshake,
  handshakePlay: asanaHandshakePlay,
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
