// Schema errors keyed by the JSON pointer they name, for the body tree to mark in place.
import type { Verdict } from '../../../../electron/contract/verdict';
import type { PointerMarks } from '../detail/json-tree';

export function schemaMarks(verdict: Verdict | null): PointerMarks | undefined {
  if (!verdict || verdict.schema.errors.length === 0) return undefined;
  const marks = new Map<string, string[]>();
  for (const error of verdict.schema.errors) {
    const list = marks.get(error.pointer) ?? [];
    list.push(error.message);
    marks.set(error.pointer, list);
  }
  return marks;
}
