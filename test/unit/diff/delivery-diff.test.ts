import { describe, expect, it } from 'vitest';
import { diffMessages, presetMasks } from '../../../electron/engine/inspect/diff';

const enc = (s: string) => new TextEncoder().encode(s);

describe('diffMessages', () => {
  it('compares headers case-insensitively and the query', () => {
    const diff = diffMessages(
      {
        target: '/hook?token=a&x=1',
        rawHeaders: [
          ['Content-Type', 'application/json'],
          ['X-Sig', 'one'],
        ],
        body: enc('{}'),
      },
      {
        target: '/hook?token=b&x=1',
        rawHeaders: [
          ['content-type', 'application/json'],
          ['X-Sig', 'two'],
        ],
        body: enc('{}'),
      },
    );
    expect(diff.equal).toBe(false);
    expect(diff.changes).toEqual([
      { kind: 'changed', pointer: '/headers/x-sig', old: 'one', new: 'two' },
      { kind: 'changed', pointer: '/query/token', old: 'a', new: 'b' },
    ]);
  });

  it('diffs JSON bodies structurally under /body', () => {
    const diff = diffMessages(
      { rawHeaders: [], body: enc('{"a":1,"b":2}') },
      { rawHeaders: [], body: enc('{"b":2,"a":3}') },
    );
    expect(diff.body).toEqual({
      kind: 'json',
      changes: [{ kind: 'changed', pointer: '/body/a', old: 1, new: 3 }],
    });
  });

  it('diffs text bodies by line and binary bodies by bytes', () => {
    const text = diffMessages(
      { rawHeaders: [], body: enc('a\nb\nc') },
      { rawHeaders: [], body: enc('a\nB\nc') },
    );
    expect(text.body).toEqual({
      kind: 'text',
      equal: false,
      lines: [
        { op: 'same', text: 'a' },
        { op: 'removed', text: 'b' },
        { op: 'added', text: 'B' },
        { op: 'same', text: 'c' },
      ],
    });
    const binary = diffMessages(
      { rawHeaders: [], body: new Uint8Array([0xff, 0]) },
      { rawHeaders: [], body: new Uint8Array([0xff, 0]) },
    );
    expect(binary.body).toEqual({ kind: 'binary', equal: true, sizes: [2, 2] });
    expect(binary.equal).toBe(true);
  });

  it('provider presets mask volatile fields', () => {
    const a = {
      rawHeaders: [['Stripe-Signature', 't=1,v1=a']] as [string, string][],
      body: enc('{"id":"evt_1","created":1,"type":"x"}'),
    };
    const b = {
      rawHeaders: [['Stripe-Signature', 't=2,v1=b']] as [string, string][],
      body: enc('{"id":"evt_2","created":2,"type":"x"}'),
    };
    expect(diffMessages(a, b).equal).toBe(false);
    expect(diffMessages(a, b, { masks: presetMasks('stripe') }).equal).toBe(true);
  });
});
