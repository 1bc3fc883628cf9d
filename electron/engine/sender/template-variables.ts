import { randomInt, randomUUID } from 'node:crypto';

/** What a template is being forged as: `{{event}}` is the event name exactly as the user typed it. */
export interface TemplateContext {
  event?: string;
}

/**
 * Variables a forged event's template may use inside string values: `{{uuid}}`, `{{now}}` (ISO 8601),
 * `{{now_unix}}`, `{{now_ms}}`, `{{random}}` (hex), `{{random_int}}`, `{{event}}` (the requested
 * event name in the user's spelling: Keyclic forges `report_created` or `reportCreated` as picked).
 * A string that is exactly `{{now_unix}}`/`{{now_ms}}`/`{{random_int}}` becomes a number, so
 * templates stay schema-valid.
 */
const VARIABLES: Record<
  string,
  (now: number, context: TemplateContext) => string | number | undefined
> = {
  uuid: () => randomUUID(),
  now: (now) => new Date(now).toISOString(),
  now_unix: (now) => Math.floor(now / 1000),
  now_ms: (now) => now,
  random: () => randomUUID().replaceAll('-', '').slice(0, 16),
  random_int: () => randomInt(1, 1_000_000),
  event: (_now, context) => context.event,
};

const PATTERN = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** Expands `{{name}}` inside a text as text; unknown names (and `{{event}}` without an event) stay as written. */
export function expandText(
  text: string,
  now: number = Date.now(),
  context: TemplateContext = {},
): string {
  return text.replace(PATTERN, (match, name: string) => {
    const value = VARIABLES[name]?.(now, context);
    return value === undefined ? match : String(value);
  });
}

export function expandVariables(
  value: unknown,
  now: number = Date.now(),
  context: TemplateContext = {},
): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{\s*([a-z_]+)\s*\}\}$/.exec(value);
    const made = whole ? VARIABLES[whole[1]!]?.(now, context) : undefined;
    if (made !== undefined) return made;
    return expandText(value, now, context);
  }
  if (Array.isArray(value)) return value.map((item) => expandVariables(item, now, context));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, expandVariables(item, now, context)]),
    );
  }
  return value;
}
