import type { z } from 'zod';

/** A key that reads unambiguously after a dot; any other is shown as a JSON string in brackets. */
const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * `endpoints[0].response.status` from a zod issue path, so errors name the bad field. Keys that
 * are not plain words (header names holding CR/LF, spaces, dots) print as `headers["X\r\nY"]`.
 */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && !PLAIN_KEY.test(key)) out += `[${JSON.stringify(key)}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/**
 * One line per issue (at most `max`), each prefixed with the field it is about. An unknown key is
 * named by its own path (`extra: unknown key`), not by the object that holds it.
 */
export function describeIssues(error: z.ZodError, max = 5): string {
  const all = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key], message: 'unknown key' }))
      : [{ path: issue.path, message: issue.message }],
  );
  const lines = all.slice(0, max).map((issue) => {
    const where = issuePath(issue.path);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = all.length - max;
  if (more > 0) lines.push(`(and ${more} more)`);
  return lines.join('; ');
}
