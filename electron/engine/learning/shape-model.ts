// The shape of one event's JSON bodies, learned from traffic (issue 16): types per JSON pointer
// (null included), required vs optional keys, enums of low-cardinality strings, string formats,
// array item shapes and number ranges. Pure data and pure functions: the store's materializer
// thread updates models as rows are written (learner.ts); the app reads them to infer schemas.
import { childPointer } from '../inspect/diff/pointer';
import { formatOf, type StringFormat } from './formats';

export type ValueType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'object' | 'array';

/** What the model knows of one pointer. Counts are deliveries, not occurrences. */
export interface PointerStats {
  /** Deliveries in which the pointer held a value. */
  seen: number;
  /** Deliveries in which its parent object was there but some instance of it lacked this key. */
  absent: number;
  /** Deliveries per value type, and when each type was first seen (ms). */
  types: Partial<Record<ValueType, number>>;
  typeSince: Partial<Record<ValueType, number>>;
  /** String formats seen, per delivery. */
  formats?: Partial<Record<StringFormat, number>>;
  /** Distinct short strings and their delivery counts; null once past ENUM_MAX_VALUES (free text). */
  values?: Record<string, number> | null;
  min?: number;
  max?: number;
  /** When the pointer was first seen (ms). */
  since: number;
}

export interface ShapeModel {
  version: 1;
  /** Deliveries learned from. */
  deliveries: number;
  pointers: Record<string, PointerStats>;
  /** MAX_POINTERS was reached: pointers past it are not learned (nor judged). */
  capped: boolean;
}

/**
 * Bounds, so learning a body is O(its size) and a model stays small whatever arrives:
 * - MAX_POINTERS: a model learns at most this many pointers (a 10,000-key object adds 2,000);
 * - MAX_DEPTH: deeper values are not walked (their container's type is still learned);
 * - MAX_ARRAY_ITEMS: items examined per array (they share the `*` pointer);
 * - ENUM_*: a string pointer is an enum candidate while it has at most 12 distinct values of at
 *   most 64 characters.
 */
export const MAX_POINTERS = 2_000;
export const MAX_DEPTH = 32;
export const MAX_ARRAY_ITEMS = 50;
export const ENUM_MAX_VALUES = 12;
export const ENUM_MAX_LENGTH = 64;

/** The pointer segment standing for every item of an array. */
export const ITEMS = '*';

export function emptyModel(): ShapeModel {
  return { version: 1, deliveries: 0, pointers: {}, capped: false };
}

/** What one body showed at one pointer (all its occurrences together). */
export interface Observation {
  /** Occurrences of the pointer in this body. */
  count: number;
  /** Occurrences that were objects (for the required-ness of their keys). */
  objects: number;
  types: Set<ValueType>;
  formats: Set<StringFormat>;
  strings: Set<string>;
  /** A string too long to be an enum value was seen. */
  longString: boolean;
  min: number;
  max: number;
}

export type Observations = Map<string, Observation>;

export function typeOf(value: unknown): ValueType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

/**
 * Walks one parsed body into per-pointer observations, within the bounds above. `known` limits
 * new pointers once the model is full.
 */
export function observe(body: unknown, canAdd: (pointer: string) => boolean): Observations {
  const seen: Observations = new Map();
  const visit = (value: unknown, pointer: string, depth: number): void => {
    let entry = seen.get(pointer);
    if (!entry) {
      if (!canAdd(pointer)) return;
      entry = {
        count: 0,
        objects: 0,
        types: new Set(),
        formats: new Set(),
        strings: new Set(),
        longString: false,
        min: Infinity,
        max: -Infinity,
      };
      seen.set(pointer, entry);
    }
    entry.count += 1;
    const type = typeOf(value);
    entry.types.add(type);
    if (type === 'string') {
      const text = value as string;
      entry.formats.add(formatOf(text));
      if (text.length <= ENUM_MAX_LENGTH) {
        if (entry.strings.size <= ENUM_MAX_VALUES) entry.strings.add(text);
      } else entry.longString = true;
    } else if (type === 'integer' || type === 'number') {
      const number = value as number;
      if (number < entry.min) entry.min = number;
      if (number > entry.max) entry.max = number;
    } else if (depth < MAX_DEPTH && type === 'object') {
      entry.objects += 1;
      for (const [key, child] of Object.entries(value as Record<string, unknown>))
        visit(child, childPointer(pointer, key), depth + 1);
    } else if (depth < MAX_DEPTH && type === 'array') {
      const items = value as unknown[];
      const itemPointer = `${pointer}/${ITEMS}`;
      for (let i = 0; i < items.length && i < MAX_ARRAY_ITEMS; i++)
        visit(items[i], itemPointer, depth + 1);
    }
  };
  visit(body, '', 0);
  return seen;
}

