// Learning as rows are written: the delivery inserter (store/delivery-inserter.ts) calls this for
// every new row, inside its write transaction, so a model and the drift verdicts it gave commit
// together with the rows (a rolled-back batch teaches nothing). On a capturing engine that is the
// store's materializer thread: never the thread that answers webhooks.
import type { DriftStatus, DriftVerdict } from '../../contract/learning';
import type { NewDelivery } from '../delivery';
import type { SqliteDatabase } from '../store/open-store';
import { driftOf } from './drift';
import { learningMasks, readLearningConfig, type LearningConfig } from './learning-config';
import { modelKeyOf, parseJsonBody } from './model-key';
import { emptyModel, learn, observe, roomFor, type ShapeModel } from './shape-model';

interface ModelRow {
  model: string;
  first_seen: number;
  drift_count: number;
  drift_since: number | null;
}

interface LoadedModel {
  key: string;
  endpoint: string;
  event: string | null;
  path: string | null;
  model: ShapeModel;
  firstSeen: number;
  lastSeen: number;
  driftCount: number;
  driftSince: number | null;
}

export interface LearnedDrift {
  status: DriftStatus;
  /** The verdict as stored (JSON), null when no model applies (not a JSON body). */
  json: string;
}

export interface LearningBatch {
  /** Judges the delivery against its model, then learns it. Null: no model applies. */
  learn(delivery: NewDelivery, contentType: string | null): LearnedDrift | null;
  /** Writes the models this batch changed. */
  flush(): void;
}

export function createLearner(db: SqliteDatabase): { batch(): LearningBatch } {
  const readModel = db.prepare(
    'SELECT model, first_seen, drift_count, drift_since FROM learned_models WHERE key = ?',
  );
  const writeModel = db.prepare(
    `INSERT INTO learned_models (key, endpoint, event, path, deliveries, first_seen, last_seen,
       drift_count, drift_since, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET deliveries = excluded.deliveries,
       last_seen = excluded.last_seen, drift_count = excluded.drift_count,
       drift_since = excluded.drift_since, model = excluded.model`,
  );

  return {
    batch() {
      // Read once per transaction: settings change rarely, and a batch is at most a few hundred rows.
      let config: LearningConfig | null = null;
      const models = new Map<string, LoadedModel>();
      const load = (ref: ReturnType<typeof modelKeyOf>, at: number): LoadedModel => {
        const cached = models.get(ref.key);
        if (cached) return cached;
        const row = readModel.get([ref.key]) as ModelRow | undefined;
        const loaded: LoadedModel = row
          ? {
              ...ref,
              model: JSON.parse(row.model) as ShapeModel,
              firstSeen: row.first_seen,
              lastSeen: at,
              driftCount: row.drift_count,
              driftSince: row.drift_since,
            }
          : {
              ...ref,
              model: emptyModel(),
              firstSeen: at,
              lastSeen: at,
              driftCount: 0,
              driftSince: null,
            };
        models.set(ref.key, loaded);
        return loaded;
      };
      return {
        learn(delivery, contentType) {
          if (delivery.truncated) return null;
          const body = parseJsonBody(delivery.body, contentType);
          if (body === undefined) return null;
          config ??= readLearningConfig(db);
          const entry = load(modelKeyOf(delivery), delivery.receivedAt);
          const { model } = entry;
          const observations = observe(body, roomFor(model));
          const settled = model.deliveries >= config.settleAfter;
          const changes = settled
            ? driftOf(model, observations, learningMasks(config, delivery.provider))
            : [];
          const status: DriftStatus = !settled ? 'learning' : changes.length ? 'drift' : 'none';
          const verdict: DriftVerdict = {
            status,
            changes,
            model: {
              key: entry.key,
              deliveries: model.deliveries,
              settleAfter: config.settleAfter,
            },
          };
          if (status === 'drift') {
            entry.driftCount += 1;
            entry.driftSince ??= delivery.receivedAt;
          }
          // SECURITY: anyone who knows the public URL can post. A delivery whose signature failed
          // (or was forged through a handshake answer) is judged but teaches nothing, so a
          // stranger cannot make their own shape the settled one.
          const signature = delivery.verdict?.signature.status;
          if (signature === 'invalid' || signature === 'forged-via-handshake') {
            return { status, json: JSON.stringify(verdict) };
          }
          learn(model, observations, delivery.receivedAt);
          entry.lastSeen = Math.max(entry.lastSeen, delivery.receivedAt);
          return { status, json: JSON.stringify(verdict) };
        },
        flush() {
          for (const entry of models.values()) {
            writeModel.run([
              entry.key,
              entry.endpoint,
              entry.event,
              entry.path,
              entry.model.deliveries,
              entry.firstSeen,
              entry.lastSeen,
              entry.driftCount,
              entry.driftSince,
              JSON.stringify(entry.model),
            ]);
          }
          models.clear();
        },
      };
    },
  };
}
