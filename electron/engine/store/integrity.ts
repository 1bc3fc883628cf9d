// Damaged databases (issue 13 item 8): find out at open, read around the damage, rebuild.
import { existsSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseDamage } from '../../contract/delivery';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'libsql';
import { migrate } from './migrations';
import { messageOf, openDatabase, type SqliteDatabase } from './open-store';
import { restrictFileModes } from '../data-dir';

/** What `PRAGMA quick_check` said, and how long it took (it reads every page). */
export interface IntegrityReport {
  ok: boolean;
  /** quick_check's own lines (at most MAX_PROBLEMS), e.g. "Tree 2 page 57 cell 3: ...". */
  problems: string[];
  durationMs: number;
}

const MAX_PROBLEMS = 20;

/** The command that rebuilds a damaged store, shown wherever damage is reported. */
export const repairCommand = (dataDir: string): string =>
  `hookscope repair --data-dir ${JSON.stringify(dataDir)}`;

/** The loud message (stderr, the app's notice) for a failed check, with the repair command. */
export function describeDamage(file: string, check: IntegrityReport): DatabaseDamage {
  const command = repairCommand(dirname(file));
  const first = check.problems[0] ?? 'unknown damage';
  const more = check.problems.length > 1 ? ` (and ${check.problems.length - 1} more)` : '';
  return {
    problems: check.problems,
    checkedInMs: Math.round(check.durationMs),
    repairCommand: command,
    message:
      `WARNING: the database ${file} is damaged (PRAGMA quick_check: ${first}${more}). ` +
      `Deliveries on damaged pages cannot be read; new deliveries are still stored. ` +
      `Stop Hookscope and run: ${command}`,
  };
}

/** `PRAGMA quick_check` on an open connection (O(pages); skips index-vs-table cross checks). */
export function quickCheck(db: SqliteDatabase): IntegrityReport {
  const started = performance.now();
  let problems: string[];
  try {
    const rows = db.prepare(`PRAGMA quick_check(${MAX_PROBLEMS})`).raw().all([]) as unknown[][];
    problems = rows.map((row) => String(row[0])).filter((line) => line !== 'ok');
  } catch (error) {
    // A header or schema page so damaged that the check cannot even run.
    problems = [messageOf(error)];
  }
  return { ok: problems.length === 0, problems, durationMs: performance.now() - started };
}

