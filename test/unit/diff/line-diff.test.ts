import { describe, expect, it } from 'vitest';
import { diffLines, MAX_EDIT_COST } from '../../../electron/engine/inspect/diff/line-diff';
import { sidesOfLineDiff } from '../../../renderer/src/lib/line-diff-sides';

// Deterministic pseudo-random lines (xorshift), so a failure reproduces.
function randomLines(count: number, seed: number): string[] {
  let state = seed;
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    lines.push(`line ${(state >>> 0).toString(36)}`);
  }
  return lines;
}

const count = (ops: { op: string }[], op: string) => ops.filter((line) => line.op === op).length;

describe('line diff (Myers, bounded)', () => {
  it('finds the shortest edit script on small inputs', () => {
    const { lines, cost, approximate } = diffLines('a\nb\nc\nd', 'a\nc\nd\ne');
    expect(approximate).toBe(false);
    expect(cost).toBe(2);
    expect(lines).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'same', text: 'c' },
      { op: 'same', text: 'd' },
      { op: 'added', text: 'e' },
    ]);
  });

  it('a 20,000-line text diffed with itself costs nothing', () => {
    const text = randomLines(20_000, 7).join('\n');
    const result = diffLines(text, text);
    expect(result.cost).toBe(0);
    expect(result.lines).toHaveLength(20_000);
    expect(count(result.lines, 'same')).toBe(20_000);
  });

  it('one changed line in 20,000 repeated lines is one removal and one addition', () => {
    const left = Array.from({ length: 20_000 }, () => 'x');
    const right = [...left];
    right[12_345] = 'y';
    const result = diffLines(left.join('\n'), right.join('\n'));
    expect(result.cost).toBe(2);
    expect(count(result.lines, 'removed')).toBe(1);
    expect(count(result.lines, 'added')).toBe(1);
  });

  it('scattered edits in a 20,000-line text are found exactly', () => {
    const left = randomLines(20_000, 11);
    const right = [...left];
    for (let i = 100; i < 20_000; i += 1_000) right[i] = `${right[i]} changed`;
    const result = diffLines(left.join('\n'), right.join('\n'));
    expect(result.approximate).toBe(false);
    expect(result.cost).toBe(40);
    expect(sidesOfLineDiff(result.lines)).toEqual({
      left: left.join('\n'),
      right: right.join('\n'),
    });
  });

  it('two unrelated 20,000-line texts stop at the edit cap and still give both texts back', () => {
    const left = randomLines(20_000, 3).join('\n');
    const right = randomLines(20_000, 5).join('\n');
    const result = diffLines(left, right);
    expect(result.approximate).toBe(true);
    expect(result.cost).toBe(MAX_EDIT_COST);
    expect(count(result.lines, 'removed')).toBe(20_000);
    expect(count(result.lines, 'added')).toBe(20_000);
    expect(sidesOfLineDiff(result.lines)).toEqual({ left, right });
  });

  it('respects a smaller cap exactly at the boundary', () => {
    // 3 edits needed: within a cap of 3, beyond a cap of 2.
    expect(diffLines('a\nb\nc', 'a\nx\nc\nd', 3).approximate).toBe(false);
    expect(diffLines('a\nb\nc', 'a\nx\nc\nd', 2).approximate).toBe(true);
  });

  it('handles empty sides', () => {
    expect(diffLines('', '').lines).toEqual([{ op: 'same', text: '' }]);
    expect(sidesOfLineDiff(diffLines('', 'a\nb').lines)).toEqual({ left: '', right: 'a\nb' });
    expect(sidesOfLineDiff(diffLines('a\nb', '').lines)).toEqual({ left: 'a\nb', right: '' });
  });
});
