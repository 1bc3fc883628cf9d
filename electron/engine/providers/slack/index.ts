import { bodyText, header, isRecord, jsonObject, stringField } from '../http-helpers';
import type { DeliveryInput, EventDefinition, Provider } from '../types';
import { signV0, verifyV0 } from '../v0-timestamp-scheme';
import { forgeSlack, SLACKBOT_USER_AGENT } from './forge';
import { SLACK_SCHEME as SCHEME, slackHandshake, slackHandshakePlay } from './handshake';

/** Events API bodies are JSON; slash commands and interactivity are form-encoded. */
function slackEvent(delivery: DeliveryInput): string | null {
  const json = jsonObject(delivery.body);
  if (json) {
    const inner = json['event'];
    if (json['type'] === 'event_callback' && isRecord(inner)) return stringField(inner, 'type');
    return stringField(json, 'type');
  }
  const form = new URLSearchParams(bodyText(delivery.body));
  if (form.has('command')) return 'slash_command';
  if (form.has('payload')) return 'interactivity';
  return null;
}

const events: readonly EventDefinition[] = [
  {
    name: 'url_verification',
    description: 'Sent when the Events API Request URL is entered; answered by echoing challenge.',
    template: {
      token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
      type: 'url_verification',
    },
  },
  {
    name: 'app_mention',
    description: 'Events API callback: the app was mentioned in a channel.',
    template: {
      token: 'XXYYZZ',
      team_id: 'T123ABC456',
      api_app_id: 'A123ABC456',
      event: {
        type: 'app_mention',
        user: 'U123ABC456',
        text: '<@U0LAN0Z89> is it everything a river should be?',
        ts: '1515449522.000016',
        channel: 'C123ABC456',
        event_ts: '1515449522000016',
      },
      type: 'event_callback',
      event_id: 'Ev123ABC456',
      event_time: 1515449522000016,
    },
  },
];

export const slack: Provider = {
  id: 'slack',
  name: 'Slack',
  detect(delivery) {
    if (header(delivery, SCHEME.signatureHeader) !== null) {
      return { event: slackEvent(delivery), confidence: 1 };
    }
    // Unsigned (a forged event without a signing secret): Slack's own user agent still says Slack.
    if (header(delivery, 'User-Agent') === SLACKBOT_USER_AGENT) {
      return { event: slackEvent(delivery), confidence: 0.8 };
    }
    return null;
  },
  verify(delivery, context) {
    return verifyV0(SCHEME, delivery, context);
  },
  sign(request, secret, options) {
    return signV0(SCHEME, request, secret, options);
  },
  handshake: slackHandshake,
  handshakePlay: slackHandshakePlay,
  forge: forgeSlack,
  events,
};
