import { readJsonObject } from '../../inspect/json-body';
import { PHRASEANET_EVENT_NAMES, phraseanetEvents } from './events';
import { indexedHeaderValue } from '../raw-headers';
import type {
  DeliveryInput,
  Detection,
  ForgeContext,
  ForgeShape,
  Provider,
  VerifyResult,
} from '../types';
import { phraseanetSubscription } from './subscription';

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

/** The release the forged User-Agent names (lib/Alchemy/Phrasea/Core/Version.php at adc492f8). */
export const PHRASEANET_USER_AGENT = 'Phraseanet/4.1.22 (Buxus)';

/**
 * What WebhookWorker::deliverEvent sends (lib/Alchemy/Phrasea/WorkerManager/Worker/WebhookWorker.php
 * at adc492f8): a Guzzle 6 `Request('POST', url, ['Content-Type' => 'application/json'], body)`
 * (lines 245-250), whose Host Guzzle puts first, then the client's default User-Agent
 * `Phraseanet/<number> (<name>)` (lines 108-115). Guzzle's curl handler sends a body under 1 MB
 * with CURLOPT_POSTFIELDS and blanks curl's Accept and Expect, so curl adds only Content-Length.
 * The URL's `#<deliveryId>` fragment never reaches the wire.
 */
function forge(context: ForgeContext): ForgeShape {
  return {
    headers: [
      ['Host', new URL(context.url).host],
      ['Content-Type', 'application/json'],
      ['User-Agent', PHRASEANET_USER_AGENT],
      ['Content-Length', String(context.body.length)],
    ],
    framing: 'length',
  };
}

export const phraseanet: Provider = {
  id: 'phraseanet',
  name: 'Phraseanet',
  detect,
  verify,
  forge,
  events: phraseanetEvents,
  subscription: phraseanetSubscription,
};
