/** RFC 6901 JSON Pointer helpers for `--set /a/b=value` and schema error locations. */

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw new Error(`invalid JSON pointer "${pointer}": it must start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Sets `value` at `pointer` in a JSON document, creating objects on the way; returns the document. */
export function setAtPointer(document: unknown, pointer: string, value: unknown): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const root = document ?? {};
  let node: unknown = root;
  tokens.forEach((token, index) => {
    const last = index === tokens.length - 1;
    if (Array.isArray(node)) {
      const position = token === '-' ? node.length : Number(token);
      if (!Number.isInteger(position) || position < 0)
        throw new Error(`"${token}" in ${pointer} is not an array index`);
      if (last) node[position] = value;
      else node = node[position] ??= {};
      return;
    }
    if (node === null || typeof node !== 'object')
      throw new Error(
        `cannot set ${pointer}: "${token}" is under a ${node === null ? 'null' : typeof node}`,
      );
    const object = node as Record<string, unknown>;
    if (last) object[token] = value;
    else node = object[token] ??= {};
  });
  return root;
}
