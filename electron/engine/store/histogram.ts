import type { DeliveryHistogram, FacetCount } from '../../contract/inspector';
import type { SqliteStatement } from './open-store';
import type { DeliveryFilter } from './search-query';
import { buildWhere } from './search-query';

type Prepare = (sql: string) => SqliteStatement;

/** Bucket widths snap to round values so the axis reads well (1 s ... 1 week). */
const NICE_BUCKETS_MS = [
  1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000, 10_800_000,
  21_600_000, 43_200_000, 86_400_000, 604_800_000,
];

function niceBucket(spanMs: number, buckets: number): number {
  const wanted = Math.max(1, spanMs / buckets);
  return (
    NICE_BUCKETS_MS.find((size) => size >= wanted) ?? Math.ceil(wanted / 604_800_000) * 604_800_000
  );
}

/**
 * Deliveries over time for the timeline, split by verdict badge, plus counts per event and badge.
 * The range is since..until when given, else the first..last matching delivery.
 */
export function readHistogram(
  prepare: Prepare,
  filter: DeliveryFilter,
  buckets: number,
): DeliveryHistogram {
  const where = buildWhere(filter);
  const range = prepare(
    `SELECT min(received_at) AS first, max(received_at) AS last, count(*) AS total FROM deliveries${where.sql}`,
  ).get(where.params) as { first: number | null; last: number | null; total: number };
  const empty: DeliveryHistogram = {
    start: filter.since ?? 0,
    bucketMs: 60_000,
    counts: [],
    byBadge: {},
    total: 0,
    events: [],
    badges: [],
  };
  if (range.total === 0 || range.first === null || range.last === null) return empty;
  const from = filter.since ?? range.first;
  const to = filter.until ?? range.last;
  const bucketMs = niceBucket(Math.max(to - from, 1), buckets);
  const start = Math.floor(from / bucketMs) * bucketMs;
  const size = Math.floor((to - start) / bucketMs) + 1;
  const counts = new Array<number>(size).fill(0);
  const byBadge: Record<string, number[]> = {};
  const add = (index: number, badge: string, n: number): void => {
    if (index < 0 || index >= size) return;
    counts[index] = (counts[index] ?? 0) + n;
    const series = (byBadge[badge] ??= new Array<number>(size).fill(0));
    series[index] = (series[index] ?? 0) + n;
  };
  const rangeWhere = buildWhere({ ...filter, since: undefined, until: undefined });
  if (rangeWhere.sql === '') {
    // Time alone: one range count per bucket walks the (received_at, badge) index in order. A
    // GROUP BY over a computed bucket would sort every row in a temporary B-tree: 10 times slower.
    const perBucket = prepare(
      'SELECT badge, count(*) AS n FROM deliveries WHERE received_at >= ? AND received_at < ? GROUP BY badge',
    );
    for (let index = 0; index < size; index++) {
      const low = Math.max(start + index * bucketMs, from);
      const high = Math.min(start + (index + 1) * bucketMs, to + 1);
      for (const row of perBucket.all([low, high]) as { badge: string; n: number }[])
        add(index, row.badge, row.n);
    }
  } else {
    // Other filters pick their own index; one pass over the matching rows, grouped once. CAST keeps
    // the division integral (bound numbers arrive as REAL).
    const rows = prepare(
      'SELECT CAST((received_at - CAST(? AS INTEGER)) / CAST(? AS INTEGER) AS INTEGER) AS bucket, badge, ' +
        `count(*) AS n FROM deliveries${where.sql} GROUP BY 1, 2`,
    ).all([start, bucketMs, ...where.params]) as { bucket: number; badge: string; n: number }[];
    for (const row of rows) add(row.bucket, row.badge, row.n);
  }
  // GROUP BY the bare column walks its index; sorting the few groups by count is done here.
  const grouped = (column: string): FacetCount[] =>
    (
      prepare(
        `SELECT ${column} AS value, count(*) AS count FROM deliveries${where.sql} GROUP BY ${column}`,
      ).all(where.params) as { value: string | null; count: number }[]
    )
      .map((row) => ({ value: row.value ?? '', count: row.count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, 50);
  return {
    start,
    bucketMs,
    counts,
    byBadge,
    total: range.total,
    events: grouped('event'),
    badges: grouped('badge'),
  };
}
