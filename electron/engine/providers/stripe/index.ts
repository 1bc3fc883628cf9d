import {
  hmacDigest,
  matchSecrets,
  missingHeader,
  noSecrets,
  nowSeconds,
  parseUnixSeconds,
  preview,
  result,
  timestampProblem,
  toleranceFrom,
  verifyAgainstSecrets,
  withTimestampCheck,
} from '../crypto-helpers';
import { header, jsonObject, stringField, withHeaders } from '../http-helpers';
import type { EventDefinition, Provider } from '../types';
import { stripeEvents } from './catalogue';
import { forgeStripe } from './forge';

const HEADER = 'Stripe-Signature';
/** stripe-node DEFAULT_TOLERANCE. */
const DEFAULT_TOLERANCE_SEC = 300;

export interface StripeSignatureHeader {
  timestamp: number | null;
  /** Every v1 entry: several appear while an endpoint secret is being rolled. */
  v1: string[];
}

/** `t=1492774577,v1=<hex>[,v1=<hex>][,v0=<hex>]`; unknown schemes (the fake test-mode v0) are ignored. */
export function parseStripeSignature(value: string): StripeSignatureHeader {
  const parsed: StripeSignatureHeader = { timestamp: null, v1: [] };
  for (const item of value.split(',')) {
    const at = item.indexOf('=');
    if (at === -1) continue;
    const key = item.slice(0, at).trim();
    const entry = item.slice(at + 1).trim();
    if (key === 't') parsed.timestamp = parseUnixSeconds(entry);
    else if (key === 'v1' && entry !== '') parsed.v1.push(entry);
  }
  return parsed;
}

function stripeDigest(secret: string | Uint8Array, timestamp: number, body: Uint8Array): string {
  return hmacDigest('sha256', secret, [`${timestamp}.`, body], 'hex');
}

const events: readonly EventDefinition[] = [
  {
    name: 'payment_intent.succeeded',
    description: 'A PaymentIntent completed successfully.',
    template: {
      id: 'evt_{{random}}',
      object: 'event',
      api_version: '2024-06-20',
      created: '{{now_unix}}',
      type: 'payment_intent.succeeded',
      livemode: false,
      pending_webhooks: 1,
      request: { id: 'req_8f2KxQy3sNd0Lw', idempotency_key: null },
      data: {
        object: {
          id: 'pi_3PfXyZ2eZvKYlo2C0Q4mN6rT',
          object: 'payment_intent',
          amount: 2000,
          amount_received: 2000,
          currency: 'usd',
          customer: 'cus_QWe3rTy4uIo5P',
          status: 'succeeded',
          payment_method: 'pm_1PfXyZ2eZvKYlo2CqWe3rTy4',
          metadata: { order_id: '6735' },
        },
      },
    },
  },
  {
    name: 'checkout.session.completed',
    description: 'A Checkout Session was completed by the customer.',
    template: {
      id: 'evt_{{random}}',
      object: 'event',
      api_version: '2024-06-20',
      created: '{{now_unix}}',
      type: 'checkout.session.completed',
      livemode: false,
      data: {
        object: {
          id: 'cs_test_a1B2c3D4e5F6g7H8',
          object: 'checkout.session',
          amount_total: 2000,
          currency: 'usd',
          customer_details: { email: 'jenny.rosen@example.com', name: 'Jenny Rosen' },
          mode: 'payment',
          payment_status: 'paid',
          status: 'complete',
        },
      },
    },
  },
];

export const stripe: Provider = {
  id: 'stripe',
  name: 'Stripe',
  detect(delivery) {
    if (header(delivery, HEADER) === null) return null;
    return { event: stringField(jsonObject(delivery.body), 'type'), confidence: 1 };
  },
  verify(delivery, context) {
    const value = header(delivery, HEADER);
    if (value === null) return missingHeader('Stripe', HEADER);
    const parsed = parseStripeSignature(value);
    const shown = preview(value, 60);
    if (parsed.timestamp === null) {
      return result(
        'invalid',
        `${HEADER} has no valid t=<unix seconds> entry (received "${shown}").`,
      );
    }
    if (parsed.v1.length === 0) {
      return result(
        'invalid',
        `${HEADER} has no v1= signature (received "${shown}"); v0 is Stripe's fake test signature and is ignored.`,
      );
    }
    if (context.secrets.length === 0) return noSecrets('Stripe', 'endpoint secret (whsec_…)');
    const timestamp = parsed.timestamp;
    const check = {
      providerName: 'Stripe',
      header: HEADER,
      secrets: context.secrets,
      received: parsed.v1,
      expectedFor: (secret: string) => stripeDigest(secret, timestamp, delivery.body),
      signed: `"${timestamp}." + raw body (${delivery.body.byteLength} bytes)`,
      details: { timestamp },
    };
    let verdict = verifyAgainstSecrets(check);
    if (verdict.status === 'invalid') {
      // A common mistake: treating the whsec_ secret like a Standard Webhooks key.
      const decoded = matchSecrets({
        ...check,
        expectedFor: (secret) =>
          secret.startsWith('whsec_')
            ? stripeDigest(Buffer.from(secret.slice(6), 'base64'), timestamp, delivery.body)
            : '',
      });
      if (decoded.matched) {
        verdict = result(
          'invalid',
          `The signature matches secret #${decoded.secretIndex + 1} only when its whsec_ part is base64-decoded, but Stripe signs with the whole whsec_ string as text.`,
          verdict.details,
        );
      }
    }
    const tolerance = toleranceFrom(context.options, DEFAULT_TOLERANCE_SEC);
    return withTimestampCheck(
      verdict,
      timestampProblem(timestamp, context.now, tolerance, true),
      tolerance,
    );
  },
  sign(request, secret, options) {
    const timestamp = options?.timestamp ?? nowSeconds();
    const value = `t=${timestamp},v1=${stripeDigest(secret, timestamp, request.body)}`;
    return { ...request, rawHeaders: withHeaders(request.rawHeaders, { [HEADER]: value }) };
  },
  forge: forgeStripe,
  events: stripeEvents(events),
};
