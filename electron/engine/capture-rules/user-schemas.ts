import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SchemaDocumentFormat, type UserSchemaView } from '../../contract/capture-rules';
import { writeFileAtomic } from '../secrets';
import type { ImportedSchema } from './schema-document';
import { findUserSchema, type UserSchemaLookup } from './user-schema-lookup';

const StoredSchema = z.object({
  id: z.string(),
  endpoint: z.string(),
  event: z.string().nullable(),
  name: z.string(),
  format: SchemaDocumentFormat,
  schema: z.record(z.string(), z.unknown()),
  template: z.unknown().nullable(),
  importedAt: z.number(),
});
type StoredSchema = z.infer<typeof StoredSchema>;

export type { UserSchemaLookup } from './user-schema-lookup';

export interface UserSchemaBook extends UserSchemaLookup {
  /** Every stored schema (the store's thread derives verdicts from a copy). */
  all(): readonly StoredSchema[];
  list(endpoint?: string): UserSchemaView[];
  /** Replaces schemas of the same (endpoint, event); answers the added ones. */
  add(
    endpoint: string,
    format: z.infer<typeof SchemaDocumentFormat>,
    found: readonly ImportedSchema[],
  ): UserSchemaView[];
  /** Answers how many were removed and the endpoints whose schemas changed. */
  remove(ids: readonly string[]): { removed: number; endpoints: string[] };
}

export class SchemasFileError extends Error {
  override name = 'SchemasFileError';
}

const toView = ({ schema: _schema, ...view }: StoredSchema): UserSchemaView => view;

/** `<dataDir>/schemas.json`: every imported schema, read once, rewritten atomically on change. */
export function createUserSchemaBook(dataDir: string): UserSchemaBook {
  const file = join(dataDir, 'schemas.json');
  let schemas = load(file);
  const save = (next: StoredSchema[]) => {
    writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`, 0o644);
    schemas = next;
  };

  return {
    find: (endpoint, event) => findUserSchema(schemas, endpoint, event),
    all: () => schemas,
    list(endpoint) {
      return schemas.filter((s) => endpoint === undefined || s.endpoint === endpoint).map(toView);
    },
    add(endpoint, format, found) {
      const importedAt = Date.now();
      const added = found.map((entry) => ({
        id: randomUUID(),
        endpoint,
        event: entry.event,
        name: entry.name,
        format,
        schema: entry.schema,
        template: entry.template ?? null,
        importedAt,
      }));
      const replaced = new Set(added.map((entry) => entry.event));
      const kept = schemas.filter((s) => s.endpoint !== endpoint || !replaced.has(s.event));
      save([...kept, ...added]);
      return added.map(toView);
    },
    remove(ids) {
      const doomed = new Set(ids);
      const gone = schemas.filter((s) => doomed.has(s.id));
      if (gone.length > 0) save(schemas.filter((s) => !doomed.has(s.id)));
      return { removed: gone.length, endpoints: [...new Set(gone.map((s) => s.endpoint))] };
    },
  };
}

function load(file: string): StoredSchema[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new SchemasFileError(`${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SchemasFileError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = z.array(StoredSchema).safeParse(json);
  if (!parsed.success) throw new SchemasFileError(`${file}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
