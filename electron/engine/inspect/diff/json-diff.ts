import { canonicalJson } from './canonical';
import { compileMasks } from './masks';
import { childPointer } from './pointer';
import type { DiffChange, DiffOptions } from './types';

type Json = unknown;
type Masked = (pointer: string) => boolean;

const isObject = (v: Json): v is Record<string, Json> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Structural diff of two JSON documents: key order is ignored, arrays whose items carry an `id` are
 * matched by id (so a reordering is reported as moves, not as every item changing), other arrays by
 * longest common subsequence. Pointers name the location in the newer document (`b`), or in the
 * older one for removals.
 */
export function diffJson(a: Json, b: Json, options: DiffOptions = {}): DiffChange[] {
  const changes: DiffChange[] = [];
  walk(a, b, '', compileMasks(options.masks), changes);
  return changes;
}

function walk(a: Json, b: Json, pointer: string, masked: Masked, out: DiffChange[]): void {
  if (pointer !== '' && masked(pointer)) return;
  if (isObject(a) && isObject(b)) return diffObjects(a, b, pointer, masked, out);
  if (Array.isArray(a) && Array.isArray(b)) return diffArrays(a, b, pointer, masked, out);
  if (canonicalJson(a) !== canonicalJson(b)) out.push({ kind: 'changed', pointer, old: a, new: b });
}

function diffObjects(
  a: Record<string, Json>,
  b: Record<string, Json>,
  pointer: string,
  masked: Masked,
  out: DiffChange[],
) {
  for (const key of Object.keys(a)) {
    const at = childPointer(pointer, key);
    if (!(key in b)) {
      if (!masked(at)) out.push({ kind: 'removed', pointer: at, old: a[key] });
    } else walk(a[key], b[key], at, masked, out);
  }
  for (const key of Object.keys(b)) {
    const at = childPointer(pointer, key);
    if (!(key in a) && !masked(at)) out.push({ kind: 'added', pointer: at, new: b[key] });
  }
}

function itemId(item: Json): string | null {
  if (!isObject(item)) return null;
  const id = item.id;
  return typeof id === 'string' || typeof id === 'number' ? `${typeof id}:${id}` : null;
}

function diffArrays(a: Json[], b: Json[], pointer: string, masked: Masked, out: DiffChange[]) {
  const ids = [...a, ...b].map(itemId);
  const allHaveIds =
    ids.length > 0 &&
    ids.every((id) => id !== null) &&
    new Set(ids.slice(0, a.length)).size === a.length &&
    new Set(ids.slice(a.length)).size === b.length;
  if (allHaveIds) diffArraysById(a, b, pointer, masked, out);
  else diffArraysBySequence(a, b, pointer, masked, out);
}

function diffArraysById(a: Json[], b: Json[], pointer: string, masked: Masked, out: DiffChange[]) {
  const oldIndex = new Map(a.map((item, i) => [itemId(item)!, i]));
  const newIds = new Set(b.map((item) => itemId(item)!));
  a.forEach((item, i) => {
    if (!newIds.has(itemId(item)!))
      pushUnlessMasked(out, masked, {
        kind: 'removed',
        pointer: childPointer(pointer, i),
        old: item,
      });
  });
  // An item only "moved" if its position among the surviving items changed, not because an earlier
  // item was inserted or removed.
  const survivingOld = a.filter((item) => newIds.has(itemId(item)!)).map((item) => itemId(item)!);
  const survivingNew = b.map((item) => itemId(item)!).filter((id) => oldIndex.has(id));
  const stable = new Set(longestCommonSubsequence(survivingOld, survivingNew));
  b.forEach((item, j) => {
    const id = itemId(item)!;
    const i = oldIndex.get(id);
    const at = childPointer(pointer, j);
    if (i === undefined)
      return pushUnlessMasked(out, masked, { kind: 'added', pointer: at, new: item });
    if (!stable.has(id))
      pushUnlessMasked(out, masked, {
        kind: 'moved',
        pointer: at,
        from: childPointer(pointer, i),
        old: a[i],
        new: item,
      });
    walk(a[i], item, at, masked, out);
  });
}

