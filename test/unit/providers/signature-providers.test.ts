import { generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureProviders } from '../../../electron/engine/providers/signature-providers';
import { sns, snsStringToSign } from '../../../electron/engine/providers/sns';
import type { Provider, SignOptions } from '../../../electron/engine/providers/types';
import { context, delivery, received, request, vector } from './delivery';

const byId = (id: string): Provider => {
  const provider = signatureProviders.find((candidate) => candidate.id === id);
  if (!provider) throw new Error(`no provider ${id}`);
  return provider;
};

describe('signatureProviders', () => {
  it('lists every provider once under the agreed ids', () => {
    expect(signatureProviders.map((provider) => provider.id).sort()).toEqual(
      [
        'asana',
        'discord',
        'dropbox',
        'github',
        'gitlab',
        'hmac',
        'meta',
        'microsoft-graph',
        'okta',
        'shopify',
        'slack',
        'sns',
        'standard-webhooks',
        'stripe',
        'twilio',
        'twitch',
        'twitter',
        'websub',
        'zoom',
      ].sort(),
    );
    for (const provider of signatureProviders) {
      for (const event of provider.events) {
        expect(event.template, `${provider.id} ${event.name}`).toBeDefined();
        if (typeof event.template !== 'string')
          expect(() => JSON.stringify(event.template)).not.toThrow();
      }
    }
  });

  // Each secret-based signer: sign() output verifies, another secret fails with a reason.
  const cases: Array<{
    id: string;
    secret: string;
    wrong: string;
    options?: SignOptions;
    url?: string;
  }> = [
    { id: 'github', secret: 'a', wrong: 'b' },
    { id: 'stripe', secret: 'whsec_a', wrong: 'whsec_b' },
    {
      id: 'standard-webhooks',
      secret: 'whsec_' + Buffer.from('k'.repeat(24)).toString('base64'),
      wrong: 'whsec_' + Buffer.from('j'.repeat(24)).toString('base64'),
    },
    { id: 'shopify', secret: 'a', wrong: 'b' },
    { id: 'slack', secret: 'a', wrong: 'b' },
    { id: 'twilio', secret: 'a', wrong: 'b', url: 'https://example.com/sms?x=1' },
    { id: 'zoom', secret: 'a', wrong: 'b' },
    { id: 'gitlab', secret: 'a', wrong: 'b' },
    {
      id: 'hmac',
      secret: 'a',
      wrong: 'b',
      options: { header: 'X-Sig', signedContent: '{timestamp}.{body}', timestampHeader: 'X-Ts' },
    },
    { id: 'twitter', secret: 'a', wrong: 'b' },
    { id: 'meta', secret: 'a', wrong: 'b' },
    { id: 'dropbox', secret: 'a', wrong: 'b' },
    { id: 'asana', secret: 'a', wrong: 'b' },
    { id: 'twitch', secret: 'a', wrong: 'b' },
    { id: 'websub', secret: 'a', wrong: 'b' },
  ];
  for (const { id, secret, wrong, options = {}, url } of cases) {
    it(`${id}: sign() output verifies; a wrong secret fails with a reason`, () => {
      const provider = byId(id);
      const signed = provider.sign!(request('{"hello":"world"}', [], url), secret, options);
      const delivered = received(signed, Date.now());
      const good = provider.verify(delivered, context([secret], options, Date.now()));
      expect(good.status, good.reason).toBe('valid');
      if (id !== 'hmac') expect(provider.detect(delivered)?.confidence ?? 0).toBeGreaterThan(0);
      const bad = provider.verify(delivered, context([wrong], options, Date.now()));
      expect(bad.status).toBe('invalid');
      expect(bad.reason).toMatch(/does not (match|equal)/);
    });
  }

  it('discord: a signature from one seed fails under another public key', () => {
    const provider = byId('discord');
    const signed = provider.sign!(request('{"type":1}'), '11'.repeat(32));
    const result = provider.verify(
      received(signed),
      context([], { publicKey: vector('discord_pub') }),
    );
    expect(result.status).toBe('invalid');
  });

  const garbage = [
    '',
    ' ',
    '=',
    ',,,',
    'v1,',
    't=',
    'sha256=',
    'v0=',
    '\u0000\u00ff',
    'x'.repeat(5000),
    'sha256=' + 'g'.repeat(64),
  ];
  const headerNames = [
    'X-Hub-Signature-256',
    'X-Hub-Signature',
    'Stripe-Signature',
    'webhook-id',
    'webhook-timestamp',
    'webhook-signature',
    'svix-signature',
    'X-Shopify-Hmac-SHA256',
    'X-Slack-Signature',
    'X-Slack-Request-Timestamp',
    'X-Twilio-Signature',
    'x-zm-signature',
    'x-zm-request-timestamp',
    'X-Gitlab-Token',
    'X-Sig',
    'X-Twitter-Webhooks-Signature',
    'X-Dropbox-Signature',
    'X-Hook-Signature',
    'X-Hook-Secret',
    'Twitch-Eventsub-Message-Signature',
    'Twitch-Eventsub-Message-Timestamp',
    'Twitch-Eventsub-Message-Id',
    'Twitch-Eventsub-Message-Type',
    'X-Signature-Ed25519',
    'X-Signature-Timestamp',
    'x-amz-sns-message-type',
    'X-Okta-Verification-Challenge',
    'Authorization',
  ];
  const bodies = [
    '',
    '{',
    'null',
    '[1]',
    '{"type":1}',
    '{"event":"endpoint.url_validation","payload":null}',
    '{"value":[null]}',
  ];

  it('never throws on malformed headers, bodies or targets, and explains every failure', () => {
    for (const provider of signatureProviders) {
      for (const value of garbage) {
        for (const body of bodies) {
          const input = delivery({
            body,
            target: '/x?crc_token&hub.mode=subscribe&challenge=%zz&validationToken',
            publicUrl: value === '' ? null : `https://${value}`,
            headers: headerNames.map((name) => [name, value]),
          });
          const ctx = context(['whsec_c2VjcmV0'], { header: 'X-Sig', publicKey: value });
          const result = provider.verify(input, ctx);
          expect(['valid', 'invalid', 'missing', 'not-applicable']).toContain(result.status);
          expect(result.status, `${provider.id} ${JSON.stringify(value)}`).not.toBe('valid');
          expect(result.reason.length, provider.id).toBeGreaterThan(10);
          provider.detect(input);
          provider.handshake?.(input, { secrets: ['s'], options: {} });
        }
      }
    }
  });
});

