import { readJsonObject } from '../../inspect/json-body';
import { PHRASEANET_EVENT_NAMES, phraseanetEvents } from './events';
import { indexedHeaderValue } from '../raw-headers';
import type { DeliveryInput, Detection, Provider, VerifyResult } from '../types';

/** `Phraseanet/<version> (<codename>)`, e.g. `Phraseanet/4.1.22 (Buxus)`. */
const USER_AGENT = /^Phraseanet\/\S+/;

/** Current bodies name the event in `event`; the stale docs use `name`. */
function eventOf(body: Uint8Array): { event: string | null; current: boolean } {
  const envelope = readJsonObject(body);
  const event = envelope?.['event'];
  if (typeof event === 'string')
    return { event, current: typeof envelope?.['webhookId'] !== 'undefined' };
  const legacyName = envelope?.['name'];
  return { event: typeof legacyName === 'string' ? legacyName : null, current: false };
}

function detect(delivery: DeliveryInput): Detection | null {
  const { event, current } = eventOf(delivery.body);
  const userAgent = indexedHeaderValue(delivery.rawHeaders, 'user-agent') ?? '';
  if (USER_AGENT.test(userAgent)) return { event, confidence: 1 };
  if (event === null || !PHRASEANET_EVENT_NAMES.includes(event)) return null;
  return { event, confidence: current ? 0.7 : 0.5 };
}

function verify(): VerifyResult {
  return {
    status: 'not-applicable',
    reason:
      'Phraseanet does not sign webhooks (the application hmac_key is stored but never used when sending); protect the endpoint with a secret URL path.',
  };
}

export const phraseanet: Provider = {
  id: 'phraseanet',
  name: 'Phraseanet',
  detect,
  verify,
  events: phraseanetEvents,
};
