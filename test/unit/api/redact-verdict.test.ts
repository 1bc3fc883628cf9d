// The page never gets a full expected signature (issue 13 item 7): at most its first 4 characters.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../electron/contract/verdict';
import { redactVerdict, redactVerdictsIn } from '../../../electron/engine/api/redact-verdict';
import { verifyAgainstSecrets } from '../../../electron/engine/providers/crypto-helpers';
import { toVerdictRecord } from '../../../electron/engine/export/delivery-record';

const hmac = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('hex');

function verdictOf(signature: Verdict['signature']): Verdict {
  return { signature, schema: { status: 'no-schema', errors: [] }, health: [] };
}

/** Every 5+ character prefix of `value` absent from `text`. */
function leaksNothingOf(text: string, value: string): boolean {
  return !text.includes(value.slice(0, 5));
}

describe('redactVerdict', () => {
  const body = '{"id":1}';
  const expected = hmac('right', body);
  const second = hmac('other', body);
  // The shared ending of most providers' verify: reason and details name the expected value.
  const result = verifyAgainstSecrets({
    providerName: 'Example',
    header: 'X-Signature',
    secrets: ['right', 'other'],
    received: ['0'.repeat(64)],
    expectedFor: (secret) => hmac(secret, body),
    signed: 'raw body',
  });

  it('the unredacted verdict really holds the expected signature (the test can fail)', () => {
    expect(JSON.stringify(result)).toContain(expected);
    expect(result.reason).toContain(expected.slice(0, 32));
  });

  it('keeps at most 4 characters of every expected value, in details and in the reason', () => {
    const redacted = redactVerdict(verdictOf(result));
    const text = JSON.stringify(redacted);
    expect(leaksNothingOf(text, expected)).toBe(true);
    expect(leaksNothingOf(text, second)).toBe(true);
    expect(redacted.signature.details?.['expected']).toEqual([
      `${expected.slice(0, 4)}…`,
      `${second.slice(0, 4)}…`,
    ]);
    expect(redacted.signature.reason).toContain(`expected ${expected.slice(0, 4)}…`);
    // What the sender sent stays visible.
    expect(redacted.signature.details?.['received']).toEqual(['0'.repeat(64)]);
  });

  it.each([
    ['expectedWithFirstSecret', 'c2lnbmF0dXJlLWJhc2U2NC12YWx1ZQ=='],
    ['computedSignature', 'sha256=7c95aa11bb22cc33dd44'],
    ['expectedSignatures', ['v1=abcdef0123456789', 'v1=fedcba9876543210']],
    ['expected', { v1: 'deadbeefcafebabe' }],
  ])('redacts %s', (key, value) => {
    const values = (typeof value === 'string' ? [value] : Object.values(value)) as string[];
    const redacted = redactVerdict(
      verdictOf({
        status: 'invalid',
        reason: `mismatch, expected ${values[0]}`,
        details: { [key]: value, timestamp: 1700000000 },
      }),
    );
    const text = JSON.stringify(redacted);
    for (const item of values) expect(leaksNothingOf(text, item)).toBe(true);
    expect(redacted.signature.details?.['timestamp']).toBe(1700000000);
  });

  it('redacts verdicts anywhere in a call output, leaving bytes and other fields alone', () => {
    const bodyBytes = new Uint8Array([1, 2, 3]);
    const output = {
      id: 'x',
      body: bodyBytes,
      verdict: verdictOf({ status: 'invalid', reason: 'r', details: { expected: expected } }),
      items: [{ verdict: null }],
    };
    const redacted = redactVerdictsIn(output) as typeof output;
    expect(redacted.body).toBe(bodyBytes);
    expect(JSON.stringify(redacted)).not.toContain(expected.slice(0, 5));
    expect(redacted.items).toBe(output.items);
    expect(redactVerdictsIn(null)).toBeNull();
  });

  it('exports carry the redacted reason too', () => {
    const record = toVerdictRecord(verdictOf(result));
    expect(leaksNothingOf(JSON.stringify(record), expected)).toBe(true);
  });
});
