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
    add('path GLOB ?', `${escapeGlob(filter.pathPrefix)}*`);
  }
  if (filter.endpoint !== undefined) add('endpoint = ?', filter.endpoint);
  if (filter.since !== undefined) add('received_at >= ?', filter.since);
  if (filter.until !== undefined) add('received_at <= ?', filter.until);
  if (filter.provider !== undefined) add('provider = ?', filter.provider);
  if (filter.event !== undefined) add('event = ?', filter.event);
  if (filter.badge !== undefined) add('badge = ?', filter.badge);
  if (filter.responseStatus !== undefined) add('response_status = ?', filter.responseStatus);
  const match = filter.text === undefined ? null : ftsMatchExpression(filter.text);
  if (match !== null) {
    add('seq IN (SELECT rowid FROM deliveries_fts WHERE deliveries_fts MATCH ?)', match);
  }
  return { sql: conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '', params };
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
