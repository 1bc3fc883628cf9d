// What learning is told: after how many deliveries a model is settled, and which pointers never
// count as drift (the diff's mask rules and, when on, the provider's volatile-field presets).
// Kept in the store (learning_config) so the materializer thread and every process read the same.
import { z } from 'zod';
import { DEFAULT_SETTLE_AFTER } from '../../contract/learning';
import { compileMasks } from '../inspect/diff/masks';
import { MASK_PRESETS } from '../inspect/diff/mask-presets';
import type { SqliteDatabase } from '../store/open-store';

export interface LearningConfig {
  settleAfter: number;
  maskRules: string[];
  usePresets: boolean;
}

const StoredMasks = z.object({ rules: z.array(z.string()), usePresets: z.boolean() });

export function readLearningConfig(db: SqliteDatabase): LearningConfig {
  const row = db.prepare('SELECT settle_after, masks FROM learning_config WHERE id = 1').get([]) as
    { settle_after: number; masks: string } | undefined;
  if (!row) return { settleAfter: DEFAULT_SETTLE_AFTER, maskRules: [], usePresets: true };
  let masks = { rules: [] as string[], usePresets: true };
  try {
    masks = StoredMasks.parse(JSON.parse(row.masks));
  } catch {
    // A damaged value masks nothing; the next save of the inspector settings rewrites it.
  }
  return { settleAfter: row.settle_after, maskRules: masks.rules, usePresets: masks.usePresets };
}

export function writeLearningConfig(
  db: SqliteDatabase,
  patch: Partial<LearningConfig>,
): LearningConfig {
  const next = { ...readLearningConfig(db), ...patch };
  db.prepare(
    `INSERT INTO learning_config (id, settle_after, masks) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET settle_after = excluded.settle_after, masks = excluded.masks`,
  ).run([next.settleAfter, JSON.stringify({ rules: next.maskRules, usePresets: next.usePresets })]);
  return next;
}

/** A predicate over body pointers: masks speak of `/body/...` as the diff does. */
export function learningMasks(
  config: LearningConfig,
  provider: string | null,
): (bodyPointer: string) => boolean {
  const presets = config.usePresets
    ? [...(MASK_PRESETS.common ?? []), ...(provider ? (MASK_PRESETS[provider] ?? []) : [])]
    : [];
  const masked = compileMasks([...config.maskRules, ...presets]);
  return (pointer) => masked(`/body${pointer}`);
}
