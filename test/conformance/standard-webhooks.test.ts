import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireProvider } from '../../electron/engine/providers/registry';
import { forgeEvent } from '../../electron/engine/sender/forge';
import { asDelivery, deliver, startServer, tampered, type LoopbackServer } from './support';

const SECRET = 'whsec_' + Buffer.from('hookscope-conformance-key-32byte').toString('base64');
const provider = requireProvider('standard-webhooks');

/** Both official libraries verify the same way: a loopback receiver per library. */
const libraries = [
  { name: 'standardwebhooks', verifier: new StandardWebhook(SECRET), style: 'webhook' },
  { name: 'svix', verifier: new SvixWebhook(SECRET), style: 'svix' },
] as const;

describe.each(libraries)('Standard Webhooks: $name', ({ verifier, style }) => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startServer((request, response, body) => {
      try {
        const payload = verifier.verify(
          body.toString('utf8'),
          request.headers as Record<string, string>,
        );
        response.end(JSON.stringify(payload));
      } catch (error) {
        response.statusCode = 400;
        response.end((error as Error).message);
      }
    });
  });
  afterAll(() => server.close());

  it.each(provider.events.map((event) => event.name))(
    'Hookscope forges and signs %s; the library verifies it',
    async (name) => {
      const request = forgeEvent({
        provider,
        event: name,
        url: `${server.url}/sw`,
        secret: SECRET,
        ...(style === 'svix' ? { signOptions: { headerStyle: 'svix' } } : {}),
      });
      const answer = await deliver(request);
      expect(answer.status).toBe(200);
      expect((JSON.parse(answer.body) as { type: string }).type).toBe(name);
      const bad = await deliver(tampered(request));
      expect(bad.status).toBe(400);
      expect(bad.body).toMatch(/No matching signature found/);
    },
  );

  it('the library signs; Hookscope verifies; a tampered body fails', () => {
    const body = JSON.stringify({ type: 'user.created', data: { name: 'Zo\u00eb' } });
    const id = 'msg_conformance_1';
    const now = new Date();
    const signature = verifier.sign(id, now, body);
    const seconds = String(Math.floor(now.getTime() / 1000));
    const rawHeaders: [string, string][] = [
      [`${style}-id`, id],
      [`${style}-timestamp`, seconds],
      [`${style}-signature`, signature],
    ];
    const context = { secrets: [SECRET], options: {}, now: now.getTime() };
    const url = 'http://127.0.0.1/sw';
    expect(provider.verify(asDelivery({ url, rawHeaders, body }), context).status).toBe('valid');
    expect(
      provider.verify(asDelivery({ url, rawHeaders, body: body.replace('Zo', 'Za') }), context)
        .status,
    ).toBe('invalid');
  });
});
