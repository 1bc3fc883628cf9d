import type { EventDefinition } from '../types';
import catalogueJson from './catalogue.json';

/**
 * Every v1 event type Stripe sends, generated from stripe-node's declarations
 * (esm/resources/Events.d.ts) by scripts/generate-stripe-catalogue.mjs. Stripe ships no webhook
 * schema on npm, so these events carry no schema; their template is the event envelope Stripe posts
 * (docs.stripe.com/api/events/object) around a minimal `data.object` of the right `object` type.
 */
interface StripeCatalogue {
  source: string;
  apiVersion: string;
  events: { name: string; description: string; object: string }[];
}

const catalogue = catalogueJson as StripeCatalogue;

/** Stripe ids are `<prefix>_<random>`; the prefix is not derivable from the object name, so a neutral one. */
function envelope(name: string, object: string): unknown {
  return {
    id: 'evt_{{random}}',
    object: 'event',
    api_version: catalogue.apiVersion,
    created: '{{now_unix}}',
    data: { object: { id: `${object.replaceAll('.', '_')}_{{random}}`, object } },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: name,
  };
}

/** The catalogue, with hand-written richer templates where `curated` has one. */
export function stripeEvents(curated: readonly EventDefinition[]): readonly EventDefinition[] {
  const own = new Map(curated.map((event) => [event.name, event]));
  return catalogue.events.map(
    (entry) =>
      own.get(entry.name) ?? {
        name: entry.name,
        description: entry.description,
        template: envelope(entry.name, entry.object),
      },
  );
}
