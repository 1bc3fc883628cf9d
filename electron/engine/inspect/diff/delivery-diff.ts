import type { RawHeaders } from '../../../contract/delivery';
import { diffJson } from './json-diff';
import { diffLines, type LineOp } from './line-diff';
import type { DiffChange, DiffOptions } from './types';

/** The parts of a delivery a diff looks at (a captured delivery, or a replay's answer). */
export interface DiffableMessage {
  target?: string;
  rawHeaders: RawHeaders;
  body: Uint8Array;
}

export type BodyDiff =
  | { kind: 'json'; changes: DiffChange[] }
  | { kind: 'text'; lines: LineOp[]; equal: boolean; approximate?: boolean }
  | { kind: 'binary'; equal: boolean; sizes: [number, number] };

export interface MessageDiff {
  equal: boolean;
  /** Headers (names lower-cased, `/headers/<name>`) and query (`/query/<name>`) as JSON changes. */
  changes: DiffChange[];
  body: BodyDiff;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function asText(bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

function asJson(text: string | null): { value: unknown } | null {
  if (text === null || text.trim() === '') return null;
  try {
    return { value: JSON.parse(text) };
  } catch {
    return null;
  }
}

/** Headers as an object of lower-cased names; repeated headers become arrays. */
function headerObject(rawHeaders: RawHeaders): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of rawHeaders) {
    const key = name.toLowerCase();
    const existing = result[key];
    result[key] =
      existing === undefined
        ? value
        : Array.isArray(existing)
          ? [...existing, value]
          : [existing, value];
  }
  return result;
}

function queryObject(target: string | undefined): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  if (!target) return result;
  const query = target.includes('?') ? target.slice(target.indexOf('?') + 1) : '';
  for (const [key, value] of new URLSearchParams(query)) {
    const existing = result[key];
    result[key] =
      existing === undefined
        ? value
        : Array.isArray(existing)
          ? [...existing, value]
          : [existing, value];
  }
  return result;
}

/** Diffs two deliveries: headers, query and body (structural for JSON, by line for text). */
export function diffMessages(
  a: DiffableMessage,
  b: DiffableMessage,
  options: DiffOptions = {},
): MessageDiff {
  const envelope = diffJson(
    { headers: headerObject(a.rawHeaders), query: queryObject(a.target) },
    { headers: headerObject(b.rawHeaders), query: queryObject(b.target) },
    options,
  );
  const textA = asText(a.body);
  const textB = asText(b.body);
  const jsonA = asJson(textA);
  const jsonB = asJson(textB);
  let body: BodyDiff;
  if (jsonA && jsonB) {
    // Body changes are reported under /body so masks and pointers name one document.
    const changes = diffJson({ body: jsonA.value }, { body: jsonB.value }, options);
    body = { kind: 'json', changes };
  } else if (textA !== null && textB !== null) {
    const { lines, approximate } = diffLines(textA, textB);
    body = { kind: 'text', lines, equal: textA === textB, ...(approximate ? { approximate } : {}) };
  } else {
    body = {
      kind: 'binary',
      equal: Buffer.compare(Buffer.from(a.body), Buffer.from(b.body)) === 0,
      sizes: [a.body.length, b.body.length],
    };
  }
  const bodyEqual = body.kind === 'json' ? body.changes.length === 0 : body.equal;
  return { equal: envelope.length === 0 && bodyEqual, changes: envelope, body };
}
