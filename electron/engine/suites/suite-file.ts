// Reading and writing suite files (docs/suites.md): stable key order and 2-space JSON, so a suite
// diffs well in review; parse errors name the JSON pointer of what is wrong.
import { Suite } from '../../contract/suites';

export class SuiteFileError extends Error {
  readonly code = 'invalid-input';
  override name = 'SuiteFileError';
}

export function parseSuite(text: string, where = 'the suite'): Suite {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SuiteFileError(`${where} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = Suite.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path ?? [];
  const pointer = path.length ? `${path.map((key) => `/${String(key)}`).join('')}: ` : '';
  throw new SuiteFileError(`${where}: ${pointer}${issue?.message ?? 'invalid'}`);
}

/** The file's text: version, name, cases in order, each case's keys in a fixed order. */
export function serializeSuite(suite: Suite): string {
  const ordered = {
    version: suite.version,
    name: suite.name,
    cases: suite.cases.map((item) => ({
      name: item.name,
      resign: item.resign,
      ...(item.resignWith ? { resignWith: item.resignWith } : {}),
      expect: {
        status: item.expect.status,
        maxMs: item.expect.maxMs,
        ...(item.expect.bodyContains !== undefined
          ? { bodyContains: item.expect.bodyContains }
          : {}),
        ...(item.expect.idempotent !== undefined ? { idempotent: item.expect.idempotent } : {}),
      },
      delivery: item.delivery,
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
