// Turns a line diff (same / removed / added, in order) into side-by-side rows: removals and the
// additions that follow them share rows, so a changed line sits beside its replacement.
import type { LineOp } from '../../../electron/contract/inspector';

export interface SideBySideRow {
  left: { number: number; text: string } | null;
  right: { number: number; text: string } | null;
  kind: 'same' | 'changed' | 'removed' | 'added';
}

export function toSideBySide(lines: readonly LineOp[]): SideBySideRow[] {
  const rows: SideBySideRow[] = [];
  let leftNumber = 0;
  let rightNumber = 0;
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++) {
      const left = i < removed.length ? { number: ++leftNumber, text: removed[i] as string } : null;
      const right = i < added.length ? { number: ++rightNumber, text: added[i] as string } : null;
      rows.push({ left, right, kind: left && right ? 'changed' : left ? 'removed' : 'added' });
    }
    removed = [];
    added = [];
  };
  for (const line of lines) {
    if (line.op === 'removed') {
      // A removal after additions starts a new block.
      if (added.length) flush();
      removed.push(line.text);
    } else if (line.op === 'added') added.push(line.text);
    else {
      flush();
      rows.push({
        left: { number: ++leftNumber, text: line.text },
        right: { number: ++rightNumber, text: line.text },
        kind: 'same',
      });
    }
  }
  flush();
  return rows;
}
