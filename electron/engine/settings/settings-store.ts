import { existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { z } from 'zod';
import { databaseFile } from '../data-dir';
import { migrate } from '../store/migrations';
import { messageOf, openDatabase, type SqliteDatabase } from '../store/open-store';
import { LEGACY_SETTINGS_FILES, type LegacySettingsFile } from './legacy-files';

/**
 * Typed settings over the workspace's SQLite file (table `settings`, migration 9). Each value is
 * JSON validated on read with the caller's schema: a damaged value is an error naming its key,
 * and every other key still reads.
 */
export interface SettingsStore {
  /** The stored value, or `fallback` when the key was never written (or the table is absent). */
  read<T>(key: string, schema: z.ZodType<T>, fallback: T): T;
  /** Validates and stores `value` (one autocommit statement: the receiver is never held up). */
  write<T>(key: string, schema: z.ZodType<T>, value: T): T;
  close(): void;
}

export class DamagedSettingError extends Error {
  constructor(
    readonly key: string,
    detail: string,
  ) {
    super(`The setting "${key}" in the workspace is damaged (${detail}).`);
    this.name = 'DamagedSettingError';
  }
}

export interface OpenSettingsOptions {
  /** Open without writing anything (no migration, no import): for read-only CLI commands. */
  readOnly?: boolean;
  /** A legacy file that could not be imported (reported once per version of that file). */
  onError?: (error: Error) => void;
  /** The JSON files to import; the real list unless a test narrows it. */
  legacyFiles?: readonly LegacySettingsFile[];
}

const MIGRATED_SUFFIX = '.migrated';
/** Where the import remembers a rejected file, so the same file is reported only once. */
const REJECTED_PREFIX = 'legacy-import.rejected:';
const RejectedMark = z.strictObject({ size: z.number(), mtimeMs: z.number() });

/**
 * Opens a small connection of its own: settings are read and written rarely (start-up, a save in
 * the UI), so they never share a transaction with the receiver's batches, and each statement is
 * a short autocommit (WAL lets it run beside the store's writer).
 */
export function openSettingsStore(
  dataDir: string,
  options: OpenSettingsOptions = {},
): SettingsStore {
  const file = databaseFile(dataDir);
  if (options.readOnly) return openReadOnly(file);
  const db = openDatabase(file);
  try {
    // The same steps the delivery store runs; a file it has already brought up to date is untouched.
    migrate(db);
    const store = settingsOver(db);
    importLegacyFiles(dataDir, db, store, options);
    return store;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens the settings, runs `work`, closes them: for modules that touch a setting now and then. */
export function withSettings<T>(
  dataDir: string,
  work: (settings: SettingsStore) => T,
  options: OpenSettingsOptions = {},
): T {
  const settings = openSettingsStore(dataDir, options);
  try {
    return work(settings);
  } finally {
    settings.close();
  }
}

function openReadOnly(file: string): SettingsStore {
  // No file yet, or one written before migration 9: nothing was saved, every key is its fallback.
  if (!existsSync(file)) return settingsOver(null);
  const db = new Database(file, { readonly: true });
  // A reader can meet a checkpoint truncating the WAL: wait for it, as the store's connections do.
  db.exec('PRAGMA busy_timeout = 5000');
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'")
    .get([]);
  if (!hasTable) {
    db.close();
    return settingsOver(null);
  }
  return settingsOver(db, true);
}

function settingsOver(db: SqliteDatabase | null, readOnly = false): SettingsStore {
  const select = db?.prepare('SELECT value FROM settings WHERE key = ?');
  return {
    read(key, schema, fallback) {
      const row = select?.get([key]) as { value: string } | undefined;
      if (!row) return fallback;
      let json: unknown;
      try {
        json = JSON.parse(row.value);
      } catch (error) {
        throw new DamagedSettingError(key, `not JSON: ${messageOf(error)}`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new DamagedSettingError(key, z.prettifyError(parsed.error));
      return parsed.data;
    },
    write(key, schema, value) {
      if (!db || readOnly)
        throw new Error(`Cannot save the setting "${key}": the workspace is open read-only.`);
      const valid = schema.parse(value);
      db.prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ).run([key, JSON.stringify(valid), Date.now()]);
      return valid;
    },
    close() {
      db?.close();
    },
  };
}

/**
 * Each legacy JSON file still present is validated with its old schema, stored, and renamed
 * `*.migrated`. A value already in the table wins (the file is only renamed): the table is the
 * newer truth. A file the schema rejects stays where it is, reported once, and the default is used.
 */
function importLegacyFiles(
  dataDir: string,
  db: SqliteDatabase,
  store: SettingsStore,
  options: OpenSettingsOptions,
): void {
  // The converted value comes from a file its schema accepted; stored as is, only if absent.
  const insert = db.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO NOTHING',
  );
  for (const legacy of options.legacyFiles ?? LEGACY_SETTINGS_FILES) {
    const path = join(dataDir, legacy.file);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    let value: unknown;
    try {
      value = legacy.convert(legacy.schema.parse(JSON.parse(readFileSync(path, 'utf8'))));
    } catch (error) {
      const mark = { size: stat.size, mtimeMs: stat.mtimeMs };
      const markKey = `${REJECTED_PREFIX}${legacy.file}`;
      let known: z.infer<typeof RejectedMark> | null = null;
      try {
        known = store.read(markKey, RejectedMark, null);
      } catch {
        known = null;
      }
      if (known?.size !== mark.size || known.mtimeMs !== mark.mtimeMs) {
        options.onError?.(
          new Error(
            `${path} is not valid (${messageOf(error)}); it was left in place and the defaults are used`,
          ),
        );
        store.write(markKey, RejectedMark, mark);
      }
      continue;
    }
    insert.run([legacy.key, JSON.stringify(value), Date.now()]);
    renameSync(path, `${path}${MIGRATED_SUFFIX}`);
  }
}
