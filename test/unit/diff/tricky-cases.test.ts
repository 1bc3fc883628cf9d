// More tricky JSON for the structural diff (issue 6): the cases users' payloads actually contain.
import { describe, expect, it } from 'vitest';
import { diffJson, diffMessages } from '../../../electron/engine/inspect/diff';
import { diffDeliveries } from '../../../electron/engine/inspect/diff/diff-deliveries';

const bytes = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

describe('diffJson, tricky cases', () => {
  it('treats composed and decomposed unicode as different text, and names emoji keys in pointers', () => {
    expect(diffJson({ name: 'café' }, { name: 'cafe\u0301' })).toEqual([
      { kind: 'changed', pointer: '/name', old: 'café', new: 'cafe\u0301' },
    ]);
    expect(diffJson({ '🦄': 1, '': 2 }, { '🦄': 2, '': 3 })).toEqual([
      { kind: 'changed', pointer: '/🦄', old: 1, new: 2 },
      { kind: 'changed', pointer: '/', old: 2, new: 3 },
    ]);
  });

  it('sees a number turning into a numeric string, an object into an array, a value into null', () => {
    expect(diffJson({ a: 0, b: {}, c: 'x' }, { a: '0', b: [], c: null })).toEqual([
      { kind: 'changed', pointer: '/a', old: 0, new: '0' },
      { kind: 'changed', pointer: '/b', old: {}, new: [] },
      { kind: 'changed', pointer: '/c', old: 'x', new: null },
    ]);
  });

  it('matches items by id when ids are strings, and reports an item with a new id as removed + added', () => {
    const a = {
      items: [
        { id: 'a', v: 1 },
        { id: 'b', v: 2 },
      ],
    };
    const b = {
      items: [
        { id: 'b', v: 2 },
        { id: 'c', v: 3 },
      ],
    };
    const changes = diffJson(a, b);
    expect(changes).toContainEqual({
      kind: 'removed',
      pointer: '/items/0',
      old: { id: 'a', v: 1 },
    });
    expect(changes).toContainEqual({ kind: 'added', pointer: '/items/1', new: { id: 'c', v: 3 } });
    expect(changes.some((change) => change.pointer.endsWith('/v'))).toBe(false);
  });

  it('finds no difference between equal documents whatever the nesting of key order', () => {
    const a = { z: [{ id: 1, q: { b: 1, a: [1, { y: 2, x: 1 }] } }], a: null };
    const b = { a: null, z: [{ q: { a: [1, { x: 1, y: 2 }], b: 1 }, id: 1 }] };
    expect(diffJson(a, b)).toEqual([]);
  });

  it('masks every item field with a wildcard, and a bare key at any depth', () => {
    const a = {
      events: [
        { id: 1, ts: 1, sig: 'a' },
        { id: 2, ts: 2, nested: { sig: 'x' } },
      ],
    };
    const b = {
      events: [
        { id: 1, ts: 9, sig: 'b' },
        { id: 2, ts: 8, nested: { sig: 'y' } },
      ],
    };
    expect(diffJson(a, b, { masks: ['/events/*/ts', 'sig'] })).toEqual([]);
  });
});

describe('diffMessages and diffDeliveries', () => {
  it('compares a JSON body with a non-JSON body by line, not as an error', () => {
    const diff = diffMessages(
      { rawHeaders: [], body: bytes({ a: 1 }) },
      { rawHeaders: [], body: bytes('a=1') },
    );
    expect(diff.body.kind).toBe('text');
    expect(diff.equal).toBe(false);
  });

  it('applies the provider presets only when asked, and reports the masks it used', () => {
    const base = {
      id: 'x',
      seq: 1,
      receivedAt: 0,
      endpoint: null,
      method: 'POST',
      target: '/s',
      size: 0,
      truncated: false,
      contentType: 'application/json',
      responseStatus: null,
      via: 'local' as const,
      provider: 'stripe',
      event: 'invoice.paid',
      handshake: false,
      badge: 'none' as const,
      remoteAddress: '127.0.0.1',
      httpVersion: '1.1',
      response: null,
      verdict: null,
    };
    const a = {
      ...base,
      id: 'a',
      rawHeaders: [['Stripe-Signature', 't=1,v1=aa']] as [string, string][],
      body: bytes({ id: 'evt_1', amount: 5 }),
    };
    const b = {
      ...base,
      id: 'b',
      rawHeaders: [['Stripe-Signature', 't=2,v1=bb']] as [string, string][],
      body: bytes({ id: 'evt_2', amount: 5 }),
    };
    expect(diffDeliveries(a, b).equal).toBe(false);
    const masked = diffDeliveries(a, b, { usePresets: true });
    expect(masked.equal).toBe(true);
    expect(masked.masks).toContain('/headers/stripe-signature');
    expect(diffDeliveries(a, b, { masks: ['/body/id', '/headers/stripe-signature'] }).equal).toBe(
      true,
    );
  });
});