/** The pointer one level up (`/a/b` → `/a`); null for the root. */
export function parentOf(pointer: string): string | null {
  if (pointer === '') return null;
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

export const isItemPointer = (pointer: string): boolean => pointer.endsWith(`/${ITEMS}`);

/**
 * Deliveries in which the key at `pointer` was missing from some instance of its parent object:
 * present in fewer instances than the parent had objects. Array items are never "missing".
 */
function missingIn(observations: Observations, pointer: string): boolean {
  if (isItemPointer(pointer)) return false;
  const parent = parentOf(pointer);
  if (parent === null) return false;
  const parentSeen = observations.get(parent);
  if (!parentSeen || parentSeen.objects === 0) return false;
  const own = observations.get(pointer);
  return !own || own.count < parentSeen.objects;
}

/** Folds one body's observations into the model (mutates it), at time `at` (ms). */
export function learn(model: ShapeModel, observations: Observations, at: number): void {
  model.deliveries += 1;
  for (const [pointer, seen] of observations) {
    let stats = model.pointers[pointer];
    if (!stats) {
      stats = { seen: 0, absent: 0, types: {}, typeSince: {}, since: at };
      model.pointers[pointer] = stats;
    }
    stats.seen += 1;
    for (const type of seen.types) {
      stats.types[type] = (stats.types[type] ?? 0) + 1;
      stats.typeSince[type] ??= at;
    }
    if (seen.formats.size > 0) {
      const formats = (stats.formats ??= {});
      for (const format of seen.formats) formats[format] = (formats[format] ?? 0) + 1;
    }
    if (seen.types.has('string')) {
      if (seen.longString || seen.strings.size > ENUM_MAX_VALUES) stats.values = null;
      else if (stats.values !== null) {
        const values = (stats.values ??= {});
        for (const text of seen.strings) values[text] = (values[text] ?? 0) + 1;
        if (Object.keys(values).length > ENUM_MAX_VALUES) stats.values = null;
      }
    }
    if (seen.min !== Infinity) {
      stats.min = stats.min === undefined ? seen.min : Math.min(stats.min, seen.min);
      stats.max = stats.max === undefined ? seen.max : Math.max(stats.max as number, seen.max);
    }
  }
  // Keys the model knows that this body's parent objects lacked (in some instance or all).
  for (const pointer of Object.keys(model.pointers)) {
    if (missingIn(observations, pointer)) (model.pointers[pointer] as PointerStats).absent += 1;
  }
}

/** Room for a new pointer in the model (marks it capped when full). */
export function roomFor(model: ShapeModel): (pointer: string) => boolean {
  let count = Object.keys(model.pointers).length;
  return (pointer) => {
    if (model.pointers[pointer]) return true;
    if (count >= MAX_POINTERS) {
      model.capped = true;
      return false;
    }
    count += 1;
    return true;
  };
}

/** The deliveries in which the pointer's parent object was present (its object count). */
export function parentObjects(model: ShapeModel, pointer: string): number {
  const parent = parentOf(pointer);
  if (parent === null) return model.deliveries;
  return model.pointers[parent]?.types.object ?? 0;
}

/** Present in every delivery whose parent object was there, in every instance. */
export function isRequired(model: ShapeModel, pointer: string): boolean {
  if (isItemPointer(pointer)) return false;
  const stats = model.pointers[pointer];
  if (!stats) return false;
  return stats.absent === 0 && stats.seen >= parentObjects(model, pointer);
}

/**
 * An enum: few distinct short strings, each seen more than once on average (so a field of ids that
 * happens to have few values yet is not mistaken for one), and strings only.
 */
export function enumValues(stats: PointerStats): string[] | null {
  const values = stats.values;
  if (!values) return null;
  const distinct = Object.keys(values);
  const strings = stats.types.string ?? 0;
  if (distinct.length === 0 || distinct.length > ENUM_MAX_VALUES) return null;
  if (strings < 2 * distinct.length) return null;
  const format = singleFormat(stats);
  if (format !== null && format !== 'text') return null;
  return distinct.sort();
}

/** The one format every string at this pointer had, or null when they differed. */
export function singleFormat(stats: PointerStats): StringFormat | null {
  const formats = Object.keys(stats.formats ?? {}) as StringFormat[];
  return formats.length === 1 ? (formats[0] as StringFormat) : null;
}

/** The types, with integer folded into number when both were seen. */
export function typeList(types: Partial<Record<ValueType, number>>): ValueType[] {
  const list = (Object.keys(types) as ValueType[]).filter((type) => (types[type] ?? 0) > 0);
  const order: ValueType[] = ['object', 'array', 'string', 'integer', 'number', 'boolean', 'null'];
  const folded = list.includes('number') ? list.filter((type) => type !== 'integer') : list;
  return order.filter((type) => folded.includes(type));
}
