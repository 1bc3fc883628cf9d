// RFC 6901 JSON pointers for the body views: the tree builds them, schema errors and diffs use them.

export const childPointer = (parent: string, key: string): string =>
  `${parent}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** True when `pointer` is `ancestor` or lies under it. */
export const isWithin = (pointer: string, ancestor: string): boolean =>
  ancestor === '' || pointer === ancestor || pointer.startsWith(`${ancestor}/`);
