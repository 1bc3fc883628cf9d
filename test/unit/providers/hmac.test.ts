import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmac } from '../../../electron/engine/providers/hmac';
import { context, delivery, headerOf, received, request, vector } from './delivery';

describe('generic HMAC', () => {
  it('with GitHub-like options, accepts the GitHub and Bitbucket vectors', () => {
    const options = { header: 'X-Hub-Signature-256', prefix: 'sha256=' };
    const gh = delivery({
      body: 'Hello, World!',
      headers: [['X-Hub-Signature-256', vector('github')]],
    });
    expect(hmac.verify(gh, context(["It's a Secret to Everybody"], options)).status).toBe('valid');
    const bb = delivery({
      body: '{"push":{}}',
      headers: [['X-Hub-Signature', vector('bitbucket')]],
    });
    const bbOptions = { header: 'X-Hub-Signature', prefix: 'sha256=' };
    expect(hmac.verify(bb, context(['bb_secret'], bbOptions)).status).toBe('valid');
  });

  it('supports sha1 + base64 (Trello-like {body}{url} template) and sha512', () => {
    const trello = delivery({
      body: '{"action":{},"model":{}}',
      target: '/webhooks',
      publicUrl: 'https://example.com',
      headers: [['X-Trello-Webhook', vector('trello')]],
    });
    const options = {
      header: 'X-Trello-Webhook',
      algorithm: 'sha1',
      encoding: 'base64',
      signedContent: '{body}{url}',
    };
    const result = hmac.verify(trello, context(['trello_app_secret'], options));
    expect(result.status).toBe('valid');
    expect(result.details?.['url']).toBe('https://example.com/webhooks');
    const sha512 = createHmac('sha512', 'k').update('abc').digest('hex');
    const input = delivery({ body: 'abc', headers: [['X-Sig', sha512]] });
    expect(
      hmac.verify(input, context(['k'], { header: 'X-Sig', algorithm: 'sha512' })).status,
    ).toBe('valid');
  });

  it("signs 'timestamp.body' with the timestamp header and enforces the tolerance", () => {
    const options = {
      header: 'X-Signature',
      timestampHeader: 'X-Timestamp',
      signedContent: 'timestamp.body',
    };
    const signed = hmac.sign!(request('{"a":1}'), 'sek', { ...options, timestamp: 1_700_000_000 });
    const expected = createHmac('sha256', 'sek').update('1700000000.{"a":1}').digest('hex');
    expect(headerOf(signed.rawHeaders, 'X-Signature')).toBe(expected);
    expect(headerOf(signed.rawHeaders, 'X-Timestamp')).toBe('1700000000');
    expect(hmac.verify(received(signed), context(['sek'], options, 1_700_000_100_000)).status).toBe(
      'valid',
    );
    const stale = hmac.verify(received(signed), context(['sek'], options, 1_700_000_600_000));
    expect(stale.reason).toContain('timestamp 10 min old, tolerance 5 min');
    expect(
      hmac.verify(received(signed), context(['wrong'], options, 1_700_000_100_000)).status,
    ).toBe('invalid');
  });

  it('signs a {method}{url}{body} template over the exact request', () => {
    const options = { header: 'X-Sig', encoding: 'base64', signedContent: '{method}{url}{body}' };
    const url = 'https://example.com/hooks/a?x=1';
    const signed = hmac.sign!(request('hi', [], url), 'k', options);
    const expected = createHmac('sha256', 'k').update(`POST${url}hi`).digest('base64');
    expect(headerOf(signed.rawHeaders, 'X-Sig')).toBe(expected);
    expect(hmac.verify(received(signed), context(['k'], options)).status).toBe('valid');
  });

  it('explains missing configuration and malformed headers instead of throwing', () => {
    const input = delivery({ body: 'x', headers: [['X-Sig', 'abc']] });
    expect(hmac.verify(input, context(['k'], {})).reason).toContain('options.header');
    expect(
      hmac.verify(input, context(['k'], { header: 'X-Sig', algorithm: 'md5' })).reason,
    ).toContain('algorithm');
    const needsTs = { header: 'X-Sig', signedContent: 'timestamp.body' };
    expect(hmac.verify(input, context(['k'], needsTs)).reason).toContain('timestampHeader');
    expect(hmac.verify(input, context(['k'], { header: 'X-Sig' })).reason).toContain(
      '64 hex characters',
    );
    expect(hmac.detect(input)).toBeNull();
    expect(() => hmac.sign!(request('x'), 'k', {})).toThrow(/options.header/);
  });
});
