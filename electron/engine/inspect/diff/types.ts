/** One difference between two JSON documents, located by JSON pointer (in the newer document). */
export type DiffChange =
  | { kind: 'added'; pointer: string; new: unknown }
  | { kind: 'removed'; pointer: string; old: unknown }
  | { kind: 'changed'; pointer: string; old: unknown; new: unknown }
  | { kind: 'moved'; pointer: string; from: string; old: unknown; new: unknown };

export interface DiffOptions {
  /**
   * Pointer patterns to ignore: `/data/id`; a `*` segment matches any one segment (so
   * `/events/` + `*` + `/timestamp` masks every event's timestamp); a bare key name (`timestamp`)
   * ignores that key at any depth.
   */
  masks?: readonly string[];
}
