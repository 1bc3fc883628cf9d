import { describe, expect, it } from 'vitest';
import { computeVerdict } from '../../../electron/engine/inspect/compute-verdict';
import { kanboard } from '../../../electron/engine/providers/kanboard';
import { preservica, preservicaSignature } from '../../../electron/engine/providers/preservica';
import { deliveryInput, verifyContext } from '../providers-seed/delivery-input';

const secret = 'my_shared_secret';
const minified = '{"trigger":"MOVED","events":[{"entityType":"SO","entityRef":"ref-1"}]}';
const pretty = JSON.stringify(JSON.parse(minified), null, 2);
const encode = (text: string) => new TextEncoder().encode(text);

function preservicaDelivery(body: string, signedOver: string) {
  return deliveryInput({
    body,
    rawHeaders: [
      ['Content-Type', 'application/json'],
      ['Preservica-Signature', preservicaSignature(secret, encode(signedOver))],
    ],
  });
}

describe('computeVerdict', () => {
  it('combines a valid signature, a valid schema and a clean body', () => {
    const verdict = computeVerdict(
      preservicaDelivery(minified, minified),
      preservica,
      'MOVED',
      verifyContext([secret]),
      false,
    );
    expect(verdict.signature.status).toBe('valid');
    expect(verdict.schema).toEqual({ status: 'valid', errors: [] });
    expect(verdict.health).toEqual([]);
  });

  it('explains a signature that matches the minified form of a pretty body', () => {
    const verdict = computeVerdict(
      preservicaDelivery(pretty, minified),
      preservica,
      'MOVED',
      verifyContext([secret]),
      false,
    );
    expect(verdict.signature.status).toBe('invalid');
    expect(verdict.signature.reason).toBe(
      'The body was re-serialized: the signature matches its minified form, not the bytes received.',
    );
    expect(verdict.signature.details?.['reserializedMatch']).toBe('minified');
  });

  it('explains a signature that matches the 2-space pretty form of a minified body', () => {
    const verdict = computeVerdict(
      preservicaDelivery(minified, pretty),
      preservica,
      'MOVED',
      verifyContext([secret]),
      false,
    );
    expect(verdict.signature.details?.['reserializedMatch']).toBe('pretty-2');
    expect(verdict.signature.reason).toMatch(/pretty-printed form \(2-space indent\)/);
  });

  it('keeps the plain reason when no re-serialized form matches either', () => {
    const verdict = computeVerdict(
      preservicaDelivery(minified, '{"other":1}'),
      preservica,
      'MOVED',
      verifyContext([secret]),
      false,
    );
    expect(verdict.signature.status).toBe('invalid');
    expect(verdict.signature.reason).toMatch(/does not match/);
    expect(verdict.signature.details?.['reserializedMatch']).toBeUndefined();
  });

  it('blames truncation for a failing signature on a truncated record', () => {
    const verdict = computeVerdict(
      preservicaDelivery(minified.slice(0, 20), minified),
      preservica,
      'MOVED',
      verifyContext([secret]),
      true,
    );
    expect(verdict.signature.reason).toMatch(/truncated/);
    expect(verdict.health.map((finding) => finding.code)).toEqual([
      'truncated-body',
      'invalid-json',
    ]);
    expect(verdict.schema.status).toBe('invalid');
    expect(verdict.schema.errors[0]?.pointer).toBe('');
  });

  it('reports schema errors with pointers for the detected event', () => {
    const body =
      '{"event_name":"task.create","event_data":{"task_id":5,"task":{"id":"5","project_id":"1"}}}';
    const verdict = computeVerdict(
      deliveryInput({ body, target: '/kb?token=t' }),
      kanboard,
      'task.create',
      verifyContext(['t']),
      false,
    );
    expect(verdict.signature.status).toBe('valid');
    expect(verdict.schema).toEqual({
      status: 'invalid',
      errors: [
        { pointer: '/event_data/task/title', message: 'required property "title" is missing' },
      ],
    });
  });

  it('has no schema and no signature scheme without a provider, and never throws on a crashing verifier', () => {
    const plain = computeVerdict(deliveryInput({ body: '{}' }), null, null, verifyContext(), false);
    expect(plain.signature.status).toBe('not-applicable');
    expect(plain.schema).toEqual({ status: 'no-schema', errors: [] });
    const crashing = {
      ...kanboard,
      verify: () => {
        throw new Error('boom');
      },
    };
    const verdict = computeVerdict(
      deliveryInput({ body: '{}' }),
      crashing,
      'unknown.event',
      verifyContext(),
      false,
    );
    expect(verdict.signature.status).toBe('not-applicable');
    expect(verdict.signature.reason).toMatch(/internal error: boom/);
    expect(verdict.schema.status).toBe('no-schema');
  });
});
