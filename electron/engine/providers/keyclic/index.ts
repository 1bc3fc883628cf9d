import { isJsonObject, readJsonObject } from '../../inspect/json-body';
import {
  KEYCLIC_EVENT_ALIASES,
  KEYCLIC_EVENT_NAMES,
  canonicalKeyclicEvent,
  keyclicEvents,
} from './events';
import type { DeliveryInput, Detection, Provider, VerifyResult } from '../types';
import { keyclicSubscription } from './subscription';

/**
 * Keyclic has no documented User-Agent or signature, so recognition rests on the body alone:
 * `{event, payload}` with a known event name in either spelling (`report_created` or
 * `reportCreated`) and a HAL resource as payload. The event is reported by its canonical name.
 */
function detect(delivery: DeliveryInput): Detection | null {
  const envelope = readJsonObject(delivery.body);
  const event = envelope?.['event'];
  const payload = envelope?.['payload'];
  if (typeof event !== 'string' || !isJsonObject(payload)) return null;
  const canonical = canonicalKeyclicEvent(event);
  if (!KEYCLIC_EVENT_NAMES.includes(canonical)) return null;
  const hal = '_links' in payload || '_embedded' in payload;
  return { event: canonical, confidence: hal ? 0.7 : 0.5 };
}

function verify(): VerifyResult {
  return {
    status: 'not-applicable',
    reason: 'Keyclic documents no webhook signature; protect the endpoint with a secret URL path.',
  };
}

export const keyclic: Provider = {
  id: 'keyclic',
  name: 'Keyclic',
  detect,
  verify,
  events: keyclicEvents,
  eventAliases: KEYCLIC_EVENT_ALIASES,
  subscription: keyclicSubscription,
};
