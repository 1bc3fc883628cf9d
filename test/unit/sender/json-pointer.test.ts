import { describe, expect, it } from 'vitest';
import { parsePointer, setAtPointer } from '../../../electron/engine/sender/json-pointer';

describe('JSON pointer', () => {
  it('unescapes ~1 and ~0', () => {
    expect(parsePointer('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
  });

  it('sets nested values, creating objects', () => {
    expect(setAtPointer({ a: 1 }, '/b/c', 'x')).toEqual({ a: 1, b: { c: 'x' } });
  });

  it('sets array items and appends with -', () => {
    expect(setAtPointer({ list: [1, 2] }, '/list/0', 9)).toEqual({ list: [9, 2] });
    expect(setAtPointer({ list: [1] }, '/list/-', 2)).toEqual({ list: [1, 2] });
  });

  it('refuses pointers without a leading slash and writes under scalars', () => {
    expect(() => parsePointer('a/b')).toThrow(/must start with "\/"/);
    expect(() => setAtPointer({ a: 1 }, '/a/b', 2)).toThrow(/under a number/);
  });
});
