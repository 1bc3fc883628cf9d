// Header helpers both sides need (the engine and the renderer), so they exist once.

/** Case-insensitive lookup of the first header with this name, in raw header pairs. */
export function headerValue(
  rawHeaders: ReadonlyArray<readonly [string, string]>,
  name: string,
): string | null {
  const wanted = name.toLowerCase();
  for (const [key, value] of rawHeaders) if (key.toLowerCase() === wanted) return value;
  return null;
}
