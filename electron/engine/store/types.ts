import type { SuiteBook } from '../suites/suite-book';
import type { LearningBook } from '../learning/learning-book';
import type {
  DeliveryPage,
  DeliveryQuery,
  DeliverySummary,
  StoreStats,
} from '../../contract/delivery';
import type { DeliveryFacets, DeliveryHistogram } from '../../contract/inspector';
import type { Verdict } from '../../contract/verdict';
import type { AnnotationPatch } from './annotations';
import type { UnreadableRow } from './integrity';
import type { Delivery, NewDelivery } from '../delivery';

/** Retention limits; whichever is hit first evicts the oldest deliveries. */
export interface RetentionLimits {
  maxCount: number;
  maxBytes: number;
}

export const DEFAULT_RETENTION: RetentionLimits = { maxCount: 100_000, maxBytes: 2 * 1024 ** 3 };

/** Facts computed from the raw delivery; they can be recomputed at any time (e.g. a secret changed). */
export interface DerivedFacts {
  provider: string | null;
  event: string | null;
  handshake: boolean;
  verdict: Verdict | null;
}

/** What the store tells listeners (the UI bridge batches these). */
export type StoreChange =
  | { kind: 'appended'; items: DeliverySummary[] }
  | { kind: 'updated'; items: DeliverySummary[] }
  | { kind: 'deleted'; ids: string[] }
  | { kind: 'cleared' };

export interface DeliveryStore {
  /** Writes all deliveries in one transaction (imports, tests). Throws if the write fails. */
  appendBatch(deliveries: readonly NewDelivery[]): void;
  /**
   * Resolves once (nearly) every acknowledged delivery is a row, without blocking the thread
   * meanwhile, so a read that follows blocks for little or nothing. UI calls await it: during a
   * burst's catch-up they wait while the receiver keeps answering.
   */
  whenReadable(): Promise<void>;
  get(id: string): Delivery | null;
  list(query: DeliveryQuery): DeliveryPage;
  count(query?: Omit<DeliveryQuery, 'limit' | 'beforeSeq'>): number;
  /** Oldest first, for export; yields every matching delivery without holding them all in memory. */
  iterate(ids?: readonly string[]): Iterable<Delivery>;
  /** Like iterate, but rows a damaged page makes unreadable are skipped and reported (export). */
  iterateReadable?(
    ids: readonly string[] | undefined,
    onUnreadable: (row: UnreadableRow) => void,
  ): Iterable<Delivery>;
  updateDerived(id: string, facts: DerivedFacts): void;
  /** Pins, labels or notes a delivery; answers its new summary, or null when the id is unknown. */
  annotate(id: string, patch: AnnotationPatch): DeliverySummary | null;
  /** Distinct providers, events, endpoints, methods, statuses, badges, labels with counts. */
  facets(filter?: Omit<DeliveryQuery, 'limit' | 'beforeSeq'>): DeliveryFacets;
  /** Matching deliveries over time in about `buckets` buckets, with per-event and per-badge counts. */
  histogram(filter: Omit<DeliveryQuery, 'limit' | 'beforeSeq'>, buckets: number): DeliveryHistogram;
  delete(ids: readonly string[]): number;
  clear(): void;
  /**
   * `indexedOnly`: the rows committed so far, without waiting for the capture journal to be indexed
   * (a synchronous wait on the receiver's thread). Event pushes use it: their counts then match the
   * captured rows they carry (issue 14).
   */
  stats(options?: { indexedOnly?: boolean }): StoreStats;
  onChange(listener: (change: StoreChange) => void): () => void;
  /** Models learned from traffic and learning's settings (issue 16). */
  readonly learning: LearningBook;
  /** Replay suites saved in the workspace (issue 16). */
  readonly suites: SuiteBook;
  close(): void;
}
