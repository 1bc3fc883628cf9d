import type { SqliteDatabase } from './open-store';
import { createTransactionRunner, pragmaValue } from './open-store';

/** One schema step. Steps are append-only: never edit a released step, add a new one. */
export interface Migration {
  version: number;
  description: string;
  up(db: SqliteDatabase): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'deliveries, full-text index, running totals',
    up(db) {
      // Small columns first and blobs last: list() then reads only the row's first page,
      // never the body's overflow pages.
      db.exec(`
        CREATE TABLE deliveries (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          received_at INTEGER NOT NULL,
          endpoint TEXT,
          remote_address TEXT NOT NULL,
          method TEXT NOT NULL COLLATE NOCASE,
          target TEXT NOT NULL,
          path TEXT NOT NULL,
          http_version TEXT NOT NULL,
          raw_headers TEXT NOT NULL,
          content_type TEXT,
          size INTEGER NOT NULL,
          truncated INTEGER NOT NULL,
          via TEXT NOT NULL,
          response_status INTEGER,
          provider TEXT,
          event TEXT,
          handshake INTEGER NOT NULL,
          badge TEXT NOT NULL,
          verdict TEXT,
          response TEXT,
          stored_bytes INTEGER NOT NULL,
          body BLOB NOT NULL,
          response_body BLOB
        );
        -- Every index implicitly ends with seq, so "filter + newest first" is an index walk.
        CREATE INDEX deliveries_by_method ON deliveries(method);
        CREATE INDEX deliveries_by_path ON deliveries(path);
        CREATE INDEX deliveries_by_endpoint ON deliveries(endpoint);
        CREATE INDEX deliveries_by_received_at ON deliveries(received_at);
        CREATE INDEX deliveries_by_provider_event ON deliveries(provider, event);
        CREATE INDEX deliveries_by_event ON deliveries(event);
        CREATE INDEX deliveries_by_badge ON deliveries(badge);
        CREATE INDEX deliveries_by_response_status ON deliveries(response_status);
        -- Contentless: the text lives only in the index (bodies are already stored once).
        -- contentless_delete lets rows be removed by rowid without replaying their text.
        CREATE VIRTUAL TABLE deliveries_fts USING fts5(
          target, headers, body,
          content = '', contentless_delete = 1,
          tokenize = 'unicode61 remove_diacritics 2'
        );
        -- Kept in the same transactions as the rows, so count and bytes are O(1) to read.
        CREATE TABLE store_totals (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          count INTEGER NOT NULL,
          bytes INTEGER NOT NULL
        );
        INSERT INTO store_totals (id, count, bytes) VALUES (1, 0, 0);
      `);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Brings the file to SCHEMA_VERSION; each step and its user_version bump commit together. */
export function migrate(db: SqliteDatabase): void {
  const current = Number(pragmaValue(db, 'user_version'));
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `The delivery store was written by a newer Hookscope (schema ${current}, this build knows ${SCHEMA_VERSION}).`,
    );
  }
  const transaction = createTransactionRunner(db);
  for (const step of MIGRATIONS) {
    if (step.version <= current) continue;
    transaction(() => {
      step.up(db);
      db.exec(`PRAGMA user_version = ${step.version}`);
    });
  }
}
