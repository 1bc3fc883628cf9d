import { isRecord, jsonObject, stringField } from '../http-helpers';
import type { ForgeContext, ForgeShape } from '../types';

/**
 * The headers Twitch sends with an EventSub notification (dev.twitch.tv/docs/eventsub/handling-webhook-events):
 * message type, retry count, subscription type and version (from the body's `subscription`). The
 * message id, timestamp and signature come from sign().
 */
export function forgeTwitch(context: ForgeContext): ForgeShape {
  const subscription = jsonObject(context.body)?.['subscription'];
  const record = isRecord(subscription) ? subscription : null;
  const challenge = stringField(jsonObject(context.body), 'challenge') !== null;
  return {
    headers: [
      ['Content-Type', 'application/json'],
      [
        'Twitch-Eventsub-Message-Type',
        challenge ? 'webhook_callback_verification' : 'notification',
      ],
      ['Twitch-Eventsub-Message-Retry', '0'],
      ['Twitch-Eventsub-Subscription-Type', stringField(record, 'type') ?? context.event],
      ['Twitch-Eventsub-Subscription-Version', stringField(record, 'version') ?? '1'],
    ],
    framing: 'length',
  };
}
