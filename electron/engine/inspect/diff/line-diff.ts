export type LineOp = { op: 'same' | 'added' | 'removed'; text: string };

/**
 * The most line edits the diff searches for. Myers' search costs O((N + M) · D) time and, with the
 * trace kept for the walk back, O(D²) memory: at this cap at most ~16 MB and a few hundred
 * milliseconds for 40,000 lines. Past it the changed middle is shown as one replaced block.
 */
export const MAX_EDIT_COST = 2_000;

export interface LineDiff {
  lines: LineOp[];
  /** Edits found (removed + added lines) within the cap; 0 for equal texts. */
  cost: number;
  /** True when the cap was reached and the middle is shown as removed-then-added, not line by line. */
  approximate: boolean;
}

/** Line-level diff for non-JSON bodies (the UI shows it side by side). */
export function diffLines(a: string, b: string, maxCost: number = MAX_EDIT_COST): LineDiff {
  const left = a.split('\n');
  const right = b.split('\n');
  // Lines become small integers so the search compares numbers, not strings.
  const ids = new Map<string, number>();
  const intern = (lines: string[]) =>
    Int32Array.from(lines, (line) => {
      let id = ids.get(line);
      if (id === undefined) ids.set(line, (id = ids.size));
      return id;
    });
  const x = intern(left);
  const y = intern(right);

  // Common head and tail cost nothing: a delivery diffed with itself ends here.
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (
    tail < x.length - head &&
    tail < y.length - head &&
    x[x.length - 1 - tail] === y[y.length - 1 - tail]
  )
    tail++;

  const lines: LineOp[] = [];
  for (let i = 0; i < head; i++) lines.push({ op: 'same', text: left[i]! });
  const middle = myers(
    x.subarray(head, x.length - tail),
    y.subarray(head, y.length - tail),
    maxCost,
  );
  let cost: number;
  if (middle) {
    cost = middle.cost;
    for (const [op, index] of middle.ops) {
      lines.push({ op, text: op === 'added' ? right[head + index]! : left[head + index]! });
    }
  } else {
    cost = maxCost;
    for (let i = head; i < left.length - tail; i++) lines.push({ op: 'removed', text: left[i]! });
    for (let j = head; j < right.length - tail; j++) lines.push({ op: 'added', text: right[j]! });
  }
  for (let i = left.length - tail; i < left.length; i++) lines.push({ op: 'same', text: left[i]! });
  return { lines, cost, approximate: middle === null };
}

type Step = [op: LineOp['op'], index: number];

/**
 * Myers' greedy O(ND) shortest edit script ("An O(ND) Difference Algorithm and Its Variations",
 * 1986). Returns null when more than `maxCost` edits would be needed. Indices point into `a` for
 * same/removed and into `b` for added.
 */
function myers(
  a: Int32Array,
  b: Int32Array,
  maxCost: number,
): { ops: Step[]; cost: number } | null {
  const n = a.length;
  const m = b.length;
  if (n + m > 0 && (n === 0 || m === 0)) {
    if (n + m > maxCost) return null;
    const ops: Step[] = [];
    for (let i = 0; i < n; i++) ops.push(['removed', i]);
    for (let j = 0; j < m; j++) ops.push(['added', j]);
    return { ops, cost: n + m };
  }
  // trace[d][k + d] is the furthest x reached on diagonal k = x - y after d edits.
  const trace: Int32Array[] = [];
  const limit = Math.min(maxCost, n + m);
  for (let d = 0; d <= limit; d++) {
    const v = new Int32Array(2 * d + 1);
    const prev = trace[d - 1];
    for (let k = -d; k <= d; k += 2) {
      let px: number;
      if (!prev) px = 0;
      else if (k === -d || (k !== d && prev[k - 1 + d - 1]! < prev[k + 1 + d - 1]!))
        px = prev[k + 1 + d - 1]!; // down: an added line
      else px = prev[k - 1 + d - 1]! + 1; // right: a removed line
      let py = px - k;
      while (px < n && py < m && a[px] === b[py]) {
        px++;
        py++;
      }
      v[k + d] = px;
      if (px >= n && py >= m) {
        trace.push(v);
        return { ops: walkBack(trace, n, m), cost: d };
      }
    }
    trace.push(v);
  }
  return null;
}

function walkBack(trace: Int32Array[], n: number, m: number): Step[] {
  const ops: Step[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && prev[k - 1 + d - 1]! < prev[k + 1 + d - 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[prevK + d - 1]!;
    const prevY = prevX - prevK;
    const startX = down ? prevX : prevX + 1;
    const startY = startX - k;
    while (x > startX && y > startY) {
      y--;
      ops.push(['same', --x]);
    }
    if (down) ops.push(['added', --y]);
    else ops.push(['removed', --x]);
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    y--;
    ops.push(['same', --x]);
  }
  return ops.reverse();
}
