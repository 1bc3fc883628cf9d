/** An imported schema as stored in `<dataDir>/schemas.json` (validated by user-schemas.ts). */
export interface UserSchema {
  id: string;
  endpoint: string;
  event: string | null;
  name: string;
  format: 'json-schema' | 'openapi';
  schema: Record<string, unknown>;
  template: unknown;
  importedAt: number;
}

export interface UserSchemaLookup {
  /** The schema for this event, else the endpoint's catch-all one (event null), else null. */
  find(endpoint: string, event: string | null): UserSchema | null;
}

/**
 * The lookup rule on its own (no zod, no files), so the store's worker thread, which derives
 * verdicts from a copy of the schemas, applies exactly the rule the app does.
 */
export function findUserSchema(
  schemas: readonly UserSchema[],
  endpoint: string,
  event: string | null,
): UserSchema | null {
  let fallback: UserSchema | null = null;
  for (const stored of schemas) {
    if (stored.endpoint !== endpoint) continue;
    if (event !== null && stored.event === event) return stored;
    if (stored.event === null) fallback = stored;
  }
  return fallback;
}
