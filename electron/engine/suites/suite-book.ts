// Suites saved in the workspace (the app's Suites view), in the store's SQLite file: a suite is
// a user document, kept whole as the text of its file.
import { randomUUID } from 'node:crypto';
import type { Suite, SuiteSummary } from '../../contract/suites';
import type { SqliteDatabase } from '../store/open-store';
import { parseSuite, serializeSuite } from './suite-file';

export interface SuiteBook {
  list(): SuiteSummary[];
  get(id: string): Suite | null;
  save(suite: Suite, id?: string): string;
  remove(id: string): boolean;
}

interface Row {
  id: string;
  name: string;
  case_count: number;
  updated_at: number;
}

export function openSuiteBook(db: SqliteDatabase): SuiteBook {
  return {
    list() {
      const rows = db
        .prepare('SELECT id, name, case_count, updated_at FROM suites ORDER BY updated_at DESC')
        .all([]) as Row[];
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        caseCount: row.case_count,
        updatedAt: row.updated_at,
      }));
    },
    get(id) {
      const row = db.prepare('SELECT text FROM suites WHERE id = ?').get([id]) as
        { text: string } | undefined;
      return row ? parseSuite(row.text, `saved suite ${id}`) : null;
    },
    save(suite, id = randomUUID()) {
      db.prepare(
        `INSERT INTO suites (id, name, case_count, updated_at, text) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, case_count = excluded.case_count,
           updated_at = excluded.updated_at, text = excluded.text`,
      ).run([id, suite.name, suite.cases.length, Date.now(), serializeSuite(suite)]);
      return id;
    },
    remove(id) {
      return db.prepare('DELETE FROM suites WHERE id = ?').run([id]).changes > 0;
    },
  };
}
