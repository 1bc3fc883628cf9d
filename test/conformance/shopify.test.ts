import '@shopify/shopify-api/adapters/node';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import { getHmac } from '@shopify/shopify-api/test-helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireProvider } from '../../electron/engine/providers/registry';
import { forgeEvent } from '../../electron/engine/sender/forge';
import { asDelivery, deliver, startServer, tampered, type LoopbackServer } from './support';

const SECRET = 'shopify-app-secret-conformance';
const provider = requireProvider('shopify');

describe('Shopify: @shopify/shopify-api webhooks.validate', () => {
  const shopify = shopifyApi({
    apiKey: 'hookscope-conformance',
    apiSecretKey: SECRET,
    apiVersion: ApiVersion.July25,
    hostName: '127.0.0.1',
    isEmbeddedApp: false,
    logger: { level: LogSeverity.Error, log: async () => undefined },
  });
  let server: LoopbackServer;
  beforeAll(async () => {
    // The receiver Shopify's docs show: validate() with the raw body and the node request.
    server = await startServer(async (request, response, body) => {
      const check = await shopify.webhooks.validate({
        rawBody: body.toString('utf8'),
        rawRequest: request,
        rawResponse: response,
      });
      response.statusCode = check.valid ? 200 : 401;
      response.end(JSON.stringify(check));
    });
  });
  afterAll(() => server.close());

  it.each(provider.events.map((event) => event.name))(
    'Hookscope forges and signs %s; validate() accepts it',
    async (name) => {
      const request = forgeEvent({
        provider,
        event: name,
        url: `${server.url}/shopify`,
        secret: SECRET,
      });
      const answer = await deliver(request);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({
        valid: true,
        topic: name.toUpperCase().replace('/', '_'),
        domain: 'hookscope-test.myshopify.com',
      });
      const bad = await deliver(tampered(request));
      expect(bad.status).toBe(401);
      expect(JSON.parse(bad.body)).toMatchObject({ valid: false, reason: 'invalid_hmac' });
    },
  );

  it('the library signs (test-helpers getHmac); Hookscope verifies; a tampered body fails', () => {
    const body = '{"id":820982911946154508,"email":"caf\u00e9@example.com"}';
    const rawHeaders: [string, string][] = [
      ['X-Shopify-Topic', 'orders/create'],
      ['X-Shopify-Hmac-Sha256', getHmac(body, SECRET)],
    ];
    const context = { secrets: [SECRET], options: {}, now: Date.now() };
    const url = 'http://127.0.0.1/shopify';
    expect(provider.verify(asDelivery({ url, rawHeaders, body }), context).status).toBe('valid');
    expect(
      provider.verify(asDelivery({ url, rawHeaders, body: body.replace('508', '500') }), context)
        .status,
    ).toBe('invalid');
  });
});
