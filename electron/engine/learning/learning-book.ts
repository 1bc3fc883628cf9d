// The app's side of learning: which models exist, one model by endpoint and event, the settings,
// and forgetting everything (clear-all). The materializer thread writes models (learner.ts).
import type { LearnedModelSummary } from '../../contract/learning';
import type { SqliteDatabase } from '../store/open-store';
import { readLearningConfig, writeLearningConfig, type LearningConfig } from './learning-config';
import { modelKey } from './model-key';
import type { ShapeModel } from './shape-model';

interface SummaryRow {
  key: string;
  endpoint: string;
  event: string | null;
  path: string | null;
  deliveries: number;
  first_seen: number;
  last_seen: number;
  drift_count: number;
  drift_since: number | null;
}

export interface LearnedModel extends LearnedModelSummary {
  model: ShapeModel;
}

export interface LearningBook {
  list(endpoint?: string): LearnedModelSummary[];
  /** The model of an endpoint's event; with no event, its only model (or the one of `path`). */
  find(endpoint: string, event: string | null | undefined): LearnedModel | null;
  config(): LearningConfig;
  configure(patch: Partial<LearningConfig>): LearningConfig;
  /** Forgets every model (the deliveries they were learned from are gone). */
  reset(): void;
}

const SUMMARY = `key, endpoint, event, path, deliveries, first_seen, last_seen, drift_count, drift_since`;

export function openLearningBook(db: SqliteDatabase): LearningBook {
  const toSummary = (row: SummaryRow, settleAfter: number): LearnedModelSummary => ({
    key: row.key,
    endpoint: row.endpoint,
    event: row.event,
    path: row.path,
    deliveries: row.deliveries,
    settled: row.deliveries >= settleAfter,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    driftCount: row.drift_count,
    driftSince: row.drift_since,
  });
  return {
    list(endpoint) {
      const { settleAfter } = readLearningConfig(db);
      const rows = (
        endpoint === undefined
          ? db.prepare(`SELECT ${SUMMARY} FROM learned_models ORDER BY key`).all([])
          : db
              .prepare(`SELECT ${SUMMARY} FROM learned_models WHERE endpoint = ? ORDER BY key`)
              .all([endpoint])
      ) as SummaryRow[];
      return rows.map((row) => toSummary(row, settleAfter));
    },
    find(endpoint, event) {
      const { settleAfter } = readLearningConfig(db);
      let row: (SummaryRow & { model: string }) | undefined;
      if (event) {
        row = db
          .prepare(`SELECT ${SUMMARY}, model FROM learned_models WHERE key = ?`)
          .get([modelKey(endpoint, event, null)]) as typeof row;
      } else {
        const rows = db
          .prepare(
            `SELECT ${SUMMARY}, model FROM learned_models WHERE endpoint = ? ORDER BY deliveries DESC`,
          )
          .all([endpoint]) as NonNullable<typeof row>[];
        row = rows.length === 1 ? rows[0] : rows.find((candidate) => candidate.path === endpoint);
      }
      if (!row) return null;
      return { ...toSummary(row, settleAfter), model: JSON.parse(row.model) as ShapeModel };
    },
    config: () => readLearningConfig(db),
    configure: (patch) => writeLearningConfig(db, patch),
    reset() {
      db.prepare('DELETE FROM learned_models').run([]);
    },
  };
}