describe('AWS SNS with a configured certificate', () => {
  it('verifies SignatureVersion 2 offline, and rejects a changed message', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const message: Record<string, string> = {
      Type: 'Notification',
      MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
      TopicArn: 'arn:aws:sns:us-west-2:123456789012:MyTopic',
      Subject: 'My First Message',
      Message: 'Hello world!',
      Timestamp: '2024-05-02T10:14:22.853Z',
      SignatureVersion: '2',
      SigningCertURL: 'https://sns.us-west-2.amazonaws.com/SimpleNotificationService-abc.pem',
    };
    const stringToSign = snsStringToSign(message) ?? '';
    expect(stringToSign.startsWith('Message\nHello world!\nMessageId\n')).toBe(true);
    message['Signature'] = rsaSign('sha256', Buffer.from(stringToSign), privateKey).toString(
      'base64',
    );
    const certificate = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const ok = sns.verify(
      delivery({ body: JSON.stringify(message) }),
      context([], { certificate }),
    );
    expect(ok.status, ok.reason).toBe('valid');
    const changed = { ...message, Message: 'Hello world?' };
    expect(
      sns.verify(delivery({ body: JSON.stringify(changed) }), context([], { certificate })).status,
    ).toBe('invalid');
    const foreign = { ...message, SigningCertURL: 'https://evil.example/cert.pem' };
    expect(
      sns.verify(delivery({ body: JSON.stringify(foreign) }), context([], { certificate })).reason,
    ).toContain('SigningCertURL');
  });
});
