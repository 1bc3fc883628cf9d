import { longestCommonSubsequence } from './json-diff';

export type LineOp = { op: 'same' | 'added' | 'removed'; text: string };

/** Line-level diff for non-JSON bodies (the UI shows it side by side). */
export function diffLines(a: string, b: string): LineOp[] {
  const left = a.split('\n');
  const right = b.split('\n');
  const common = longestCommonSubsequence(left, right);
  const ops: LineOp[] = [];
  let i = 0;
  let j = 0;
  for (const line of common) {
    while (left[i] !== line) ops.push({ op: 'removed', text: left[i++]! });
    while (right[j] !== line) ops.push({ op: 'added', text: right[j++]! });
    ops.push({ op: 'same', text: line });
    i++;
    j++;
  }
  while (i < left.length) ops.push({ op: 'removed', text: left[i++]! });
  while (j < right.length) ops.push({ op: 'added', text: right[j++]! });
  return ops;
}
