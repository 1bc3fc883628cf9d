import { randomInt, randomUUID } from 'node:crypto';

/**
 * Variables a forged event's template may use inside string values: `{{uuid}}`, `{{now}}` (ISO 8601),
 * `{{now_unix}}`, `{{now_ms}}`, `{{random}}` (hex), `{{random_int}}`. A string that is exactly
 * `{{now_unix}}`/`{{now_ms}}`/`{{random_int}}` becomes a number, so templates stay schema-valid.
 */
const VARIABLES: Record<string, (now: number) => string | number> = {
  uuid: () => randomUUID(),
  now: (now) => new Date(now).toISOString(),
  now_unix: (now) => Math.floor(now / 1000),
  now_ms: (now) => now,
  random: () => randomUUID().replaceAll('-', '').slice(0, 16),
  random_int: () => randomInt(1, 1_000_000),
};

const PATTERN = /\{\{\s*([a-z_]+)\s*\}\}/g;

export function expandVariables(value: unknown, now: number = Date.now()): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{\s*([a-z_]+)\s*\}\}$/.exec(value);
    const make = whole ? VARIABLES[whole[1]!] : undefined;
    if (make) return make(now);
    return value.replace(PATTERN, (match, name: string) => {
      const variable = VARIABLES[name];
      return variable ? String(variable(now)) : match;
    });
  }
  if (Array.isArray(value)) return value.map((item) => expandVariables(item, now));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, expandVariables(item, now)]),
    );
  }
  return value;
}