// Above this many cells the LCS table costs too much memory; compare position by position instead.
const MAX_LCS_CELLS = 4_000_000;

function diffArraysBySequence(
  a: Json[],
  b: Json[],
  pointer: string,
  masked: Masked,
  out: DiffChange[],
) {
  if (a.length * b.length > MAX_LCS_CELLS) return diffArraysByPosition(a, b, pointer, masked, out);
  const keysA = a.map(canonicalJson);
  const keysB = b.map(canonicalJson);
  const common = longestCommonSubsequence(keysA, keysB);
  const removed: number[] = [];
  const added: number[] = [];
  let i = 0;
  let j = 0;
  for (const key of common) {
    while (keysA[i] !== key) removed.push(i++);
    while (keysB[j] !== key) added.push(j++);
    i++;
    j++;
  }
  while (i < a.length) removed.push(i++);
  while (j < b.length) added.push(j++);

  // A value that left one place and appeared at another is a move.
  const addedByKey = new Map<string, number[]>();
  for (const index of added)
    addedByKey.set(keysB[index]!, [...(addedByKey.get(keysB[index]!) ?? []), index]);
  const stillRemoved: number[] = [];
  const moved = new Set<number>();
  for (const index of removed) {
    const target = addedByKey.get(keysA[index]!)?.shift();
    if (target === undefined) stillRemoved.push(index);
    else {
      moved.add(target);
      pushUnlessMasked(out, masked, {
        kind: 'moved',
        pointer: childPointer(pointer, target),
        from: childPointer(pointer, index),
        old: a[index],
        new: b[target],
      });
    }
  }
  const stillAdded = added.filter((index) => !moved.has(index));
  // Pair what was removed and added at the same position as an in-place change, recursively.
  const pairedAdded = new Set<number>();
  for (const index of stillRemoved) {
    if (stillAdded.includes(index) && !pairedAdded.has(index)) {
      pairedAdded.add(index);
      walk(a[index], b[index], childPointer(pointer, index), masked, out);
    } else
      pushUnlessMasked(out, masked, {
        kind: 'removed',
        pointer: childPointer(pointer, index),
        old: a[index],
      });
  }
  for (const index of stillAdded) {
    if (!pairedAdded.has(index))
      pushUnlessMasked(out, masked, {
        kind: 'added',
        pointer: childPointer(pointer, index),
        new: b[index],
      });
  }
}

function diffArraysByPosition(
  a: Json[],
  b: Json[],
  pointer: string,
  masked: Masked,
  out: DiffChange[],
) {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) walk(a[i], b[i], childPointer(pointer, i), masked, out);
  for (let i = shared; i < a.length; i++)
    pushUnlessMasked(out, masked, {
      kind: 'removed',
      pointer: childPointer(pointer, i),
      old: a[i],
    });
  for (let j = shared; j < b.length; j++)
    pushUnlessMasked(out, masked, { kind: 'added', pointer: childPointer(pointer, j), new: b[j] });
}

function pushUnlessMasked(out: DiffChange[], masked: Masked, change: DiffChange) {
  if (!masked(change.pointer)) out.push(change);
}

/** Classic O(n*m) LCS; arrays in webhook bodies are small. */
export function longestCommonSubsequence(a: readonly string[], b: readonly string[]): string[] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] =
        a[i] === b[j]
          ? table[(i + 1) * cols + j + 1]! + 1
          : Math.max(table[(i + 1) * cols + j]!, table[i * cols + j + 1]!);
    }
  }
  const result: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      result.push(a[i]!);
      i++;
      j++;
    } else if (table[(i + 1) * cols + j]! >= table[i * cols + j + 1]!) i++;
    else j++;
  }
  return result;
}
