import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireProvider } from '../../electron/engine/providers/registry';
import { forgeEvent } from '../../electron/engine/sender/forge';
import { asDelivery, deliver, startServer, tampered, type LoopbackServer } from './support';

const AUTH_TOKEN = '12345678901234567890123456789012';
const provider = requireProvider('twilio');

describe('Twilio: twilio-node validateRequest / validateRequestWithBody', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    // Twilio's documented receiver: the full URL it called plus the POST parameters (or the raw JSON body).
    server = await startServer((request, response, body) => {
      const url = `${server.url}${request.url ?? '/'}`;
      const signature = String(request.headers['x-twilio-signature'] ?? '');
      const form = String(request.headers['content-type']).startsWith(
        'application/x-www-form-urlencoded',
      );
      const valid = form
        ? twilio.validateRequest(
            AUTH_TOKEN,
            signature,
            url,
            Object.fromEntries(new URLSearchParams(body.toString('utf8'))),
          )
        : twilio.validateRequestWithBody(AUTH_TOKEN, signature, url, body.toString('utf8'));
      response.statusCode = valid ? 200 : 403;
      response.end(valid ? 'valid' : 'invalid signature');
    });
  });
  afterAll(() => server.close());

  it.each(provider.events.map((event) => event.name))(
    'Hookscope forges and signs %s (form); Twilio validates it',
    async (name) => {
      const request = forgeEvent({
        provider,
        event: name,
        url: `${server.url}/sms?tenant=7`,
        secret: AUTH_TOKEN,
      });
      expect((await deliver(request)).status).toBe(200);
      expect((await deliver(tampered(request))).status).toBe(403);
    },
  );

  it('Hookscope forges a JSON body (bodySHA256 in the URL); validateRequestWithBody accepts it', async () => {
    const request = forgeEvent({
      provider,
      event: 'call-status',
      url: `${server.url}/voice`,
      template: { CallSid: 'CA1', CallStatus: 'completed' },
      secret: AUTH_TOKEN,
    });
    expect(request.url).toContain('bodySHA256=');
    expect((await deliver(request)).status).toBe(200);
    expect((await deliver(tampered(request))).status).toBe(403);
  });

  it('Twilio signs (getExpectedTwilioSignature); Hookscope verifies; a tampered body fails', () => {
    const url = 'https://hooks.example.com/sms?tenant=7';
    const body = 'From=%2B14155550199&Body=caf%C3%A9&To=%2B14155550100&MessageSid=SM1';
    const params = Object.fromEntries(new URLSearchParams(body));
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params);
    const rawHeaders: [string, string][] = [
      ['Content-Type', 'application/x-www-form-urlencoded'],
      ['X-Twilio-Signature', signature],
    ];
    const context = { secrets: [AUTH_TOKEN], options: {}, now: Date.now() };
    expect(provider.verify(asDelivery({ url, rawHeaders, body }), context).status).toBe('valid');
    expect(
      provider.verify(asDelivery({ url, rawHeaders, body: body.replace('caf', 'cab') }), context)
        .status,
    ).toBe('invalid');
  });
});
