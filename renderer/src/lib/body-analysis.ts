// Decides how a body can be shown (pretty JSON, form fields, raw text, hex) and which view opens first.
import { decodeUtf8, isProbablyText } from './bytes';
import { isFormMediaType, isJsonMediaType, parseFormPairs, type QueryParam } from './request-parts';

export type BodyViewKind = 'json' | 'form' | 'raw' | 'hex';

/** Bigger JSON is still shown raw; parsing it on the UI thread would freeze the window. */
export const MAX_JSON_PARSE_BYTES = 8 * 1024 * 1024;

export interface BodyAnalysis {
  isText: boolean;
  /** Text for the raw view (lenient UTF-8 decode even for binary, where it is a last resort). */
  text: string;
  json: { value: unknown } | null;
  form: QueryParam[] | null;
  views: BodyViewKind[];
  preferred: BodyViewKind;
}

function tryParseJson(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

export function analyzeBody(bytes: Uint8Array, contentType: string | null): BodyAnalysis {
  const isText = isProbablyText(bytes);
  const text = decodeUtf8(bytes);
  const trimmed = text.trimStart();
  // Senders mislabel JSON (SNS sends text/plain), so the first character counts as much as the type.
  const looksJson = isJsonMediaType(contentType) || trimmed.startsWith('{') || trimmed.startsWith('[');
  const json = isText && looksJson && bytes.length <= MAX_JSON_PARSE_BYTES ? tryParseJson(text) : null;
  const form = isText && isFormMediaType(contentType) ? parseFormPairs(text.trim()) : null;
  const views: BodyViewKind[] = [];
  if (json) views.push('json');
  if (form) views.push('form');
  views.push('raw', 'hex');
  const preferred: BodyViewKind = json ? 'json' : form ? 'form' : isText ? 'raw' : 'hex';
  return { isText, text, json, form, views, preferred };
}
