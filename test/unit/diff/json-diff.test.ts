import { describe, expect, it } from 'vitest';
import { diffJson } from '../../../electron/engine/inspect/diff';

describe('diffJson', () => {
  it('ignores key order', () => {
    expect(diffJson({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toEqual([]);
  });

  it('reports added, removed and changed with JSON pointers', () => {
    expect(
      diffJson({ a: 1, gone: true, x: { y: 'old' } }, { a: 1, x: { y: 'new' }, fresh: null }),
    ).toEqual([
      { kind: 'removed', pointer: '/gone', old: true },
      { kind: 'changed', pointer: '/x/y', old: 'old', new: 'new' },
      { kind: 'added', pointer: '/fresh', new: null },
    ]);
  });

  it('reports a type change as a change of the whole value', () => {
    expect(diffJson({ v: '1' }, { v: 1 })).toEqual([
      { kind: 'changed', pointer: '/v', old: '1', new: 1 },
    ]);
    expect(diffJson({ v: [1] }, { v: { 0: 1 } })).toEqual([
      { kind: 'changed', pointer: '/v', old: [1], new: { 0: 1 } },
    ]);
    expect(diffJson({ v: null }, { v: {} })).toEqual([
      { kind: 'changed', pointer: '/v', old: null, new: {} },
    ]);
  });

  it('matches array items by id, so a reorder is moves and edits stay on their item', () => {
    const a = {
      items: [
        { id: 1, n: 'a' },
        { id: 2, n: 'b' },
        { id: 3, n: 'c' },
      ],
    };
    const b = {
      items: [
        { id: 3, n: 'c' },
        { id: 1, n: 'a' },
        { id: 2, n: 'B' },
      ],
    };
    const changes = diffJson(a, b);
    expect(changes).toContainEqual({
      kind: 'moved',
      pointer: '/items/0',
      from: '/items/2',
      old: { id: 3, n: 'c' },
      new: { id: 3, n: 'c' },
    });
    expect(changes).toContainEqual({ kind: 'changed', pointer: '/items/2/n', old: 'b', new: 'B' });
    expect(changes.filter((c) => c.kind === 'moved')).toHaveLength(1);
  });

  it('does not call items moved when an earlier one is inserted', () => {
    const a = [{ id: 'x' }, { id: 'y' }];
    const b = [{ id: 'new' }, { id: 'x' }, { id: 'y' }];
    expect(diffJson(a, b)).toEqual([{ kind: 'added', pointer: '/0', new: { id: 'new' } }]);
  });

  it('detects moves in arrays without ids', () => {
    expect(diffJson(['a', 'b', 'c'], ['c', 'a', 'b'])).toEqual([
      { kind: 'moved', pointer: '/0', from: '/2', old: 'c', new: 'c' },
    ]);
  });

  it('handles unicode keys and values and escapes pointer segments', () => {
    const changes = diffJson({ 'ключ/~': 'é' }, { 'ключ/~': 'è', '😀': 1 });
    expect(changes).toEqual([
      { kind: 'changed', pointer: '/ключ~1~0', old: 'é', new: 'è' },
      { kind: 'added', pointer: '/😀', new: 1 },
    ]);
  });

  it('masks pointers, wildcards and key names', () => {
    const a = { id: 1, events: [{ ts: 1, v: 1 }], meta: { timestamp: 5 } };
    const b = { id: 2, events: [{ ts: 2, v: 1 }], meta: { timestamp: 6 } };
    expect(diffJson(a, b, { masks: ['/id', '/events/*/ts', 'timestamp'] })).toEqual([]);
    expect(diffJson(a, b, { masks: ['/id'] })).toHaveLength(2);
  });
});
