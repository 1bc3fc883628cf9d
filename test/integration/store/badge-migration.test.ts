// Issue 17: rows stored while `ok` meant "signature or schema valid" are re-badged at open, so the
// inbox and the "Verified" counts stop showing unsigned deliveries as green.
import Database from 'libsql';
import { afterAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../../electron/contract/verdict';
import { openDeliveryStore } from '../../../electron/engine/store';
import { makeDelivery, OK_VERDICT, tempDir } from './store-fixtures';

const temp = tempDir();
afterAll(() => temp.remove());

const unsigned: Verdict = {
  signature: { status: 'missing', reason: 'No ?token= in the URL' },
  schema: { status: 'valid', errors: [] },
  health: [],
};
const noSecret: Verdict = {
  signature: { status: 'not-applicable', reason: 'no shared secret configured' },
  schema: { status: 'valid', errors: [] },
  health: [],
};
const unrecognised: Verdict = {
  signature: { status: 'not-applicable', reason: 'No provider recognised' },
  schema: { status: 'no-schema', errors: [] },
  health: [],
};

describe('badge migration (schema version 6)', () => {
  it("re-badges old 'ok' rows whose signature was never checked, and only those", async () => {
    const file = temp.file();
    const rows = {
      signed: makeDelivery({ verdict: OK_VERDICT }),
      unsigned: makeDelivery({ verdict: unsigned }),
      noSecret: makeDelivery({ verdict: noSecret }),
      unrecognised: makeDelivery({ verdict: unrecognised }),
    };
    const store = openDeliveryStore(file);
    store.appendBatch(Object.values(rows));
    await store.close();

    // Make the file look as version 5 left it: the old rule badged schema-valid rows 'ok'.
    const db = new Database(file);
    db.exec(
      `UPDATE deliveries SET badge = 'ok' WHERE id IN ('${rows.unsigned.id}', '${rows.noSecret.id}')`,
    );
    // ...and without what later versions added (7: learned models and drift columns; 8: suites;
    // 9: settings).
    db.exec(`
      DROP TABLE settings;
      DROP TABLE suites;
      DROP TABLE learned_models;
      DROP TABLE learning_config;
      DROP INDEX deliveries_by_drift;
      ALTER TABLE deliveries DROP COLUMN drift_status;
      ALTER TABLE deliveries DROP COLUMN drift;
    `);
    db.exec('PRAGMA user_version = 5');
    db.close();

    const reopened = openDeliveryStore(file);
    try {
      const badge = (id: string) =>
        reopened.list({ limit: 10 }).items.find((d) => d.id === id)?.badge;
      expect(badge(rows.signed.id)).toBe('ok');
      expect(badge(rows.unsigned.id)).toBe('unsigned');
      expect(badge(rows.noSecret.id)).toBe('unsigned');
      expect(badge(rows.unrecognised.id)).toBe('none');
      expect(reopened.count({ badge: 'ok' })).toBe(1);
    } finally {
      await reopened.close();
    }
  });
});
