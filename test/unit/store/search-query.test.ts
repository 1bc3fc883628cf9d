import { describe, expect, it } from 'vitest';
import { buildWhere, ftsMatchExpression } from '../../../electron/engine/store/search-query';

describe('ftsMatchExpression', () => {
  it('quotes every word as a prefix phrase, doubling inner quotes', () => {
    expect(ftsMatchExpression('invoice paid')).toBe('"invoice"* "paid"*');
    expect(ftsMatchExpression('"foo')).toBe('"""foo"*');
    expect(ftsMatchExpression('AND( OR NEAR')).toBe('"AND("* "OR"* "NEAR"*');
    expect(ftsMatchExpression('body:x')).toBe('"body:x"*');
  });

  it('drops words with nothing searchable and control characters', () => {
    expect(ftsMatchExpression('  * ( "" ^ ')).toBeNull();
    expect(ftsMatchExpression('')).toBeNull();
    expect(ftsMatchExpression('a\u0000b')).toBe('"a"* "b"*');
    expect(ftsMatchExpression('Crème')).toBe('"Crème"*');
  });
});

describe('buildWhere', () => {
  it('is empty without filters', () => {
    expect(buildWhere({})).toEqual({ sql: '', params: [] });
  });

  it('binds every value and escapes GLOB wildcards in the path prefix', () => {
    const where = buildWhere({ method: 'POST', pathPrefix: '/a*[b]?', responseStatus: 200 }, 42);
    // The range (issue 6) lets the path index serve any prefix; GLOB keeps the match exact.
    expect(where.sql).toBe(
      ' WHERE seq < ? AND method = ? AND path >= ? AND path < ? AND path GLOB ? AND response_status = ?',
    );
    expect(where.params).toEqual([
      42,
      'POST',
      '/a*[b]?',
      '/a*[b]?\u{10FFFF}',
      '/a[*][[]b][?]*',
      200,
    ]);
  });

  it('ignores search text with nothing searchable', () => {
    expect(buildWhere({ text: '   ' })).toEqual({ sql: '', params: [] });
    expect(buildWhere({ text: 'x' }).params).toEqual(['"x"*']);
  });
});
