import type { DeliveryQuery } from '../../contract/delivery';

export type DeliveryFilter = Omit<DeliveryQuery, 'limit' | 'beforeSeq'>;

export interface WhereClause {
  /** Empty, or " WHERE ..." ready to append. */
  sql: string;
  params: unknown[];
}

/**
 * Turns a query into a WHERE clause. Every value is a bound parameter; only the clause's shape
 * (which filters are present) varies, so the statement cache stays small.
 * since and until are both inclusive (ms); pathPrefix matches the path (target minus query).
 */
export function buildWhere(filter: DeliveryFilter, beforeSeq?: number): WhereClause {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, value: unknown): void => {
    conditions.push(condition);
    params.push(value);
  };
  if (beforeSeq !== undefined) add('seq < ?', beforeSeq);
  // The method column is COLLATE NOCASE: "post" finds POST, and the index still applies.
  if (filter.method !== undefined) add('method = ?', filter.method);
  if (filter.pathPrefix !== undefined && filter.pathPrefix !== '') {
    // The explicit range lets the planner use the path index whatever the bound value is.
    add('path >= ?', filter.pathPrefix);
    add('path < ?', `${filter.pathPrefix}\u{10FFFF}`);
    add('path GLOB ?', `${escapeGlob(filter.pathPrefix)}*`);
  }
  if (filter.endpoint !== undefined) add('endpoint = ?', filter.endpoint);
  if (filter.since !== undefined) add('received_at >= ?', filter.since);
  if (filter.until !== undefined) add('received_at <= ?', filter.until);
  if (filter.provider !== undefined) add('provider = ?', filter.provider);
  if (filter.event !== undefined) add('event = ?', filter.event);
  if (filter.badge !== undefined) add('badge = ?', filter.badge);
  if (filter.responseStatus !== undefined) add('response_status = ?', filter.responseStatus);
  // One shape whatever the statuses asked for; the partial index deliveries_by_drift applies.
  if (filter.drift !== undefined && filter.drift.length > 0)
    add('drift_status IN (SELECT value FROM json_each(?))', JSON.stringify(filter.drift));
  // Literal values: the partial index deliveries_pinned applies only when the query says pinned = 1.
  if (filter.pinned !== undefined) conditions.push(filter.pinned ? 'pinned = 1' : 'pinned = 0');
  if (filter.label !== undefined) {
    add('seq IN (SELECT seq FROM delivery_labels WHERE label = ?)', filter.label);
  }
  const match = filter.text === undefined ? null : ftsMatchExpression(filter.text);
  if (match !== null) {
    // With another filter, `+seq` (no index on this term) makes SQLite walk that filter's index
    // and test membership, instead of looking up every row the words match (130 ms -> 20 ms for
    // a common word within the last day at 100,000 deliveries). Alone, the word list drives.
    const column = conditions.length > (beforeSeq !== undefined ? 1 : 0) ? '+seq' : 'seq';
    add(`${column} IN (SELECT rowid FROM deliveries_fts WHERE deliveries_fts MATCH ?)`, match);
  }
  return { sql: conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '', params };
}

/**
 * The list statement for a WHERE clause. Two steps: the inner query finds the page's seqs from the
 * indexes alone (every index ends with seq, so no row is read to filter or sort), then only the
 * page's rows are read. One step would read every matching row before sorting: 240 ms instead of
 * a few for "path prefix" at 100,000 deliveries. Its last parameter is the row limit.
 */
export function listSql(columns: string, where: WhereClause): string {
  return (
    `SELECT ${columns} FROM deliveries WHERE seq IN ` +
    `(SELECT seq FROM deliveries${where.sql} ORDER BY seq DESC LIMIT ?) ORDER BY seq DESC`
  );
}

/**
 * The count statement. Text alone is counted in the full-text index itself (it holds exactly one
 * entry per delivery): 10 ms instead of 130 ms for a word in half of 100,000 bodies.
 */
export function countQuery(filter: DeliveryFilter): WhereClause {
  const onlyText = Object.entries(filter).every(
    ([key, value]) => key === 'text' || value === undefined,
  );
  const match = filter.text === undefined ? null : ftsMatchExpression(filter.text);
  if (onlyText && match !== null) {
    return {
      sql: 'SELECT count(*) AS n FROM deliveries_fts WHERE deliveries_fts MATCH ?',
      params: [match],
    };
  }
  const where = buildWhere(filter);
  return { sql: `SELECT count(*) AS n FROM deliveries${where.sql}`, params: where.params };
}

/** GLOB is case-sensitive like paths, and uses the path index for a literal prefix. */
function escapeGlob(literal: string): string {
  return literal.replace(/[*?[]/g, (char) => `[${char}]`);
}

const SEARCHABLE = /[\p{L}\p{N}]/u;

/**
 * Search box text -> FTS5 MATCH expression. Each whitespace-separated word becomes a quoted
 * phrase (inner quotes doubled), so no input can be read as FTS5 syntax (AND, NEAR, column:,
 * parentheses, stray quotes); all words must match, each as a prefix (search as you type).
 * Returns null when nothing searchable is left: the text filter is then ignored.
 */
export function ftsMatchExpression(text: string): string | null {
  const phrases: string[] = [];
  // Control characters (NUL above all) would end the expression early inside SQLite.
  for (const word of text.replace(/\p{Cc}/gu, ' ').split(/\s+/u)) {
    // Words with no letter or digit tokenize to nothing and would make an empty phrase.
    if (!SEARCHABLE.test(word)) continue;
    phrases.push(`"${word.replace(/"/g, '""')}"*`);
  }
  return phrases.length ? phrases.join(' ') : null;
}
