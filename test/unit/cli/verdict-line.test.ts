import { describe, expect, it } from 'vitest';
import type { DeliverySummary } from '../../../electron/contract/delivery';
import type { Verdict } from '../../../electron/contract/verdict';
import { formatDeliveryLine } from '../../../electron/cli/delivery-line';

const summary: DeliverySummary = {
  id: '01',
  seq: 1,
  receivedAt: Date.UTC(2026, 0, 1, 12, 0, 0),
  endpoint: '/p',
  method: 'POST',
  target: '/p',
  size: 250,
  truncated: false,
  contentType: 'application/json',
  responseStatus: 200,
  via: 'local',
  provider: 'preservica',
  event: 'MOVED',
  handshake: false,
  badge: 'fail',
};

const verdict: Verdict = {
  signature: { status: 'invalid', reason: 'Preservica-Signature does not match' },
  schema: {
    status: 'invalid',
    errors: [{ pointer: '/events/0', message: 'required property "entityRef" is missing' }],
  },
  health: [{ code: 'bom', severity: 'warning', message: 'the body starts with a UTF-8 BOM' }],
};

describe('listen line with provider, event and verdict', () => {
  it('appends who sent it and why it failed', () => {
    const line = formatDeliveryLine(summary, verdict);
    expect(line).toMatch(
      /-> 200 {2}preservica MOVED {2}fail: signature invalid \(Preservica-Signature does not match\); schema invalid \(\/events\/0: required property "entityRef" is missing\); the body starts with a UTF-8 BOM$/,
    );
  });

  it('marks handshakes and says ok when checks passed', () => {
    const ok: Verdict = {
      signature: { status: 'valid', reason: 'matches' },
      schema: { status: 'no-schema', errors: [] },
      health: [],
    };
    expect(formatDeliveryLine({ ...summary, handshake: true, badge: 'ok' }, ok)).toMatch(
      /preservica MOVED {2}handshake answered {2}ok: signature valid$/,
    );
  });

  it('prints the plain line when nothing was recognised', () => {
    const plain = { ...summary, provider: null, event: null, badge: 'none' as const };
    expect(formatDeliveryLine(plain, null)).toMatch(/-> 200$/);
  });

  it('neutralises control characters coming from captured traffic', () => {
    const evil = { ...summary, event: 'MOVED\u001b[31m' };
    expect(formatDeliveryLine(evil, null)).not.toContain('\u001b');
  });
});

describe('listen shows drift (issue 16)', () => {
  it('appends the first change and how many follow; learning and none add nothing', () => {
    const drifted = formatDeliveryLine({ ...summary, drift: 'drift' }, null, {
      status: 'drift',
      changes: [
        { pointer: '/events/0/entityRef', kind: 'type-change', was: 'string', now: 'null' },
        { pointer: '/extra', kind: 'new-key', was: 'absent', now: 'boolean' },
      ],
    });
    expect(drifted).toMatch(
      / {2}drift: \/events\/0\/entityRef type-change string→null \(\+1 more\)$/,
    );
    for (const status of ['learning', 'none'] as const)
      expect(formatDeliveryLine(summary, null, { status, changes: [] })).not.toMatch(/drift/);
  });
});