// The worker is plain JavaScript given as source, like checkpointer.ts, so it needs no build step.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.libsql);
const started = performance.now();
let problems;
try {
  const db = new Database(workerData.file, { readonly: true });
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    const rows = db.prepare('PRAGMA quick_check(${MAX_PROBLEMS})').raw().all([]);
    problems = rows.map((row) => String(row[0])).filter((line) => line !== 'ok');
  } finally {
    db.close();
  }
} catch (error) {
  problems = [String(error && error.message)];
}
parentPort.postMessage({ ok: problems.length === 0, problems, durationMs: performance.now() - started });
`;

/**
 * Runs quick_check on its own connection in a worker thread: it reads the whole file (seconds on
 * a large store), which must never hold up the receiver's thread.
 */
export function checkIntegrityInBackground(file: string): Promise<IntegrityReport> {
  const libsql = createRequire(import.meta.url).resolve('libsql');
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, libsql } });
    // A check still running must not keep a finished process alive.
    worker.unref();
    let settled = false;
    const settle = (report: IntegrityReport) => {
      if (settled) return;
      settled = true;
      resolve(report);
    };
    worker.once('message', (report: IntegrityReport) => settle(report));
    worker.once('error', (error) =>
      settle({ ok: false, problems: [`integrity check failed: ${error.message}`], durationMs: 0 }),
    );
    worker.once('exit', () =>
      settle({ ok: true, problems: [], durationMs: 0 /* stopped before it could finish */ }),
    );
  });
}

/** A row the database could not read: named by id when an index still knows it, else by seq. */
export interface UnreadableRow {
  seq: number;
  id: string | null;
  reason: string;
}

export type SalvagedRow<Row> =
  { seq: number; row: Row } | { seq: number; unreadable: UnreadableRow };

/**
 * The deliveries' seqs (and ids) without reading the table itself: from the UNIQUE(id) index,
 * else another index on deliveries, else by probing every seq up to the AUTOINCREMENT high-water
 * mark. A damaged table page then costs only the rows on it.
 */
function knownSeqs(db: SqliteDatabase, afterSeq: number): Map<number, string | null> {
  const sources = [
    "SELECT seq, id FROM deliveries INDEXED BY sqlite_autoindex_deliveries_1 WHERE id > ''",
    'SELECT seq, NULL AS id FROM deliveries INDEXED BY deliveries_by_received_at WHERE received_at > -1e18',
  ];
  for (const sql of sources) {
    try {
      const rows = db.prepare(sql).raw().all([]) as [number, string | null][];
      return new Map(rows.filter(([seq]) => seq > afterSeq));
    } catch {
      // This index is damaged too: try the next source.
    }
  }
  let high = 0;
  try {
    const row = db
      .prepare("SELECT seq FROM sqlite_sequence WHERE name = 'deliveries'")
      .raw()
      .get([]) as [number] | undefined;
    high = row?.[0] ?? 0;
  } catch {
    high = 0;
  }
  const seqs = new Map<number, string | null>();
  for (let seq = afterSeq + 1; seq <= high; seq += 1) seqs.set(seq, null);
  return seqs;
}

/**
 * Every delivery row after `afterSeq` that can be read, oldest first, one point lookup each;
 * rows that cannot be read (or that an index lists but the table lost) come out as unreadable.
 */
export function* salvageDeliveryRows<Row extends { seq: number }>(
  db: SqliteDatabase,
  afterSeq = -1,
): Generator<SalvagedRow<Row>> {
  const seqs = knownSeqs(db, afterSeq);
  const sql = 'SELECT * FROM deliveries WHERE seq = ?';
  // libsql leaves a statement that hit SQLITE_CORRUPT failing on every later call: a fresh one
  // after each error, so a damaged page costs only its own rows.
  let select = db.prepare(sql);
  const fromIndex = seqs.size > 0 && [...seqs.values()].some((id) => id !== null);
  for (const seq of [...seqs.keys()].sort((a, b) => a - b)) {
    const id = seqs.get(seq) ?? null;
    let row: Row | undefined;
    try {
      row = select.get([seq]) as Row | undefined;
    } catch (error) {
      select = db.prepare(sql);
      yield { seq, unreadable: { seq, id, reason: messageOf(error) } };
      continue;
    }
    if (row) yield { seq, row };
    // Probing gaps (evicted rows) is normal; a row an index knows but the table lost is not.
    else if (fromIndex)
      yield { seq, unreadable: { seq, id, reason: 'row missing from the table' } };
  }
}

/** SQLite's own words for a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB). */
export function isCorruption(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return (
    code.startsWith('SQLITE_CORRUPT') ||
    code === 'SQLITE_NOTADB' ||
    /malformed|not a database|corrupt/i.test(messageOf(error))
  );
}

export interface RepairReport {
  /** The rebuilt database, now at the store's path. */
  file: string;
  /** Where the damaged file (and its -wal/-shm) were moved. */
  damagedCopy: string;
  deliveries: number;
  unreadable: UnreadableRow[];
  /** Other tables (settings, endpoints, send attempts...): rows copied, and any left behind. */
  tables: { name: string; copied: number; problem: string | null }[];
  after: IntegrityReport;
}

/** Tables the rebuild derives rather than copies (full-text index and its shadows, totals). */
const DERIVED_TABLE = /^(deliveries_fts.*|store_totals|sqlite_.*)$/;

function columnsOf(db: SqliteDatabase, table: string): string[] {
  const rows = db.prepare(`PRAGMA table_info(${JSON.stringify(table)})`).all([]) as {
    name: string;
  }[];
  return rows.map((row) => row.name);
}

const quote = (name: string) => JSON.stringify(name);

/** Copies one ordinary table, row by row when a plain scan hits damage. */
function copyTable(
  source: SqliteDatabase,
  target: SqliteDatabase,
  table: string,
  withoutRowid: boolean,
): { copied: number; problem: string | null } {
  const targetColumns = new Set(columnsOf(target, table));
  const columns = columnsOf(source, table).filter((name) => targetColumns.has(name));
  if (columns.length === 0) return { copied: 0, problem: 'no columns in common' };
  const list = columns.map(quote).join(', ');
  const rowid = withoutRowid ? '' : 'rowid AS "__rowid", ';
  const insert = target.prepare(
    `INSERT OR REPLACE INTO ${quote(table)} (${withoutRowid ? '' : 'rowid, '}${list}) VALUES (${[
      ...(withoutRowid ? [] : ['?']),
      ...columns.map(() => '?'),
    ].join(', ')})`,
  );
  const write = (row: Record<string, unknown>) =>
    insert.run([...(withoutRowid ? [] : [row['__rowid']]), ...columns.map((name) => row[name])]);
  try {
    const rows = source.prepare(`SELECT ${rowid}${list} FROM ${quote(table)}`).all([]) as Record<
      string,
      unknown
    >[];
    rows.forEach(write);
    return { copied: rows.length, problem: null };
  } catch (error) {
    if (withoutRowid) return { copied: 0, problem: messageOf(error) };
  }
  // Row by row up to the highest rowid that can still be found.
  let copied = 0;
  let skipped = 0;
  let high = 0;
  try {
    high = Number(
      (
        source
          .prepare(`SELECT max(rowid) FROM ${quote(table)}`)
          .raw()
          .get([]) as [number]
      )[0] ?? 0,
    );
  } catch (error) {
    return { copied: 0, problem: messageOf(error) };
  }
  const byRowid = `SELECT ${rowid}${list} FROM ${quote(table)} WHERE rowid = ?`;
  let select = source.prepare(byRowid);
  for (let id = 1; id <= high; id += 1) {
    try {
      const row = select.get([id]) as Record<string, unknown> | undefined;
      if (row) {
        write(row);
        copied += 1;
      }
    } catch {
      select = source.prepare(byRowid); // see salvageDeliveryRows
      skipped += 1;
    }
  }
  return { copied, problem: skipped > 0 ? `${skipped} unreadable rows left behind` : null };
}

/**
 * Rebuilds a damaged store: a fresh database with the current schema, every readable row copied
 * (deliveries keep their seq, so pins, labels and send attempts still point at them), totals
 * recomputed and the full-text index rebuilt at next open. The damaged file is kept aside as
 * `<db>.damaged-<time>` (with its -wal and -shm). No other process may have the store open.
 */
export function repairDatabase(file: string, now = Date.now()): RepairReport {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  const fresh = `${file}.repair-${now}`;
  const source = new Database(file, { readonly: true }) as SqliteDatabase;
  let target: SqliteDatabase | null = null;
  const unreadable: UnreadableRow[] = [];
  const tables: RepairReport['tables'] = [];
  let deliveries = 0;
  try {
    target = openDatabase(fresh);
    migrate(target);
    const run = target;
    const deliveryColumns = columnsOf(run, 'deliveries');
    const insertDelivery = run.prepare(
      `INSERT INTO deliveries (${deliveryColumns.map(quote).join(', ')}) VALUES (${deliveryColumns
        .map(() => '?')
        .join(', ')})`,
    );
    run.exec('BEGIN');
    for (const item of salvageDeliveryRows<Record<string, unknown> & { seq: number }>(source)) {
      if ('unreadable' in item) {
        unreadable.push(item.unreadable);
        continue;
      }
      try {
        insertDelivery.run(deliveryColumns.map((name) => item.row[name] ?? null));
        deliveries += 1;
      } catch (error) {
        unreadable.push({
          seq: item.seq,
          id: typeof item.row['id'] === 'string' ? item.row['id'] : null,
          reason: messageOf(error),
        });
      }
    }
    let schema: { name: string; sql: string | null }[] = [];
    try {
      schema = source
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        .all([]) as typeof schema;
    } catch (error) {
      tables.push({ name: 'sqlite_master', copied: 0, problem: messageOf(error) });
    }
    const targetTables = new Set(
      (
        run.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all([]) as {
          name: string;
        }[]
      ).map((row) => row.name),
    );
    for (const { name, sql } of schema) {
      if (name === 'deliveries' || DERIVED_TABLE.test(name) || !targetTables.has(name)) continue;
      const withoutRowid = /without\s+rowid/i.test(sql ?? '');
      tables.push({ name, ...copyTable(source, run, name, withoutRowid) });
    }
    // Seqs are never reused: keep the high-water mark of the damaged file when it is readable.
    let high = 0;
    try {
      const row = source
        .prepare("SELECT seq FROM sqlite_sequence WHERE name = 'deliveries'")
        .raw()
        .get([]) as [number] | undefined;
      high = row?.[0] ?? 0;
    } catch {
      high = 0;
    }
    run
      .prepare("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'deliveries'")
      .run([high]);
    // Totals from the rows actually copied; indexed_seq 0 makes the next open re-index them all.
    run.exec(
      'UPDATE store_totals SET count = (SELECT count(*) FROM deliveries), ' +
        'bytes = (SELECT coalesce(sum(stored_bytes), 0) FROM deliveries), indexed_seq = 0 WHERE id = 1',
    );
    run.exec('COMMIT');
  } catch (error) {
    target?.close();
    source.close();
    for (const suffix of ['', '-wal', '-shm']) {
      try {
        if (existsSync(fresh + suffix)) renameSync(fresh + suffix, `${fresh}${suffix}.failed`);
      } catch {
        // Best effort: the original file is untouched either way.
      }
    }
    throw error;
  }
  const after = quickCheck(target);
  target.close();
  source.close();
  const damagedCopy = `${file}.damaged-${now}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, damagedCopy + suffix);
  }
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(fresh + suffix)) renameSync(fresh + suffix, file + suffix);
  }
  restrictFileModes(file);
  return { file, damagedCopy, deliveries, unreadable, tables, after };
}
