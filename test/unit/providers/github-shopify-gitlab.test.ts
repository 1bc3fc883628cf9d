import { describe, expect, it } from 'vitest';
import { github } from '../../../electron/engine/providers/github';
import { gitlab } from '../../../electron/engine/providers/gitlab';
import { shopify } from '../../../electron/engine/providers/shopify';
import { context, delivery, headerOf, received, request, vector } from './delivery';

const GH_SECRET = "It's a Secret to Everybody";

describe('GitHub', () => {
  it('accepts the official sha256 vector and the sha1 legacy vector', () => {
    expect(vector('github')).toBe(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    );
    const sha256 = delivery({
      body: 'Hello, World!',
      headers: [['X-Hub-Signature-256', vector('github')]],
    });
    expect(github.verify(sha256, context([GH_SECRET])).status).toBe('valid');
    const sha1 = delivery({
      body: 'Hello, World!',
      headers: [['X-Hub-Signature', vector('github_sha1')]],
    });
    const result = github.verify(sha1, context([GH_SECRET]));
    expect(result.status).toBe('valid');
    expect(result.details?.['algorithm']).toBe('HMAC-SHA1');
  });

  it('tries every secret (rotation) and names the one that matched', () => {
    const input = delivery({
      body: 'Hello, World!',
      headers: [['x-hub-signature-256', vector('github')]],
    });
    const result = github.verify(input, context(['old secret', GH_SECRET]));
    expect(result.status).toBe('valid');
    expect(result.details?.['secretIndex']).toBe(1);
    expect(result.reason).toContain('#2');
  });

  it('signs both headers so that verify accepts them, and a wrong secret fails with expected vs received', () => {
    const signed = github.sign!(request('{"zen":"hi"}'), 's3cret');
    expect(headerOf(signed.rawHeaders, 'X-Hub-Signature-256')).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(headerOf(signed.rawHeaders, 'X-Hub-Signature')).toMatch(/^sha1=[0-9a-f]{40}$/);
    expect(github.verify(received(signed), context(['s3cret'])).status).toBe('valid');
    const wrong = github.verify(received(signed), context(['other']));
    expect(wrong.status).toBe('invalid');
    expect(wrong.reason).toContain('does not match the configured secret');
    expect(wrong.details?.['expected']).toEqual([expect.stringMatching(/^sha256=/)]);
    expect(wrong.details?.['received']).toEqual([
      headerOf(signed.rawHeaders, 'X-Hub-Signature-256'),
    ]);
  });

  it('detects GitHub by its event header and reports missing, malformed and unconfigured cases', () => {
    const input = delivery({ headers: [['X-GitHub-Event', 'push']] });
    expect(github.detect(input)).toEqual({ event: 'push', confidence: 1 });
    expect(github.detect(delivery())).toBeNull();
    expect(github.verify(input, context(['x'])).status).toBe('missing');
    const malformed = delivery({ headers: [['X-Hub-Signature-256', 'md5=abc']] });
    const result = github.verify(malformed, context(['x']));
    expect(result.status).toBe('invalid');
    expect(result.reason).toContain('expected sha256=<64 hex characters>');
    const signed = delivery({
      body: 'Hello, World!',
      headers: [['X-Hub-Signature-256', vector('github')]],
    });
    expect(github.verify(signed, context([])).status).toBe('not-applicable');
  });
});

describe('Shopify', () => {
  const body = '{"id":820982911946154508,"email":"jon@example.com"}';

  it('accepts the computed vector (base64) and the previous secret during rotation', () => {
    expect(vector('shopify')).toBe('D0UMXmhjwBRi4y66TmhJrDlhQABD7zI2fm3p6/QLMo8=');
    const input = delivery({
      body,
      headers: [
        ['X-Shopify-Topic', 'orders/create'],
        ['X-Shopify-Hmac-SHA256', vector('shopify')],
      ],
    });
    expect(shopify.detect(input)).toEqual({ event: 'orders/create', confidence: 1 });
    expect(shopify.verify(input, context(['new-secret', 'hush'])).details?.['secretIndex']).toBe(1);
  });

  it('fails a body altered by one byte, and a hex digest is reported as malformed', () => {
    const altered = delivery({
      body: body.replace('jon', 'jan'),
      headers: [['X-Shopify-Hmac-SHA256', vector('shopify')]],
    });
    expect(shopify.verify(altered, context(['hush'])).status).toBe('invalid');
    const hex = delivery({ body, headers: [['X-Shopify-Hmac-SHA256', 'ab'.repeat(32)]] });
    expect(shopify.verify(hex, context(['hush'])).reason).toContain('44 base64 characters');
  });

  it('sign output verifies', () => {
    const signed = shopify.sign!(request(body), 'hush');
    expect(headerOf(signed.rawHeaders, 'X-Shopify-Hmac-SHA256')).toBe(vector('shopify'));
    expect(shopify.verify(received(signed), context(['hush'])).status).toBe('valid');
  });
});

describe('GitLab', () => {
  it('compares X-Gitlab-Token against every configured token', () => {
    const input = delivery({
      headers: [
        ['X-Gitlab-Event', 'Push Hook'],
        ['X-Gitlab-Token', 'tok-2'],
      ],
    });
    expect(gitlab.detect(input)).toEqual({ event: 'Push Hook', confidence: 1 });
    expect(gitlab.verify(input, context(['tok-1', 'tok-2'])).details?.['secretIndex']).toBe(1);
    const wrong = gitlab.verify(input, context(['tok-1']));
    expect(wrong.status).toBe('invalid');
    expect(wrong.reason).toContain('X-Gitlab-Token does not equal the configured secret token');
    expect(gitlab.verify(delivery(), context(['tok-1'])).status).toBe('missing');
  });

  it('verifies the signing-token vector (Standard Webhooks headers)', () => {
    expect(vector('gitlab_sig')).toBe('v1,mbNEvq3Y95Xjdh37iJL412IVAbqHJfz1I/FwAAWjDKg=');
    const input = delivery({
      body: '{"object_kind":"push"}',
      headers: [
        ['X-Gitlab-Event', 'Push Hook'],
        ['webhook-id', 'f1a2'],
        ['webhook-timestamp', '1700000000'],
        ['webhook-signature', vector('gitlab_sig')],
      ],
    });
    const key = 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHRlc3Q=';
    expect(gitlab.verify(input, context([key], { toleranceSec: 0 })).status).toBe('valid');
  });

  it('signs with a token, or with Standard Webhooks headers for a whsec_ signing token', () => {
    const plain = gitlab.sign!(request('{}'), 'tok');
    expect(headerOf(plain.rawHeaders, 'X-Gitlab-Token')).toBe('tok');
    expect(gitlab.verify(received(plain), context(['tok'])).status).toBe('valid');
    const key = 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHRlc3Q=';
    const signed = gitlab.sign!(request('{"object_kind":"push"}'), key, {
      messageId: 'f1a2',
      timestamp: 1700000000,
    });
    expect(headerOf(signed.rawHeaders, 'webhook-signature')).toBe(vector('gitlab_sig'));
  });
});
