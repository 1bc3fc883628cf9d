import { describe, expect, it } from 'vitest';
import { kanboard } from '../../../electron/engine/providers/kanboard';
import { deliveryInput, verifyContext } from './delivery-input';
import { kanboardExamples } from './seed-examples';

const token = 'a3f1c9e07b5d2468ace013579bdf2468ace013579bdf2468ace013579bdf';
const body = kanboardExamples()[0]?.text ?? '';
const at = (target: string) =>
  deliveryInput({
    body,
    target,
    rawHeaders: [
      ['User-Agent', 'Kanboard'],
      ['Content-type', 'application/json'],
    ],
  });

describe('Kanboard token check', () => {
  it('is valid when ?token= matches options.token', () => {
    const result = kanboard.verify(at(`/hooks/kb?token=${token}`), verifyContext([], { token }));
    expect(result.status).toBe('valid');
    expect(result.reason).toMatch(/matches/);
  });

  it('falls back to the configured secrets and finds the token after other parameters', () => {
    const result = kanboard.verify(
      at(`/hooks/kb?project=1&token=${token}`),
      verifyContext(['old', token]),
    );
    expect(result.status).toBe('valid');
    expect(result.details?.['secretIndex']).toBe(1);
  });

  it('is invalid with a reason when the token differs', () => {
    const regenerated = kanboard.verify(
      at(`/hooks/kb?token=${'0'.repeat(60)}`),
      verifyContext([token]),
    );
    expect(regenerated.status).toBe('invalid');
    expect(regenerated.reason).toMatch(/regenerated/);
    const garbage = kanboard.verify(at('/hooks/kb?token=letmein'), verifyContext([token]));
    expect(garbage.status).toBe('invalid');
    expect(garbage.reason).toMatch(/60 lowercase hex characters and this one is 7/);
  });

  it('is missing without ?token=, and not-applicable when nothing is configured', () => {
    const missing = kanboard.verify(at('/hooks/kb'), verifyContext([token]));
    expect(missing.status).toBe('missing');
    expect(missing.reason).toMatch(/No \?token=/);
    expect(kanboard.verify(at(`/hooks/kb?token=${token}`), verifyContext()).status).toBe(
      'not-applicable',
    );
  });

  it('sign() appends the token the way Kanboard does, replacing a stale one', () => {
    const request = {
      method: 'POST',
      url: 'http://127.0.0.1:4000/kb?x=1&token=old',
      rawHeaders: [],
      body: new Uint8Array(),
    };
    const signed = kanboard.sign?.(request, token);
    expect(signed?.url).toBe(`http://127.0.0.1:4000/kb?x=1&token=${token}`);
    const target = new URL(signed?.url ?? '').pathname + new URL(signed?.url ?? '').search;
    expect(kanboard.verify(at(target), verifyContext([token])).status).toBe('valid');
  });
});

describe('Kanboard detection', () => {
  it('recognises the current and the historical User-Agent', () => {
    for (const userAgent of ['Kanboard', 'Kanboard Webhook']) {
      const detection = kanboard.detect(
        deliveryInput({ body, rawHeaders: [['User-Agent', userAgent]] }),
      );
      expect(detection).toEqual({ event: 'task.move.column', confidence: 1 });
    }
  });

  it('guesses from the envelope alone with lower confidence, and ignores other bodies', () => {
    const guess = kanboard.detect(deliveryInput({ body, rawHeaders: [] }));
    expect(guess?.event).toBe('task.move.column');
    expect(guess?.confidence).toBeLessThan(1);
    expect(kanboard.detect(deliveryInput({ body: '{"event":"x"}', rawHeaders: [] }))).toBeNull();
  });
});
