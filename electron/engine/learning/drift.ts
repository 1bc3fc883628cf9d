// Drift: how one body departs from its event's settled model. Judged before the body is learned,
// so the first delivery with a new shape is the one flagged; afterwards the shape is known.
import type { DriftChange } from '../../contract/learning';
export { explainDriftChange as explainChange } from '../../contract/learning';
import {
  enumValues,
  isItemPointer,
  isRequired,
  parentOf,
  singleFormat,
  typeList,
  type Observations,
  type PointerStats,
  type ShapeModel,
  type ValueType,
} from './shape-model';

/** Changes reported per delivery at most (the first ones in pointer order). */
export const MAX_CHANGES = 50;

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function describeTypes(types: readonly ValueType[]): string {
  return types.join(' or ');
}

/** Types new to the model; an integer where numbers were seen is no change. */
function newTypes(stats: PointerStats, seen: Set<ValueType>): ValueType[] {
  const known = stats.types;
  return [...seen].filter((type) => {
    if ((known[type] ?? 0) > 0) return false;
    return !(type === 'integer' && (known.number ?? 0) > 0);
  });
}

/** The earliest first-seen time among the given types. */
function earliest(stats: PointerStats, types: readonly ValueType[]): number | undefined {
  const times = types
    .map(
      (type) => stats.typeSince[type] ?? (type === 'number' ? stats.typeSince.integer : undefined),
    )
    .filter((time): time is number => time !== undefined);
  return times.length ? Math.min(...times) : undefined;
}

/**
 * The changes this body shows against the model. `masked` pointers (the diff's mask rules, which
 * speak of `/body/...`) are never reported.
 */
export function driftOf(
  model: ShapeModel,
  observations: Observations,
  masked: (bodyPointer: string) => boolean,
): DriftChange[] {
  const changes: DriftChange[] = [];
  const add = (change: DriftChange) => {
    if (changes.length < MAX_CHANGES && !masked(change.pointer)) changes.push(change);
  };
  for (const [pointer, seen] of observations) {
    const stats = model.pointers[pointer];
    if (!stats) {
      // Only the top of a new subtree: `/a` new means `/a/b` is not news on its own.
      const parent = parentOf(pointer);
      if (model.capped || parent === null || !model.pointers[parent]) continue;
      add({
        pointer,
        kind: 'new-key',
        was: 'absent',
        now: describeTypes(typeList(Object.fromEntries([...seen.types].map((t) => [t, 1])))),
        seen: model.deliveries,
      });
      continue;
    }
    const added = newTypes(stats, seen.types);
    if (added.length > 0) {
      const before = typeList(stats.types);
      add({
        pointer,
        kind: isItemPointer(pointer) ? 'new-item-shape' : 'type-change',
        was: describeTypes(before),
        now: describeTypes(added),
        seen: stats.seen,
        ...since(earliest(stats, before)),
      });
      continue;
    }
    if (seen.types.has('string')) {
      const format = singleFormat(stats);
      const nowFormats = [...seen.formats].filter((f) => f !== format);
      if (format !== null && format !== 'text' && nowFormats.length > 0) {
        add({
          pointer,
          kind: 'format-change',
          was: `string (${format})`,
          now: `string (${nowFormats.join(', ')})`,
          seen: stats.formats?.[format] ?? stats.seen,
          ...since(stats.typeSince.string),
        });
        continue;
      }
      const values = enumValues(stats);
      const fresh = values ? [...seen.strings].filter((value) => !values.includes(value)) : [];
      if (values && (fresh.length > 0 || seen.longString)) {
        add({
          pointer,
          kind: 'new-enum-value',
          was: values.map((value) => JSON.stringify(value)).join(' | '),
          now: fresh.length
            ? fresh.map((value) => JSON.stringify(value)).join(' | ')
            : 'a long string',
          seen: stats.types.string ?? stats.seen,
          ...since(stats.typeSince.string),
        });
      }
    }
  }
  // Keys that were always there and are missing now (from an object this body does have).
  for (const [pointer, stats] of Object.entries(model.pointers)) {
    if (isItemPointer(pointer) || !isRequired(model, pointer)) continue;
    const parent = parentOf(pointer);
    if (parent === null) continue;
    const parentSeen = observations.get(parent);
    if (!parentSeen || parentSeen.objects === 0) continue;
    const own = observations.get(pointer);
    if (own && own.count >= parentSeen.objects) continue;
    add({
      pointer,
      kind: 'missing-key',
      was: describeTypes(typeList(stats.types)),
      now: 'absent',
      seen: stats.seen,
      ...since(stats.since),
    });
  }
  return changes.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}

function since(ms: number | undefined): { since?: string } {
  return ms === undefined ? {} : { since: isoDay(ms) };
}
