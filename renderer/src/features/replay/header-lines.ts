// Headers edited as text, one "Name: value" per line, order kept. Pure: tested without a DOM.
import type { RawHeaders } from '../../../../electron/contract/delivery';

export function headersToLines(headers: RawHeaders): string {
  return headers.map(([name, value]) => `${name}: ${value}`).join('\n');
}

export type ParsedHeaderLines = { ok: true; headers: RawHeaders } | { ok: false; error: string };

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Blank lines are skipped; a line without "name:" or with an invalid name is an error naming it. */
export function parseHeaderLines(text: string): ParsedHeaderLines {
  const headers: RawHeaders = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!TOKEN.test(name)) return { ok: false, error: `line ${index + 1}: expected "Name: value"` };
    headers.push([name, line.slice(colon + 1).trim()]);
  }
  return { ok: true, headers };
}
