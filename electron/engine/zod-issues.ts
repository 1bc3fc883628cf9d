import type { z } from 'zod';

/** `endpoints[0].response.status` from a zod issue path, so errors name the bad field. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** One line per issue (at most `max`), each prefixed with the field it is about. */
export function describeIssues(error: z.ZodError, max = 5): string {
  const lines = error.issues.slice(0, max).map((issue) => {
    const where = issuePath(issue.path);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - max;
  if (more > 0) lines.push(`(and ${more} more)`);
  return lines.join('; ');
}
