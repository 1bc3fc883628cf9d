import type { DeriveSnapshot } from '../capture-rules/derive-snapshot';
import type { DeliverySummary } from '../../contract/delivery';
import type { RetentionLimits } from './types';

/** What the materializer thread starts with. */
export interface MaterializerData {
  databaseFile: string;
  journalFile: string;
  journalName: string;
  retention: RetentionLimits;
  /**
   * BigInt64Array[2] over it: [0] the last journal seq materialized (the read barrier waits on
   * it), [1] how many readers are waiting for it right now (the thread then never pauses).
   */
  progress: SharedArrayBuffer;
  /** The engine's writer turns SQLite's in-commit checkpoints off (a worker checkpoints). */
  checkpointInBackground: boolean;
  /** Endpoints and schemas to derive facts with (updated by 'derive-context' messages). */
  snapshot: DeriveSnapshot;
}

export type ToMaterializer =
  /** Records up to journal seq `seq` are written up to `end` of the journal's `generation`. */
  | { type: 'written'; generation: number; end: number; seq: number }
  | { type: 'retention'; limits: RetentionLimits }
  | { type: 'derive-context'; snapshot: DeriveSnapshot }
  /** A reader is waiting: materialize now, without gathering. */
  | { type: 'hurry' }
  | { type: 'stop' };

export type FromMaterializer =
  | {
      type: 'materialized';
      journalSeq: number;
      /** Summaries of the new rows: the store's 'appended' change event, built here. */
      appended: DeliverySummary[];
      evicted: string[];
    }
  | { type: 'problem'; message: string };
