/** Reading and editing the query of a raw request target (path + query) or a URL. */

function queryPart(target: string): string {
  const hash = target.indexOf('#');
  const withoutFragment = hash === -1 ? target : target.slice(0, hash);
  const question = withoutFragment.indexOf('?');
  return question === -1 ? '' : withoutFragment.slice(question + 1);
}

/**
 * The parsed query of the target asked about last: detection, handshakes and challenge reporting
 * ask about the same delivery's query several times. Strings are values, so reuse is always exact.
 */
const EMPTY_QUERY = new URLSearchParams();
let parsedTarget: string | null = null;
let parsedQuery = EMPTY_QUERY;

/** All values of one query parameter, decoded like a form (`+` is a space), in order. */
export function queryParams(target: string, name: string): string[] {
  if (target !== parsedTarget) {
    const query = queryPart(target);
    // Most targets have no query: no parser needed for them.
    parsedQuery = query === '' ? EMPTY_QUERY : new URLSearchParams(query);
    parsedTarget = target;
  }
  return parsedQuery.getAll(name);
}

/** The first value of one query parameter, or null when absent. */
export function queryParam(target: string, name: string): string | null {
  return queryParams(target, name)[0] ?? null;
}

/**
 * Sets one query parameter, keeping the rest of the target byte-for-byte (URLSearchParams would
 * re-encode every other parameter).
 */
export function withQueryParam(target: string, name: string, value: string): string {
  const hash = target.indexOf('#');
  const fragment = hash === -1 ? '' : target.slice(hash);
  const base = hash === -1 ? target : target.slice(0, hash);
  const question = base.indexOf('?');
  const path = question === -1 ? base : base.slice(0, question);
  const pairs =
    question === -1
      ? []
      : base
          .slice(question + 1)
          .split('&')
          .filter(Boolean);
  const kept = pairs.filter((pair) => safeDecode(pair.split('=')[0] ?? '') !== name);
  kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  return `${path}?${kept.join('&')}${fragment}`;
}

/** Decodes a query key; a malformed escape (`%zz`) is compared as written instead of throwing. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
