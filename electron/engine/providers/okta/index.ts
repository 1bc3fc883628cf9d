import { safeEqual, noSecrets, result } from '../crypto-helpers';
import { header, isRecord, jsonObject, stringField, stringOption } from '../http-helpers';
import type { Provider } from '../types';
import { oktaHandshake, oktaHandshakePlay } from './handshake';

const CHALLENGE_HEADER = 'X-Okta-Verification-Challenge';

export const okta: Provider = {
  id: 'okta',
  name: 'Okta Event Hooks',
  detect(delivery) {
    if (header(delivery, CHALLENGE_HEADER) !== null)
      return { event: 'verification', confidence: 1 };
    const json = jsonObject(delivery.body);
    if (
      stringField(json, 'eventType') === 'com.okta.event_hook' ||
      header(delivery, 'User-Agent') === 'Okta-Integrations'
    ) {
      const data = json?.['data'];
      const list = isRecord(data) ? data['events'] : null;
      const first: unknown = Array.isArray(list) ? list[0] : null;
      const event = isRecord(first) ? first['eventType'] : null;
      return { event: typeof event === 'string' ? event : null, confidence: 0.9 };
    }
    return null;
  },
  /** Okta sends back the header name/value configured on the hook (options.authHeader, default Authorization). */
  verify(delivery, context) {
    const name = stringOption(context.options, 'authHeader') ?? 'Authorization';
    const received = header(delivery, name);
    if (received === null)
      return result(
        'missing',
        `No ${name} header: Okta sends the value configured on the event hook.`,
      );
    if (context.secrets.length === 0) return noSecrets('Okta', `${name} value`);
    const index = context.secrets.findIndex((secret) => safeEqual(secret, received));
    if (index === -1) {
      return result(
        'invalid',
        `${name} does not equal the configured value (received ${received.length} characters).`,
        {
          signed: `none: ${name} compare`,
        },
      );
    }
    return result('valid', `${name} equals configured value #${index + 1}.`, {
      signed: `none: ${name} compare`,
      secretIndex: index,
    });
  },
  handshake: oktaHandshake,
  handshakePlay: oktaHandshakePlay,
  events: [
    {
      name: 'user.lifecycle.create',
      description: 'A user was created.',
      template: {
        eventType: 'com.okta.event_hook',
        eventTypeVersion: '1.0',
        cloudEventsVersion: '0.1',
        source: 'https://dev-123456.okta.com/api/v1/eventHooks/whoql0HfiLGPWc8Jx0g3',
        eventId: 'b5a188b9-5ece-4636-b041-482ffda96311',
        eventTime: '2024-05-02T10:14:22.000Z',
        contentType: 'application/json',
        data: {
          events: [
            {
              uuid: '5b0d5b28-0846-11ef-a0c5-e9d9b1a4e1e4',
              published: '2024-05-02T10:14:21.867Z',
              eventType: 'user.lifecycle.create',
              displayMessage: 'Create Okta user',
              severity: 'INFO',
              target: [
                { id: '00u1a2b3c4D5e6F7g8h9', type: 'User', alternateId: 'ada@example.com' },
              ],
            },
          ],
        },
      },
    },
  ],
};
