import { webhookUrl } from '../../subscriptions/manual-setup';
import type { ManualSetup, ManualSetupInput, ManualSubscription } from '../types';

/**
 * Phraseanet webhooks belong to an API application (developer section): a webhook URL, an active
 * switch and the listened events (protocols.md 1.3). There is no token and no signature.
 */
export function phraseanetSetup(input: ManualSetupInput): ManualSetup {
  const url = webhookUrl(input.publicUrl, input.endpointPath);
  return {
    provider: 'phraseanet',
    title: 'Point a Phraseanet API application at Hookscope',
    steps: [
      'In Phraseanet, open your account > Developer > Applications and open (or create) the API application.',
      `Paste ${url} into its "Webhook URL" field and save.`,
      'Turn the webhook on (active) and pick the events to listen to; none selected means all events.',
      'Trigger an event (e.g. add a record): the worker posts it within seconds and it appears here.',
    ],
    copy: [{ label: 'Webhook URL', value: url }],
    notes: [
      'Phraseanet signs nothing: any request to this URL looks the same, so keep the endpoint path hard to guess.',
      'Phraseanet appends the delivery id as a #fragment, which never reaches the receiver.',
      'After a final failure with 5 or more undelivered events, Phraseanet switches the webhook off; switch it on again once Hookscope is reachable.',
    ],
  };
}

/** Phraseanet has no webhook API: the URL goes into an API application by hand. */
export const phraseanetSubscription: ManualSubscription = {
  kind: 'manual',
  setup: (input) =>
    phraseanetSetup({ publicUrl: input.publicUrl, endpointPath: input.endpointPath }),
};
