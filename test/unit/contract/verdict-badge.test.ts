import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../electron/contract/verdict';
import { badgeOf } from '../../../electron/contract/verdict-badge';

type Signature = Verdict['signature']['status'];
type Schema = Verdict['schema']['status'];

function verdict(signature: Signature, schema: Schema, severity?: 'info' | 'warning' | 'error') {
  return {
    signature: { status: signature, reason: '' },
    schema: { status: schema, errors: [] },
    health: severity ? [{ code: 'x', severity, message: '' }] : [],
  } satisfies Verdict;
}

// Green means authenticated (issue 17): only a valid signature earns `ok`.
describe('badgeOf', () => {
  it.each([
    ['valid', 'valid', 'ok'],
    ['valid', 'no-schema', 'ok'],
    ['missing', 'valid', 'unsigned'], // a Kanboard delivery without ?token=
    ['missing', 'no-schema', 'unsigned'],
    ['not-applicable', 'valid', 'unsigned'], // a Preservica delivery with no secret set
    ['not-applicable', 'no-schema', 'none'], // nothing recognised, nothing to check
    ['invalid', 'valid', 'fail'],
    ['forged-via-handshake', 'valid', 'fail'],
    ['valid', 'invalid', 'fail'],
  ] as const)('signature %s, schema %s -> %s', (signature, schema, badge) => {
    expect(badgeOf(verdict(signature, schema))).toBe(badge);
  });

  it('a failure wins over everything, a warning over ok and unsigned', () => {
    expect(badgeOf(verdict('valid', 'valid', 'error'))).toBe('fail');
    expect(badgeOf(verdict('valid', 'valid', 'warning'))).toBe('warning');
    expect(badgeOf(verdict('missing', 'valid', 'warning'))).toBe('warning');
    expect(badgeOf(verdict('valid', 'valid', 'info'))).toBe('ok');
    expect(badgeOf(null)).toBe('none');
  });
});
