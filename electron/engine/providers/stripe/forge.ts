import type { ForgeShape } from '../types';

/**
 * The headers Stripe sends with an event (docs.stripe.com/webhooks: "Stripe/1.0
 * (+https://stripe.com/docs/webhooks)" user agent; JSON with charset). Stripe-Signature comes from
 * sign(); stripe-node's constructEvent needs nothing else.
 */
export function forgeStripe(): ForgeShape {
  return {
    headers: [
      ['Content-Type', 'application/json; charset=utf-8'],
      ['Cache-Control', 'no-cache'],
      ['User-Agent', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)'],
      ['Accept', '*/*; q=0.5, application/xml'],
    ],
    framing: 'length',
  };
}
