import type { DeliveryFacets, FacetCount } from '../../contract/inspector';
import type { SqliteStatement } from './open-store';
import type { DeliveryFilter } from './search-query';
import { buildWhere } from './search-query';

type Prepare = (sql: string) => SqliteStatement;

/** Distinct values per column, most frequent first; each GROUP BY walks one covering index. */
const FACET_COLUMNS = {
  providers: 'provider',
  events: 'event',
  endpoints: 'endpoint',
  // The column is COLLATE NOCASE: GROUP BY already merges "post" and "POST", and uses the index.
  methods: 'method',
  statuses: 'response_status',
  badges: 'badge',
} as const;

/** Menus show at most this many values per facet. */
const MAX_VALUES = 200;

function facet(prepare: Prepare, column: string, filter: DeliveryFilter): FacetCount[] {
  const where = buildWhere(filter);
  const notNull = `${column} IS NOT NULL`;
  const clause = where.sql ? `${where.sql} AND ${notNull}` : ` WHERE ${notNull}`;
  const sql =
    `SELECT ${column} AS value, count(*) AS count FROM deliveries${clause} ` +
    `GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${MAX_VALUES}`;
  const rows = prepare(sql).all(where.params) as { value: string | number; count: number }[];
  return rows.map((row) => ({
    value: column === 'method' ? String(row.value).toUpperCase() : String(row.value),
    count: row.count,
  }));
}

/** What the filter menus offer: for each field, the values present among matching deliveries. */
export function readFacets(prepare: Prepare, filter: DeliveryFilter = {}): DeliveryFacets {
  const where = buildWhere(filter);
  const labelSql =
    'SELECT label AS value, count(*) AS count FROM delivery_labels' +
    (where.sql ? ` WHERE seq IN (SELECT seq FROM deliveries${where.sql})` : '') +
    ` GROUP BY label ORDER BY 2 DESC, 1 LIMIT ${MAX_VALUES}`;
  const pinnedWhere = where.sql ? `${where.sql} AND pinned = 1` : ' WHERE pinned = 1';
  const pinned = prepare(`SELECT count(*) AS n FROM deliveries${pinnedWhere}`).get(
    where.params,
  ) as {
    n: number;
  };
  return {
    providers: facet(prepare, FACET_COLUMNS.providers, filter),
    events: facet(prepare, FACET_COLUMNS.events, filter),
    endpoints: facet(prepare, FACET_COLUMNS.endpoints, filter),
    methods: facet(prepare, FACET_COLUMNS.methods, filter),
    statuses: facet(prepare, FACET_COLUMNS.statuses, filter),
    badges: facet(prepare, FACET_COLUMNS.badges, filter),
    labels: (prepare(labelSql).all(where.params) as FacetCount[]).map((row) => ({
      value: row.value,
      count: row.count,
    })),
    pinned: pinned.n,
  };
}
