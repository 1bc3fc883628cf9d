// Splits a raw request target into the parts the detail pane shows, keeping the sender's order.

export interface QueryParam {
  name: string;
  value: string;
}

/**
 * Decodes one x-www-form-urlencoded component; a malformed escape keeps the raw text so the user
 * still sees exactly what arrived.
 */
function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Parses `a=1&b=&c` into pairs in order, duplicates kept (URLSearchParams would also do, but
 * it silently replaces malformed escapes with U+FFFD). */
export function parseFormPairs(text: string): QueryParam[] {
  if (text === '') return [];
  return text
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const name = eq === -1 ? part : part.slice(0, eq);
      const value = eq === -1 ? '' : part.slice(eq + 1);
      return { name: decodeComponent(name), value: decodeComponent(value) };
    });
}

export function splitTarget(target: string): { path: string; query: string } {
  const question = target.indexOf('?');
  if (question === -1) return { path: target, query: '' };
  return { path: target.slice(0, question), query: target.slice(question + 1) };
}

export function queryParams(target: string): QueryParam[] {
  const { query } = splitTarget(target);
  // A fragment never reaches a server, but a hostile sender can put '#' in the raw target; keep it.
  return parseFormPairs(query);
}

export { headerValue } from '../../../electron/contract/headers';

/** The media type without parameters, lower-cased: `application/json; charset=utf-8` -> `application/json`. */
export function mediaType(contentType: string | null): string {
  if (!contentType) return '';
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

export function isJsonMediaType(contentType: string | null): boolean {
  const type = mediaType(contentType);
  return type === 'application/json' || type.endsWith('+json') || type === 'text/json';
}

export function isFormMediaType(contentType: string | null): boolean {
  return mediaType(contentType) === 'application/x-www-form-urlencoded';
}

/** Joins the receiver base URL and a raw target without normalising the target. */
export function joinUrl(baseUrl: string, target: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
  return target.startsWith('/') ? base + target : `${base}/${target}`;
}
