import { describe, expect, it } from 'vitest';
import { stripe } from '../../../electron/engine/providers/stripe';
import { hmacDigest } from '../../../electron/engine/providers/crypto-helpers';
import { context, delivery, headerOf, received, request, vector } from './delivery';

const SECRET = 'whsec_test_secret';
const BODY = '{"id":"evt_test_webhook","object":"event"}';
const T = 1492774577;
const at = (seconds: number) => seconds * 1000;

function vectorDelivery(header = vector('stripe')) {
  return delivery({ body: BODY, headers: [['Stripe-Signature', header]] });
}

describe('Stripe', () => {
  it('accepts the computed vector within the tolerance', () => {
    expect(vector('stripe')).toBe(
      't=1492774577,v1=88a022085c6bdb887b02cb26ff76dd681234d9675c0f22844059f55552a8883a',
    );
    const result = stripe.verify(vectorDelivery(), context([SECRET], {}, at(T + 10)));
    expect(result.status).toBe('valid');
    expect(result.details).toMatchObject({ timestamp: T, toleranceSec: 300 });
    expect(result.details?.['signed']).toContain(`"${T}." + raw body`);
  });

  it('has a 300 s default tolerance: exactly 300 s passes, 301 s fails, with the age in words', () => {
    expect(stripe.verify(vectorDelivery(), context([SECRET], {}, at(T + 300))).status).toBe(
      'valid',
    );
    const late = stripe.verify(vectorDelivery(), context([SECRET], {}, at(T + 301)));
    expect(late.status).toBe('invalid');
    expect(late.reason).toContain('timestamp 5 min 1 s old, tolerance 5 min');
    const old = stripe.verify(vectorDelivery(), context([SECRET], {}, at(T + 420)));
    expect(old.reason).toContain('timestamp 7 min old, tolerance 5 min');
  });

  it('honours options.toleranceSec, and 0 disables the window', () => {
    const ctx = (options: Record<string, unknown>) => context([SECRET], options, at(T + 420));
    expect(stripe.verify(vectorDelivery(), ctx({ toleranceSec: 600 })).status).toBe('valid');
    expect(stripe.verify(vectorDelivery(), ctx({ toleranceSec: 60 })).reason).toContain(
      'tolerance 1 min',
    );
    expect(stripe.verify(vectorDelivery(), ctx({ toleranceSec: 0 })).status).toBe('valid');
  });

  it('accepts any of several v1 entries and ignores the fake v0', () => {
    const v1 = vector('stripe').split('v1=')[1];
    const header = `t=${T},v0=${'0'.repeat(64)},v1=${'1'.repeat(64)},v1=${v1}`;
    expect(stripe.verify(vectorDelivery(header), context([SECRET], {}, at(T))).status).toBe(
      'valid',
    );
    const onlyV0 = stripe.verify(vectorDelivery(`t=${T},v0=${v1}`), context([SECRET], {}, at(T)));
    expect(onlyV0.status).toBe('invalid');
    expect(onlyV0.reason).toContain('no v1= signature');
  });

  it('reports malformed headers as invalid with a reason, never throwing', () => {
    for (const header of ['', 'garbage', 'v1=abc', 't=soon,v1=abc', ',,,=', 't=,v1=']) {
      const result = stripe.verify(vectorDelivery(header), context([SECRET], {}, at(T)));
      expect(result.status, header).toBe('invalid');
      expect(result.reason.length).toBeGreaterThan(10);
    }
    expect(stripe.verify(delivery({ body: BODY }), context([SECRET])).status).toBe('missing');
  });

  it('signs with a fresh or given timestamp, verifies, and fails with a wrong secret', () => {
    const signed = stripe.sign!(request(BODY), SECRET, { timestamp: T });
    expect(headerOf(signed.rawHeaders, 'Stripe-Signature')).toBe(vector('stripe'));
    const fresh = stripe.sign!(request(BODY), SECRET);
    expect(stripe.verify(received(fresh), context([SECRET], {}, Date.now())).status).toBe('valid');
    const wrong = stripe.verify(received(fresh), context(['whsec_other'], {}, Date.now()));
    expect(wrong.status).toBe('invalid');
    expect(wrong.reason).toContain('Stripe-Signature does not match');
  });

  it('explains a sender that base64-decoded the whsec_ secret', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const key = Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64');
    const digest = hmacDigest('sha256', key, [`${T}.`, BODY], 'hex');
    const result = stripe.verify(
      vectorDelivery(`t=${T},v1=${digest}`),
      context([secret], {}, at(T)),
    );
    expect(result.status).toBe('invalid');
    expect(result.reason).toContain('Stripe signs with the whole whsec_ string as text');
  });

  it('detects the event type from the body', () => {
    expect(stripe.detect(vectorDelivery())).toEqual({ event: null, confidence: 1 });
    const input = delivery({
      body: '{"type":"payment_intent.succeeded"}',
      headers: [['stripe-signature', 't=1']],
    });
    expect(stripe.detect(input)).toEqual({ event: 'payment_intent.succeeded', confidence: 1 });
  });
});
