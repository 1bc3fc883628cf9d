import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { headerValue } from '../../../electron/engine/delivery';
import {
  preservica,
  preservicaChallengeResponse,
} from '../../../electron/engine/providers/preservica';
import { deliveryInput, verifyContext } from './delivery-input';
import { referenceVectors } from './seed-examples';

const vectors = referenceVectors();
const referenceBody = String(vectors['preservica_body']);

function signedDelivery(body: string, signature: string | null) {
  const rawHeaders: Array<[string, string]> = [['Content-Type', 'application/json']];
  if (signature !== null) rawHeaders.push(['Preservica-Signature', signature]);
  return deliveryInput({ body, rawHeaders });
}

describe('Preservica subscription challenge', () => {
  const answer = (target: string, secrets = ['my_shared_secret'], method = 'POST') =>
    preservica.handshake?.(deliveryInput({ target, method, rawHeaders: [] }), {
      secrets,
      options: {},
    });

  it('answers with the code and its HMAC, matching an independent HMAC and the reference vector', () => {
    const result = answer('/hooks/preservica?challengeCode=abc123');
    expect(result?.status).toBe(200);
    expect(result?.headers['content-type']).toBe('application/json');
    const independent = createHmac('sha256', 'my_shared_secret').update('abc123').digest('hex');
    expect(JSON.parse(result?.body ?? '{}')).toEqual({
      challengeCode: 'abc123',
      challengeResponse: independent,
    });
    expect(independent).toBe(vectors['preservica_challenge']);
    expect(independent).toBe('8ecc163a3d4079d2f3eb2c5f36ed1c5c9e855a42477fb81d24fded7cad766946');
  });

  it('uses the first configured secret and decodes the code from the query', () => {
    const result = answer('/p?x=1&challengeCode=a%2Fb%3D&y=2', ['first', 'second']);
    const expected = createHmac('sha256', 'first').update('a/b=').digest('hex');
    expect(JSON.parse(result?.body ?? '{}')).toEqual({
      challengeCode: 'a/b=',
      challengeResponse: expected,
    });
    expect(preservicaChallengeResponse('first', 'a/b=')).toBe(expected);
  });

  it('ignores requests that are not a challenge, and explains a missing secret', () => {
    expect(answer('/hooks/preservica')).toBeNull();
    expect(answer('/hooks/preservica?challengeCode=abc', ['s'], 'GET')).toBeNull();
    const noSecret = answer('/hooks/preservica?challengeCode=abc', []);
    expect(noSecret?.status).toBe(500);
    expect(noSecret?.description).toMatch(/no shared secret/);
  });
});

describe('Preservica-Signature', () => {
  it('accepts the reference vector signature', () => {
    expect(vectors['preservica_sig']).toBe(
      '24a2c90372a48056ee7a714321dd3ee77a6b6c5885991c9d70f02129720f55f8',
    );
    const result = preservica.verify(
      signedDelivery(referenceBody, String(vectors['preservica_sig'])),
      verifyContext(['my_shared_secret']),
    );
    expect(result.status).toBe('valid');
  });

  it('sign() then verify() is valid; the header equals an independent HMAC', () => {
    const body = new TextEncoder().encode('{"events":[{"entityType":"IO","entityRef":"r1"}]}');
    const signed = preservica.sign?.(
      {
        method: 'POST',
        url: 'http://127.0.0.1/x',
        rawHeaders: [['Preservica-Signature', 'stale']],
        body,
      },
      'rotate-me',
    );
    const header = headerValue(signed?.rawHeaders ?? [], 'preservica-signature');
    const independent = createHmac('sha256', 'rotate-me')
      .update(Buffer.concat([Buffer.from('preservica-webhook-auth'), body]))
      .digest('hex');
    expect(header).toBe(independent);
    expect(
      signed?.rawHeaders.filter(([name]) => name.toLowerCase() === 'preservica-signature'),
    ).toHaveLength(1);
    const input = deliveryInput({ body, rawHeaders: signed?.rawHeaders ?? [] });
    expect(preservica.verify(input, verifyContext(['rotate-me'])).status).toBe('valid');
  });

  it('tries every configured secret (rotation) and says which matched', () => {
    const result = preservica.verify(
      signedDelivery(referenceBody, String(vectors['preservica_sig'])),
      verifyContext(['new_secret', 'my_shared_secret']),
    );
    expect(result.status).toBe('valid');
    expect(result.details?.['secretIndex']).toBe(1);
    expect(result.reason).toMatch(/secret #2/);
  });

  it('is invalid with a reason under a wrong secret or a changed body', () => {
    const wrong = preservica.verify(
      signedDelivery(referenceBody, String(vectors['preservica_sig'])),
      verifyContext(['not_the_secret']),
    );
    expect(wrong.status).toBe('invalid');
    expect(wrong.reason).toMatch(/does not match .* wrong secret, or the body changed/);
    const changed = preservica.verify(
      signedDelivery(referenceBody.replace('IO', 'SO'), String(vectors['preservica_sig'])),
      verifyContext(['my_shared_secret']),
    );
    expect(changed.status).toBe('invalid');
  });

  it('is invalid when the header is not a hex digest, missing without the header', () => {
    const malformed = preservica.verify(
      signedDelivery(referenceBody, 'sha256=abc'),
      verifyContext(['s']),
    );
    expect(malformed.status).toBe('invalid');
    expect(malformed.reason).toMatch(/64 hex characters/);
    const missing = preservica.verify(signedDelivery(referenceBody, null), verifyContext(['s']));
    expect(missing.status).toBe('missing');
    expect(missing.reason).toMatch(/No Preservica-Signature header/);
  });

  it('is not-applicable when no secret is configured', () => {
    const result = preservica.verify(
      signedDelivery(referenceBody, 'a'.repeat(64)),
      verifyContext([]),
    );
    expect(result.status).toBe('not-applicable');
  });

  it('recognises a signature made over the latin-1 re-encoding of a non-ASCII body (as pyPreservica does)', () => {
    const body = '{"events":[{"entityType":"IO","entityRef":"café"}]}';
    const latin1Signature = createHmac('sha256', 'k')
      .update(Buffer.from(`preservica-webhook-auth${body}`, 'latin1'))
      .digest('hex');
    const result = preservica.verify(signedDelivery(body, latin1Signature), verifyContext(['k']));
    expect(result.status).toBe('valid');
    expect(result.details?.['encoding']).toBe('latin-1');
  });
});
