import { safeEqual, noSecrets, result } from '../crypto-helpers';
import { isRecord, jsonObject, queryParam, stringField, stringOption } from '../http-helpers';
import type { DeliveryInput, Provider } from '../types';
import { microsoftGraphHandshake, microsoftGraphHandshakePlay } from './handshake';

/** Change notifications: `{"value":[{subscriptionId, clientState, changeType, resource, ...}]}`. */
function notifications(delivery: DeliveryInput): Record<string, unknown>[] {
  const value = jsonObject(delivery.body)?.['value'];
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export const microsoftGraph: Provider = {
  id: 'microsoft-graph',
  name: 'Microsoft Graph',
  detect(delivery) {
    if (queryParam(delivery.target, 'validationToken') !== null) {
      return { event: 'validation', confidence: 0.9 };
    }
    const first = notifications(delivery)[0];
    if (!first || stringField(first, 'subscriptionId') === null) return null;
    return {
      event: stringField(first, 'changeType') ?? stringField(first, 'lifecycleEvent'),
      confidence: 0.9,
    };
  },
  /** Graph has no signature: each notification carries the clientState set at subscription. */
  verify(delivery, context) {
    const items = notifications(delivery);
    if (items.length === 0)
      return result('missing', 'No change notifications with a clientState in the body.');
    const configured = stringOption(context.options, 'clientState');
    const accepted = configured === null ? context.secrets : [configured, ...context.secrets];
    if (accepted.length === 0) return noSecrets('Microsoft Graph', 'clientState');
    const bad = items.findIndex((item) => {
      const state = stringField(item, 'clientState');
      return state === null || !accepted.some((value) => safeEqual(value, state));
    });
    if (bad !== -1) {
      return result(
        'invalid',
        `Notification #${bad + 1} has a clientState that does not match the configured value (or none).`,
        { signed: 'none: clientState compare', notifications: items.length },
      );
    }
    return result('valid', `clientState of all ${items.length} notification(s) matches.`, {
      signed: 'none: clientState compare',
    });
  },
  handshake: microsoftGraphHandshake,
  handshakePlay: microsoftGraphHandshakePlay,
  events: [
    {
      name: 'created',
      description: 'A resource (message, event, ...) was created.',
      template: {
        value: [
          {
            subscriptionId: '7f105c7d-2dc5-4530-97cd-4e7ae6534c07',
            subscriptionExpirationDateTime: '2024-05-05T18:23:45.9356913Z',
            changeType: 'created',
            resource: 'Users/{user-id}/Messages/{message-id}',
            resourceData: { '@odata.type': '#Microsoft.Graph.Message', id: 'AAMkAGUwNjQ4ZjIxAAA=' },
            clientState: 'secretClientValue',
            tenantId: '84bd8158-6d4d-4958-8b9f-9d6445542f95',
          },
        ],
      },
    },
  ],
};
