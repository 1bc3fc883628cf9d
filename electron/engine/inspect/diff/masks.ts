import { pointerSegments } from './pointer';

/** Compiles mask patterns into a predicate over JSON pointers. */
export function compileMasks(patterns: readonly string[] = []): (pointer: string) => boolean {
  const keyNames = new Set(patterns.filter((p) => !p.startsWith('/')));
  const pointerPatterns = patterns.filter((p) => p.startsWith('/')).map(pointerSegments);
  return (pointer) => {
    const segments = pointerSegments(pointer);
    const last = segments.at(-1);
    if (last !== undefined && keyNames.has(last)) return true;
    return pointerPatterns.some(
      (pattern) =>
        pattern.length === segments.length &&
        pattern.every((part, i) => part === '*' || part === segments[i]),
    );
  };
}
