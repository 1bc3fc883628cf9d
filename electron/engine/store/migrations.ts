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
          bytes INTEGER NOT NULL,
          -- Rows with a greater seq are not in the full-text index yet (see search-indexer.ts).
          indexed_seq INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO store_totals (id, count, bytes) VALUES (1, 0, 0);
      `);
    },
  },
  {
    version: 2,
    description: 'send attempts: replays, forwards, forges, handshake plays',
    up(db) {
      // No foreign key: a proxied forward is recorded before its delivery commits, and forged
      // attempts have no delivery. The trigger keeps attempts from outliving their delivery.
      db.exec(`
        CREATE TABLE send_attempts (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          delivery_id TEXT,
          kind TEXT NOT NULL,
          endpoint TEXT,
          forward_target TEXT,
          label TEXT,
          started_at INTEGER NOT NULL,
          attempt_number INTEGER NOT NULL,
          next_retry_at INTEGER,
          method TEXT NOT NULL,
          url TEXT NOT NULL,
          raw_headers TEXT NOT NULL,
          response_status INTEGER,
          response_headers TEXT,
          first_byte_ms REAL,
          total_ms REAL NOT NULL,
          failure_code TEXT,
          failure_message TEXT,
          body BLOB NOT NULL,
          response_body BLOB
        );
        CREATE INDEX send_attempts_by_delivery ON send_attempts(delivery_id);
        CREATE INDEX send_attempts_by_forward ON send_attempts(endpoint, forward_target)
          WHERE kind = 'forward';
        CREATE TRIGGER deliveries_drop_attempts AFTER DELETE ON deliveries
        BEGIN
          DELETE FROM send_attempts WHERE delivery_id = old.id;
        END;
      `);
    },
  },
  {
    version: 3,
    description: 'annotations: pinned, labels, note',
    up(db) {
      // ADD COLUMN with a constant default rewrites nothing: instant even on a full store.
      // labels is a JSON array (NULL when none) for the summary; delivery_labels indexes it for filtering.
      db.exec(`
        ALTER TABLE deliveries ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE deliveries ADD COLUMN labels TEXT;
        ALTER TABLE deliveries ADD COLUMN note TEXT;
        CREATE INDEX deliveries_pinned ON deliveries(seq) WHERE pinned = 1;
        -- The timeline groups by time and verdict: this index answers it without reading rows,
        -- and serves every received_at range the old one did.
        DROP INDEX deliveries_by_received_at;
        CREATE INDEX deliveries_by_received_at_badge ON deliveries(received_at, badge);
        -- "provider + event + verdict" is the inspector's most common combined filter: answered
        -- from this index alone (it still serves provider and provider + event).
        DROP INDEX deliveries_by_provider_event;
        CREATE INDEX deliveries_by_provider_event_badge ON deliveries(provider, event, badge);
        CREATE TABLE delivery_labels (
          label TEXT NOT NULL,
          seq INTEGER NOT NULL,
          PRIMARY KEY (label, seq)
        ) WITHOUT ROWID;
        CREATE INDEX delivery_labels_by_seq ON delivery_labels(seq);
        -- Deletes, clears and retention evictions all go through DELETE on deliveries.
        CREATE TRIGGER deliveries_drop_labels AFTER DELETE ON deliveries WHEN old.labels IS NOT NULL
        BEGIN
          DELETE FROM delivery_labels WHERE seq = old.seq;
        END;
      `);
    },
  },
  {
    version: 4,
    description: 'timeline by provider: (provider, received_at, badge) index',
    up(db) {
      // The timeline filtered by provider (the inspector's usual view) needs each matching row's
      // time and badge: without this index every one is a table lookup (130 ms for a sixth of
      // 100,000 deliveries), with it the range and the buckets are read from the index alone.
      db.exec(
        'CREATE INDEX deliveries_by_provider_received_at_badge ON deliveries(provider, received_at, badge);',
      );
    },
  },
  {
    version: 5,
    description: 'capture journals: how far each journal file has been written into deliveries',
    up(db) {
      // One row per journal file (one per capturing process): records up to `seq` are rows.
      // Updated in the same transaction as the rows, so a record is materialized exactly once.
      db.exec(
        'CREATE TABLE capture_journals (name TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;',
      );
    },
  },
  {
    version: 6,
    description:
      "badges: 'ok' only for a valid signature; unsigned or unchecked becomes 'unsigned'",
    up(db) {
      // The same rule as badgeOf (contract/verdict-badge.ts), for rows stored before it: 'ok' used
      // to mean "signature or schema valid", so a schema-valid unsigned delivery looked verified.
      db.exec(`
        UPDATE deliveries SET badge = 'unsigned'
        WHERE badge IN ('ok', 'none') AND verdict IS NOT NULL
          AND json_extract(verdict, '$.signature.status') <> 'valid'
          AND (json_extract(verdict, '$.signature.status') = 'missing'
               OR json_extract(verdict, '$.schema.status') = 'valid');
      `);
    },
  },
  {
    version: 7,
    description: 'inferred schemas and drift (issue 16): learned models, learning settings, drift per delivery',
    up(db) {
      // One model per endpoint and event (learning/shape-model.ts), updated in the transaction that
      // writes its deliveries; drift is kept apart from the verdict (the provider schema's).
      db.exec(`
        CREATE TABLE learned_models (
          key TEXT PRIMARY KEY,
          endpoint TEXT NOT NULL,
          event TEXT,
          path TEXT,
          deliveries INTEGER NOT NULL,
          first_seen INTEGER NOT NULL,
          last_seen INTEGER NOT NULL,
          drift_count INTEGER NOT NULL DEFAULT 0,
          drift_since INTEGER,
          model TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE learning_config (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          settle_after INTEGER NOT NULL,
          masks TEXT NOT NULL
        );
        INSERT INTO learning_config (id, settle_after, masks)
          VALUES (1, 20, '{"rules":[],"usePresets":true}');
        ALTER TABLE deliveries ADD COLUMN drift_status TEXT;
        ALTER TABLE deliveries ADD COLUMN drift TEXT;
        CREATE INDEX deliveries_by_drift ON deliveries(drift_status, seq)
          WHERE drift_status IS NOT NULL;
      `);
    },
  },
  {
    version: 9,
    description: 'settings (issue 15): one typed key per concept instead of JSON files',
    up(db) {
      // value is the setting's JSON, validated on read by its schema (engine/settings/schemas.ts).
      db.exec(`
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 8,
    description: 'replay suites (issue 16): suites saved in the workspace',
    up(db) {
      // The suite's file text, whole (engine/suites/suite-file.ts); name and count for the list.
      db.exec(`
        CREATE TABLE suites (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          case_count INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          text TEXT NOT NULL
        ) WITHOUT ROWID;
      `);
    },
  },
];

// Versions are assigned per feature, so entries may be listed out of order: run them by version.
const ORDERED_MIGRATIONS = [...MIGRATIONS].sort((x, y) => x.version - y.version);

export const SCHEMA_VERSION = ORDERED_MIGRATIONS[ORDERED_MIGRATIONS.length - 1]?.version ?? 0;

/** Brings the file to SCHEMA_VERSION; each step and its user_version bump commit together. */
export function migrate(db: SqliteDatabase): void {
  const current = Number(pragmaValue(db, 'user_version'));
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `The delivery store was written by a newer Hookscope (schema ${current}, this build knows ${SCHEMA_VERSION}).`,
    );
  }
  const transaction = createTransactionRunner(db);
  for (const step of ORDERED_MIGRATIONS) {
    if (step.version <= current) continue;
    transaction(() => {
      step.up(db);
      db.exec(`PRAGMA user_version = ${step.version}`);
    });
  }
}
