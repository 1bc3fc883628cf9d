import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireProvider } from '../../electron/engine/providers/registry';
import { forgeEvent } from '../../electron/engine/sender/forge';
import {
  asDelivery,
  deliver,
  headerOf,
  startServer,
  tampered,
  type LoopbackServer,
} from './support';

const SECRET = 'whsec_test_hookscope_conformance';
const provider = requireProvider('stripe');
const stripe = new Stripe('sk_test_hookscope');

describe('Stripe: stripe-node webhooks.constructEvent', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    // A receiver as Stripe's docs write it: constructEvent on the raw body, 400 on failure.
    server = await startServer((request, response, body) => {
      try {
        const event = stripe.webhooks.constructEvent(
          body,
          String(request.headers['stripe-signature']),
          SECRET,
        );
        response.end(JSON.stringify({ type: event.type, agent: request.headers['user-agent'] }));
      } catch (error) {
        response.statusCode = 400;
        response.end((error as Error).message);
      }
    });
  });
  afterAll(() => server.close());

  it.each(provider.events.map((event) => event.name))(
    'Hookscope forges and signs %s; constructEvent accepts it',
    async (name) => {
      const request = forgeEvent({
        provider,
        event: name,
        url: `${server.url}/stripe`,
        secret: SECRET,
      });
      const answer = await deliver(request);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({
        type: name,
        agent: 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      });
      const bad = await deliver(tampered(request));
      expect(bad.status).toBe(400);
      expect(bad.body).toMatch(/No signatures found matching the expected signature/);
    },
  );

  it('stripe-node signs (generateTestHeaderString); Hookscope verifies; a tampered body fails', () => {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'invoice.paid' });
    const timestamp = Math.floor(Date.now() / 1000);
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp });
    const context = { secrets: [SECRET], options: {}, now: Date.now() };
    const rawHeaders: [string, string][] = [['Stripe-Signature', header]];
    const url = 'http://127.0.0.1/stripe';
    expect(provider.verify(asDelivery({ url, rawHeaders, body: payload }), context).status).toBe(
      'valid',
    );
    expect(
      provider.verify(
        asDelivery({ url, rawHeaders, body: payload.replace('paid', 'void') }),
        context,
      ).status,
    ).toBe('invalid');
    expect(headerOf(rawHeaders, 'stripe-signature')).toMatch(/^t=\d+,v1=[0-9a-f]{64}/);
  });
});
