// multipart/form-data bodies split into parts (RFC 7578). Pure: bytes in, parts out; the UI shows
// each part's headers and body as text (or hex), never as markup.

export interface MultipartPart {
  /** Header pairs as sent, in order. */
  headers: [string, string][];
  /** The form field name and file name from Content-Disposition, when present. */
  name: string | null;
  filename: string | null;
  contentType: string | null;
  body: Uint8Array;
}

/** The boundary parameter of a multipart content type, or null. */
export function multipartBoundary(contentType: string | null): string | null {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return null;
  const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  outer: for (
    let i = haystack.indexOf(first ?? 0, from);
    i !== -1 && i <= haystack.length - needle.length;
    i = haystack.indexOf(first ?? 0, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

function parameter(value: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i').exec(
    value,
  );
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? null);
}

function parsePart(bytes: Uint8Array): MultipartPart {
  // Headers end at the first empty line; a part without one is all body.
  const crlf = indexOf(bytes, new Uint8Array([13, 10, 13, 10]), 0);
  const lf = crlf === -1 ? indexOf(bytes, new Uint8Array([10, 10]), 0) : -1;
  const end = crlf !== -1 ? crlf : lf;
  const headerText = end === -1 ? '' : utf8.decode(bytes.subarray(0, end));
  const body = end === -1 ? bytes : bytes.subarray(end + (crlf !== -1 ? 4 : 2));
  const headers: [string, string][] = [];
  for (const line of headerText.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const header = (wanted: string) =>
    headers.find(([key]) => key.toLowerCase() === wanted)?.[1] ?? null;
  const disposition = header('content-disposition') ?? '';
  return {
    headers,
    name: parameter(disposition, 'name'),
    filename: parameter(disposition, 'filename'),
    contentType: header('content-type'),
    body,
  };
}

/**
 * The parts of a multipart body, or null when the content type has no boundary or the body holds
 * no delimiter. The preamble and epilogue are dropped; a body cut short (truncated) keeps its parts
 * so far, the last one as far as it goes.
 */
export function parseMultipart(
  bytes: Uint8Array,
  contentType: string | null,
): MultipartPart[] | null {
  const boundary = multipartBoundary(contentType);
  if (!boundary) return null;
  const delimiter = new Uint8Array([...latin1Bytes(`--${boundary}`)]);
  let at = indexOf(bytes, delimiter, 0);
  if (at === -1) return null;
  const parts: MultipartPart[] = [];
  while (at !== -1) {
    let start = at + delimiter.length;
    // "--" right after a delimiter closes the body.
    if (bytes[start] === 45 && bytes[start + 1] === 45) break;
    if (bytes[start] === 13) start++;
    if (bytes[start] === 10) start++;
    const next = indexOf(bytes, delimiter, start);
    let end = next === -1 ? bytes.length : next;
    // The line break before a delimiter belongs to the delimiter.
    if (next !== -1 && bytes[end - 1] === 10) end--;
    if (next !== -1 && bytes[end - 1] === 13) end--;
    parts.push(parsePart(bytes.subarray(start, end)));
    at = next;
  }
  return parts;
}

function latin1Bytes(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0) & 0xff);
}

/** Exported for tests: decodes header bytes the way parsePart does. */
export const decodeLatin1 = (bytes: Uint8Array): string => latin1.decode(bytes);
