import { header, jsonObject, stringField } from '../http-helpers';
import type { EventDefinition, Provider } from '../types';
import { signV0, verifyV0 } from '../v0-timestamp-scheme';
import { forgeZoom } from './forge';
import {
  ZOOM_SCHEME as SCHEME,
  ZOOM_URL_VALIDATION as URL_VALIDATION,
  zoomEncryptedToken,
  zoomHandshake,
  zoomHandshakePlay,
} from './handshake';

export { zoomEncryptedToken };

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
  handshake: zoomHandshake,
  handshakePlay: zoomHandshakePlay,
  handshakeRevalidates: 'Zoom re-validates the endpoint every 72 hours',
  forge: forgeZoom,
  events,
};
